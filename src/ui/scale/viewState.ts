// What part of a large design the graph shows: a view choice (not saved with the design, no undo),
// so it lives apart from the design store, like the admin view options.
import { create } from 'zustand';
import type { NodeKey } from '../../workers/analysis.ts';
import { NO_FILTERS, type GraphFilters } from './transform.ts';

/** `auto`: the overview for large designs (see OVERVIEW_WORKLOADS), every namespace otherwise. */
export type OverviewMode = 'auto' | 'on' | 'off';

export interface ScaleView {
  /** The node shown with its neighbours only; null: the whole design. */
  focus: NodeKey | null;
  overview: OverviewMode;
  /** The namespace label the overview groups by; null: the best one found, '' for none. */
  groupBy: string | null;
  filters: GraphFilters;
}

export const useScaleView = create<ScaleView>()(() => ({ focus: null, overview: 'auto', groupBy: null, filters: NO_FILTERS }));

/**
 * Sets what differs, and nothing when nothing does: zustand makes a new state of any update, and a
 * new view is a new shown graph and a derive of the whole design (src/ui/graph/shownDerive.ts).
 */
function update(next: Partial<ScaleView>): void {
  const s = useScaleView.getState();
  if ((Object.keys(next) as (keyof ScaleView)[]).every((k) => s[k] === next[k])) return;
  useScaleView.setState(next);
}

export function setFocus(focus: NodeKey | null): void {
  update({ focus });
}

export function setOverview(overview: OverviewMode, groupBy?: string | null): void {
  update(groupBy === undefined ? { overview } : { overview, groupBy });
}

export function setFilters(update: Partial<GraphFilters>): void {
  useScaleView.setState((s) => ({ filters: { ...s.filters, ...update } }));
}

/** A new design starts on its whole picture. */
export function resetScaleView(): void {
  update({ focus: null, overview: 'auto', groupBy: null, filters: NO_FILTERS });
}
