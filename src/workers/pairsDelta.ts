// The graph's pairs sent as a change against the pairs sent before: at 150,000 pairs, copying them
// to the page (structured clone, on both threads) cost more than the analysis itself, and a toggle
// changes a few hundred. Pure: the worker encodes, the page (src/workers/client.ts) decodes.
import type { GPair } from './analysis.ts';
import { copyByRuns, runsOf, type Runs } from './originRuns.ts';

/** The pairs as indices into the previous message's pairs (-1: the next of `added`). */
export interface PairsDelta {
  /** How many pairs the base had: a check that the page decodes against the right one. */
  baseLength: number;
  from: Int32Array;
  added: GPair[];
}

/**
 * Encodes `pairs` against the base. `listedNow[k]` / `listedBase[k]` are the kept pairs behind the
 * k-th pair of each (src/workers/analysis.ts AnalysisState.listed): the same kept object is the
 * same pair, so it travels as an index. Folded pairs past them are always sent.
 */
export function encodePairs(pairs: readonly GPair[], listedNow: readonly GPair[], listedBase: readonly GPair[], baseLength: number, orders?: { now: readonly number[]; base: readonly number[] }): PairsDelta {
  if (orders) return encodeByOrder(pairs, listedNow, listedBase, baseLength, orders.now, orders.base);
  const indexOf = new Map<GPair, number>();
  listedBase.forEach((p, k) => indexOf.set(p, k));
  const from = new Int32Array(pairs.length);
  const added: GPair[] = [];
  for (let k = 0; k < pairs.length; k++) {
    const at = k < listedNow.length ? indexOf.get(listedNow[k]!) : undefined;
    if (at === undefined) {
      from[k] = -1;
      added.push(pairs[k]!);
    } else from[k] = at;
  }
  return { baseLength, from, added };
}

/**
 * The same, walking both lists by their pairs' orders (src/workers/analysis.ts PairRow) instead of
 * indexing 150,000 base pairs in a map: a kept pair sits at the same order in both. Where orders
 * are not ascending (admin tiers), pairs are merely sent again: a match is always the same object.
 */
function encodeByOrder(pairs: readonly GPair[], listedNow: readonly GPair[], listedBase: readonly GPair[], baseLength: number, now: readonly number[], base: readonly number[]): PairsDelta {
  const from = new Int32Array(pairs.length);
  const added: GPair[] = [];
  let b = 0;
  for (let k = 0; k < pairs.length; k++) {
    let at = -1;
    if (k < listedNow.length) {
      const order = now[k]!;
      while (b < base.length && base[b]! < order) b++;
      if (b < base.length && base[b] === order && listedBase[b] === listedNow[k]) at = b++;
    }
    from[k] = at;
    if (at < 0) added.push(pairs[k]!);
  }
  return { baseLength, from, added };
}

/** The pairs a delta stands for; undefined when `base` is not the one it was encoded against. */
export function decodePairs(delta: PairsDelta, base: readonly GPair[] | undefined): GPair[] | undefined {
  if (!base || base.length !== delta.baseLength) return undefined;
  const runs = runsOf(delta.from);
  let next = 0;
  const out = runs ? copyByRuns(delta.from.length, runs, base, () => delta.added[next++]!) : decodeEach(delta, base);
  recordOrigin(out, base, delta.from, runs);
  return out;
}

function decodeEach(delta: PairsDelta, base: readonly GPair[]): GPair[] {
  const out = new Array<GPair>(delta.from.length);
  let next = 0;
  for (let k = 0; k < delta.from.length; k++) {
    const at = delta.from[k]!;
    out[k] = at < 0 ? delta.added[next++]! : base[at]!;
  }
  return out;
}

// --- where a pairs array came from -------------------------------------------------------------------
// The page's view pipeline (src/ui/scale, src/ui/graph/derive.ts) redoes per toggle only what the
// delta changed: it asks whether this array was decoded (or mapped index for index) from the one it
// worked on last time, and which of its elements are that one's (`from`, -1 for the new ones).
// Arrays are named by a number, not held: an origin that held its base would keep every answer's
// 150,000 pairs alive in a chain.

/** How a pairs array is made of an earlier one: element k is base[from[k]] (or new, where -1). */
export interface PairsOrigin {
  baseId: number;
  baseLength: number;
  from: Int32Array;
  /** `from` as stretches (originRuns.ts), worked out once for every step that maps by it; null past MAX_RUNS. */
  runs?: Runs | null;
}

const ids = new WeakMap<readonly object[], number>();
let nextId = 1;
const origins = new WeakMap<readonly object[], PairsOrigin>();

/** A number that names this array (by identity) for as long as it lives. */
export function arrayId(list: readonly object[]): number {
  let id = ids.get(list);
  if (id === undefined) ids.set(list, (id = nextId++));
  return id;
}

/**
 * Records that `list[k]` is `base[from[k]]` wherever from[k] >= 0 (the same object, or what the
 * same mapping made of it: an overview's rekeyed pairs, see src/ui/scale/transform.ts).
 */
export function recordOrigin(list: readonly object[], base: readonly object[], from: Int32Array, runs?: Runs | null): void {
  origins.set(list, { baseId: arrayId(base), baseLength: base.length, from, ...(runs !== undefined ? { runs } : {}) });
}

/** The origin's stretches (worked out at the first ask); undefined when there are too many. */
export function originRuns(origin: PairsOrigin): Runs | undefined {
  if (origin.runs === undefined) origin.runs = runsOf(origin.from) ?? null;
  return origin.runs ?? undefined;
}

/** How `list` was made of an earlier array, when it was (a delta's decoding or a mapping of one). */
export const originOf = (list: readonly object[]): PairsOrigin | undefined => origins.get(list);
