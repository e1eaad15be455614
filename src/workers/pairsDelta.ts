// The graph's pairs sent as a change against the pairs sent before: at 150,000 pairs, copying them
// to the page (structured clone, on both threads) cost more than the analysis itself, and a toggle
// changes a few hundred. Pure: the worker encodes, the page (src/workers/client.ts) decodes.
import type { GPair } from './analysis.ts';

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
  const out = new Array<GPair>(delta.from.length);
  let next = 0;
  for (let k = 0; k < delta.from.length; k++) {
    const at = delta.from[k]!;
    out[k] = at < 0 ? delta.added[next++]! : base[at]!;
  }
  return out;
}
