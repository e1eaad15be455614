// Where the nodes of the overview and of the focus view sit: computed, not saved (those views are
// recomputed on every change, and a person's drag positions belong to the full picture).
import type { AppNode } from '../graph/derive.ts';
import type { NodeKey } from '../../workers/analysis.ts';
import type { Focused } from './transform.ts';

const GAP_X = 140;
const GAP_Y = 36;

const topLevel = (nodes: readonly AppNode[]) => nodes.filter((n) => !n.parentId);
const size = (n: AppNode) => ({ w: n.width ?? 200, h: n.height ?? 60 });

/** Stacks nodes in a column at x, centred on y = 0. */
function column(nodes: readonly AppNode[], x: number): number {
  const total = nodes.reduce((a, n) => a + size(n).h + GAP_Y, -GAP_Y);
  let y = -total / 2;
  let width = 0;
  for (const n of nodes) {
    n.position = { x, y };
    y += size(n).h + GAP_Y;
    width = Math.max(width, size(n).w);
  }
  return width;
}

/** Columns of at most `perColumn` nodes each, from x on; returns the width used. */
function columns(nodes: readonly AppNode[], x: number, perColumn: number): number {
  let used = 0;
  for (let i = 0; i < nodes.length; i += perColumn) {
    const w = column(nodes.slice(i, i + perColumn), x + used);
    used += w + GAP_X / 2;
  }
  return Math.max(0, used - GAP_X / 2);
}

/**
 * The overview: outside nodes in a column on the left, namespaces and groups in a near-square grid
 * (the saved positions of the full picture do not apply to groups).
 */
export function arrangeOverview(nodes: AppNode[]): AppNode[] {
  const top = topLevel(nodes);
  const externals = top.filter((n) => n.type === 'external');
  const rest = top.filter((n) => n.type !== 'external');
  column(externals, 0);
  const perRow = Math.max(1, Math.ceil(Math.sqrt(rest.length * 1.6)));
  const startX = 200 + GAP_X;
  let y = 0;
  for (let i = 0; i < rest.length; i += perRow) {
    const row = rest.slice(i, i + perRow);
    let x = startX;
    let h = 0;
    for (const n of row) {
      n.position = { x, y };
      x += size(n).w + 50;
      h = Math.max(h, size(n).h);
    }
    y += h + 50;
  }
  // Centre the outside column on the grid.
  for (const n of externals) n.position = { x: n.position.x, y: n.position.y + y / 2 };
  return nodes;
}

/**
 * Focus: what sends to the focus on the left, the focus in the middle, what it sends to on the
 * right (both ways: right), outside nodes it does not talk to at the far left.
 */
export function arrangeFocus(nodes: AppNode[], focused: Focused, shownAs: ReadonlyMap<NodeKey, NodeKey>): AppNode[] {
  const top = topLevel(nodes);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const topOf = (k: NodeKey): string | undefined => {
    let id = shownAs.get(k);
    let node = id ? byId.get(id) : undefined;
    while (node?.parentId) {
      id = node.parentId;
      node = byId.get(id);
    }
    return node?.id;
  };
  const centre = new Set([...focused.members].map(topOf).filter((x): x is string => x !== undefined));
  const right = new Set([...focused.outOf].map(topOf).filter((x): x is string => x !== undefined && !centre.has(x)));
  const left = new Set([...focused.into].map(topOf).filter((x): x is string => x !== undefined && !centre.has(x) && !right.has(x)));
  const idle = top.filter((n) => !centre.has(n.id) && !right.has(n.id) && !left.has(n.id));
  const pick = (ids: Set<string>) => top.filter((n) => ids.has(n.id));
  const perColumn = 12;
  let x = 0;
  if (idle.length > 0) x += columns(idle, x, perColumn) + GAP_X;
  x += columns(pick(left), x, perColumn) + GAP_X;
  x += columns(pick(centre), x, perColumn) + GAP_X;
  columns(pick(right), x, perColumn);
  return nodes;
}
