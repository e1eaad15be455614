import { describe, expect, it } from 'vitest';
import { setAllowRule } from '../allowRules.ts';
import { setAdminRule } from '../adminRules.ts';
import { baseCluster, load } from '../testkit.ts';
import { DEFAULT_SETTINGS } from '../types.ts';
import { describeExport, exportFileName, exportObjects } from './index.ts';

const design = () => {
  let o = setAllowRule(baseCluster(), 'defaultDenyIngress', { namespace: 'shop' }, true, DEFAULT_SETTINGS);
  o = setAllowRule(o, 'defaultDenyEgress', { namespace: 'other' }, true, DEFAULT_SETTINGS);
  return setAdminRule(o, 'denyMetadataServer', true);
};

describe('export choices', () => {
  it('policies only: no workload, Namespace or Service that kubectl apply would create', () => {
    const o = design();
    const out = exportObjects(o, { policiesOnly: true });
    expect(new Set(out.map((x) => x.kind))).toEqual(new Set(['NetworkPolicy', ...out.filter((x) => x.kind !== 'NetworkPolicy').map((x) => x.kind)]));
    expect(out.some((x) => ['Deployment', 'Pod', 'Namespace', 'Service'].includes(x.kind))).toBe(false);
    expect(out.filter((x) => x.kind === 'NetworkPolicy')).toHaveLength(2);
    expect(out.some((x) => x.kind !== 'NetworkPolicy')).toBe(true); // the admin rule
    expect(load(out).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
  it('one namespace: its Namespace and namespaced objects only; with policies only, just its policies', () => {
    const o = design();
    const shop = exportObjects(o, { namespace: 'shop', policiesOnly: false });
    expect(shop.every((x) => (x.kind === 'Namespace' ? x.metadata.name === 'shop' : x.metadata.namespace === 'shop'))).toBe(true);
    expect(shop.map((x) => x.kind).sort()).toEqual(['Deployment', 'Namespace', 'NetworkPolicy', 'Pod', ...shop.filter((x) => x.kind === 'Service').map(() => 'Service')].sort());
    const shopPolicies = exportObjects(o, { namespace: 'shop', policiesOnly: true });
    expect(shopPolicies.map((x) => x.metadata.name)).toEqual(['default-deny-ingress']);
    expect(describeExport(shopPolicies)).toBe('1 NetworkPolicy');
    expect(exportObjects(o, { policiesOnly: false })).toHaveLength(o.length);
  });
  it('the file name says which', () => {
    expect(exportFileName({ policiesOnly: false })).toBe('netpol-design.yaml');
    expect(exportFileName({ policiesOnly: true })).toBe('netpol-design-policies.yaml');
    expect(exportFileName({ namespace: 'shop', policiesOnly: false })).toBe('netpol-design-shop.yaml');
    expect(exportFileName({ namespace: 'shop', policiesOnly: true })).toBe('netpol-design-shop-policies.yaml');
  });
});
