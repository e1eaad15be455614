// What the graph marks as changed: connections opened and closed between endpoints, relative to a
// baseline (review) or to the previous step of a presentation. A view layer, not part of the design.
import { useMemo } from 'react';
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { useBaseline } from '../review/baselineStore.ts';
import { useStore } from '../store.ts';
import type { DesignDiff } from '../../review/diff/types.ts';
import type { GraphData, NodeKey } from '../../workers/analysis.ts';
import { edgeChanges, type EdgeChange } from '../../workers/presentation.ts';

export type { EdgeChange } from '../../workers/presentation.ts';

export interface GraphChanges {
  changes: readonly EdgeChange[];
  /** Endpoints the comparison did not have: marked "new" on the graph. */
  addedNodes: ReadonlySet<NodeKey>;
  /** How the legend and the labels name the comparison: "since the baseline". */
  since: string;
}

/** `drawnBefore`: the pairs the baseline's graph draws as paths (`from>to`). */
export function changesFromDiff(diff: DesignDiff, drawnBefore: ReadonlySet<string>, since: string): GraphChanges {
  return {
    changes: edgeChanges(diff.connections, drawnBefore),
    addedNodes: new Set(diff.workloads.added.map((id) => `wl:${id}`)),
    since,
  };
}

/**
 * The baseline's changes, one object for every component that asks (the canvas, the Explain panel,
 * the selection focus): the page's one derive (shownDerive.ts) knows its input by identity.
 */
let lastBaseline: { diff: DesignDiff; drawnBefore: ReadonlySet<string>; changes: GraphChanges } | undefined;
function baselineChanges(diff: DesignDiff, drawnBefore: ReadonlySet<string>): GraphChanges {
  if (lastBaseline?.diff !== diff || lastBaseline.drawnBefore !== drawnBefore) lastBaseline = { diff, drawnBefore, changes: changesFromDiff(diff, drawnBefore, 'since the baseline') };
  return lastBaseline.changes;
}

/**
 * A graph shown instead of the design's own, read-only (a presentation step), with the changes
 * that led to it. Only one at a time; `null` shows the design.
 */
export interface ShownGraph {
  graph: GraphData;
  changes: GraphChanges;
}

interface ChangesViewState {
  /** Mark the diff against the review baseline on the graph (when there is one). */
  showBaselineDiff: boolean;
  shown: ShownGraph | null;
}

export const useChangesView = create<ChangesViewState>()(() => ({ showBaselineDiff: true, shown: null }));

export function setShowBaselineDiff(showBaselineDiff: boolean): void {
  useChangesView.setState({ showBaselineDiff });
}

export function showGraph(shown: ShownGraph | null): void {
  useChangesView.setState({ shown });
}

/** The changes the graph marks: the presentation step's, or the baseline diff while it is current. */
export function useGraphChanges(): GraphChanges | undefined {
  const { show, shown } = useChangesView(useShallow((s) => ({ show: s.showBaselineDiff, shown: s.shown })));
  const { diff, drawnBefore, diffedText } = useBaseline(useShallow((s) => ({ diff: s.diff, drawnBefore: s.drawnBefore, diffedText: s.diffedText })));
  const current = useStore((s) => diffedText === s.validText);
  const fromBaseline = useMemo(
    () => (show && diff && current ? baselineChanges(diff, drawnBefore) : undefined),
    [show, diff, drawnBefore, current],
  );
  return shown ? shown.changes : fromBaseline;
}
