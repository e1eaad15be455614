import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../design/types.ts';
import { fixAndReview, ofRule, only, review, SETTINGS } from './testkit.ts';

// What the kube-apiserver switch wrote while the API server setting defaulted to the Service VIP.
const oldSwitch = (cidr = '10.96.0.1/32', port = 443) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-kube-apiserver
  namespace: shop
  annotations:
    netpol-designer.io/rule: kubeApiServer
    netpol-designer.io/target: shop
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock:
        cidr: ${cidr}
    ports:
    - protocol: TCP
      port: ${port}
`;

describe('apiserver-vip-allowed', () => {
  it('an allow to the Service VIP; with the endpoint set the fix regenerates the switch for it', () => {
    const { design, findings } = review(oldSwitch(), SETTINGS);
    const f = only(findings, 'apiserver-vip-allowed');
    expect(f.path).toBe('spec.egress[0].to[0].ipBlock');
    expect(f.risk).toContain('172.18.0.2:6443');
    const after = fixAndReview(design, f.fixes[0]!, SETTINGS);
    expect(ofRule(after.findings, 'apiserver-vip-allowed')).toEqual([]);
    const text = JSON.stringify(after.design.manifests.map((m) => m.object));
    expect(text).toContain('172.18.0.2/32');
    expect(text).not.toContain('10.96.0.1/32');
  });

  it('with the endpoint unset: no fix, and it says what to fill', () => {
    const f = only(review(oldSwitch(), DEFAULT_SETTINGS).findings, 'apiserver-vip-allowed');
    expect(f.fixes).toEqual([]);
    expect(f.risk).toContain('Set the API server endpoint in Settings');
  });

  it('near miss: a wide block, another port, or the VIP given as the endpoint', () => {
    expect(ofRule(review(oldSwitch('10.0.0.0/8'), SETTINGS).findings, 'apiserver-vip-allowed')).toEqual([]);
    expect(ofRule(review(oldSwitch('10.96.0.1/32', 80), SETTINGS).findings, 'apiserver-vip-allowed')).toEqual([]);
    const vipIsEndpoint = { ...DEFAULT_SETTINGS, apiServer: { address: '10.96.0.1', port: 443 } };
    expect(ofRule(review(oldSwitch(), vipIsEndpoint).findings, 'apiserver-vip-allowed')).toEqual([]);
  });
});
