import { describe, expect, it } from 'vitest';
import { allowed, CLUSTER_YAML, fixAndReview, ofRule, only, review } from './testkit.ts';

/** Line offset of appended YAML: the base cluster's lines and the `---` separator come first. */
const OFFSET = CLUSTER_YAML.split('\n').length;

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

// The stray dash: `- ports:` instead of `  ports:`.
const split = egress(`  - to:
    - podSelector:
        matchLabels:
          app: api
  - ports:
    - port: 9090
`);

describe('split-rule', () => {
  it('reports a peers-only rule next to a ports-only rule, at the ports rule', () => {
    const { findings } = review(split);
    const f = only(findings, 'split-rule');
    expect(f.id).toBe('split-rule:shop/web-out:egress[0]');
    expect(f.severity).toBe('high');
    expect(f.object).toMatchObject({ kind: 'NetworkPolicy', name: 'web-out' });
    expect(f.path).toBe('spec.egress[1]');
    expect(f.location?.line).toBe(split.split('\n').findIndex((l) => l.includes('- ports:')) + 1 + OFFSET);
    expect(f.risk).toContain('TCP 9090');
  });

  it('also when the ports-only rule comes first', () => {
    const { findings } = review(egress(`  - ports:
    - port: 9090
  - to:
    - podSelector:
        matchLabels:
          app: api
`));
    expect(only(findings, 'split-rule').path).toBe('spec.egress[0]');
  });

  it('near miss: the same rule without the stray dash (one rule with peers and ports)', () => {
    const merged = split.replace('  - ports:', '    ports:');
    expect(merged).not.toBe(split);
    const { design, findings } = review(merged);
    expect(ofRule(findings, 'split-rule')).toEqual([]);
    expect(allowed(design, 'shop/web', 'ip:8.8.8.8', 9090)).toBe(false);
  });

  it('near miss: the peers-only and ports-only rules are not next to each other', () => {
    const { findings } = review(egress(`  - to:
    - podSelector:
        matchLabels:
          app: api
  - to:
    - ipBlock:
        cidr: 8.8.8.8/32
    ports:
    - port: 443
  - ports:
    - port: 9090
`));
    expect(ofRule(findings, 'split-rule')).toEqual([]);
  });

  it('near miss: two rules that each have peers and ports', () => {
    const { findings } = review(egress(`  - to:
    - podSelector:
        matchLabels:
          app: api
    ports:
    - port: 9090
  - to:
    - ipBlock:
        cidr: 8.8.8.8/32
    ports:
    - port: 443
`));
    expect(ofRule(findings, 'split-rule')).toEqual([]);
  });

  it('near miss: a ports-only rule next to another ports-only rule', () => {
    const { findings } = review(egress(`  - ports:
    - port: 53
      protocol: UDP
  - ports:
    - port: 443
`));
    expect(ofRule(findings, 'split-rule')).toEqual([]);
  });

  it('the merge fix allows exactly the peers on the ports', () => {
    const { design, findings } = review(split);
    const f = only(findings, 'split-rule');
    expect(allowed(design, 'shop/web', 'ip:8.8.8.8', 9090)).toBe(true);
    expect(allowed(design, 'shop/web', 'shop/api', 9100)).toBe(true);
    const after = fixAndReview(design, f.fixes[0]!);
    expect(ofRule(after.findings, 'split-rule')).toEqual([]);
    expect(allowed(after.design, 'shop/web', 'shop/api', 9090)).toBe(true);
    expect(allowed(after.design, 'shop/web', 'ip:8.8.8.8', 9090)).toBe(false);
    expect(allowed(after.design, 'shop/web', 'shop/api', 9100)).toBe(false);
  });
});

