// The lists the page rebuilds from element deltas are the worker's lists, and unchanged elements
// keep the page's identity (what lets derive and React skip them).
import { describe, expect, it } from 'vitest';
import { setAllowRule } from '../design/allowRules.ts';
import { DEFAULT_SETTINGS } from '../design/types.ts';
import { clusterMemo, loadDesign } from '../model/index.ts';
import type { KubeObject } from '../model/types.ts';
import { tenantDesignYaml } from '../../bench/tenantDesign.ts';
import { syntheticCluster } from '../../bench/synthetic.ts';
import { clusterYaml } from '../../scripts/synthetic-yaml.ts';
import { analyzeObjects, type Analysis } from './analysis.ts';
import { answerSender, decodeAnswerDeltas } from './answerDelta.ts';
import { incrementalAnalyzer } from './incremental.ts';
import { decodeList, encodeList, sameData } from './listDelta.ts';

describe('encodeList / decodeList', () => {
  it('sends only new elements and rebuilds the list with the base objects', () => {
    const base = [{ a: 1 }, { a: 2 }, { a: 2 }, { a: 3 }];
    const list = [{ a: 2 }, { a: 4 }, base[3]!, { a: 2 }, { a: 2 }];
    const delta = encodeList(list, base, true, undefined, 0);
    expect(delta.added).toEqual([{ a: 4 }, { a: 2 }]);
    const page = structuredClone(base);
    const out = decodeList(structuredClone(delta), page)!;
    expect(out).toEqual(list);
    // Equal elements matched one to one: the two base {a: 2} are both used, once each.
    expect(out[0]).toBe(page[1]);
    expect(out[3]).toBe(page[2]);
    expect(out[2]).toBe(page[3]);
    expect(out[4]).not.toBe(page[1]);
  });

  it('without identity, the same object is the same element (never changed in place once sent) and equal data matches too', () => {
    const kept = { a: 1, b: [1, { c: 'x' }] };
    const base = [kept, { a: 2, b: [] }, { a: 3, b: [] }];
    const list = [kept, { a: 3, b: [] }, { a: 2, b: [] }, { a: 2, b: [0] }];
    const delta = encodeList(list, base, false, undefined, 0);
    expect([...delta.from]).toEqual([0, 2, 1, -1]);
    expect(delta.added).toEqual([{ a: 2, b: [0] }]);
    // A few misses are sent rather than matched by JSON (which writes the whole base).
    expect(encodeList(list, base, false).added).toEqual([{ a: 3, b: [] }, { a: 2, b: [] }, { a: 2, b: [0] }]);
  });

  it('sameData compares JSON-like data', () => {
    expect(sameData({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(sameData({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameData({ a: undefined, c: 1 }, { b: undefined, c: 1 })).toBe(false);
    expect(sameData([1], { 0: 1 })).toBe(false);
  });

  it('refuses a base of another length', () => {
    const delta = encodeList([{ a: 1 }], [{ a: 1 }], false);
    expect(decodeList(delta, [])).toBeUndefined();
    expect(decodeList(delta, undefined)).toBeUndefined();
  });
});

/** The worker's encoders and the page's decoders over a series of toggles, as client.ts runs them. */
function roundTrips(initial: KubeObject[], namespace: string): void {
  const s = DEFAULT_SETTINGS;
  const analyzer = incrementalAnalyzer();
  const memo = clusterMemo();
  const answers = answerSender((graph) => analyzer.send(graph));
  let page: Analysis | undefined;
  let objects = initial;
  let deltas = 0;
  for (let i = 0; i < 4; i++) {
    if (i > 0) objects = setAllowRule(objects, i % 2 ? 'nonPrivateIPs' : 'sameNamespace', { namespace }, i < 3, s);
    const r = analyzeObjects(objects, s, false, analyzer.analyze, memo);
    if (!r.ok) throw new Error('analysis failed');
    const truth = structuredClone(r.analysis);
    const sent = answers.encode(r.analysis);
    if (sent.deltas.lists) deltas++;
    // What crosses: a structured clone of the message.
    const message = structuredClone(sent);
    const decoded = decodeAnswerDeltas(message.analysis, message.deltas, page);
    expect(decoded).toBeDefined();
    expect(decoded!.graph).toEqual(truth.graph);
    expect(decoded!.cluster).toEqual(truth.cluster);
    if (page && i > 0) {
      // Unchanged workloads keep the page's object.
      const before = new Map(page.graph.workloads.map((w) => [w.key, w]));
      const kept = decoded!.graph.workloads.filter((w) => before.get(w.key) === w).length;
      expect(kept).toBeGreaterThan(decoded!.graph.workloads.length / 2);
    }
    page = decoded;
  }
  expect(deltas).toBeGreaterThan(0);
}

describe('an answer sent by list deltas', () => {
  it('rebuilds the analysis on a 16-namespace tenant design', () => {
    const objects = loadDesign([{ name: 't.yaml', text: tenantDesignYaml({ namespaces: 16, teams: 4 }) }]).manifests.map((m) => m.object);
    roundTrips(objects, 'app-003');
  });
  it('rebuilds the analysis on a generated cluster of 200 pods', () => {
    const objects = loadDesign([{ name: 'p.yaml', text: clusterYaml(syntheticCluster(200)) }]).manifests.map((m) => m.object);
    roundTrips(objects, 'ns-3');
  });
});
