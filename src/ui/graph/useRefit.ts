// The view fits again whenever a change would leave part of the design out of sight: nodes added
// (on the canvas, from the YAML, by an import), or the canvas resized (back from the Matrix, the
// YAML panel opened or dragged, Present taking the whole width, the inspector docking). A view the
// user zoomed or panned into part of the design is left alone, except for nodes just added.
import { useOnViewportChange, useReactFlow, useStore as useFlowStore } from '@xyflow/react';
import { useEffect, useMemo, useRef } from 'react';
import type { AppNode } from './derive.ts';
import { fitOptions } from './fit.ts';

/** How far (graph units) a node may stick out before it counts as out of sight. */
const SLACK = 4;

export function useRefit(nodes: readonly AppNode[]): void {
  const flow = useReactFlow();
  const width = useFlowStore((s) => s.width);
  const height = useFlowStore((s) => s.height);
  const topIds = useMemo(() => nodes.filter((n) => !n.parentId).map((n) => n.id), [nodes]);
  // By key: a drag or a selection re-derives the nodes but adds none.
  const idsKey = useMemo(() => nodes.map((n) => n.id).join('\n'), [nodes]);
  const seen = useRef<Set<string> | null>(null);
  /** The last view showed the whole design (true until the user looks at a part). */
  const wholeInView = useRef(true);
  const fitting = useRef(false);
  /** The canvas size the last judgement saw: a canvas that grew leaves a fitted design small. */
  const lastSize = useRef('');

  const allInSight = (): boolean | undefined => {
    if (width <= 0 || height <= 0 || topIds.length === 0) return undefined;
    const b = flow.getNodesBounds(topIds);
    if (b.width === 0 && b.height === 0) return undefined;
    const { x, y, zoom } = flow.getViewport();
    const left = -x / zoom;
    const top = -y / zoom;
    return b.x >= left - SLACK && b.y >= top - SLACK && b.x + b.width <= left + width / zoom + SLACK && b.y + b.height <= top + height / zoom + SLACK;
  };

  useOnViewportChange({
    onEnd: () => {
      if (fitting.current) return;
      const inSight = allInSight();
      if (inSight !== undefined) wholeInView.current = inSight;
    },
  });

  useEffect(() => {
    const ids = idsKey === '' ? [] : idsKey.split('\n');
    const previous = seen.current;
    seen.current = new Set(ids);
    const added = previous !== null && ids.some((id) => !previous.has(id));
    const size = `${Math.round(width)}x${Math.round(height)}`;
    const resized = lastSize.current !== '' && lastSize.current !== size;
    lastSize.current = size;
    // Measured sizes arrive a frame after the nodes: judge then.
    const id = requestAnimationFrame(() => {
      const inSight = allInSight();
      if (inSight === undefined) return;
      // Out of sight: fit when nodes came or the user had the whole design in view. In sight: a
      // canvas that changed size (the window, the panels) fits the whole design to it again, so
      // a wider canvas shows it larger, not as a small picture in a corner.
      const fit = inSight ? resized && wholeInView.current : added || wholeInView.current;
      if (!fit) return;
      fitting.current = true;
      void flow.fitView(fitOptions(200)).then(() => {
        fitting.current = false;
        wholeInView.current = true;
      });
    });
    return () => cancelAnimationFrame(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- allInSight reads the same inputs
  }, [idsKey, width, height, flow]);
}

/** Steps of the zoom the CSS sees: about 6 % apart, so a smooth zoom re-lays the text out rarely. */
const ZOOM_STEP = 1.06;

/** The zoom rounded down to a step: sizes divided by it are never smaller on screen than asked. */
export function zoomStep(zoom: number): number {
  if (!(zoom > 0)) return 1;
  return Math.floor(ZOOM_STEP ** Math.floor(Math.log(zoom) / Math.log(ZOOM_STEP)) * 1e6) / 1e6;
}

/**
 * The zoom as a CSS variable on the canvas, so sizes that must hold on screen (a handle's hit
 * area of at least 16 px, text of at least 11 px, whatever the zoom) can be written in CSS. In
 * steps: every change re-lays out the text of every node drawn, which a large design feels.
 */
export function useZoomVariable(): void {
  const step = useFlowStore((s) => zoomStep(s.transform[2]));
  useEffect(() => {
    document.querySelector<HTMLElement>('.react-flow')?.style.setProperty('--flow-zoom', String(step));
  }, [step]);
}
