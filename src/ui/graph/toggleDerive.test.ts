// After a toggle the page derives from an answer rebuilt out of deltas (pairs, cluster parts, lists),
// reuses what it computed for unchanged edges (derive's summaries, the overview's rekeyed pairs)
// and keeps unchanged nodes and edges by identity (stable.ts). What it draws must be exactly what
// a derive from scratch of the worker's analysis draws.
import { describe, expect, it } from 'vitest';
import { setAllowRule } from '../../design/allowRules.ts';
import type { AllowRuleId } from '../../design/types.ts';
import { DEFAULT_SETTINGS } from '../../design/types.ts';
import { clusterMemo, loadDesign } from '../../model/index.ts';
import type { KubeObject } from '../../model/types.ts';
import { tenantDesignYaml } from '../../../bench/tenantDesign.ts';
import { syntheticCluster } from '../../../bench/synthetic.ts';
import { clusterYaml } from '../../../scripts/synthetic-yaml.ts';
import { analyzeObjects, type Analysis } from '../../workers/analysis.ts';
import { answerSender, decodeAnswerDeltas } from '../../workers/answerDelta.ts';
import { incrementalAnalyzer } from '../../workers/incremental.ts';
import { deriveShown, shownGraph } from '../scale/shown.ts';
import { NO_FILTERS } from '../scale/transform.ts';
import type { ScaleView } from '../scale/viewState.ts';
import { bundleUndrawn } from './bundle.ts';
import { keepIdentity, same } from './stable.ts';
import { deriveMemo, type AppEdge, type AppNode, type DeriveMemo } from './derive.ts';

const objectsOf = (text: string): KubeObject[] => loadDesign([{ name: 'd.yaml', text }]).manifests.map((m) => m.object);

const drawn = (graph: Analysis['graph'], view: ScaleView, memo?: DeriveMemo) => {
  const d = deriveShown(shownGraph(graph, view), {}, {}, null, { showCuts: true }, undefined, memo);
  return { nodes: d.nodes, edges: bundleUndrawn(d.nodes, d.edges, new Set()), shownAs: d.shownAs };
};

/** How many drawn objects the toggles kept (keepIdentity), and how many of them kept the last key maps (nodeIndex.ts). */
let keptMaps = 0;

function toggles(objects: KubeObject[], namespace: string, view: ScaleView, switches: AllowRuleId[]): number {
  const s = DEFAULT_SETTINGS;
  const analyzer = incrementalAnalyzer();
  const memo = clusterMemo();
  const answers = answerSender((graph) => analyzer.send(graph));
  let page: Analysis | undefined;
  let kept: { nodes: AppNode[]; edges: AppEdge[] } | undefined;
  let keptObjects = 0;
  const remembered = deriveMemo();
  let lastShownAs: unknown;
  switches.forEach((id, i) => {
    objects = setAllowRule(objects, id, { namespace }, i % 3 !== 2, s);
    const r = analyzeObjects(objects, s, false, analyzer.analyze, memo);
    if (!r.ok) throw new Error('analysis failed');
    // From scratch: a copy of the worker's analysis shares no object with what the page keeps.
    const fresh = drawn(structuredClone(r.analysis.graph), view);
    const m = structuredClone(answers.encode(r.analysis));
    const decoded = decodeAnswerDeltas(m.analysis, m.deltas, page);
    if (!decoded) throw new Error('the page lost step with the worker');
    page = decoded;
    const now = drawn(page.graph, view, remembered);
    if (now.shownAs === lastShownAs) keptMaps++;
    lastShownAs = now.shownAs;
    expect(now.nodes).toEqual(fresh.nodes);
    expect(now.edges).toEqual(fresh.edges);
    const nodes = keepIdentity(kept?.nodes, now.nodes);
    const edges = keepIdentity(kept?.edges, now.edges);
    expect(nodes).toEqual(fresh.nodes);
    expect(edges).toEqual(fresh.edges);
    keptObjects += nodes.filter((n) => kept?.nodes.includes(n)).length;
    kept = { nodes, edges };
  });
  return keptObjects;
}

const VIEW: ScaleView = { focus: null, overview: 'auto', groupBy: null, filters: NO_FILTERS };

describe('a toggle draws what a derive from scratch draws', () => {
  it('at 60 namespaces of tenants (the overview, grouped by team)', () => {
    const kept = toggles(objectsOf(tenantDesignYaml({ namespaces: 60, teams: 6 })), 'app-003', VIEW, ['nonPrivateIPs', 'sameNamespace', 'nonPrivateIPs', 'defaultDenyIngress']);
    expect(kept).toBeGreaterThan(0);
  });
  it('on a generated cluster of 400 pods (the overview), and focused on a namespace', () => {
    const objects = objectsOf(clusterYaml(syntheticCluster(400)));
    keptMaps = 0;
    toggles(objects, 'ns-3', VIEW, ['nonPrivateIPs', 'sameNamespace', 'nonPrivateIPs']);
    // No namespace changes: the toggles after the first keep the key maps.
    expect(keptMaps).toBe(2);
    toggles(objects, 'ns-3', { ...VIEW, focus: 'ns:ns-3' }, ['nonPrivateIPs', 'sameNamespace']);
  });
  it('on an app-only design (one namespace, no kube-system), in detail', () => {
    const tenants = objectsOf(tenantDesignYaml({ namespaces: 6, teams: 2 }));
    const app = tenants.filter((o) => o.metadata.namespace === 'app-003' || (o.kind === 'Namespace' && o.metadata.name === 'app-003'));
    const kept = toggles(app, 'app-003', VIEW, ['nonPrivateIPs', 'sameNamespace', 'defaultDenyIngress', 'nonPrivateIPs']);
    expect(kept).toBeGreaterThan(0);
  });
});

describe('same / keepIdentity', () => {
  it('keeps equal elements by id and the array when nothing changed', () => {
    const a = [{ id: 'x', data: { n: 1, w: { k: [1] } } }, { id: 'y', data: { n: 2, w: { k: [] } } }];
    const b = structuredClone(a);
    expect(keepIdentity(a, b)).toBe(a);
    b[1]!.data.n = 3;
    const out = keepIdentity(a, b);
    expect(out[0]).toBe(a[0]);
    expect(out[1]).toBe(b[1]);
    expect(keepIdentity(a, [b[0]!])).toEqual([a[0]]);
    expect(same(new Map([[1, 2]]), new Map([[1, 3]]))).toBe(false);
    expect(same({ a: { b: { c: { d: { e: 1 } } } } }, { a: { b: { c: { d: { e: 1 } } } } })).toBe(false);
    // Long lists: elements by identity only.
    const long = Array.from({ length: 100 }, (_, i) => ({ i }));
    expect(same({ l: long }, { l: [...long] })).toBe(true);
    expect(same({ l: long }, { l: structuredClone(long) })).toBe(false);
    expect(same({ l: long.slice(0, 3) }, { l: structuredClone(long.slice(0, 3)) })).toBe(true);
  });
});
