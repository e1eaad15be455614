import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/index.ts';
import fc from 'fast-check';
import { applyFindingFix, diffObjects, diffObjectsFully } from './changes.ts';

const obj = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, ...extra });
const names = (objects: readonly KubeObject[]) => objects.map((o) => `${o.metadata.name}${o['data'] ? '*' : ''}`);
const fix = (changes: ReturnType<typeof diffObjects>) => ({ title: 't', description: 'd', changes });

describe('diffObjects / applyFindingFix', () => {
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => obj(n)) as [KubeObject, KubeObject, KubeObject, KubeObject];

  it('an unchanged list (even copied) has no changes', () => {
    expect(diffObjects([a, b], [a, b])).toEqual([]);
    expect(diffObjects([a, b], [structuredClone(a), structuredClone(b)])).toEqual([]);
  });

  it('replace in place, remove, append', () => {
    const b2 = obj('b', { data: { x: '1' } });
    expect(diffObjects([a, b, c], [a, b2, c])).toEqual([{ op: 'replace', index: 1, object: b2 }]);
    expect(diffObjects([a, b, c], [a, c])).toEqual([{ op: 'remove', index: 1 }]);
    expect(diffObjects([a, b], [a, b, d])).toEqual([{ op: 'add', object: d }]);
  });

  it('round trip: applying the diff gives the target (additions at the end)', () => {
    const b2 = obj('b', { data: { x: '1' } });
    const before = [a, b, c, d];
    const after = [b2, d, obj('e'), obj('f')];
    expect(names(applyFindingFix(before, fix(diffObjects(before, after))))).toEqual(names(after));
  });

  it('removes apply from the highest index down, after replaces by original index', () => {
    const c2 = obj('c', { data: { y: '2' } });
    const out = applyFindingFix([a, b, c, d], fix([{ op: 'remove', index: 0 }, { op: 'replace', index: 2, object: c2 }, { op: 'remove', index: 3 }]));
    expect(names(out)).toEqual(['b', 'c*']);
  });
});

describe('diffObjects: the identity fast path gives what the full algorithm gives', () => {
  // A pool with content-equal copies (unchanged copies cancel out) and shared references (the fast
  // path must step aside when an object repeats or `after` reuses one of `before`'s in the middle).
  const pool = ['a', 'b', 'c', 'd', 'e'].flatMap((n) => [obj(n), obj(n), obj(n, { data: { x: n } })]);
  const arrays = fc.array(fc.nat(pool.length - 1), { maxLength: 12 }).map((ix) => ix.map((i) => pool[i]!));

  it('on random edits of random lists (fast-check)', () => {
    fc.assert(fc.property(arrays, fc.array(fc.record({ at: fc.nat(14), op: fc.constantFrom('keep', 'drop', 'replace', 'insert'), with: fc.nat(pool.length - 1) }), { maxLength: 4 }), (before, edits) => {
      const after = [...before];
      for (const e of edits) {
        const at = Math.min(e.at, after.length);
        if (e.op === 'drop') after.splice(at, 1);
        else if (e.op === 'replace') after.splice(at, 1, pool[e.with]!);
        else if (e.op === 'insert') after.splice(at, 0, pool[e.with]!);
      }
      expect(diffObjects(before, after)).toEqual(diffObjectsFully(before, after));
    }), { numRuns: 1500 });
  });

  it('on unrelated random lists (fast-check)', () => {
    fc.assert(fc.property(arrays, arrays, (before, after) => {
      expect(diffObjects(before, after)).toEqual(diffObjectsFully(before, after));
    }), { numRuns: 1000 });
  });
});
