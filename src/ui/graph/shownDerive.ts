// One derive of the view on screen for everything on the page that reads it: the canvas, the
// Explain panel (which finds the selected edge in it, also while the Matrix view hides the canvas)
// and the selection focus. Each had a derive of its own per answer: three passes over 150,000 pairs
// at pods5000 for one toggle with something selected. The selection is not part of it: a click
// marks one node or edge on top (withSelection) instead of a derive per click. Pure: no React.
import type { GraphChanges } from './changes.ts';
import { deriveMemo, type AppEdge, type AppNode, type DeriveOptions, type Derived, type PreparePart } from './derive.ts';
import { deriveShown, prepareShown, type Shown } from '../scale/shown.ts';
import type { Selection, XY } from '../store.ts';

interface Input {
  shown: Shown;
  expanded: Record<string, boolean>;
  positions: Record<string, XY>;
  options: DeriveOptions;
  changes: GraphChanges | undefined;
}

const sameInput = (a: Input, b: Input): boolean =>
  a.shown === b.shown && a.expanded === b.expanded && a.positions === b.positions && a.options === b.options && a.changes === b.changes;

export interface ShownDeriver {
  (shown: Shown, expanded: Record<string, boolean>, positions: Record<string, XY>, options: DeriveOptions, changes?: GraphChanges): Derived;
  /**
   * Part of the derive for this input (prepareShown), in a task of its own before the derive: a
   * newly loaded large design is prepared in steps (drawnInTurn.ts). Returns whether the part is
   * done (false: 'tallies' left edges past `tallyBudget` pairs for the next call).
   */
  prepare(upTo: PreparePart, shown: Shown, expanded: Record<string, boolean>, positions: Record<string, XY>, tallyBudget?: number): boolean;
}

/** A cache of one: the last input and its derive, with the memo derive works from the last run with. */
export function shownDeriver(): ShownDeriver {
  const memo = deriveMemo();
  let last: { input: Input; derived: Derived } | undefined;
  const deriver = (shown: Shown, expanded: Record<string, boolean>, positions: Record<string, XY>, options: DeriveOptions, changes?: GraphChanges): Derived => {
    const input: Input = { shown, expanded, positions, options, changes };
    if (last && sameInput(last.input, input)) return last.derived;
    const derived = deriveShown(shown, expanded, positions, null, options, changes, memo);
    last = { input, derived };
    return derived;
  };
  return Object.assign(deriver, {
    prepare: (upTo: PreparePart, shown: Shown, expanded: Record<string, boolean>, positions: Record<string, XY>, tallyBudget?: number) => {
      if (last && last.input.shown === shown && last.input.expanded === expanded && last.input.positions === positions) return true;
      return prepareShown(shown, upTo, expanded, positions, memo, tallyBudget);
    },
  });
}

/** The page's one deriver (nothing selected: see withSelection). */
export const deriveShownOnce = shownDeriver();

const SELECTED = ' (selected)';

/**
 * The derive with the selected node or edge marked as derive() marks it: `selected`, a node's
 * label to screen readers, an edge's label shown. Only that element is copied; the arrays are new
 * when it is in them, else `d` itself.
 */
export function withSelection(d: Derived, selection: Selection): Derived {
  if (!selection) return d;
  if (selection.kind === 'node') {
    const at = d.nodes.findIndex((n) => n.id === selection.id);
    if (at < 0) return d;
    const nodes = d.nodes.slice();
    const n = nodes[at]!;
    nodes[at] = { ...n, selected: true, ariaLabel: `${n.ariaLabel ?? ''}${SELECTED}` } as AppNode;
    return { ...d, nodes };
  }
  const at = d.edges.findIndex((e) => e.id === selection.id);
  if (at < 0) return d;
  const edges = d.edges.slice();
  const e = edges[at]!;
  edges[at] = { ...e, selected: true, ...(e.data ? { data: { ...e.data, showLabel: true } } : {}) } satisfies AppEdge;
  return { ...d, edges };
}
