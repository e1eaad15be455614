import { describe, expect, it } from 'vitest';
import type { KubeObject, Protocol } from '../model/index.ts';
import { setAdminRule } from './adminRules.ts';
import { setAllowRule } from './allowRules.ts';
import { suggestFixes, type Fix } from './fixes.ts';
import { baseCluster, compiled, prober, verdict } from './testkit.ts';
import { DEFAULT_SETTINGS, type DesignSettings, type RuleTarget } from './types.ts';

const S: DesignSettings = { ...DEFAULT_SETTINGS, apiServer: { address: '172.18.0.2', port: 6443 } };
const web: RuleTarget = { namespace: 'shop', workload: 'web' };

function fixesFor(objects: KubeObject[], from: string, to: string, port: number | string, protocol: Protocol = 'TCP'): Fix[] {
  const v = verdict(compiled(objects), from, to, port, protocol);
  expect(v.allowed).toBe(false);
  return suggestFixes(v, objects, S);
}

/** Every fix, applied alone, makes the probe allowed. */
function expectAllFixesWork(objects: KubeObject[], from: string, to: string, port: number | string, protocol: Protocol = 'TCP'): Fix[] {
  const fixes = fixesFor(objects, from, to, port, protocol);
  expect(fixes.length).toBeGreaterThan(0);
  for (const fix of fixes) {
    expect(prober(fix.apply(objects))(from, to, port, protocol), fix.title).toBe(true);
  }
  return fixes;
}

const denyEgressWeb = () => setAllowRule(baseCluster(), 'defaultDenyEgress', web, true, S);

describe('suggestFixes', () => {
  it('offers no NetworkPolicy fix against an admin Deny (it would lie dormant); near miss: the same denial by a NetworkPolicy', () => {
    const guarded = setAdminRule(denyEgressWeb(), 'denyMetadataServer', true);
    const v = verdict(compiled(guarded), 'shop/web', 'ip:169.254.169.254', 80);
    expect(v.allowed).toBe(false);
    expect(v.egress.decidedBy).toBe('Admin');
    expect(suggestFixes(v, guarded, S)).toEqual([]);
    expectAllFixesWork(denyEgressWeb(), 'shop/web', 'ip:169.254.169.254', 80);
  });

  it('DNS denied: "DNS" switch for the workload, or this flow', () => {
    const objects = denyEgressWeb();
    const fixes = expectAllFixesWork(objects, 'shop/web', 'kube-system/coredns', 53, 'UDP');
    expect(fixes.map((f) => f.id)).toEqual(['rule:dnsPortsKubeSystemNamespace', 'flow']);
    // The DNS switch also allows TCP 53, the flow exactly what was probed.
    expect(prober(fixes[0]!.apply(objects))('shop/web', 'kube-system/coredns', 53, 'TCP')).toBe(true);
    expect(prober(fixes[1]!.apply(objects))('shop/web', 'kube-system/coredns', 53, 'TCP')).toBe(false);
  });

  it('API server denied: "kube-apiserver" switch', () => {
    const fixes = expectAllFixesWork(denyEgressWeb(), 'shop/web', 'ip:172.18.0.2', 6443);
    expect(fixes.map((f) => f.id)).toEqual(['rule:kubeApiServer', 'flow']);
  });

  it('internet and metadata server denied: the matching switches', () => {
    expect(expectAllFixesWork(denyEgressWeb(), 'shop/web', 'ip:8.8.8.8', 443).map((f) => f.id)).toEqual(['rule:nonPrivateIPs', 'flow']);
    const meta = expectAllFixesWork(denyEgressWeb(), 'shop/web', 'ip:169.254.169.254', 80);
    expect(meta.map((f) => f.id)).toEqual(['rule:cloudMetadataServer', 'flow']);
    expect(meta[0]!.description).toMatch(/credentials|identity/);
  });

  it('only the denying side gets a policy: no end becomes isolated that was open', () => {
    const objects = setAllowRule(baseCluster(), 'defaultDenyIngress', { namespace: 'shop', workload: 'api' }, true, S);
    const [fix, ...rest] = expectAllFixesWork(objects, 'shop/web', 'shop/api', 'metrics');
    expect(rest).toEqual([]);
    const after = prober(fix!.apply(objects));
    expect(after('shop/web', 'ip:8.8.8.8', 443)).toBe(true); // web still not isolated for egress
    expect(after('shop/web', 'shop/api', 9090)).toBe(false); // only the probed port
    expect(after('other/client', 'shop/api', 9100)).toBe(false); // only the probed source
  });

  it('denied on both ends: one flow fixes both', () => {
    let objects = setAllowRule(baseCluster(), 'defaultDenyIngress', { namespace: 'shop' }, true, S);
    objects = setAllowRule(objects, 'defaultDenyEgress', { namespace: 'other' }, true, S);
    const fixes = expectAllFixesWork(objects, 'other/client', 'shop/api', 514, 'UDP');
    expect(fixes.map((f) => f.id)).toEqual(['flow']);
  });

  it('from outside the cluster: an ingress policy for that address', () => {
    const objects = setAllowRule(baseCluster(), 'defaultDenyIngress', web, true, S);
    expectAllFixesWork(objects, 'ip:203.0.113.9', 'shop/web', 8080);
    const [fix] = fixesFor(objects, 'ip:203.0.113.9', 'shop/web', 8080);
    expect(prober(fix!.apply(objects))('ip:203.0.113.10', 'shop/web', 8080)).toBe(false);
  });

  it('nothing to suggest for allowed connections or ports the destination does not have', () => {
    const c = compiled(baseCluster());
    expect(suggestFixes(verdict(c, 'shop/web', 'shop/api', 9090), baseCluster(), S)).toEqual([]);
    expect(suggestFixes(verdict(c, 'shop/web', 'shop/api', 'nope'), baseCluster(), S)).toEqual([]);
  });
});
