// The pipeline from the analysis to what derive() draws: filters, then focus or the overview.
import type { GraphData, NodeKey } from '../../workers/analysis.ts';
import { derive, prepareInto, type DeriveMemo, type DeriveOptions, type Derived, type PreparePart } from '../graph/derive.ts';
import type { GraphChanges } from '../graph/changes.ts';
import type { Selection, XY } from '../store.ts';
import { arrangeFocus, arrangeOverview } from './arrange.ts';
import { filterGraph, focusGraph, groupGraph, groupingLabels, OVERVIEW_NAMESPACES, OVERVIEW_WORKLOADS, type Focused } from './transform.ts';
import type { ScaleView } from './viewState.ts';
import { groupByPeers, peerGroupMembers, PEER_GROUPING } from './peers.ts';

export type ShownMode = 'detail' | 'overview' | 'focus';

export interface Shown {
  graph: GraphData;
  mode: ShownMode;
  /** Expanded state that wins over the user's (collapsed truncated namespaces, focus, overview). */
  expanded: Record<string, boolean>;
  /** Whether the user's own expand/collapse choices apply on top. */
  userExpanded: boolean;
  /** The label the overview groups by ('' when none is used). */
  groupLabel: string;
  groupLabels: string[];
  focused?: Focused;
  /** The focus asked for is not in this design (it was removed or filtered out). */
  focusMissing: boolean;
  /** The design is large: it opens in the overview. */
  large: boolean;
}

export const isLarge = (graph: GraphData): boolean => graph.workloads.length > OVERVIEW_WORKLOADS || graph.namespaces.length > OVERVIEW_NAMESPACES;

/**
 * The view shows the overview unless a focus is found (either way not the detail view): known
 * without computing the shown graph (~40 ms at 5,000 pods).
 */
export const overviewAsked = (graph: GraphData, view: ScaleView): boolean => view.overview === 'on' || (view.overview === 'auto' && isLarge(graph));

/** What the overview groups by: the view's choice, else the best label, else (many namespaces) their peers. */
export function overviewGrouping(graph: GraphData, view: ScaleView, groupLabels: readonly string[]): string {
  return view.groupBy ?? groupLabels[0] ?? (graph.namespaces.length > OVERVIEW_NAMESPACES ? PEER_GROUPING : '');
}

/** The last answer: the canvas, the toolbar and the layout ask for the same view of the same graph. */
let last: { graph: GraphData; view: ScaleView; shown: Shown } | undefined;

export function shownGraph(graph: GraphData, view: ScaleView): Shown {
  if (last && last.graph === graph && last.view === view) return last.shown;
  const shown = computeShown(graph, view);
  last = { graph, view, shown };
  return shown;
}

function computeShown(graph: GraphData, view: ScaleView): Shown {
  const filtered = filterGraph(graph, view.filters);
  const large = isLarge(graph);
  const groupLabels = groupingLabels(graph.namespaces);
  // Namespaces whose workload pairs were folded cannot be drawn workload by workload.
  const folded: Record<string, boolean> = Object.fromEntries(graph.truncatedNamespaces.map((n) => [n, false]));
  const base = { large, groupLabels, focusMissing: false };
  if (view.focus) {
    const focused = focusGraph(filtered, view.focus, peerGroupMembers(filtered));
    if (focused) return { ...base, graph: focused.graph, mode: 'focus', expanded: { ...focused.expanded, ...folded }, userExpanded: false, groupLabel: '', focused };
    base.focusMissing = true;
  }
  if (overviewAsked(graph, view)) {
    const label = overviewGrouping(graph, view, groupLabels);
    const g = label === PEER_GROUPING ? groupByPeers(filtered).graph : label ? groupGraph(filtered, label) : filtered;
    const collapsed = Object.fromEntries(g.namespaces.map((ns) => [ns.name, false]));
    return { ...base, graph: g, mode: 'overview', expanded: collapsed, userExpanded: false, groupLabel: label };
  }
  return { ...base, graph: filtered, mode: 'detail', expanded: folded, userExpanded: true, groupLabel: '' };
}

const shownExpanded = (view: Shown, expanded: Record<string, boolean>): Record<string, boolean> => (view.userExpanded ? { ...expanded, ...view.expanded } : view.expanded);

/** Part of deriveShown (derive.ts prepareInto): what the next deriveShown into `memo` need not redo. */
export function prepareShown(view: Shown, upTo: PreparePart, expanded: Record<string, boolean>, positions: Record<string, XY>, memo: DeriveMemo, tallyBudget?: number): boolean {
  return prepareInto(memo, upTo, view.graph, shownExpanded(view, expanded), view.mode === 'detail' ? positions : {}, view.mode === 'focus', tallyBudget);
}

/** The top-level node a graph key is drawn in, for the focus arrangement. */
export type ShownAs = ReadonlyMap<NodeKey, NodeKey>;

/**
 * What the canvas draws for this view: derive() on the shown graph, arranged for the overview and
 * the focus (saved positions belong to the full picture). The Explain panel finds the selected edge
 * here too, so both speak of the same edges.
 */
export function deriveShown(
  view: Shown,
  expanded: Record<string, boolean>,
  positions: Record<string, XY>,
  selection: Selection,
  options: DeriveOptions,
  changes?: GraphChanges,
  memo?: DeriveMemo,
): Derived {
  // The focus draws a neighbour namespace with one workload as that workload (derive.ts singleNamespaces).
  const d = derive(view.graph, shownExpanded(view, expanded), view.mode === 'detail' ? positions : {}, selection, { ...options, singleNamespaces: view.mode === 'focus' }, changes, memo);
  if (view.mode === 'overview') arrangeOverview(d.nodes);
  else if (view.mode === 'focus' && view.focused) arrangeFocus(d.nodes, view.focused, d.shownAs);
  return d;
}
