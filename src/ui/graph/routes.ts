// Which edge each workload pair is drawn on: derive() groups the pairs by the shown nodes of their
// ends. At 150,000 pairs that was two map lookups and a push per pair on every toggle, though a
// toggle changes a few thousand of them. Here the last run is remembered: when the pairs were
// decoded from the last ones (src/workers/pairsDelta.ts originOf) and the shown nodes are the same,
// a kept pair keeps its edge by index, only the new ones are looked up, and only the edges that
// gained or lost a pair get a new pairs array (the others keep theirs, so derive's summaries and
// the canvas's edges stay the same objects). Pure: no React, no DOM.
import type { GPair, NodeKey } from '../../workers/analysis.ts';
import { arrayId, originOf, originRuns } from '../../workers/pairsDelta.ts';
import { runsInOrder, type Runs } from '../../workers/originRuns.ts';

/** A shown edge, or a node's own paths (from === to: counted, not listed). */
export interface RouteTarget {
  from: NodeKey;
  to: NodeKey;
}

export interface Routed {
  /** The targets with at least one pair, in the order of their first pair. */
  order: readonly number[];
  targets: readonly RouteTarget[];
  /** A target's pairs in order (empty for a node's own paths). */
  pairsOf: readonly GPair[][];
  /** How many pairs each target has. */
  counts: Int32Array;
}

/** How a target's pairs changed since the last run: its pairs then, and the pairs gone and come. */
export interface TargetDelta {
  before: readonly GPair[];
  added: GPair[];
  removed: GPair[];
}

/** What routePairs remembers of its last run for the next. */
export interface RoutesMemo extends Routed {
  /** Per target whose pairs changed, how (only when this run was worked out from the last one). */
  deltas?: ReadonlyMap<number, TargetDelta>;
  pairs: readonly GPair[];
  pairsId: number;
  routes: Int32Array;
  shownAs: ReadonlyMap<NodeKey, NodeKey>;
  index: Map<NodeKey, Map<NodeKey, number>>;
}

function sameShown(a: ReadonlyMap<NodeKey, NodeKey>, b: ReadonlyMap<NodeKey, NodeKey>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/**
 * The pairs by the edge (shown source, shown destination) they are drawn on; pairs with an end not
 * shown are left out. `before` is the last run's memo (with another shownAs, it is not used).
 */
export function routePairs(pairs: readonly GPair[], shownAs: ReadonlyMap<NodeKey, NodeKey>, before?: RoutesMemo): RoutesMemo {
  const pairsId = arrayId(pairs);
  const reuse = before !== undefined && sameShown(before.shownAs, shownAs);
  if (reuse && before.pairsId === pairsId) {
    // The same pairs again (another render of the same answer): nothing changed since.
    const { deltas: _changedLastTime, ...same } = before;
    return same;
  }
  const targets: RouteTarget[] = reuse ? before.targets.slice() : [];
  const index = reuse ? before.index : new Map<NodeKey, Map<NodeKey, number>>();
  const targetOf = (from: NodeKey, to: NodeKey): number => {
    let byTo = index.get(from);
    if (!byTo) index.set(from, (byTo = new Map()));
    let t = byTo.get(to);
    if (t === undefined) {
      byTo.set(to, (t = targets.length));
      targets.push({ from, to });
    }
    return t;
  };
  // The worker lists pairs by source, and most neighbours end in the same shown nodes: the last
  // lookups are remembered (a string compare), so a pair costs one map lookup, not four.
  let lastFromKey: NodeKey | undefined;
  let lastFrom: NodeKey | undefined;
  let lastToKey: NodeKey | undefined;
  let lastTo: NodeKey | undefined;
  let lastTarget = -1;
  const route = (p: GPair): number => {
    if (p.from !== lastFromKey) {
      const from = shownAs.get(p.from);
      lastFromKey = p.from;
      if (from !== lastFrom) lastTarget = -1;
      lastFrom = from;
    }
    if (p.to !== lastToKey) {
      const to = shownAs.get(p.to);
      lastToKey = p.to;
      if (to !== lastTo) lastTarget = -1;
      lastTo = to;
    }
    if (!lastFrom || !lastTo) return -1;
    if (lastTarget < 0) lastTarget = targetOf(lastFrom, lastTo);
    return lastTarget;
  };

  const n = pairs.length;
  const routes = new Int32Array(n);
  const origin = originOf(pairs);
  /** Targets whose pairs changed (gained or lost one); all of them when nothing is reused. */
  let dirty: Uint8Array | undefined;
  let deltas: Map<number, TargetDelta> | undefined;
  if (reuse && origin && origin.baseId === before.pairsId && origin.baseLength === before.routes.length) {
    const old = before.routes;
    const added: [number, GPair][] = [];
    const removed: [number, GPair][] = [];
    // Kept pairs in their old order keep an untouched edge's pairs in order too; else all are listed again.
    const fresh: number[] = [];
    const runs = originRuns(origin);
    let inOrder: boolean;
    if (runs) {
      // By stretches: native copies for the kept pairs, a step per pair only for those gone and come.
      inOrder = runsInOrder(runs);
      carryRuns(runs, n, old, routes, fresh);
      if (inOrder) listRemovedByRuns(runs, old, before.pairs, removed);
      else listRemoved(usedBy(origin.from, old.length), old, before.pairs, removed);
    } else {
      const used = new Uint8Array(old.length);
      inOrder = carryRoutes(origin.from, old, routes, used, fresh);
      listRemoved(used, old, before.pairs, removed);
    }
    for (const k of fresh) {
      const t = route(pairs[k]!);
      routes[k] = t;
      if (t >= 0) added.push([t, pairs[k]!]);
    }
    if (inOrder) {
      dirty = new Uint8Array(targets.length);
      const byTarget = new Map<number, TargetDelta>();
      const of = (t: number): TargetDelta => {
        let d = byTarget.get(t);
        if (!d) byTarget.set(t, (d = { before: before.pairsOf[t] ?? [], added: [], removed: [] }));
        return d;
      };
      for (const [t, p] of added) {
        dirty[t] = 1;
        of(t).added.push(p);
      }
      for (const [t, p] of removed) {
        dirty[t] = 1;
        of(t).removed.push(p);
      }
      deltas = byTarget;
    }
  } else {
    for (let k = 0; k < n; k++) routes[k] = route(pairs[k]!);
  }

  const counts = new Int32Array(targets.length);
  const order: number[] = [];
  const pairsOf: GPair[][] = new Array<GPair[]>(targets.length);
  const kept = reuse ? before.pairsOf : [];
  const collect = new Uint8Array(targets.length);
  for (let t = 0; t < targets.length; t++) {
    const own = targets[t]!.from === targets[t]!.to;
    if (own) pairsOf[t] = [];
    else if (dirty === undefined || dirty[t] === 1 || kept[t] === undefined) {
      pairsOf[t] = [];
      collect[t] = 1;
    } else pairsOf[t] = kept[t]!;
  }
  collectPairs(routes, pairs, counts, order, collect, pairsOf);
  return { pairs, pairsId, routes, shownAs, index, targets, pairsOf, counts, order, ...(deltas ? { deltas } : {}) };
}

// The two passes over every pair are small functions of their own: V8 optimises such a loop within
// its first call, where inside routePairs's other branches it ran unoptimised for the first toggles
// (~40 ms instead of ~3 at 150,000 pairs, in node).

/**
 * A kept pair's route is its base's (routes[k] = old[from[k]]), marked used; the new pairs' indices
 * go to `fresh`. Whether the kept pairs are in their base's order.
 */
function carryRoutes(from: Int32Array, old: Int32Array, routes: Int32Array, used: Uint8Array, fresh: number[]): boolean {
  let inOrder = true;
  let lastAt = -1;
  for (let k = 0; k < from.length; k++) {
    const at = from[k]!;
    if (at >= 0) {
      routes[k] = old[at]!;
      used[at] = 1;
      if (at < lastAt) inOrder = false;
      lastAt = at;
    } else fresh.push(k);
  }
  return inOrder;
}

/** carryRoutes by stretches (originRuns.ts): the new pairs' indices go to `fresh`. */
function carryRuns(runs: Runs, n: number, old: Int32Array, routes: Int32Array, fresh: number[]): void {
  let k = 0;
  for (let r = 0; r < runs.length; r += 3) {
    const start = runs[r]!;
    const at = runs[r + 1]!;
    const length = runs[r + 2]!;
    for (; k < start; k++) fresh.push(k);
    routes.set(old.subarray(at, at + length), start);
    k = start + length;
  }
  for (; k < n; k++) fresh.push(k);
}

/** Which base elements `from` keeps. */
function usedBy(from: Int32Array, baseLength: number): Uint8Array {
  const used = new Uint8Array(baseLength);
  for (let k = 0; k < from.length; k++) if (from[k]! >= 0) used[from[k]!] = 1;
  return used;
}

/** listRemoved for stretches in the base's order: the base's pairs between them. */
function listRemovedByRuns(runs: Runs, old: Int32Array, basePairs: readonly GPair[], removed: [number, GPair][]): void {
  let b = 0;
  const gone = (end: number) => {
    for (; b < end; b++) if (old[b]! >= 0) removed.push([old[b]!, basePairs[b]!]);
  };
  for (let r = 0; r < runs.length; r += 3) {
    gone(runs[r + 1]!);
    b = runs[r + 1]! + runs[r + 2]!;
  }
  gone(old.length);
}

/** The base's pairs no pair of this run keeps (with the target each was on). */
function listRemoved(used: Uint8Array, old: Int32Array, basePairs: readonly GPair[], removed: [number, GPair][]): void {
  for (let b = 0; b < old.length; b++) if (used[b] === 0 && old[b]! >= 0) removed.push([old[b]!, basePairs[b]!]);
}

/** Counts each target's pairs, lists the targets in the order of their first pair, and lists the pairs of those to collect. */
function collectPairs(routes: Int32Array, pairs: readonly GPair[], counts: Int32Array, order: number[], collect: Uint8Array, pairsOf: GPair[][]): void {
  for (let k = 0; k < routes.length; k++) {
    const t = routes[k]!;
    if (t < 0) continue;
    const c = counts[t]!;
    counts[t] = c + 1;
    if (c === 0) order.push(t);
    if (collect[t] === 1) pairsOf[t]!.push(pairs[k]!);
  }
}
