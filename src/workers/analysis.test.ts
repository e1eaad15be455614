// The graph analysis with cluster-scoped policies: which tier let each drawn path through, the
// paths admin Deny rules cut, the baseline on the nodes and the policy chips on the namespaces.
// Checked against the engine's own verdicts, pair by pair, not against hand-written expectations only.
import { describe, expect, it } from 'vitest';
import { compile, evaluate, allowedConnections, isEmptyConnectionSet } from '../engine/index.ts';
import { setAdminRule } from '../design/adminRules.ts';
import { addAdminFlow } from '../design/adminFlows.ts';
import { multiTenantObjects } from '../design/samples.ts';
import { MULTI_TENANT_RULES } from '../design/samples/multiTenant.ts';
import type { AdminRuleId } from '../design/adminRules.ts';
import { homelabObjects } from '../design/samples.ts';
import { HOMELAB_SETTINGS } from '../design/samples/homelab.ts';
import { DEFAULT_SETTINGS } from '../design/types.ts';
import type { KubeObject } from '../model/types.ts';
import { analyzeObjects, workloadKey, type Analysis, type GraphData } from './analysis.ts';

function analyze(objects: KubeObject[]): Analysis {
  const r = analyzeObjects(objects, DEFAULT_SETTINGS, false);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.analysis;
}

const pairOf = (g: GraphData, from: string, to: string) => g.pairs.find((p) => p.from === from && p.to === to);

/**
 * Every workload pair: listed iff some port is allowed and a tier other than the default decides
 * it; its tier is the one the engine names at the pair's first allowed port.
 */
function checkPairsAgainstEngine(a: Analysis): void {
  const c = compile(a.cluster);
  const aliased = new Set(a.graph.externals.filter((e) => e.probe.kind === 'workload').map((e) => e.probe.kind === 'workload' && workloadKey(e.probe.id)));
  for (const from of c.workloads) {
    for (const to of c.workloads) {
      if (from === to || aliased.has(workloadKey(from.id)) || aliased.has(workloadKey(to.id))) continue;
      const fe = { kind: 'workload', id: from.id } as const;
      const te = { kind: 'workload', id: to.id } as const;
      const conn = allowedConnections(c, fe, te);
      const pair = pairOf(a.graph, workloadKey(from.id), workloadKey(to.id));
      const what = `${from.id} -> ${to.id}`;
      if (isEmptyConnectionSet(conn)) {
        expect(pair, what).toBeUndefined();
        continue;
      }
      const protocol = (['TCP', 'UDP', 'SCTP'] as const).find((p) => conn.byProtocol[p].length > 0)!;
      const v = evaluate(c, { from: fe, to: te, protocol, port: conn.byProtocol[protocol][0]!.from });
      const tiers = [v.egress.decidedBy, v.ingress.decidedBy];
      if (tiers.every((t) => t === 'Default')) {
        expect(pair, what).toBeUndefined();
        continue;
      }
      expect(pair, what).toBeDefined();
      expect(pair!.conn, what).toEqual(conn);
      const expected = tiers.includes('Admin') ? 'Admin' : tiers.includes('Baseline') ? 'Baseline' : 'NetworkPolicy';
      expect(pair!.tier, what).toBe(expected);
    }
  }
}

describe('analysis with admin policies (multi-tenant sample)', () => {
  const objects = multiTenantObjects();
  const a = analyze(objects);
  const g = a.graph;

  it('agrees with the engine on every workload pair', () => {
    checkPairsAgainstEngine(a);
  });

  it('marks the paths an admin Allow opens with the policy, its rule and the flow that made it', () => {
    const scrape = pairOf(g, 'wl:monitoring/prometheus', 'wl:tenant-b/shop');
    expect(scrape?.tier).toBe('Admin');
    expect(scrape?.admin?.policy).toMatch(/^AdminNetworkPolicy\/flow-/);
    expect(scrape?.admin?.origin).toMatch(/^admin flow “/);
    expect(scrape?.intent).toBe('intended');
    expect(scrape?.conn.byProtocol.TCP).toEqual([{ from: 9100, to: 9100 }]);
    // DNS: the admin Allow decides before anything else, even for a pod a NetworkPolicy isolates.
    const dns = pairOf(g, 'wl:tenant-a/api', 'ext:dns');
    expect(dns?.tier).toBe('Admin');
    expect(dns?.admin?.origin).toBe('admin switch “Always allow cluster DNS”');
  });

  it('keeps NetworkPolicy paths (reached through Pass) as NetworkPolicy paths', () => {
    expect(pairOf(g, 'wl:tenant-a/web', 'wl:tenant-a/api')?.tier).toBe('NetworkPolicy');
    expect(pairOf(g, 'wl:tenant-a/api', 'wl:tenant-a/web')).toBeUndefined();
  });

  it('shows the baseline on the nodes it decides, and closes what it denies', () => {
    const shop = g.workloads.find((w) => w.id === 'tenant-b/shop')!;
    expect(shop).toMatchObject({ ingressIsolated: false, egressIsolated: false, ingressBaseline: true, egressBaseline: true });
    const prometheus = g.workloads.find((w) => w.id === 'monitoring/prometheus')!;
    expect(prometheus).toMatchObject({ ingressBaseline: false, egressBaseline: false });
    expect(pairOf(g, 'wl:tenant-b/shop', 'wl:tenant-b/db')).toBeUndefined();
    // Between a StatefulSet's own pods: passed to the namespace, no NetworkPolicy, baseline denies.
    expect(g.workloads.find((w) => w.id === 'tenant-b/db')?.peers).toBe('none');
  });

  it('draws the admin denies between namespaces, named after the rule and the switch', () => {
    const cut = g.cuts.find((x) => x.from === 'ns:tenant-a' && x.to === 'ns:tenant-b');
    expect(cut?.by).toMatchObject({ tier: 'Admin', action: 'Deny', policy: 'AdminNetworkPolicy/isolate-tenant-b', rule: 'deny-from-other-tenants', priority: 30 });
    expect(cut?.by.origin).toBe('admin switch “Isolate tenants”');
    expect(cut?.pairs).toBe(4);
    expect(cut?.ports).toBe('');
    expect(cut?.example).toEqual({ from: expect.stringMatching(/^wl:tenant-a\//), to: expect.stringMatching(/^wl:tenant-b\//) });
    expect(g.cuts.some((x) => x.from === 'ns:tenant-b' && x.to === 'ns:tenant-a')).toBe(true);
    for (const ns of ['tenant-a', 'tenant-b', 'monitoring']) {
      expect(g.cuts.find((x) => x.from === `ns:${ns}` && x.to === 'ext:metadata')?.by.policy).toBe('AdminNetworkPolicy/deny-cloud-metadata');
    }
    // Baseline denies are not drawn as cuts; nothing is cut within a namespace.
    expect(g.cuts.every((x) => x.by.tier === 'Admin' && x.from !== x.to)).toBe(true);
  });

  it('every cut is a Deny the engine reports at its example pair', () => {
    const c = compile(a.cluster);
    const endpointOf = (key: string) =>
      key.startsWith('wl:') ? ({ kind: 'workload', id: key.slice(3) } as const) : g.externals.find((e) => e.key === key)!.probe;
    for (const cut of g.cuts) {
      const v = evaluate(c, { from: endpointOf(cut.example.from), to: endpointOf(cut.example.to), protocol: 'TCP', port: 8080 });
      const steps = [...v.egress.chain, ...v.ingress.chain];
      expect(steps.some((s) => s.tier === 'Admin' && s.outcome === 'Deny' && `${s.policy?.kind}/${s.policy?.name}` === cut.by.policy), cut.by.policy).toBe(true);
    }
  });

  it('puts cluster-wide policies in one list and the others on their namespaces, in evaluation order', () => {
    expect(g.hasAdmin).toBe(true);
    expect(g.clusterAdmin.map((p) => p.name)).toEqual(['allow-cluster-dns-egress', 'deny-cloud-metadata']);
    const tenantB = g.namespaces.find((n) => n.name === 'tenant-b')!;
    expect(tenantB.admin.map((p) => `${p.actions} ${p.priority ?? 'baseline'} ${p.name}`)).toEqual([
      'Deny in 30 isolate-tenant-b',
      'Pass in/out 50 pass-same-namespace-tenant-b',
      expect.stringMatching(/^Allow in 61 flow-/),
      'Deny in/out baseline default',
    ]);
    expect(tenantB.admin[0]?.origin).toBe('admin switch “Isolate tenants”');
    // kube-system's DNS pods are shown as the DNS node; the policies selecting them still mark kube-system.
    expect(g.namespaces.find((n) => n.name === 'kube-system')?.admin.map((p) => p.name)).toEqual(['allow-cluster-dns-ingress', 'pass-same-namespace-kube-system']);
  });

  it('lists admin flows with their action and priority, checked like drawn flows (pods without the named port are not part of it)', () => {
    const admin = g.flows.filter((f) => f.admin);
    expect(admin.map((f) => f.checked)).toEqual([1, 1]);
    expect(admin.map((f) => [f.to, f.admin?.action, f.admin?.priority, f.state])).toEqual([
      ['ns:tenant-a', 'Allow', 60, 'allowed'],
      ['ns:tenant-b', 'Allow', 61, 'allowed'],
    ]);
    expect(admin[0]?.admin?.policy).toMatch(/^AdminNetworkPolicy\/flow-/);
  });

  it('a Deny admin flow is checked like any flow: blocked when it takes effect', () => {
    const spec = { from: { kind: 'workload', namespace: 'tenant-a', name: 'web' }, to: { kind: 'workload', namespace: 'tenant-a', name: 'api' }, ports: [] } as const;
    const withDeny = addAdminFlow(objects, { ...spec, ports: [] }, { action: 'Deny', priority: 5 }).objects;
    const b = analyze(withDeny).graph;
    expect(b.flows.find((f) => f.admin?.action === 'Deny')?.state).toBe('blocked');
    expect(pairOf(b, 'wl:tenant-a/web', 'wl:tenant-a/api')).toBeUndefined();
  });

  it('switching tenant isolation off removes its cuts; the baseline still keeps tenant b closed', () => {
    const b = analyze(setAdminRule(objects, 'isolateTenants', false));
    expect(b.graph.cuts.some((x) => x.by.policy.includes('isolate-tenant'))).toBe(false);
    expect(pairOf(b.graph, 'wl:tenant-a/api', 'wl:tenant-b/shop')).toBeUndefined();
    checkPairsAgainstEngine(b);
  });

  it('with the baseline off too, tenant b is open by default again: not drawn, and its nodes say open', () => {
    const b = analyze(setAdminRule(setAdminRule(objects, 'isolateTenants', false), 'baselineDefaultDeny', false));
    expect(pairOf(b.graph, 'wl:tenant-a/api', 'wl:tenant-b/shop')).toBeUndefined();
    expect(b.graph.workloads.find((w) => w.id === 'tenant-b/shop')).toMatchObject({ ingressBaseline: false, egressBaseline: false });
    checkPairsAgainstEngine(b);
  });
});

describe('analysis agrees with the engine for every combination of admin switches', () => {
  const all = multiTenantObjects();
  const combos: { on: AdminRuleId[]; flavor: 'anp' | 'cnp' }[] = [];
  for (let mask = 0; mask < 1 << MULTI_TENANT_RULES.length; mask++) {
    const on = MULTI_TENANT_RULES.filter((_, i) => mask & (1 << i));
    combos.push({ on, flavor: mask % 3 === 0 ? 'cnp' : 'anp' });
  }
  it.each(combos)('$flavor: $on', ({ on, flavor }) => {
    let objects = all;
    for (const id of MULTI_TENANT_RULES) objects = setAdminRule(objects, id, on.includes(id), on.includes(id) ? { flavor } : {});
    const a = analyze(objects);
    checkPairsAgainstEngine(a);
    expect(a.graph.cuts.every((x) => x.by.tier === 'Admin' && x.by.action === 'Deny')).toBe(true);
    if (!on.includes('isolateTenants')) expect(a.graph.cuts.some((x) => x.by.policy.includes('isolate-tenant'))).toBe(false);
  });
});

describe('analysis without admin policies', () => {
  it('is unchanged: NetworkPolicy tiers only, no cuts, no chips', () => {
    const a = analyze(homelabObjects());
    expect(a.graph.hasAdmin).toBe(false);
    expect(a.graph.cuts).toEqual([]);
    expect(a.graph.clusterAdmin).toEqual([]);
    expect(a.graph.namespaces.every((n) => n.admin.length === 0)).toBe(true);
    expect(a.graph.pairs.length).toBeGreaterThan(0);
    expect(a.graph.pairs.every((p) => p.tier === 'NetworkPolicy' && p.admin === undefined)).toBe(true);
    checkPairsAgainstEngine(a);
  });
});

describe('drawn flows without ports', () => {
  it('to DNS or the API server are checked on the ports their policies open (the home lab holds)', () => {
    const r = analyzeObjects(homelabObjects(), HOMELAB_SETTINGS, false);
    if (!r.ok) throw new Error('analysis failed');
    const flows = r.analysis.graph.flows;
    const toDns = flows.filter((f) => f.to === 'ext:dns');
    expect(toDns.length).toBeGreaterThan(0);
    expect(flows.find((f) => f.to === 'ext:apiserver')?.flow.ports).toEqual([]);
    expect(flows.filter((f) => f.state !== 'allowed').map((f) => `${f.from} -> ${f.to}`)).toEqual([]);
  });
});

describe('the cluster DNS pods', () => {
  it('are drawn as the Cluster DNS node, and their namespace says so', () => {
    const r = analyzeObjects(homelabObjects(), HOMELAB_SETTINGS, false);
    if (!r.ok) throw new Error('analysis failed');
    const kubeSystem = r.analysis.graph.namespaces.find((ns) => ns.name === 'kube-system');
    expect(kubeSystem?.workloads).toEqual([]);
    expect(kubeSystem?.drawnApart).toEqual(['Cluster DNS']);
    expect(r.analysis.graph.namespaces.find((ns) => ns.name === 'media')?.drawnApart).toBeUndefined();
  });
});
