// Where the nodes of the overview and of the focus view sit: computed, not saved (those views are
// recomputed on every change, and a person's drag positions belong to the full picture).
import { ADMIN_ROW, adminChipRows, GAP, NS_HEADER, NS_PAD, POD_H, POD_W, type AppNode } from '../graph/derive.ts';
import type { NodeKey } from '../../workers/analysis.ts';
import type { Focused } from './transform.ts';

const GAP_X = 140;
const GAP_Y = 36;
/**
 * Between the neighbours of a focus: most are one line high (a namespace drawn as its workload),
 * and every unit saved between them is zoom for their names.
 */
const FOCUS_GAP_Y = 22;
/**
 * The shape the overview and the focus are fitted into (width / height): the graph pane beside the
 * side panels at common screen sizes is about this wide.
 */
const PANE_ASPECT = 1.4;

const topLevel = (nodes: readonly AppNode[]) => nodes.filter((n) => !n.parentId);
const size = (n: AppNode) => ({ w: n.width ?? 200, h: n.height ?? 60 });

/** Stacks nodes in a column at x, centred on y = 0 (positions when `place`); returns its extent. */
function column(nodes: readonly AppNode[], x: number, place = true, gapY = GAP_Y): { w: number; h: number } {
  const total = nodes.reduce((a, n) => a + size(n).h + gapY, -gapY);
  let y = -total / 2;
  let w = 0;
  for (const n of nodes) {
    if (place) n.position = { x, y };
    y += size(n).h + gapY;
    w = Math.max(w, size(n).w);
  }
  return { w, h: Math.max(0, total) };
}

/** Columns of at most `perColumn` nodes each, from x on (positions when `place`); returns their extent. */
function columns(nodes: readonly AppNode[], x: number, perColumn: number, place = true, gapY = GAP_Y): { w: number; h: number } {
  let used = 0;
  let h = 0;
  for (let i = 0; i < nodes.length; i += perColumn) {
    const c = column(nodes.slice(i, i + perColumn), x + used, place, gapY);
    used += c.w + GAP_X / 2;
    h = Math.max(h, c.h);
  }
  return { w: Math.max(0, used - GAP_X / 2), h };
}

/** Rows of at most `perRow` nodes from x = startX down; returns the height used (positions when `place`). */
function rows(nodes: readonly AppNode[], startX: number, perRow: number, place: boolean): { w: number; h: number } {
  let y = 0;
  let w = 0;
  for (let i = 0; i < nodes.length; i += perRow) {
    let x = startX;
    let h = 0;
    for (const n of nodes.slice(i, i + perRow)) {
      if (place) n.position = { x, y };
      x += size(n).w + 50;
      h = Math.max(h, size(n).h);
    }
    w = Math.max(w, x - 50);
    y += h + 50;
  }
  return { w, h: Math.max(0, y - 50) };
}

/**
 * The overview: outside nodes in a column on the left, namespaces and groups in a grid as many
 * wide as fits the pane at the largest zoom (boxes are wider than tall: a grid square in count is
 * a wide strip where names no longer fit their boxes).
 */
export function arrangeOverview(nodes: AppNode[]): AppNode[] {
  const top = topLevel(nodes);
  const externals = top.filter((n) => n.type === 'external');
  const rest = top.filter((n) => n.type !== 'external');
  const outsideHeight = column(externals, 0).h;
  const startX = 200 + GAP_X;
  let perRow = Math.max(1, rest.length);
  let bestScale = 0;
  for (let n = 1; n <= rest.length; n++) {
    const e = rows(rest, startX, n, false);
    const scale = Math.min(PANE_ASPECT / Math.max(1, e.w), 1 / Math.max(1, e.h, outsideHeight));
    if (scale > bestScale) {
      bestScale = scale;
      perRow = n;
    }
  }
  const y = rows(rest, startX, perRow, true).h + 50;
  // Centre the outside column on the grid.
  for (const n of externals) n.position = { x: n.position.x, y: n.position.y + y / 2 };
  return nodes;
}

/**
 * How many nodes a column of the focus holds: the count whose whole picture fits a PANE_ASPECT
 * pane at the largest zoom. One tall column of a dozen neighbours fits at a zoom where names no
 * longer fit their boxes; a few shorter columns side by side stay readable.
 */
function focusColumnHeight(bands: readonly (readonly AppNode[])[]): { perColumn: number; scale: number } {
  const most = Math.max(1, ...bands.map((b) => b.length));
  let best = most;
  let bestScale = 0;
  for (let perColumn = 1; perColumn <= most; perColumn++) {
    let w = 0;
    let h = 0;
    for (const band of bands) {
      const e = columns(band, 0, perColumn, false, FOCUS_GAP_Y);
      w += e.w + GAP_X;
      h = Math.max(h, e.h);
    }
    const scale = Math.min(PANE_ASPECT / Math.max(1, w - GAP_X), 1 / Math.max(1, h));
    if (scale > bestScale) {
      bestScale = scale;
      best = perColumn;
    }
  }
  return { perColumn: best, scale: bestScale };
}

/** An open namespace's workloads again in `cols` columns, in their order; its size follows (derive.ts groupSize). */
function regrid(group: AppNode, children: readonly AppNode[], cols: number): void {
  if (group.type !== 'namespaceGroup') return;
  const width = Math.max(240, 2 * NS_PAD + cols * (POD_W + GAP) - GAP);
  const header = NS_HEADER + adminChipRows(group.data.ns.admin, width) * ADMIN_ROW;
  children.forEach((c, i) => {
    c.position = { x: NS_PAD + (i % cols) * (POD_W + GAP), y: header + Math.floor(i / cols) * (POD_H + GAP) };
  });
  group.width = width;
  group.height = Math.max(NS_HEADER + 40, header + Math.ceil(children.length / cols) * (POD_H + GAP) - GAP + NS_PAD);
  if (group.data.headerHeight !== header) group.data = { ...group.data, headerHeight: header };
}

/** A neighbour namespace open with this many workloads or fewer stacks them: narrow bands leave zoom for names. */
const STACK_NEIGHBOURS = 3;
/** The most columns the focus's own namespace is tried with. */
const MOST_FOCUS_COLUMNS = 10;

/**
 * Focus: what sends to the focus on the left, the focus in the middle, what it sends to on the
 * right (both ways: right). Outside nodes it does not talk to go under the sources: a band of
 * their own cost a fifth of the picture's width, and with it a fifth of the zoom.
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
  const pick = (ids: Set<string>) => top.filter((n) => ids.has(n.id));
  const idle = top.filter((n) => !centre.has(n.id) && !right.has(n.id) && !left.has(n.id));
  const bands = [[...pick(left), ...idle], pick(centre), pick(right)].filter((b) => b.length > 0);
  const childrenOf = new Map<string, AppNode[]>();
  for (const n of nodes) {
    if (!n.parentId) continue;
    const list = childrenOf.get(n.parentId);
    if (list) list.push(n);
    else childrenOf.set(n.parentId, [n]);
  }
  const open = top.filter((n) => n.type === 'namespaceGroup' && childrenOf.has(n.id));
  for (const g of open) if (!centre.has(g.id) && childrenOf.get(g.id)!.length <= STACK_NEIGHBOURS) regrid(g, childrenOf.get(g.id)!, 1);
  // The focus's own namespace takes the shape that lets the whole picture fit largest: a tall
  // block of 50 workloads between its neighbours' columns left the names too small to show.
  const centreOpen = open.filter((g) => centre.has(g.id));
  const most = Math.min(MOST_FOCUS_COLUMNS, Math.max(0, ...centreOpen.map((g) => childrenOf.get(g.id)!.length)));
  let bestCols = 0;
  let bestScale = 0;
  for (let cols = 1; cols <= most; cols++) {
    for (const g of centreOpen) regrid(g, childrenOf.get(g.id)!, Math.min(cols, childrenOf.get(g.id)!.length));
    const { scale } = focusColumnHeight(bands);
    if (scale > bestScale * 1.001) {
      bestScale = scale;
      bestCols = cols;
    }
  }
  if (bestCols > 0) for (const g of centreOpen) regrid(g, childrenOf.get(g.id)!, Math.min(bestCols, childrenOf.get(g.id)!.length));
  const { perColumn } = focusColumnHeight(bands);
  let x = 0;
  for (const band of bands) x += columns(band, x, perColumn, true, FOCUS_GAP_Y).w + GAP_X;
  return nodes;
}
