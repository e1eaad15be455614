// Copying by stretches gives what the element-by-element mapping gives, for any origin.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyByRuns, MAX_RUNS, runsInOrder, runsOf } from './originRuns.ts';

/** An origin over a base of `baseLength`: kept base indices (in any order), new elements between. */
const origins = fc
  .tuple(fc.integer({ min: 0, max: 40 }), fc.array(fc.oneof(fc.constant(-1), fc.nat(39)), { maxLength: 60 }))
  .map(([baseLength, raw]) => ({ baseLength, from: Int32Array.from(raw.map((x) => (x < 0 || baseLength === 0 ? -1 : x % baseLength))) }));

/** A toggle's origin: the base with a few elements gone and a few come, in order. */
const toggles = fc.tuple(fc.integer({ min: 1, max: 50 }), fc.array(fc.tuple(fc.nat(49), fc.boolean()), { maxLength: 8 })).map(([baseLength, edits]) => {
  const from: number[] = Array.from({ length: baseLength }, (_, k) => k);
  for (const [at, insert] of edits) {
    const k = at % (from.length + 1);
    if (insert) from.splice(k, 0, -1);
    else if (k < from.length) from.splice(k, 1);
  }
  return { baseLength, from: Int32Array.from(from) };
});

const byElement = (from: Int32Array, base: readonly string[], fresh: (k: number) => string) => Array.from(from, (at, k) => (at < 0 ? fresh(k) : base[at]!));

describe('origin stretches', () => {
  it('copy what the element-by-element mapping gives, calling fresh in order', () => {
    fc.assert(
      fc.property(fc.oneof(origins, toggles), ({ baseLength, from }) => {
        const base = Array.from({ length: baseLength }, (_, b) => `b${b}`);
        const runs = runsOf(from)!;
        const asked: number[] = [];
        const got = copyByRuns(from.length, runs, base, (k) => {
          asked.push(k);
          return `new${k}`;
        });
        expect(got).toEqual(byElement(from, base, (k) => `new${k}`));
        expect(asked).toEqual([...from.keys()].filter((k) => from[k]! < 0));
        // In order exactly when the kept base indices ascend.
        const kept = [...from].filter((at) => at >= 0);
        expect(runsInOrder(runs)).toBe(kept.every((at, i) => i === 0 || at > kept[i - 1]!));
      }),
    );
  });

  it('are few for a toggle, and given up past MAX_RUNS', () => {
    const from = Int32Array.from({ length: 1000 }, (_, k) => (k === 500 ? -1 : k < 500 ? k : k + 3));
    expect(Array.from(runsOf(from)!)).toEqual([0, 0, 500, 501, 504, 499]);
    expect(runsOf(Int32Array.from({ length: MAX_RUNS * 2 + 2 }, (_, k) => (k % 2 === 0 ? k / 2 : -1)))).toBeUndefined();
  });
});
