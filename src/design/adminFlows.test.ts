// Admin flows, checked through YAML and the engine: one cluster-scoped policy per drawn flow, on the
// side the description names, with the action and priority the user chose.
import { describe, expect, it } from 'vitest';
import { emitYaml, loadDesign, type KubeObject, type NetworkPolicyPort, type Protocol } from '../model/index.ts';
import { addAdminFlow, adminFlowObjects, listAdminFlows, removeAdminFlow, updateAdminFlow, type AdminFlowOptions } from './adminFlows.ts';
import { ADMIN_FLAVORS, nextFreeAdminPriority } from './adminObjects.ts';
import { setAdminRule } from './adminRules.ts';
import { setAllowRule } from './allowRules.ts';
import { addFlow, listFlows } from './flows.ts';
import { DesignError, networkPolicy } from './objects.ts';
import { baseCluster, compiled, load, verdict } from './testkit.ts';
import { ANNOTATION_DESCRIPTION, DEFAULT_SETTINGS, type DesignSettings, type FlowEnd, type FlowSpec } from './types.ts';

const S: DesignSettings = { ...DEFAULT_SETTINGS, apiServer: { address: '172.18.0.2', port: 6443 } };
const w = (namespace: string, name: string): FlowEnd => ({ kind: 'workload', namespace, name });
const nsEnd = (namespace: string): FlowEnd => ({ kind: 'namespace', namespace });
const web = w('shop', 'web');
const api = w('shop', 'api');
const client = w('other', 'client');
const tcp = (...ports: (number | string)[]): NetworkPolicyPort[] => ports.map((port) => ({ protocol: 'TCP', port }));

/** shop and other fully locked down by NetworkPolicies (ingress and egress). */
function lockedDown(): KubeObject[] {
  let objects = baseCluster();
  for (const namespace of ['shop', 'other']) {
    objects = setAllowRule(objects, 'defaultDenyIngress', { namespace }, true, S);
    objects = setAllowRule(objects, 'defaultDenyEgress', { namespace }, true, S);
  }
  return objects;
}

function probe(objects: readonly KubeObject[]) {
  const c = compiled(objects);
  const v = (from: string, to: string, port: number | string, protocol: Protocol = 'TCP') => verdict(c, from, to, port, protocol);
  return { v, allowed: (from: string, to: string, port: number | string, protocol: Protocol = 'TCP') => v(from, to, port, protocol).allowed };
}

function flowOn(spec: FlowSpec, options: AdminFlowOptions, objects: KubeObject[] = baseCluster()) {
  const result = addAdminFlow(objects, spec, options, S);
  const added = result.objects.slice(objects.length);
  expect(added.length).toBe(1);
  return { ...result, added: added[0]!, ...probe(result.objects) };
}

const description = (o: KubeObject) => o.metadata.annotations?.[ANNOTATION_DESCRIPTION] ?? '';

describe('admin flows between pods', () => {
  for (const flavor of ADMIN_FLAVORS) {
    it(`(${flavor}) Allow at the destination's ingress overrides its NetworkPolicies, for that port only`, () => {
      const { v, allowed, added, flow } = flowOn({ from: client, to: api, ports: tcp(9090) }, { action: 'Allow', priority: 100, flavor }, lockedDown());
      expect(flow).toMatchObject({ side: 'Ingress', action: 'Allow', priority: 100, tier: 'Admin', flavor });
      expect(description(added)).toMatch(/destination's ingress: the subject is shop\/api/);
      const probeApi = v('other/client', 'shop/api', 9090);
      expect(probeApi.ingress.decidedBy).toBe('Admin');
      expect(probeApi.ingress.allowed).toBe(true);
      // One side only: the source's own egress lockdown still denies, as the description warns.
      expect(probeApi.egress.decidedBy).toBe('NetworkPolicy');
      expect(probeApi.allowed).toBe(false);
      expect(description(added)).toMatch(/source's egress is still decided by its own rules/);
      expect(v('other/client', 'shop/api', 9100).ingress.decidedBy).toBe('NetworkPolicy');
      expect(v('third/stranger', 'shop/api', 9090).ingress.decidedBy).toBe('NetworkPolicy');
      expect(v('other/client', 'shop/web', 8080).ingress.decidedBy).toBe('NetworkPolicy');
      // With the source's side opened as well (a second admin flow on the egress side), it is allowed end to end.
      const both = addAdminFlow(addAdminFlow(lockedDown(), { from: client, to: api, ports: tcp(9090) }, { action: 'Allow', priority: 100, flavor }, S).objects,
        { from: client, to: api, ports: tcp(9090) }, { action: 'Allow', priority: 101, flavor, side: 'Egress' }, S);
      expect(both.flow.side).toBe('Egress');
      expect(probe(both.objects).allowed('other/client', 'shop/api', 9090)).toBe(true);
      expect(allowed('other/client', 'shop/api', 9090)).toBe(false);
    });
  }

  it('Deny beats a NetworkPolicy that allows everything, and only for the drawn pair', () => {
    const openShop = [...baseCluster(), networkPolicy('allow-all', 'shop', {}, 'hand-written', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] })];
    const { v, allowed } = flowOn({ from: client, to: web, ports: [] }, { action: 'Deny', priority: 5 }, openShop);
    const denied = v('other/client', 'shop/web', 8080);
    expect(denied.allowed).toBe(false);
    expect(denied.ingress.chain.map((s) => `${s.tier}:${s.outcome}`)).toEqual(['Admin:Deny']);
    expect(allowed('other/client', 'shop/api', 9090)).toBe(true);
    expect(allowed('third/stranger', 'shop/web', 8080)).toBe(true);
    expect(allowed('shop/api', 'shop/web', 8080)).toBe(true);
  });

  it('Pass hands the decision to the NetworkPolicies, then to the baseline', () => {
    let objects = setAdminRule(baseCluster(), 'baselineDefaultDeny', true, { settings: S });
    objects = setAllowRule(objects, 'ingressFromIngressController', { namespace: 'shop' }, true, S);
    const ctrl = w('ingress-nginx', 'controller');
    // A later admin Deny that the Pass skips.
    objects = addAdminFlow(objects, { from: nsEnd('ingress-nginx'), to: nsEnd('shop'), ports: [] }, { action: 'Deny', priority: 200 }, S).objects;
    objects = addAdminFlow(objects, { from: nsEnd('ingress-nginx'), to: nsEnd('other'), ports: [] }, { action: 'Deny', priority: 201 }, S).objects;
    let passed = addAdminFlow(objects, { from: ctrl, to: nsEnd('shop'), ports: [] }, { action: 'Pass', priority: 100 }, S).objects;
    passed = addAdminFlow(passed, { from: ctrl, to: nsEnd('other'), ports: [] }, { action: 'Pass', priority: 101 }, S).objects;
    const { v } = probe(passed);
    const toShop = v('ingress-nginx/controller', 'shop/web', 8080);
    expect(toShop.ingress.chain.map((s) => `${s.tier}:${s.outcome}`)).toEqual(['Admin:Pass', 'NetworkPolicy:Allow']);
    const toOther = v('ingress-nginx/controller', 'other/client', 8080);
    expect(toOther.ingress.chain.map((s) => `${s.tier}:${s.outcome}`)).toEqual(['Admin:Pass', 'NetworkPolicy:NotIsolated', 'Baseline:Deny']);
    // Without the Pass flows the later Deny decides.
    expect(probe(objects).v('ingress-nginx/controller', 'shop/web', 8080).ingress.decidedBy).toBe('Admin');
  });

  it('namespace ends and the cluster DNS node are pods too', () => {
    const { allowed } = flowOn({ from: nsEnd('other'), to: { kind: 'external', id: 'dns' }, ports: [] }, { action: 'Deny', priority: 7 });
    expect(allowed('other/client', 'kube-system/coredns', 53, 'UDP')).toBe(false);
    expect(allowed('other/client', 'kube-system/coredns', 53, 'TCP')).toBe(false);
    expect(allowed('other/client', 'kube-system/coredns', 9153)).toBe(true); // DNS flows default to port 53
    expect(allowed('shop/web', 'kube-system/coredns', 53, 'UDP')).toBe(true);
  });
});

describe('admin flows to the outside', () => {
  it('to the internet: an egress rule; networks cannot except, so the private ranges and the metadata server are left out', () => {
    const { allowed, added, flow } = flowOn({ from: web, to: { kind: 'external', id: 'internet' }, ports: tcp(443) }, { action: 'Deny', priority: 3 });
    expect(flow.side).toBe('Egress');
    expect(description(added)).toMatch(/source's egress/);
    expect(allowed('shop/web', 'ip:8.8.8.8', 443)).toBe(false);
    expect(allowed('shop/web', 'ip:1.1.1.1', 443)).toBe(false);
    expect(allowed('shop/web', 'ip:8.8.8.8', 80)).toBe(true);
    expect(allowed('shop/web', 'ip:10.1.2.3', 443)).toBe(true);
    expect(allowed('shop/web', 'ip:192.168.1.1', 443)).toBe(true);
    expect(allowed('shop/web', 'ip:169.254.169.254', 443)).toBe(true);
    expect(allowed('shop/api', 'ip:8.8.8.8', 443)).toBe(true);
  });

  it('Allow to the API server overrides an egress lockdown (default port from the settings)', () => {
    const { v, allowed } = flowOn({ from: nsEnd('shop'), to: { kind: 'external', id: 'apiserver' }, ports: [] }, { action: 'Allow', priority: 9 }, lockedDown());
    const toApi = v('shop/web', 'ip:172.18.0.2', 6443);
    expect(toApi.allowed).toBe(true);
    expect(toApi.egress.decidedBy).toBe('Admin');
    expect(allowed('shop/web', 'ip:172.18.0.2', 443)).toBe(false);
    expect(allowed('other/client', 'ip:172.18.0.2', 6443)).toBe(false);
  });

  it('a CIDR with exceptions', () => {
    const { allowed } = flowOn({ from: web, to: { kind: 'cidr', cidr: '192.168.0.0/16', except: ['192.168.1.0/24'] }, ports: [] }, { action: 'Deny', priority: 4 });
    expect(allowed('shop/web', 'ip:192.168.2.5', 22)).toBe(false);
    expect(allowed('shop/web', 'ip:192.168.255.255', 22)).toBe(false);
    expect(allowed('shop/web', 'ip:192.168.1.5', 22)).toBe(true);
    expect(allowed('shop/web', 'ip:10.0.0.1', 22)).toBe(true);
  });

  it('refuses what the API cannot say', () => {
    const internet: FlowEnd = { kind: 'external', id: 'internet' };
    expect(() => addAdminFlow(baseCluster(), { from: internet, to: web, ports: [] }, { action: 'Deny', priority: 1 }, S)).toThrow(/cannot match traffic from/);
    expect(() => addAdminFlow(baseCluster(), { from: web, to: internet, ports: [] }, { action: 'Deny', priority: 1, side: 'Ingress' }, S)).toThrow(DesignError);
    expect(() => addAdminFlow(baseCluster(), { from: web, to: internet, ports: tcp('https') }, { action: 'Deny', priority: 1 }, S)).toThrow(/named ports/);
    expect(() => addAdminFlow(baseCluster(), { from: web, to: api, ports: [] }, { action: 'Allow', priority: 1, tier: 'Baseline' }, S)).toThrow(/cnp flavor/);
    expect(() => addAdminFlow(baseCluster(), { from: web, to: api, ports: [] }, { action: 'Allow', priority: 1001 }, S)).toThrow(/out of range/);
  });
});

describe('ports', () => {
  for (const flavor of ADMIN_FLAVORS) {
    it(`(${flavor}) numbers, named ports, ranges, UDP, SCTP and whole protocols`, () => {
      const allow = (ports: NetworkPolicyPort[]) => flowOn({ from: client, to: api, ports }, { action: 'Allow', priority: 50, flavor }, lockedDown());
      const ingressAllowed = (r: ReturnType<typeof allow>, port: number | string, protocol: Protocol = 'TCP') =>
        r.v('other/client', 'shop/api', port, protocol).ingress.allowed;
      const named = allow(tcp('metrics'));
      expect(ingressAllowed(named, 9100)).toBe(true);
      expect(ingressAllowed(named, 'metrics')).toBe(true);
      expect(ingressAllowed(named, 9090)).toBe(false);
      const range = allow([{ protocol: 'TCP', port: 9000, endPort: 9100 }]);
      expect([8999, 9000, 9090, 9100, 9101].map((p) => ingressAllowed(range, p))).toEqual([false, true, true, true, false]);
      const mixed = allow([{ protocol: 'UDP', port: 514 }, { protocol: 'SCTP', port: 9899 }]);
      expect(ingressAllowed(mixed, 514, 'UDP')).toBe(true);
      expect(ingressAllowed(mixed, 514, 'TCP')).toBe(false);
      expect(ingressAllowed(mixed, 9899, 'SCTP')).toBe(true);
      expect(ingressAllowed(mixed, 9899, 'TCP')).toBe(false);
      const allUdp = allow([{ protocol: 'UDP' }]);
      expect(ingressAllowed(allUdp, 514, 'UDP')).toBe(true);
      expect(ingressAllowed(allUdp, 1, 'UDP')).toBe(true);
      expect(ingressAllowed(allUdp, 65535, 'UDP')).toBe(true);
      expect(ingressAllowed(allUdp, 9090, 'TCP')).toBe(false);
      const all = allow([]);
      expect(ingressAllowed(all, 9899, 'SCTP')).toBe(true);
    });
  }
});

describe('the flow list', () => {
  it('round-trips through YAML, including hand edits of the priority and the action', () => {
    let objects = baseCluster();
    const specs: [FlowSpec, AdminFlowOptions][] = [
      [{ from: client, to: api, ports: tcp('http', 9100) }, { action: 'Allow', priority: 100 }],
      [{ from: web, to: { kind: 'external', id: 'metadata' }, ports: [] }, { action: 'Deny', priority: 20, flavor: 'cnp' }],
      [{ from: nsEnd('other'), to: nsEnd('shop'), ports: [{ protocol: 'UDP', port: 514 }] }, { action: 'Pass', priority: 30, tier: 'Baseline', flavor: 'cnp' }],
    ];
    for (const [spec, options] of specs) objects = addAdminFlow(objects, spec, options, S).objects;
    const flows = listAdminFlows(objects);
    expect(flows.map((f) => [f.action, f.priority, f.tier, f.flavor, f.side])).toEqual([
      ['Allow', 100, 'Admin', 'anp', 'Ingress'],
      ['Deny', 20, 'Admin', 'cnp', 'Egress'],
      ['Pass', 30, 'Baseline', 'cnp', 'Ingress'],
    ]);
    const reloaded = load(objects).manifests.map((m) => m.object);
    expect(listAdminFlows(reloaded)).toEqual(flows);
    // NetworkPolicy flows and admin flows do not mix up.
    expect(listFlows(reloaded)).toEqual([]);
    const edited = emitYaml(objects).replace('priority: 100', 'priority: 150').replace('action: Pass', 'action: Deny');
    const design = loadDesign([{ name: 'edited.yaml', text: edited }]);
    expect(design.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const after = listAdminFlows(design.manifests.map((m) => m.object));
    expect(after.map((f) => [f.action, f.priority])).toEqual([['Allow', 150], ['Deny', 20], ['Deny', 30]]);
  });

  it('ids are unique across NetworkPolicy flows and admin flows; drawing the same admin flow twice changes nothing', () => {
    const withNp = addFlow(baseCluster(), { from: client, to: api, ports: tcp(9090) }, S);
    const first = addAdminFlow(withNp.objects, { from: client, to: api, ports: tcp(9090) }, { action: 'Deny', priority: 10 }, S);
    expect(first.flow.id).not.toBe(withNp.flow.id);
    const again = addAdminFlow(first.objects, { from: client, to: api, ports: tcp(9090) }, { action: 'Deny', priority: 11 }, S);
    expect(again.objects).toEqual(first.objects);
    expect(again.flow.id).toBe(first.flow.id);
  });

  it('remove gives back the original; update regenerates in place and keeps the id', () => {
    const before = baseCluster();
    const a = addAdminFlow(before, { from: client, to: api, ports: tcp(9090) }, { action: 'Allow', priority: 100 }, S);
    const b = addAdminFlow(a.objects, { from: web, to: { kind: 'external', id: 'internet' }, ports: [] }, { action: 'Deny', priority: 101 }, S);
    expect(removeAdminFlow(removeAdminFlow(b.objects, a.flow.id), b.flow.id)).toEqual(before);
    expect(removeAdminFlow(b.objects, b.flow.id)).toEqual(a.objects);

    const updated = updateAdminFlow(b.objects, a.flow.id, { from: client, to: api, ports: tcp(9100) }, { action: 'Deny' }, S);
    expect(updated.flow).toMatchObject({ id: a.flow.id, action: 'Deny', priority: 100, side: 'Ingress' });
    expect(updated.objects.length).toBe(b.objects.length);
    expect(updated.objects.indexOf(adminFlowObjects(updated.objects, a.flow.id)[0]!)).toBe(b.objects.indexOf(adminFlowObjects(b.objects, a.flow.id)[0]!));
    const { allowed } = probe(updated.objects);
    expect(allowed('other/client', 'shop/api', 9100)).toBe(false);
    expect(allowed('other/client', 'shop/api', 9090)).toBe(true);
    // Moving the destination outside the cluster moves the rule to the egress side.
    const outside = updateAdminFlow(updated.objects, a.flow.id, { from: client, to: { kind: 'external', id: 'metadata' }, ports: [] }, {}, S);
    expect(outside.flow.side).toBe('Egress');
    expect(probe(outside.objects).allowed('other/client', 'ip:169.254.169.254', 80)).toBe(false);
    expect(() => updateAdminFlow(b.objects, 'nope', { from: client, to: api, ports: [] }, {}, S)).toThrow(DesignError);
  });

  it('priorities never collide: a taken one is refused, nextFreeAdminPriority finds one, tiers count apart', () => {
    const withRules = setAdminRule(setAdminRule(baseCluster(), 'allowClusterDns', true, { settings: S }), 'denyMetadataServer', true, { settings: S });
    expect(() => addAdminFlow(withRules, { from: client, to: api, ports: [] }, { action: 'Allow', priority: 10 }, S)).toThrow(/taken/);
    const free = nextFreeAdminPriority(withRules, 'Admin', 10);
    expect(free).toBe(11);
    const added = addAdminFlow(withRules, { from: client, to: api, ports: [] }, { action: 'Allow', priority: free }, S);
    expect(() => addAdminFlow(added.objects, { from: web, to: api, ports: [] }, { action: 'Deny', priority: free }, S)).toThrow(/taken/);
    expect(() => updateAdminFlow(added.objects, added.flow.id, { from: client, to: api, ports: [] }, { priority: 20 }, S)).toThrow(/taken/);
    expect(() => addAdminFlow(added.objects, { from: web, to: api, ports: [] }, { action: 'Deny', priority: free, tier: 'Baseline', flavor: 'cnp' }, S)).not.toThrow();
    const priorities = load(added.objects).cluster.adminPolicies.filter((p) => p.tier === 'Admin').map((p) => `${p.priority}:${p.name}`);
    const perPriority = new Map<number, string[]>();
    for (const p of load(added.objects).cluster.adminPolicies) perPriority.set(p.priority, [...(perPriority.get(p.priority) ?? []), p.name]);
    // allowClusterDns's two policies share 10 (disjoint directions); everything else is alone.
    expect([...perPriority.entries()].filter(([, names]) => names.length > 1)).toEqual([[10, ['allow-cluster-dns-egress', 'allow-cluster-dns-ingress']]]);
    expect(priorities.length).toBe(4);
  });

  it('a baseline Allow flow (cnp) comes before the baseline default deny', () => {
    const base = setAdminRule(baseCluster(), 'baselineDefaultDeny', true, { settings: S, flavor: 'cnp' });
    expect(probe(base).allowed('other/client', 'shop/api', 9090)).toBe(false);
    let objects = addAdminFlow(base, { from: client, to: api, ports: tcp(9090) }, { action: 'Allow', priority: 100, tier: 'Baseline', flavor: 'cnp' }, S).objects;
    objects = addAdminFlow(objects, { from: client, to: api, ports: tcp(9090) }, { action: 'Allow', priority: 101, tier: 'Baseline', flavor: 'cnp', side: 'Egress' }, S).objects;
    const { v } = probe(objects);
    const opened = v('other/client', 'shop/api', 9090);
    expect(opened.allowed).toBe(true);
    expect(opened.ingress.chain.map((s) => `${s.tier}:${s.outcome}`)).toEqual(['NetworkPolicy:NotIsolated', 'Baseline:Allow']);
    expect(v('other/client', 'shop/api', 9100).allowed).toBe(false);
    // A namespace's NetworkPolicy still overrides the baseline flow.
    const npDeny = setAllowRule(objects, 'defaultDenyIngress', { namespace: 'shop' }, true, S);
    expect(probe(npDeny).v('other/client', 'shop/api', 9090).ingress.decidedBy).toBe('NetworkPolicy');
  });
});
