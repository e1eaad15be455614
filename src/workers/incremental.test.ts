// Incremental analysis (issue 12): reusing the previous analysis must give exactly what a full
// analysis of the new design gives, whatever the sequence of switches and policy edits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withAssumedServices } from '../cluster/assumed/index.ts';
import { ALLOW_RULES, setAllowRule } from '../design/allowRules.ts';
import { ADMIN_RULES, setAdminRule } from '../design/adminRules.ts';
import { deployment } from '../design/kube.ts';
import { baseCluster } from '../design/testkit.ts';
import { DEFAULT_SETTINGS, type DesignSettings } from '../design/types.ts';
import { buildClusterFromObjects, clusterMemo, emitYaml, loadDesign, yamlCache } from '../model/index.ts';
import { clusterYaml } from '../../scripts/synthetic-yaml.ts';
import { syntheticCluster } from '../../bench/synthetic.ts';
import { tenantDesignYaml } from '../../bench/tenantDesign.ts';
import { incrementalAnalyzer } from './incremental.ts';
import type { KubeObject, NetworkPolicy, NetworkPolicyRule } from '../model/types.ts';
import { policyArb } from '../testing/arbitraries.ts';
import { analyzeCluster, analyzeClusterFrom, type AnalysisState, type GraphData } from './analysis.ts';

const NS: Record<string, string> = { a: 'shop', b: 'other', c: 'third' };
const TARGETS = [{ namespace: 'shop' }, { namespace: 'other' }, { namespace: 'shop', workload: 'web' }, { namespace: 'third', workload: 'stranger' }];

function policyObject(p: NetworkPolicy, name: string): KubeObject {
  const rules = (list: readonly NetworkPolicyRule[], field: 'from' | 'to') =>
    list.map((r) => ({ ...(r.peers ? { [field]: r.peers } : {}), ...(r.ports ? { ports: r.ports } : {}) }));
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: NS[p.namespace] ?? p.namespace },
    spec: {
      podSelector: p.podSelector,
      ...(p.policyTypesInferred ? {} : { policyTypes: p.policyTypes }),
      ...(p.ingress.length > 0 ? { ingress: rules(p.ingress, 'from') } : {}),
      ...(p.egress.length > 0 ? { egress: rules(p.egress, 'to') } : {}),
    },
  };
}

type Change =
  | { kind: 'switch'; rule: number; target: number; on: boolean }
  | { kind: 'add'; policy: NetworkPolicy }
  | { kind: 'remove'; at: number }
  | { kind: 'edit'; at: number; policy: NetworkPolicy }
  | { kind: 'workload'; name: string }
  | { kind: 'admin'; on: boolean }
  /** A policy open to every source (outside ones too), or to an address block. */
  | { kind: 'open'; namespace: string; direction: 'ingress' | 'egress'; cidr?: string };

const changeArb: fc.Arbitrary<Change> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('switch' as const), rule: fc.nat(ALLOW_RULES.length - 1), target: fc.nat(TARGETS.length - 1), on: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('add' as const), policy: policyArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('edit' as const), at: fc.nat(), policy: policyArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('workload' as const), name: fc.constantFrom('extra-1', 'extra-2') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('admin' as const), on: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record(
      { kind: fc.constant('open' as const), namespace: fc.constantFrom('shop', 'other', 'third'), direction: fc.constantFrom('ingress' as const, 'egress' as const), cidr: fc.constantFrom('0.0.0.0/0', '10.0.0.0/8', '203.0.113.0/24') },
      { requiredKeys: ['kind', 'namespace', 'direction'] },
    ),
  },
);

let added = 0;
function apply(objects: KubeObject[], change: Change, settings: DesignSettings): KubeObject[] {
  const policies = objects.map((o, i) => [o, i] as const).filter(([o]) => o.kind === 'NetworkPolicy');
  switch (change.kind) {
    case 'switch':
      return setAllowRule(objects, ALLOW_RULES[change.rule]!.id, TARGETS[change.target]!, change.on, settings);
    case 'add':
      return [...objects, policyObject(change.policy, `random-${added++}`)];
    case 'remove': {
      if (policies.length === 0) return objects;
      const at = policies[change.at % policies.length]![1];
      return objects.filter((_, i) => i !== at);
    }
    case 'edit': {
      if (policies.length === 0) return objects;
      const [old, at] = policies[change.at % policies.length]!;
      const edited = policyObject({ ...change.policy, namespace: old.metadata.namespace ?? 'shop' }, old.metadata.name);
      return objects.map((o, i) => (i === at ? { ...edited, metadata: { ...old.metadata } } : o));
    }
    case 'workload':
      return objects.some((o) => o.metadata.name === change.name)
        ? objects.filter((o) => o.metadata.name !== change.name)
        : [...objects, deployment('other', change.name, { labels: { app: change.name }, image: 'x', ports: [{ name: 'http', containerPort: 80 }] })];
    case 'admin':
      return setAdminRule(objects, ADMIN_RULES[0]!.id, change.on);
    case 'open': {
      const peers = change.cidr ? { [change.direction === 'ingress' ? 'from' : 'to']: [{ ipBlock: { cidr: change.cidr } }] } : {};
      const spec = { podSelector: {}, policyTypes: [change.direction === 'ingress' ? 'Ingress' : 'Egress'], [change.direction]: [peers] };
      return [...objects, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `open-${added++}`, namespace: change.namespace }, spec }];
    }
  }
}

const withoutTime = (g: GraphData) => ({ ...g, ms: 0 });

describe('incremental analysis', () => {
  it.each([
    ['every pair listed', undefined],
    ['a cap that folds pairs per namespace', 6],
  ])('equals a full analysis after any sequence of switches and policy edits (%s)', (_, maxPairs) => {
    let reused = 0;
    fc.assert(
      fc.property(fc.array(changeArb, { minLength: 1, maxLength: 8 }), fc.boolean(), (changes, ciliumProfile) => {
        const settings: DesignSettings = { ...DEFAULT_SETTINGS, apiServer: { address: '172.18.0.2', port: 6443 }, ...(ciliumProfile ? { profile: 'cilium' as const } : {}) };
        let objects = baseCluster();
        let state: AnalysisState | undefined;
        // The worker's other memories: the cluster build's and the YAML's, by object identity.
        const memo = clusterMemo();
        const yaml = yamlCache();
        for (const change of [undefined, ...changes]) {
          if (change) objects = apply(objects, change, settings);
          const full = buildClusterFromObjects(objects);
          const built = buildClusterFromObjects(objects, 'design', memo);
          expect(built).toEqual(full);
          expect(yaml.emit(objects)).toBe(emitYaml(objects));
          const cluster = withAssumedServices(built.cluster, settings);
          const next = analyzeClusterFrom(objects, cluster, settings, state, maxPairs);
          if (next.reuse.reused) reused++;
          expect(withoutTime(next.graph)).toEqual(withoutTime(analyzeCluster(objects, withAssumedServices(full.cluster, settings), settings, maxPairs)));
          state = next.state;
        }
      }),
      { numRuns: 60, seed: 1216 },
    );
    // The property means something only if the incremental path ran.
    expect(reused).toBeGreaterThan(60);
  });

  it('computes again only the workloads the changed policy selects', () => {
    const settings = DEFAULT_SETTINGS;
    const objects = setAllowRule(baseCluster(), 'defaultDenyIngress', { namespace: 'other' }, true, settings);
    const analyze = (o: KubeObject[], s?: AnalysisState) => analyzeClusterFrom(o, withAssumedServices(buildClusterFromObjects(o).cluster, settings), settings, s);
    const first = analyze(objects);
    const toggled = analyze(setAllowRule(objects, 'defaultDenyIngress', { namespace: 'shop' }, true, settings), first.state);
    // shop holds web and api: their ingress, nobody's egress.
    expect(toggled.reuse).toEqual({ reused: true, egressAffected: 0, ingressAffected: 2 });
    // A new workload changes what every policy selects: a full analysis.
    const grown = analyze([...objects, deployment('shop', 'new', { labels: { app: 'new' }, image: 'x' })], first.state);
    expect(grown.reuse.reused).toBe(false);
  });
});

/** Designs shaped like the scale ones, small enough for a test: namespaces of 20 pods, tenants, and one app's namespace alone. */
function generatedDesigns(): { name: string; objects: KubeObject[]; namespaces: string[]; maxPairs?: number }[] {
  const objectsOf = (text: string) => loadDesign([{ name: 'd.yaml', text }]).manifests.map((m) => m.object);
  const synthetic = objectsOf(clusterYaml(syntheticCluster(400)));
  return [
    // A cap well under the pairs: most rows are folded, in many chunks of rows.
    { name: 'generated, 400 pods, folded past 3,000 pairs', objects: synthetic, namespaces: ['ns-3', 'ns-7', 'ns-0'], maxPairs: 3000 },
    { name: 'tenants, 30 namespaces', objects: objectsOf(tenantDesignYaml({ namespaces: 30 })), namespaces: ['app-003', 'app-010'] },
    // One namespace of an app, nothing of kube-system in the YAML.
    { name: 'app only', objects: synthetic.filter((o) => o.metadata.namespace === 'ns-0' || (o.kind === 'Namespace' && o.metadata.name === 'ns-0')), namespaces: ['ns-0'] },
  ];
}

describe('incremental analysis on generated designs', () => {
  const switches = ['nonPrivateIPs', 'sameNamespace', 'defaultDenyIngress', 'defaultDenyEgress', 'kubeApiServer', 'privateIPs'] as const;
  it.each(generatedDesigns().map((d) => [d.name, d] as const))('equals a full analysis after random switches (%s)', (_, design) => {
    const settings: DesignSettings = { ...DEFAULT_SETTINGS, apiServer: { address: '172.18.0.2', port: 6443 } };
    fc.assert(
      fc.property(fc.array(fc.record({ rule: fc.constantFrom(...switches), namespace: fc.constantFrom(...design.namespaces), on: fc.boolean() }), { minLength: 1, maxLength: 5 }), (changes) => {
        let objects = design.objects;
        const memo = clusterMemo();
        const analyzer = incrementalAnalyzer(design.maxPairs);
        const graphOf = (o: KubeObject[]) => analyzer.analyze(o, withAssumedServices(buildClusterFromObjects(o, 'design', memo).cluster, settings), settings);
        // As the worker does: the graph's pairs go out as a change against those sent before.
        analyzer.send(graphOf(objects));
        let reused = 0;
        for (const change of changes) {
          objects = setAllowRule(objects, change.rule, { namespace: change.namespace }, change.on, settings);
          const graph = graphOf(objects);
          const delta = analyzer.send(graph);
          if (analyzer.last()!.reused) reused++;
          const full = analyzeClusterFrom(objects, withAssumedServices(buildClusterFromObjects(objects).cluster, settings), settings, undefined, design.maxPairs);
          expect(withoutTime(graph)).toEqual(withoutTime(full.graph));
          // Kept pairs are the same objects: a change of one namespace sends few of them again.
          if (delta) expect(delta.added.length).toBeLessThan(graph.pairs.length);
        }
        expect(reused).toBe(changes.length);
      }),
      { numRuns: 4, seed: 1812 },
    );
  });
});
