import { describe, expect, it } from 'vitest';
import { ofRule, only, review, SETTINGS } from './testkit.ts';

const egressTo = (block: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: out
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock:
${block}
    ports:
    - port: 443
`;

const withPodCidr = { ...SETTINGS, podCidrs: ['10.42.0.0/16'] };

describe('ipblock-covers-cluster', () => {
  it('reports a block over the pod CIDR from settings, as info', () => {
    const { findings } = review(egressTo('        cidr: 10.0.0.0/8'), withPodCidr);
    const f = only(findings, 'ipblock-covers-cluster');
    expect(f.id).toBe('ipblock-covers-cluster:shop/out:spec.egress[0].to[0].ipBlock');
    expect(f.severity).toBe('info');
    expect(f.path).toBe('spec.egress[0].to[0].ipBlock');
    expect(f.risk).toContain('10.42.0.0/16');
    expect(f.fixes).toEqual([]);
  });

  it('near miss: a block outside the pod CIDR, or one that excepts it', () => {
    expect(ofRule(review(egressTo('        cidr: 192.168.0.0/16'), withPodCidr).findings, 'ipblock-covers-cluster')).toEqual([]);
    expect(ofRule(review(egressTo('        cidr: 10.0.0.0/8\n        except: [10.42.0.0/16, 10.96.0.0/12]'), withPodCidr).findings, 'ipblock-covers-cluster')).toEqual([]);
  });

  it('reports a block that covers a modelled pod IP; near miss: the neighbouring /24', () => {
    const legacy = `apiVersion: v1
kind: Pod
metadata:
  name: legacy
  namespace: other
  labels:
    app: legacy
spec:
  containers:
  - name: main
    image: legacy
status:
  podIP: 192.168.5.7
---
`;
    const f = only(review(`${legacy}${egressTo('        cidr: 192.168.5.0/24')}`).findings, 'ipblock-covers-cluster');
    expect(f.id).toBe('ipblock-covers-cluster:shop/out:spec.egress[0].to[0].ipBlock');
    expect(f.severity).toBe('info');
    expect(f.risk).toContain('other/legacy');
    expect(ofRule(review(`${legacy}${egressTo('        cidr: 192.168.6.0/24')}`).findings, 'ipblock-covers-cluster')).toEqual([]);
    // A host route to a pod address is not aimed at a Service: it stays info.
    const host = only(review(`${legacy}${egressTo('        cidr: 192.168.5.7/32')}`).findings, 'ipblock-covers-cluster');
    expect(host.severity).toBe('info');
    expect(host.risk).toContain('other/legacy');
  });

  it('a host route to a Service ClusterIP is medium: it usually matches nothing', () => {
    const { findings } = review(egressTo('        cidr: 10.96.0.10/32'));
    const f = only(findings, 'ipblock-covers-cluster');
    expect(f.id).toBe('ipblock-covers-cluster:shop/out:spec.egress[0].to[0].ipBlock');
    expect(f.severity).toBe('medium');
    expect(f.risk).toContain('kube-system/kube-dns');
  });

  it('near miss: a host route to the next address, which no Service has', () => {
    expect(ofRule(review(egressTo('        cidr: 10.96.0.11/32')).findings, 'ipblock-covers-cluster')).toEqual([]);
  });

  it('near miss: a public block', () => {
    expect(ofRule(review(egressTo('        cidr: 203.0.113.0/24')).findings, 'ipblock-covers-cluster')).toEqual([]);
  });
});
