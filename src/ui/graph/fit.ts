// How the canvas fits the design: one set of options for every fit, so the first view, a refit
// and Present agree. The padding keeps nodes clear of what floats over the canvas: the Create
// toolbar at the top left (about 40 px high), the zoom controls at the bottom left.
import type { FitViewOptions } from '@xyflow/react';

export const FIT_PADDING = { top: '48px', bottom: '16px', left: '52px', right: '20px' } as const;

export const fitOptions = (duration: number): FitViewOptions => ({ padding: FIT_PADDING, duration, maxZoom: 1.2 });

/** The minimap helps find the way in a design larger than the canvas; a small one fits whole. */
export const MINIMAP_FROM_NODES = 60;

export type LodBand = 'near' | 'mid' | 'low' | 'far';

/**
 * What the nodes can show at a zoom, with text at least 11 px on screen (graph.css): a workload
 * (190 x 58) holds its name and its chips down to 0.62, its name alone down to 0.28.
 */
export function lodBand(zoom: number): LodBand {
  return zoom >= 0.8 ? 'near' : zoom >= 0.62 ? 'mid' : zoom >= 0.28 ? 'low' : 'far';
}
