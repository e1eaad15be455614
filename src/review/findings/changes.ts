// Fixes travel as data (ObjectChange[]), not closures: findings are computed in a worker and printed
// as JSON. These two functions convert between "the fixed manifest set" and "the changes to it".
import type { KubeObject } from '../../model/types.ts';
import type { FindingFix, ObjectChange } from '../types.ts';

/**
 * The changes that turn `before` into `after` (up to the position of added objects, which are
 * appended). Design actions keep unchanged objects by reference, so matching is by identity first and
 * by content second; within each gap between matched objects, leftovers pair up as replacements.
 */
export function diffObjects(before: readonly KubeObject[], after: readonly KubeObject[]): ObjectChange[] {
  return diffByIdentityEnds(before, after) ?? diffObjectsFully(before, after);
}

/** Whether an array holds no object twice, remembered per array (the review diffs its one manifest set hundreds of times). */
const distinctArrays = new WeakMap<readonly KubeObject[], boolean>();
function isDistinct(objects: readonly KubeObject[]): boolean {
  let distinct = distinctArrays.get(objects);
  if (distinct === undefined) {
    distinct = new Set(objects).size === objects.length;
    distinctArrays.set(objects, distinct);
  }
  return distinct;
}

/**
 * The common case in linear pointer comparisons: a fix edits a few objects of a large set and keeps the
 * rest by reference, so `after` starts and ends with `before`'s own objects. When `before` holds no
 * object twice and none of `after`'s middle objects is one of `before`'s, the full algorithm matches
 * exactly the common start and end and leaves one gap (the two middles), so this gives the same
 * changes. Undefined when that does not hold (then only the full algorithm can tell).
 */
function diffByIdentityEnds(before: readonly KubeObject[], after: readonly KubeObject[]): ObjectChange[] | undefined {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before[start] === after[start]) start++;
  let end = 0;
  while (end < shorter - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  const middleAfter = after.slice(start, after.length - end);
  // Worth it only when the middle is small: each of its objects is looked for in all of `before`.
  if (middleAfter.length > 8 || !isDistinct(before)) return undefined;
  if (middleAfter.some((o) => before.includes(o))) return undefined;
  const middleBefore = before.slice(start, before.length - end);
  return diffGap(middleBefore.map((_, n) => start + n), middleAfter, before).changes;
}

/** One gap of unmatched objects: unchanged copies cancel out, the rest pair up as replacements, then removes, then adds. */
function diffGap(gapBefore: readonly number[], gapAfterObjects: readonly KubeObject[], before: readonly KubeObject[]): { changes: ObjectChange[] } {
  let gapAfter = [...gapAfterObjects];
  const leftBefore: number[] = [];
  for (const i of gapBefore) {
    const text = JSON.stringify(before[i]);
    const same = gapAfter.findIndex((o) => JSON.stringify(o) === text);
    if (same >= 0) gapAfter = gapAfter.filter((_, n) => n !== same);
    else leftBefore.push(i);
  }
  const paired = Math.min(leftBefore.length, gapAfter.length);
  const changes: ObjectChange[] = [];
  for (let n = 0; n < paired; n++) changes.push({ op: 'replace', index: leftBefore[n]!, object: gapAfter[n]! });
  for (const index of leftBefore.slice(paired)) changes.push({ op: 'remove', index });
  for (const object of gapAfter.slice(paired)) changes.push({ op: 'add', object });
  return { changes };
}

/** The general algorithm (any arrays, objects shared or repeated). */
export function diffObjectsFully(before: readonly KubeObject[], after: readonly KubeObject[]): ObjectChange[] {
  const afterIndex = new Map<KubeObject, number>();
  after.forEach((o, i) => {
    if (!afterIndex.has(o)) afterIndex.set(o, i);
  });
  // Matched pairs in increasing order on both sides (greedy on identity).
  const pairs: [number, number][] = [];
  let lastAfter = -1;
  before.forEach((o, i) => {
    const k = afterIndex.get(o);
    if (k !== undefined && k > lastAfter) {
      pairs.push([i, k]);
      lastAfter = k;
    }
  });
  pairs.push([before.length, after.length]);

  const changes: ObjectChange[] = [];
  const removes: number[] = [];
  const adds: KubeObject[] = [];
  let prevBefore = -1;
  let prevAfter = -1;
  for (const [bi, ai] of pairs) {
    const gapBefore: number[] = [];
    for (let i = prevBefore + 1; i < bi; i++) gapBefore.push(i);
    let gapAfter: number[] = [];
    for (let k = prevAfter + 1; k < ai; k++) gapAfter.push(k);
    // Objects copied unchanged (e.g. by a spread) are not changes.
    const leftBefore: number[] = [];
    for (const i of gapBefore) {
      const text = JSON.stringify(before[i]);
      const same = gapAfter.findIndex((k) => JSON.stringify(after[k]) === text);
      if (same >= 0) gapAfter = gapAfter.filter((_, n) => n !== same);
      else leftBefore.push(i);
    }
    const paired = Math.min(leftBefore.length, gapAfter.length);
    for (let n = 0; n < paired; n++) changes.push({ op: 'replace', index: leftBefore[n]!, object: after[gapAfter[n]!]! });
    removes.push(...leftBefore.slice(paired));
    adds.push(...gapAfter.slice(paired).map((k) => after[k]!));
    prevBefore = bi;
    prevAfter = ai;
  }
  for (const index of removes) changes.push({ op: 'remove', index });
  for (const object of adds) changes.push({ op: 'add', object });
  return changes;
}

/**
 * The manifest set with a fix applied: replaces first (indices are the original ones), then removes
 * from the highest index down (so earlier indices stay valid), then adds at the end.
 */
export function applyFindingFix(objects: readonly KubeObject[], fix: FindingFix): KubeObject[] {
  const out = [...objects];
  for (const change of fix.changes) {
    if (change.op === 'replace' && change.index >= 0 && change.index < out.length) out[change.index] = change.object;
  }
  const removes = [...new Set(fix.changes.flatMap((c) => (c.op === 'remove' ? [c.index] : [])))].sort((a, b) => b - a);
  for (const index of removes) if (index >= 0 && index < out.length) out.splice(index, 1);
  for (const change of fix.changes) if (change.op === 'add') out.push(change.object);
  return out;
}
