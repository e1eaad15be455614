import { describe, expect, it } from 'vitest';
import { allowed, fixAndReview, ofRule, only, review, SETTINGS } from './testkit.ts';
import { inCluster } from '../../cluster/assumed/index.ts';

const egress = (rules: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-out
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes: [Egress]
  egress:
${rules}`;

describe('ports-to-anywhere', () => {
  it('DNS on 53 to anywhere: medium, and the fix narrows it to the DNS pods', () => {
    const { design, findings } = review(egress(`  - ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
`));
    const f = only(findings, 'ports-to-anywhere');
    expect(f.severity).toBe('medium');
    expect(f.risk).toContain('any resolver on the internet');
    expect(allowed(design, 'shop/web', 'ip:8.8.8.8', 53, 'UDP')).toBe(true);
    const after = fixAndReview(design, f.fixes[0]!);
    expect(ofRule(after.findings, 'ports-to-anywhere')).toEqual([]);
    expect(allowed(after.design, 'shop/web', 'ip:8.8.8.8', 53, 'UDP')).toBe(false);
    expect(allowed(inCluster(after.design, SETTINGS), 'shop/web', 'kube-system/coredns', 53, 'UDP')).toBe(true);
  });

  it('a port range over 80 reaches the metadata server: high, no fix but what to do', () => {
    const f = only(review(egress(`  - ports:
    - port: 1
      endPort: 1024
`)).findings, 'ports-to-anywhere');
    expect(f.severity).toBe('high');
    expect(f.fixes).toEqual([]);
    expect(f.risk).toContain('Add a `to`');
  });

  it('near miss: ports with a `to`, and the split-rule shape (reported by split-rule instead)', () => {
    expect(ofRule(review(egress(`  - to:
    - ipBlock:
        cidr: 203.0.113.0/24
    ports:
    - port: 443
`)).findings, 'ports-to-anywhere')).toEqual([]);
    const { findings } = review(egress(`  - to:
    - podSelector:
        matchLabels:
          app: api
  - ports:
    - port: 9090
`));
    expect(ofRule(findings, 'ports-to-anywhere')).toEqual([]);
    expect(ofRule(findings, 'split-rule')).toHaveLength(1);
  });
});
