// Every path label placed at once, so that labels keep clear of each other as well as of the nodes
// (the overview's few wide edges each carry a port list and a count, and placed one by one they
// piled up over each other). The canvas provides the spots; each edge reads its own.
import { useStore as useFlowStore, type ReactFlowState } from '@xyflow/react';
import { createContext, useCallback, useMemo } from 'react';
import type { AppEdge, PathEdgeData } from './derive.ts';
import { boxOf, edgeCurve, nodeBoxes } from './edgeCurve.ts';
import { labelSize, placeLabels, type Box, type LabelItem, type Pt } from './labelSpot.ts';
import { zoomStep } from './useRefit.ts';

export const LabelSpots = createContext<ReadonlyMap<string, Pt>>(new Map());

/** What a path's label says: what a change opened and closed, then its ports. */
export function labelText(data: PathEdgeData): string {
  return [data.change?.opened && `+ ${data.change.opened}`, data.change?.closed && `− ${data.change.closed}`, data.label !== data.change?.opened && data.label].filter(Boolean).join('  ');
}

const hasLabel = (e: AppEdge) => e.type === 'path' && !!e.data?.showLabel && !!(e.data.label || e.data.change);

/**
 * Who wins a crowded spot: the selected path, then what a change did, then blocked and drawn flows,
 * then the rest in the graph's order.
 */
function rank(e: AppEdge): number {
  const d = e.data!;
  if (e.selected) return 0;
  if (d.change) return 1;
  if (d.kind === 'flow-blocked') return 2;
  if (d.flows.length > 0) return 3;
  return 4;
}

const sameBoxes = (a: readonly Box[], b: readonly Box[]) =>
  a.length === b.length && a.every((x, i) => x.x === b[i]!.x && x.y === b[i]!.y && x.w === b[i]!.w && x.h === b[i]!.h);

const NO_BOXES: Box[] = [];

/** The spot of each labelled path's label (graph units), recomputed when the nodes move or the zoom's text size changes. */
export function useLabelSpots(edges: readonly AppEdge[]): ReadonlyMap<string, Pt> {
  const labelled = useMemo(() => edges.filter(hasLabel).map((e, i) => ({ e, i, r: rank(e) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.e), [edges]);
  // The label's size in graph units follows the zoom (graph.css: at least 11 px on screen).
  const font = useFlowStore((s) => Math.max(11, 11.2 / zoomStep(s.transform[2])));
  // The node lookup is one map updated in place: its boxes, compared by value, say when nodes moved or were measured.
  const boxes = useFlowStore(
    useCallback((s: ReactFlowState) => (labelled.length === 0 ? NO_BOXES : nodeBoxes(s.nodeLookup)), [labelled.length]),
    sameBoxes,
  );
  const lookup = useFlowStore((s) => s.nodeLookup);
  return useMemo(() => {
    const items: LabelItem[] = [];
    for (const e of labelled) {
      const s = lookup.get(e.source);
      const t = lookup.get(e.target);
      if (!s || !t) continue;
      items.push({ id: e.id, ...edgeCurve(boxOf(s), boxOf(t)), size: labelSize(labelText(e.data!).length, font), always: e.selected ?? false });
    }
    return placeLabels(items, boxes);
  }, [labelled, lookup, boxes, font]);
}
