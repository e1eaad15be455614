// A toggle's pairs are the last answer's with a few hundred gone and come, so an origin's `from`
// (src/workers/pairsDelta.ts PairsOrigin) is a handful of stretches where element k is base[at + k -
// start]. Walking it element by element costs a pass with an object read and write per pair at every
// step of the page's pipeline (decode, the overview's rekeying, routing); copying the stretches with
// slice/set/fill does the same in native copies, and what is not in a stretch is what changed.
// Pure: no React, no DOM.

/** Stretches as triples (start, at, length): element start + i is base[at + i]. */
export type Runs = Int32Array;

/**
 * Above this many stretches, copying per stretch costs more than one loop (an answer that reorders
 * everything); callers fall back to the loop.
 */
export const MAX_RUNS = 4096;

/** The stretches of `from` (-1: a new element, in no stretch); undefined past MAX_RUNS. */
export function runsOf(from: Int32Array): Runs | undefined {
  const out: number[] = [];
  let k = 0;
  while (k < from.length) {
    const at = from[k]!;
    if (at < 0) {
      k++;
      continue;
    }
    let end = k + 1;
    while (end < from.length && from[end] === at + end - k) end++;
    if (out.length >= MAX_RUNS * 3) return undefined;
    out.push(k, at, end - k);
    k = end;
  }
  return Int32Array.from(out);
}

/**
 * The array whose element k is before[at] where `runs` say so, else fresh(k) (called in increasing
 * k). `n` elements.
 */
export function copyByRuns<T>(n: number, runs: Runs, before: readonly T[], fresh: (k: number) => T): T[] {
  const parts: T[][] = [];
  let k = 0;
  const freshUpTo = (end: number) => {
    if (end <= k) return;
    const part = new Array<T>(end - k);
    for (let j = k; j < end; j++) part[j - k] = fresh(j);
    parts.push(part);
  };
  for (let r = 0; r < runs.length; r += 3) {
    const start = runs[r]!;
    const at = runs[r + 1]!;
    const length = runs[r + 2]!;
    freshUpTo(start);
    parts.push(before.slice(at, at + length));
    k = start + length;
  }
  freshUpTo(n);
  if (parts.length === 1) return parts[0]!;
  return ([] as T[]).concat(...parts);
}

/** Whether each stretch starts in the base past the last one's end (the kept elements keep their order). */
export function runsInOrder(runs: Runs): boolean {
  for (let r = 3; r < runs.length; r += 3) if (runs[r + 1]! < runs[r - 2]! + runs[r - 1]!) return false;
  return true;
}
