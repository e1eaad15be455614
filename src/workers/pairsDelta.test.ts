// The pairs the page rebuilds from a delta are the pairs the worker computed.
import { describe, expect, it } from 'vitest';
import { withAssumedServices } from '../cluster/assumed/index.ts';
import { setAllowRule } from '../design/allowRules.ts';
import { baseCluster } from '../design/testkit.ts';
import { DEFAULT_SETTINGS } from '../design/types.ts';
import { buildClusterFromObjects } from '../model/index.ts';
import type { KubeObject } from '../model/types.ts';
import { incrementalAnalyzer } from './incremental.ts';
import { decodePairs, encodePairs } from './pairsDelta.ts';
import { analyzeCluster, analyzeClusterFrom, type AnalysisState, type GPair } from './analysis.ts';

const settings = DEFAULT_SETTINGS;
const clusterOf = (o: KubeObject[]) => withAssumedServices(buildClusterFromObjects(o).cluster, settings);

describe('pairs sent as a change', () => {
  it('rebuilds every analysis of a toggle sequence on the page side, sending only new pairs', () => {
    const analyzer = incrementalAnalyzer();
    let objects = baseCluster();
    let page: GPair[] | undefined;
    const steps: [Parameters<typeof setAllowRule>[1], string, boolean][] = [
      ['defaultDenyIngress', 'shop', true], ['defaultDenyEgress', 'other', true], ['sameNamespace', 'shop', true], ['defaultDenyIngress', 'shop', false], ['nonPrivateIPs', 'other', true],
    ];
    let deltas = 0;
    for (const [rule, namespace, on] of [undefined, ...steps].map((s) => s ?? (['defaultDenyIngress', 'third', false] as const))) {
      objects = setAllowRule(objects, rule, { namespace }, on, settings);
      const graph = analyzer.analyze(objects, clusterOf(objects), settings);
      const delta = analyzer.send(graph);
      if (delta) {
        deltas++;
        expect(delta.added.length).toBeLessThanOrEqual(graph.pairs.length / 2);
        page = decodePairs(delta, page);
      } else page = graph.pairs;
      expect(page).toEqual(analyzeCluster(objects, clusterOf(objects), settings).pairs);
    }
    expect(deltas).toBeGreaterThan(2);
  });

  it('matches kept pairs by their orders exactly as by a map of the base', () => {
    let objects = baseCluster();
    let state: AnalysisState | undefined;
    let length = 0;
    let kept = 0;
    for (const [rule, namespace, on] of [['sameNamespace', 'shop', true], ['defaultDenyEgress', 'other', true], ['defaultDenyIngress', 'third', true], ['sameNamespace', 'shop', false]] as const) {
      objects = setAllowRule(objects, rule, { namespace }, on, settings);
      // A small cap: rows past it fold, and the cap moves as pairs come and go.
      const next = analyzeClusterFrom(objects, clusterOf(objects), settings, state, 12);
      if (state) {
        const byMap = encodePairs(next.graph.pairs, next.state.listed, state.listed, length);
        const byOrder = encodePairs(next.graph.pairs, next.state.listed, state.listed, length, { now: next.state.listedOrders, base: state.listedOrders });
        expect(byOrder).toEqual(byMap);
        kept += byMap.from.filter((k) => k >= 0).length;
      }
      state = next.state;
      length = next.graph.pairs.length;
    }
    expect(kept).toBeGreaterThan(0);
  });

  it('refuses a base it was not encoded against', () => {
    const analyzer = incrementalAnalyzer();
    const objects = (['shop', 'other', 'third'] as const).reduce((o, namespace) => setAllowRule(o, 'sameNamespace', { namespace }, true, settings), baseCluster());
    analyzer.send(analyzer.analyze(objects, clusterOf(objects), settings));
    const next = setAllowRule(objects, 'nonPrivateIPs', { namespace: 'third' }, true, settings);
    const delta = analyzer.send(analyzer.analyze(next, clusterOf(next), settings))!;
    expect(delta).toBeDefined();
    expect(decodePairs(delta, [])).toBeUndefined();
  });
});
