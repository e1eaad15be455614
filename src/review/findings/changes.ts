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
