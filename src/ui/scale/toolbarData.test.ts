import { describe, expect, it } from 'vitest';
import type { GPair } from '../../workers/analysis.ts';
import { recordOrigin } from '../../workers/pairsDelta.ts';
import type { GraphData, GWorkload } from '../../workers/analysis.ts';
import { foldedPaths, searchOptions } from './toolbarData.ts';

const pair = (i: number, members?: number): GPair =>
  ({ from: `ns:a${i}`, to: `ns:b${i}`, conn: { all: true, byProtocol: { TCP: [], UDP: [], SCTP: [] } }, intent: 'unintended', tier: 'Default', ...(members !== undefined ? { members } : {}) }) as GPair;
const sum = (pairs: readonly GPair[]) => pairs.reduce((n, p) => n + (p.members ?? 0), 0);

describe('foldedPaths', () => {
  it('counts a toggle\'s pairs from the last count, the pairs gone and the new ones', () => {
    const base = Array.from({ length: 40 }, (_, i) => pair(i, i % 3 === 0 ? i + 1 : undefined));
    expect(foldedPaths(base)).toBe(sum(base));
    // Pairs 5..9 and 30 gone, two new pairs at the start and one in the middle.
    const next = [pair(100, 7), pair(101), ...base.slice(0, 5), pair(102, 11), ...base.slice(10, 30), ...base.slice(31)];
    const from = Int32Array.from(next.map((p) => base.indexOf(p)));
    recordOrigin(next, base, from);
    expect(foldedPaths(next)).toBe(sum(next));
    // And again from that one, reordered (not in stretches in order): counted afresh.
    const again = [...next].reverse();
    recordOrigin(again, next, Int32Array.from(again.map((p) => next.indexOf(p))));
    expect(foldedPaths(again)).toBe(sum(again));
  });
});

describe('searchOptions', () => {
  const workload = (i: number, app: string) => ({ key: `wl:ns/w${i}`, id: `ns/w${i}`, name: `w${i}`, namespace: 'ns', kind: 'Deployment', labels: { app } }) as unknown as GWorkload;
  const namespaces = [{ name: 'ns', labels: {}, workloads: [0, 1, 2, 3, 4].map((i) => `wl:ns/w${i}`) }];
  const graphOf = (workloads: GWorkload[]) => ({ namespaces, workloads, externals: [] }) as unknown as GraphData;
  it('takes an answer\'s changed elements again and keeps the list when none changed', () => {
    const ws = Array.from({ length: 5 }, (_, i) => workload(i, 'old'));
    const first = searchOptions(graphOf(ws));
    expect(first.map((o) => o.key)).toEqual(['ns:ns', ...ws.map((w) => w.key)]);
    const same = graphOf(ws);
    expect(searchOptions(same)).toBe(first);
    const next = ws.slice();
    next[3] = workload(3, 'new');
    const options = searchOptions({ ...same, workloads: next });
    expect(options[4]!.haystack).toContain('app=new');
    expect(options.filter((o, i) => o !== first[i]).map((o) => o.key)).toEqual(['wl:ns/w3']);
  });
});
