// Admin rule switches, checked through YAML and the engine: what each one allows, denies or passes,
// how they rank against NetworkPolicies and the baseline, and that they switch off cleanly.
import { describe, expect, it } from 'vitest';
import { computeMatrix, type CompiledCluster } from '../engine/index.ts';
import type { KubeObject, Protocol } from '../model/index.ts';
import { addAdminFlow } from './adminFlows.ts';
import { ADMIN_FLAVORS, type AdminFlavor } from './adminObjects.ts';
import { ADMIN_RULES, generateAdminRule, isAdminRuleOn, listAdminRules, setAdminRule, type AdminRuleId } from './adminRules.ts';
import { setAllowRule } from './allowRules.ts';
import { addFlow } from './flows.ts';
import { deployment } from './kube.ts';
import { DesignError, networkPolicy } from './objects.ts';
import { baseCluster, compiled, ep, load, verdict } from './testkit.ts';
import { DEFAULT_SETTINGS, type DesignSettings } from './types.ts';

const S: DesignSettings = DEFAULT_SETTINGS;

/** baseCluster with shop and other as tenants a and b (third and kube-system belong to no tenant), and a second pod in other. */
function tenantCluster(labelKey = 'tenant'): KubeObject[] {
  const tenants: Record<string, string> = { shop: 'a', other: 'b' };
  return [
    ...baseCluster().map((o) => {
      const tenant = o.kind === 'Namespace' ? tenants[o.metadata.name] : undefined;
      return tenant ? { ...o, metadata: { ...o.metadata, labels: { [labelKey]: tenant } } } : o;
    }),
    deployment('other', 'worker', { labels: { app: 'worker' }, image: 'worker', ports: [{ name: 'http', containerPort: 8080 }] }),
  ];
}

function on(objects: KubeObject[], ids: AdminRuleId[], flavor: AdminFlavor = 'anp'): KubeObject[] {
  return ids.reduce((acc, id) => setAdminRule(acc, id, true, { settings: S, flavor }), objects);
}

function probe(objects: readonly KubeObject[]) {
  const c = compiled(objects);
  const v = (from: string, to: string, port: number | string, protocol: Protocol = 'TCP') => verdict(c, from, to, port, protocol);
  const allowed = (from: string, to: string, port: number | string, protocol: Protocol = 'TCP') => v(from, to, port, protocol).allowed;
  return { c, v, allowed };
}

const chainOf = (d: { chain: { tier: string; outcome: string }[] }) => d.chain.map((s) => `${s.tier}:${s.outcome}`);

/** An ordinary NetworkPolicy written by a namespace owner. */
const np = (name: string, ns: string, spec: Parameters<typeof networkPolicy>[4]) => networkPolicy(name, ns, {}, 'hand-written', spec);

describe('every switch, in both flavors', () => {
  for (const flavor of ADMIN_FLAVORS) {
    for (const def of ADMIN_RULES) {
      it(`${def.id} (${flavor}): loads without errors, is read back, and off gives back the original`, () => {
        const before = tenantCluster();
        const after = setAdminRule(before, def.id, true, { settings: S, flavor });
        expect(isAdminRuleOn(before, def.id)).toBe(false);
        expect(isAdminRuleOn(after, def.id)).toBe(true);
        const design = load(after);
        expect(design.cluster.adminPolicies.length).toBe(after.length - before.length);
        for (const policy of design.cluster.adminPolicies) {
          expect(policy.tier).toBe(def.tier);
          if (policy.kind !== 'BaselineAdminNetworkPolicy') expect(policy.priority).toBe(def.defaultPriority);
        }
        const [instance] = listAdminRules(design.manifests.map((m) => m.object));
        expect(instance).toMatchObject({ id: def.id, flavor, tier: def.tier });
        expect(setAdminRule(after, def.id, false)).toEqual(before);
      });
    }
  }

  it('all switches together turn off one by one to the original, in any order', () => {
    const before = tenantCluster();
    const all = on(before, ADMIN_RULES.map((r) => r.id));
    const reversed = [...ADMIN_RULES].reverse().reduce((acc, r) => setAdminRule(acc, r.id, false), all);
    expect(reversed).toEqual(before);
    const shuffled = ['passSameNamespace', 'allowClusterDns', 'baselineDefaultDeny', 'isolateTenants', 'denyKubeSystem', 'denyMetadataServer'] as const;
    expect(shuffled.reduce<KubeObject[]>((acc, id) => setAdminRule(acc, id, false), all)).toEqual(before);
  });

  it('default priorities are distinct per tier, and policies sharing one can never meet the same connection', () => {
    const admin = ADMIN_RULES.filter((r) => r.tier === 'Admin').map((r) => r.defaultPriority);
    expect(new Set(admin).size).toBe(admin.length);
    for (const flavor of ADMIN_FLAVORS) {
      const c: CompiledCluster = compiled(on(tenantCluster(), ADMIN_RULES.map((r) => r.id), flavor));
      const policies = c.admin.policies;
      for (const [i, a] of policies.entries()) {
        for (const b of policies.slice(i + 1)) {
          if (a.policy.tier !== b.policy.tier || a.policy.priority !== b.policy.priority) continue;
          const overlap = a.subject.clone();
          overlap.andWith(b.subject);
          const sameDirection = (a.ingress.length > 0 && b.ingress.length > 0) || (a.egress.length > 0 && b.egress.length > 0);
          expect(overlap.isEmpty() || !sameDirection, `${a.policy.name} and ${b.policy.name}`).toBe(true);
        }
      }
    }
  });

  it('both flavors give the same reachability', () => {
    const ids = ADMIN_RULES.map((r) => r.id);
    const endpoints = [...compiled(tenantCluster()).workloads.map((w) => ep(w.id)), ep('ip:8.8.8.8'), ep('ip:169.254.169.254')];
    const ports: { port: number; protocol: Protocol }[] = [53, 80, 8080, 9090, 9100, 10250].map((port) => ({ port, protocol: 'TCP' }));
    ports.push({ port: 53, protocol: 'UDP' });
    const [anp, cnp] = ADMIN_FLAVORS.map((flavor) => computeMatrix(compiled(on(tenantCluster(), ids, flavor)), { endpoints, ports }));
    expect(cnp!.allowed).toEqual(anp!.allowed);
    // Not trivially equal: the switches change something.
    const none = computeMatrix(compiled(tenantCluster()), { endpoints, ports });
    expect(none.allowed).not.toEqual(anp!.allowed);
  });
});

describe('allowClusterDns', () => {
  // Egress lockdown in shop and an ingress lockdown in kube-system: both would break DNS.
  const lockedDown = () => {
    let objects = tenantCluster();
    objects = setAllowRule(objects, 'defaultDenyEgress', { namespace: 'shop' }, true, S);
    objects = setAllowRule(objects, 'defaultDenyIngress', { namespace: 'kube-system' }, true, S);
    return objects;
  };

  it('survives a NetworkPolicy default deny at both ends, for DNS only', () => {
    expect(probe(lockedDown()).allowed('shop/web', 'kube-system/coredns', 53, 'UDP')).toBe(false);
    const { allowed, v } = probe(on(lockedDown(), ['allowClusterDns']));
    for (const protocol of ['UDP', 'TCP'] as const) {
      const dns = v('shop/web', 'kube-system/coredns', 53, protocol);
      expect(dns.allowed).toBe(true);
      expect(dns.egress.decidedBy).toBe('Admin');
      expect(dns.ingress.decidedBy).toBe('Admin');
    }
    expect(allowed('shop/web', 'kube-system/coredns', 9153)).toBe(false);
    expect(allowed('shop/web', 'other/client', 8080)).toBe(false);
    expect(allowed('other/client', 'kube-system/metrics-server', 10250)).toBe(false);
    // Port 53 elsewhere is not DNS: the egress lockdown still applies.
    expect(allowed('shop/web', 'shop/api', 53, 'UDP')).toBe(false);
  });

  it('follows the DNS settings', () => {
    const settings: DesignSettings = { ...S, dns: { namespace: 'kube-system', podLabels: { 'k8s-app': 'metrics-server' } } };
    const { allowed } = probe(setAdminRule(lockedDown(), 'allowClusterDns', true, { settings }));
    expect(allowed('shop/web', 'kube-system/coredns', 53, 'UDP')).toBe(false);
  });
});

describe('denyMetadataServer', () => {
  it('wins over a NetworkPolicy that allows 0.0.0.0/0', () => {
    const openEgress = [...tenantCluster(), np('allow-all-ipv4', 'shop', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] })];
    expect(probe(openEgress).allowed('shop/web', 'ip:169.254.169.254', 80)).toBe(true);
    const { allowed, v } = probe(on(openEgress, ['denyMetadataServer']));
    const metadata = v('shop/web', 'ip:169.254.169.254', 80);
    expect(metadata.allowed).toBe(false);
    expect(chainOf(metadata.egress)).toEqual(['Admin:Deny']);
    expect(allowed('third/stranger', 'ip:169.254.169.254', 53, 'UDP')).toBe(false);
    expect(allowed('shop/web', 'ip:8.8.8.8', 443)).toBe(true);
    expect(allowed('shop/web', 'ip:169.254.169.253', 80)).toBe(true);
  });
});

describe('isolateTenants', () => {
  it('denies across tenants in both directions, even against NetworkPolicies that allow everything', () => {
    const allowAll = [np('allow-all', 'other', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] })];
    const { allowed, v } = probe(on([...tenantCluster(), ...allowAll], ['isolateTenants']));
    const across = v('shop/web', 'other/client', 8080);
    expect(across.allowed).toBe(false);
    expect(chainOf(across.ingress)).toEqual(['Admin:Deny']);
    expect(allowed('other/client', 'shop/web', 8080)).toBe(false);
    expect(allowed('other/worker', 'shop/api', 9090)).toBe(false);
    // Within a tenant, and with namespaces of no tenant, nothing changes.
    expect(allowed('other/client', 'other/worker', 8080)).toBe(true);
    expect(allowed('shop/web', 'shop/api', 9090)).toBe(true);
    expect(allowed('third/stranger', 'shop/web', 8080)).toBe(true);
    expect(allowed('shop/web', 'third/stranger', 8080)).toBe(true);
    expect(allowed('shop/web', 'kube-system/coredns', 53, 'UDP')).toBe(true);
  });

  it('one policy per tenant; the label key is an option and is kept when the switch is set again', () => {
    const objects = setAdminRule(tenantCluster('team'), 'isolateTenants', true, { settings: S, tenantLabel: 'team' });
    expect(generateAdminRule('isolateTenants', { tenantLabel: 'team' }, tenantCluster('team')).map((p) => p.metadata.name)).toEqual([
      'isolate-tenant-a',
      'isolate-tenant-b',
    ]);
    expect(probe(objects).allowed('shop/web', 'other/client', 8080)).toBe(false);
    const again = setAdminRule(objects, 'isolateTenants', true, { settings: S });
    expect(again).toEqual(objects);
  });

  it('needs tenants', () => {
    expect(() => setAdminRule(baseCluster(), 'isolateTenants', true, { settings: S })).toThrow(DesignError);
  });
});

describe('denyKubeSystem', () => {
  it('denies other namespaces into kube-system; DNS survives only with allowClusterDns before it', () => {
    const denied = probe(on(tenantCluster(), ['denyKubeSystem']));
    expect(denied.allowed('shop/web', 'kube-system/metrics-server', 10250)).toBe(false);
    expect(denied.allowed('shop/web', 'kube-system/coredns', 53, 'UDP')).toBe(false);
    expect(denied.allowed('kube-system/coredns', 'kube-system/metrics-server', 10250)).toBe(true);
    expect(denied.allowed('kube-system/metrics-server', 'shop/web', 8080)).toBe(true);

    const withDns = probe(on(tenantCluster(), ['allowClusterDns', 'denyKubeSystem']));
    const dns = withDns.v('shop/web', 'kube-system/coredns', 53, 'UDP');
    expect(dns.allowed).toBe(true);
    expect(dns.ingress.chain[0]).toMatchObject({ tier: 'Admin', outcome: 'Allow', priority: 10 });
    expect(withDns.allowed('shop/web', 'kube-system/coredns', 9153)).toBe(false);
    expect(withDns.allowed('shop/web', 'kube-system/metrics-server', 10250)).toBe(false);
  });

  it('refuses an order in which the deny would shadow DNS', () => {
    const both = on(tenantCluster(), ['allowClusterDns', 'denyKubeSystem']);
    expect(() => setAdminRule(both, 'allowClusterDns', true, { settings: S, priority: 45 })).toThrow(/must come before/);
    // What the check prevents, written by hand: the deny ranks first and DNS breaks.
    const swapped = both.map((o) => (o.metadata.annotations?.['netpol-designer.io/rule'] === 'allowClusterDns' && typeof o['spec'] === 'object'
      ? { ...o, spec: { ...(o['spec'] as Record<string, unknown>), priority: 45 } }
      : o));
    expect(probe(swapped).allowed('shop/web', 'kube-system/coredns', 53, 'UDP')).toBe(false);
  });
});

describe('passSameNamespace', () => {
  // shop has NetworkPolicies (a flow web -> api), other has none; the baseline denies by default.
  const design = (ids: AdminRuleId[]) => {
    let objects = tenantCluster();
    objects = setAllowRule(objects, 'defaultDenyIngress', { namespace: 'shop' }, true, S);
    objects = addFlow(objects, { from: { kind: 'workload', namespace: 'shop', name: 'web' }, to: { kind: 'workload', namespace: 'shop', name: 'api' }, ports: [{ protocol: 'TCP', port: 9090 }] }, S).objects;
    return on(objects, ids);
  };

  it('falls through to the NetworkPolicies, then to the baseline', () => {
    const { v } = probe(design(['passSameNamespace', 'baselineDefaultDeny']));
    const byNetworkPolicy = v('shop/web', 'shop/api', 9090);
    expect(byNetworkPolicy.allowed).toBe(true);
    expect(chainOf(byNetworkPolicy.ingress)).toEqual(['Admin:Pass', 'NetworkPolicy:Allow']);
    const deniedByNetworkPolicy = v('shop/api', 'shop/web', 8080);
    expect(deniedByNetworkPolicy.allowed).toBe(false);
    expect(chainOf(deniedByNetworkPolicy.ingress)).toEqual(['Admin:Pass', 'NetworkPolicy:Deny']);
    const byBaseline = v('other/client', 'other/worker', 8080);
    expect(byBaseline.allowed).toBe(false);
    expect(chainOf(byBaseline.egress)).toEqual(['Admin:Pass', 'NetworkPolicy:NotIsolated', 'Baseline:Deny']);
    expect(chainOf(byBaseline.ingress)).toEqual(['Admin:Pass', 'NetworkPolicy:NotIsolated', 'Baseline:Deny']);
    // Without a baseline the default allows.
    const byDefault = probe(design(['passSameNamespace'])).v('other/client', 'other/worker', 8080);
    expect(byDefault.allowed).toBe(true);
    expect(chainOf(byDefault.ingress)).toEqual(['Admin:Pass', 'NetworkPolicy:NotIsolated', 'Default:Allow']);
  });

  it('skips the admin rules after it: a later admin deny no longer applies within the namespace', () => {
    const denyInside = (objects: KubeObject[]) =>
      addAdminFlow(objects, { from: { kind: 'namespace', namespace: 'shop' }, to: { kind: 'namespace', namespace: 'shop' }, ports: [] }, { action: 'Deny', priority: 60 }, S).objects;
    expect(probe(denyInside(design([]))).allowed('shop/web', 'shop/api', 9090)).toBe(false);
    const passed = probe(denyInside(design(['passSameNamespace']))).v('shop/web', 'shop/api', 9090);
    expect(passed.allowed).toBe(true);
    expect(passed.ingress.chain[0]).toMatchObject({ tier: 'Admin', outcome: 'Pass', priority: 50 });
  });

  it('one policy per namespace of the design, re-read when set again', () => {
    const objects = on(tenantCluster(), ['passSameNamespace']);
    const namespaces = listAdminRules(objects)[0]!.objects.map((o) => o.metadata.annotations?.['netpol-designer.io/target']);
    expect(namespaces).toEqual(['shop', 'other', 'third', 'ingress-nginx', 'kube-system']);
    const grown = [...objects, deployment('new-ns', 'app', { labels: { app: 'x' }, image: 'x' })];
    const again = setAdminRule(grown, 'passSameNamespace', true, { settings: S });
    expect(listAdminRules(again)[0]!.objects.length).toBe(6);
    expect(() => setAdminRule([], 'passSameNamespace', true, { settings: S })).toThrow(DesignError);
  });
});

describe('baselineDefaultDeny', () => {
  for (const flavor of ADMIN_FLAVORS) {
    it(`(${flavor}) denies what no NetworkPolicy decides; NetworkPolicies open it; kube-system is exempt`, () => {
      const opened = [
        np('egress-anywhere', 'other', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] }),
        np('from-other', 'third', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: {} }] }] }),
      ];
      const { allowed, v } = probe(on([...tenantCluster(), ...opened], ['baselineDefaultDeny'], flavor));
      const closed = v('shop/web', 'shop/api', 9090);
      expect(closed.allowed).toBe(false);
      expect(closed.ingress.decidedBy).toBe('Baseline');
      expect(allowed('shop/web', 'ip:8.8.8.8', 443)).toBe(false);
      expect(allowed('shop/web', 'kube-system/coredns', 53, 'UDP')).toBe(false);
      // Opened by the namespace owners: other's egress and third's ingress are theirs to decide.
      const open = v('other/client', 'third/stranger', 8080);
      expect(open.allowed).toBe(true);
      expect(open.egress.decidedBy).toBe('NetworkPolicy');
      expect(open.ingress.decidedBy).toBe('NetworkPolicy');
      expect(allowed('other/client', 'ip:8.8.8.8', 443)).toBe(true);
      expect(allowed('other/client', 'shop/web', 8080)).toBe(false);
      // Exempt: kube-system.
      expect(allowed('kube-system/coredns', 'ip:8.8.8.8', 53, 'UDP')).toBe(true);
      expect(allowed('kube-system/coredns', 'kube-system/metrics-server', 10250)).toBe(true);
    });
  }

  it('with allowClusterDns, closed namespaces still resolve names', () => {
    const { allowed } = probe(on(tenantCluster(), ['allowClusterDns', 'baselineDefaultDeny']));
    expect(allowed('shop/web', 'kube-system/coredns', 53, 'UDP')).toBe(true);
    expect(allowed('shop/web', 'kube-system/coredns', 9153)).toBe(false);
  });

  it('the anp flavor is the singleton BaselineAdminNetworkPolicy "default" and does not overwrite a hand-written one', () => {
    const [banp] = generateAdminRule('baselineDefaultDeny', { flavor: 'anp' });
    expect(banp).toMatchObject({ kind: 'BaselineAdminNetworkPolicy', metadata: { name: 'default' } });
    const handWritten: KubeObject = { ...banp!, metadata: { name: 'default' } };
    expect(() => setAdminRule([...tenantCluster(), handWritten], 'baselineDefaultDeny', true, { settings: S })).toThrow(/singleton/);
    expect(() => setAdminRule([...tenantCluster(), handWritten], 'baselineDefaultDeny', true, { settings: S, flavor: 'cnp' })).not.toThrow();
  });
});

describe('priorities and flavors', () => {
  it('a priority taken by another policy of the tier is refused; a free one works', () => {
    const taken = setAdminRule(tenantCluster(), 'denyMetadataServer', true, { settings: S, priority: 10 });
    expect(() => setAdminRule(taken, 'allowClusterDns', true, { settings: S })).toThrow(/priority 10 .* taken/);
    expect(() => setAdminRule(taken, 'allowClusterDns', true, { settings: S, priority: 5 })).not.toThrow();
    // The Baseline tier has its own numbers.
    expect(() => setAdminRule(taken, 'baselineDefaultDeny', true, { settings: S, flavor: 'cnp', priority: 10 })).not.toThrow();
  });

  it('setting a switch again keeps its priority and flavor unless told otherwise, and replaces it in place', () => {
    const first = setAdminRule(tenantCluster(), 'denyMetadataServer', true, { settings: S, priority: 25, flavor: 'cnp' });
    const again = setAdminRule(first, 'denyMetadataServer', true, { settings: S });
    expect(again).toEqual(first);
    const anp = setAdminRule(first, 'denyMetadataServer', true, { settings: S, flavor: 'anp' });
    expect(anp.map((o) => o.kind).filter((k) => k.includes('Network') && k !== 'NetworkPolicy')).toEqual(['AdminNetworkPolicy']);
    expect(listAdminRules(anp)[0]).toMatchObject({ flavor: 'anp', priority: 25 });
    expect(anp.length).toBe(first.length);
  });

  it('names do not clash with hand-written policies of the same kind', () => {
    const [mine] = generateAdminRule('denyMetadataServer');
    const handWritten: KubeObject = { ...mine!, metadata: { name: mine!.metadata.name }, spec: { ...mine!.spec, priority: 900 } };
    const objects = setAdminRule([...tenantCluster(), handWritten], 'denyMetadataServer', true, { settings: S });
    expect(objects.filter((o) => o.kind === 'AdminNetworkPolicy').map((o) => o.metadata.name)).toEqual(['deny-cloud-metadata', 'deny-cloud-metadata-2']);
    load(objects);
  });
});
