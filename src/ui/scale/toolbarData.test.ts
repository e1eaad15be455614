import { describe, expect, it } from 'vitest';
import type { GPair } from '../../workers/analysis.ts';
import { recordOrigin } from '../../workers/pairsDelta.ts';
import type { GraphData, GWorkload } from '../../workers/analysis.ts';
import { foldedPaths, searchOptions, warmSearchOptions } from './toolbarData.ts';

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

describe('warmSearchOptions', () => {
  // Each workload's labels say when its option is made (the option lists them).
  const made: string[] = [];
  const workload = (ns: string, i: number, app = 'x') => {
    const key = `wl:${ns}/w${i}`;
    const labels = new Proxy({ app }, { ownKeys: (t) => (made.push(key), Reflect.ownKeys(t)) });
    return { key, id: `${ns}/w${i}`, name: `w${i}`, namespace: ns, kind: 'Deployment', labels } as unknown as GWorkload;
  };
  const graphOf = (workloads: GWorkload[]) =>
    ({
      namespaces: ['a', 'b'].map((name) => ({ name, labels: {}, workloads: workloads.filter((w) => w.namespace === name).map((w) => w.key) })),
      workloads,
      externals: [1, 2, 3].map((i) => ({ key: `ext:${i}`, title: `outside ${i}`, id: `${i}` })),
    }) as unknown as GraphData;

  it('makes the options a few elements per call, in order, until the search finds them all made', () => {
    const ws = [...Array.from({ length: 12 }, (_, i) => workload('a', i)), ...Array.from({ length: 13 }, (_, i) => workload('b', i))];
    const graph = graphOf(ws);
    made.length = 0;
    const starts: number[] = [];
    let at = 0;
    do {
      at = warmSearchOptions(graph, at, 4);
      starts.push(at);
      // Two namespaces first, then the workloads in order: no more than the budget per call.
      const upTo = at < 0 ? 25 : Math.max(0, Math.min(25, at - 2));
      expect(made).toEqual(ws.slice(0, upTo).map((w) => w.key));
    } while (at >= 0);
    // 2 namespaces, 25 workloads, 3 outside nodes: 30 elements, 4 per call.
    expect(starts).toEqual([4, 8, 12, 16, 20, 24, 28, -1]);
    const options = searchOptions(graph);
    expect(made.length).toBe(25);
    expect(options.map((o) => o.key)).toEqual(['ns:a', 'ns:b', ...ws.map((w) => w.key), 'ext:1', 'ext:2', 'ext:3']);
    expect(options[2]!.haystack).toBe('a/w0 app=x');
  });

  it("patches a toggle's options at once (the lists keep their lengths)", () => {
    const ws = Array.from({ length: 25 }, (_, i) => workload(i < 12 ? 'a' : 'b', i));
    const first = graphOf(ws);
    let at = 0;
    while ((at = warmSearchOptions(first, at, 10)) >= 0);
    const before = searchOptions(first);
    const next = ws.slice();
    next[7] = workload('a', 7, 'y');
    made.length = 0;
    expect(warmSearchOptions({ ...first, workloads: next }, 0, 4)).toBe(-1);
    expect(made).toEqual(['wl:a/w7']);
    const after = searchOptions({ ...first, workloads: next });
    expect(after[9]!.haystack).toBe('a/w7 app=y');
    expect(after.filter((o, i) => o !== before[i]).length).toBe(1);
  });
});
