// routePairs after a delta must give what a run from scratch gives (the same edges in the same
// order, the same pairs in the same order, the same counts), while keeping the pairs arrays of the
// edges the delta did not touch.
import { describe, expect, it } from 'vitest';
import type { GPair, NodeKey } from '../../workers/analysis.ts';
import { decodePairs, encodePairs } from '../../workers/pairsDelta.ts';
import { routePairs, type RoutesMemo } from './routes.ts';

const conn = { all: true, byProtocol: { TCP: [], UDP: [], SCTP: [] } };
const pair = (from: string, to: string): GPair => ({ from, to, conn, intent: 'intended', tier: 'NetworkPolicy' });

/** Workloads w0..w29 in namespaces n0..n5 (collapsed: shown as their namespace), w0..w4 expanded. */
const shownAs = new Map<NodeKey, NodeKey>();
for (let i = 0; i < 30; i++) shownAs.set(`wl:w${i}`, i < 5 ? `wl:w${i}` : `ns:n${i % 6}`);
for (let i = 0; i < 6; i++) shownAs.set(`ns:n${i}`, `ns:n${i}`);

/** A seeded random list of pairs (some with an end not shown). */
function randomPairs(seed: number, count: number): GPair[] {
  let s = seed;
  const rnd = (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * n);
  };
  const out: GPair[] = [];
  for (let i = 0; i < count; i++) out.push(pair(`wl:w${rnd(32)}`, rnd(10) === 0 ? `ns:n${rnd(6)}` : `wl:w${rnd(30)}`));
  return out.sort((a, b) => a.from.localeCompare(b.from));
}

/** What a caller sees: per edge in order, its ends, its pairs and its count. */
const view = (r: RoutesMemo) => r.order.map((t) => ({ ...r.targets[t]!, pairs: r.pairsOf[t]!, count: r.counts[t]! }));

describe('routePairs', () => {
  it('after a delta, equals a run from scratch and keeps the untouched edges\' arrays', () => {
    let pairs = randomPairs(7, 400);
    let memo = routePairs(pairs, shownAs);
    let keptArrays = 0;
    for (let step = 0; step < 12; step++) {
      // Replace the pairs of one source (as a toggle does), sometimes dropping or adding a source.
      const source = `wl:w${(step * 7) % 32}`;
      const fresh = randomPairs(100 + step, 40).map((p) => ({ ...p, from: source }));
      const next = [...pairs.filter((p) => p.from !== source), ...(step % 4 === 3 ? [] : fresh)].sort((a, b) => a.from.localeCompare(b.from));
      const decoded = decodePairs(encodePairs(next, next, pairs, pairs.length), pairs)!;
      expect(decoded).toEqual(next);
      const incremental = routePairs(decoded, new Map(shownAs), memo);
      const scratch = routePairs(decoded, shownAs);
      expect(view(incremental)).toEqual(view(scratch));
      for (const t of incremental.order) if (memo.pairsOf[t] === incremental.pairsOf[t] && incremental.pairsOf[t]!.length > 0) keptArrays++;
      // Every edge's pairs are the same objects as in the list, in its order.
      for (const e of view(incremental)) if (e.from !== e.to) expect(e.pairs).toEqual(decoded.filter((p) => shownAs.get(p.from) === e.from && shownAs.get(p.to) === e.to));
      if (step % 4 === 3) expect(decoded.length).toBeLessThan(pairs.length);
      memo = incremental;
      pairs = decoded;
    }
    expect(keptArrays).toBeGreaterThan(0);
  });

  it('with other shown nodes, starts again', () => {
    const pairs = randomPairs(3, 200);
    const memo = routePairs(pairs, shownAs);
    const other = new Map(shownAs).set('wl:w1', 'ns:n1');
    expect(view(routePairs(pairs, other, memo))).toEqual(view(routePairs(pairs, other)));
    const again = routePairs(pairs, new Map(shownAs), memo);
    expect(again.pairsOf).toBe(memo.pairsOf);
    expect(again.deltas).toBeUndefined();
  });
});
