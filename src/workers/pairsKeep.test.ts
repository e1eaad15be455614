// Folded pairs that did not change travel as indices: the page keeps their objects, and still
// rebuilds exactly the worker's pairs.
import { describe, expect, it } from 'vitest';
import { withAssumedServices } from '../cluster/assumed/index.ts';
import { setAllowRule } from '../design/allowRules.ts';
import { DEFAULT_SETTINGS, type AllowRuleId } from '../design/types.ts';
import { buildClusterFromObjects, loadDesign } from '../model/index.ts';
import type { KubeObject } from '../model/types.ts';
import { syntheticCluster } from '../../bench/synthetic.ts';
import { clusterYaml } from '../../scripts/synthetic-yaml.ts';
import { analyzeCluster, type GPair } from './analysis.ts';
import { incrementalAnalyzer } from './incremental.ts';
import { decodePairs } from './pairsDelta.ts';
import { keepFolded, samePairContent } from './pairsKeep.ts';

const settings = DEFAULT_SETTINGS;
const clusterOf = (o: KubeObject[]) => withAssumedServices(buildClusterFromObjects(o).cluster, settings);
const MAX = 100;

describe('folded pairs kept', () => {
  it('rebuilds every answer of a toggle sequence, keeping the folded pairs that did not change', () => {
    let objects = loadDesign([{ name: 'd.yaml', text: clusterYaml(syntheticCluster(300)) }]).manifests.map((m) => m.object);
    const analyzer = incrementalAnalyzer(MAX);
    let page: GPair[] | undefined;
    let keptFolded = 0;
    const steps: [AllowRuleId, string, boolean][] = [
      ['nonPrivateIPs', 'ns-3', true], ['sameNamespace', 'ns-3', true], ['defaultDenyIngress', 'ns-1', true], ['nonPrivateIPs', 'ns-3', false], ['sameNamespace', 'ns-3', false],
    ];
    for (const step of [undefined, ...steps]) {
      if (step) objects = setAllowRule(objects, step[0], { namespace: step[1] }, step[2], settings);
      const graph = analyzer.analyze(objects, clusterOf(objects), settings);
      expect(graph.pairs.some((p) => p.members !== undefined)).toBe(true);
      const delta = analyzer.send(graph);
      const before = page;
      page = delta ? decodePairs(delta, page) : graph.pairs;
      expect(page).toEqual(analyzeCluster(objects, clusterOf(objects), settings, MAX).pairs);
      if (!before || !page || !delta) continue;
      const old = new Set(before);
      for (const p of page) {
        if (p.members === undefined) continue;
        const same = before.find((b) => b.members !== undefined && samePairContent(b, p));
        // A folded pair equal to one the page has is that object.
        if (same) expect(old.has(p)).toBe(true);
        if (old.has(p)) keptFolded++;
      }
    }
    expect(keptFolded).toBeGreaterThan(0);
  });
});

describe('keepFolded', () => {
  const conn = (from: number, to: number) => ({ all: false, byProtocol: { TCP: [{ from, to }], UDP: [], SCTP: [] } });
  const fold = (from: string, port: number, members = 2): GPair => ({ from: `ns:${from}`, to: 'ns:b', conn: conn(port, port), intent: 'intended', tier: 'NetworkPolicy', members });
  it('keeps a fold only when all it says is the same', () => {
    const listed: GPair = { from: 'wl:a/x', to: 'wl:b/y', conn: conn(80, 80), intent: 'intended', tier: 'NetworkPolicy' };
    const base = [listed, fold('a', 80), fold('c', 80), fold('d', 80), fold('e', 80)];
    const now = [listed, fold('a', 80), fold('c', 443), fold('d', 80, 3), fold('f', 80), structuredClone(base[4]!)];
    const delta = { baseLength: base.length, from: Int32Array.from([0, -1, -1, -1, -1, -1]), added: now.slice(1) };
    const kept = keepFolded(delta, now, 1, base, 1);
    expect([...kept.from]).toEqual([0, 1, -1, -1, -1, 4]);
    expect(kept.added).toEqual([now[2], now[3], now[4]]);
    expect(decodePairs(kept, base)).toEqual(now);
    expect(keepFolded(delta, now, 1, base.slice(0, 1), 1)).toBe(delta);
  });
});
