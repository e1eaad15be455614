import { describe, expect, it } from 'vitest';
import { allowed, fixAndReview, ofRule, only, review } from './testkit.ts';

const policy = (spec: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: p
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
${spec}`;

const egressOnly = policy(`  egress:
  - to:
    - ipBlock:
        cidr: 8.8.8.8/32
`);

describe('policy-types-implicit-ingress', () => {
  it('reports an egress-only policy without policyTypes, at spec (no policyTypes field)', () => {
    const { findings } = review(egressOnly);
    const f = only(findings, 'policy-types-implicit-ingress');
    expect(f.id).toBe('policy-types-implicit-ingress:shop/p');
    expect(f.severity).toBe('medium');
    expect(f.path).toBe('spec');
    expect(f.location?.line).toBeGreaterThan(1);
    expect(f.risk).toContain('shop/web');
  });

  it('near miss: explicit policyTypes [Egress]', () => {
    const { findings } = review(policy(`  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock:
        cidr: 8.8.8.8/32
`));
    expect(ofRule(findings, 'policy-types-implicit-ingress')).toEqual([]);
  });

  it('near miss: the same policy with an ingress rule (Ingress is inferred, but it has rules for it)', () => {
    const { findings } = review(policy(`  ingress:
  - from:
    - podSelector: {}
  egress:
  - to:
    - ipBlock:
        cidr: 8.8.8.8/32
`));
    expect(ofRule(findings, 'policy-types-implicit-ingress')).toEqual([]);
  });

  it('is low when another policy isolates the same pods for ingress anyway', () => {
    const { findings } = review(`${egressOnly}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-ingress
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress]
`);
    const f = only(findings, 'policy-types-implicit-ingress');
    expect(f.id).toBe('policy-types-implicit-ingress:shop/p');
    expect(f.severity).toBe('low');
  });

  it('fix [Egress] reopens ingress as the description says; fix [Ingress, Egress] keeps it closed', () => {
    const { design, findings } = review(egressOnly);
    const f = only(findings, 'policy-types-implicit-ingress');
    expect(allowed(design, 'other/client', 'shop/web', 8080)).toBe(false);
    expect(f.fixes[0]!.description).toContain('shop/web');
    const egress = fixAndReview(design, f.fixes[0]!);
    expect(ofRule(egress.findings, 'policy-types-implicit-ingress')).toEqual([]);
    expect(allowed(egress.design, 'other/client', 'shop/web', 8080)).toBe(true);
    const both = fixAndReview(design, f.fixes[1]!);
    expect(ofRule(both.findings, 'policy-types-implicit-ingress')).toEqual([]);
    expect(allowed(both.design, 'other/client', 'shop/web', 8080)).toBe(false);
  });
});

describe('policy-types-rules-ignored', () => {
  const ignored = policy(`  policyTypes: [Ingress]
  ingress:
  - {}
  egress:
  - to:
    - ipBlock:
        cidr: 8.8.8.8/32
`);

  it('reports egress rules that policyTypes [Ingress] makes Kubernetes ignore', () => {
    const { findings } = review(ignored);
    const f = only(findings, 'policy-types-rules-ignored');
    expect(f.severity).toBe('high');
    expect(f.path).toBe('spec.egress');
    expect(f.id).toBe('policy-types-rules-ignored:shop/p:egress');
  });

  it('near miss: both types listed', () => {
    const { findings } = review(ignored.replace('[Ingress]', '[Ingress, Egress]'));
    expect(ofRule(findings, 'policy-types-rules-ignored')).toEqual([]);
  });

  it('adding Egress makes the rules bite; removing them changes nothing', () => {
    const { design, findings } = review(ignored);
    const f = only(findings, 'policy-types-rules-ignored');
    expect(allowed(design, 'shop/web', 'ip:1.1.1.1', 443)).toBe(true);
    const add = fixAndReview(design, f.fixes[0]!);
    expect(ofRule(add.findings, 'policy-types-rules-ignored')).toEqual([]);
    expect(allowed(add.design, 'shop/web', 'ip:1.1.1.1', 443)).toBe(false);
    expect(allowed(add.design, 'shop/web', 'ip:8.8.8.8', 443)).toBe(true);
    const remove = fixAndReview(design, f.fixes[1]!);
    expect(ofRule(remove.findings, 'policy-types-rules-ignored')).toEqual([]);
    expect(allowed(remove.design, 'shop/web', 'ip:1.1.1.1', 443)).toBe(true);
  });

  it('also reports ingress rules ignored by policyTypes [Egress]', () => {
    const { findings } = review(policy(`  policyTypes: [Egress]
  ingress:
  - from:
    - podSelector: {}
`));
    expect(only(findings, 'policy-types-rules-ignored').id).toBe('policy-types-rules-ignored:shop/p:ingress');
  });
});

describe('policy-types-empty-egress', () => {
  it('reports egress: [] without policyTypes (it denies nothing)', () => {
    const { design, findings } = review(policy('  egress: []\n'));
    const f = only(findings, 'policy-types-empty-egress');
    expect(f.id).toBe('policy-types-empty-egress:shop/p');
    expect(f.severity).toBe('medium');
    expect(f.path).toBe('spec.egress');
    expect(allowed(design, 'shop/web', 'ip:8.8.8.8', 443)).toBe(true);
    const after = fixAndReview(design, f.fixes[0]!);
    expect(ofRule(after.findings, 'policy-types-empty-egress')).toEqual([]);
    expect(allowed(after.design, 'shop/web', 'ip:8.8.8.8', 443)).toBe(false);
  });

  it('near miss: egress: [] with explicit policyTypes', () => {
    const { findings } = review(policy('  policyTypes: [Egress]\n  egress: []\n'));
    expect(ofRule(findings, 'policy-types-empty-egress')).toEqual([]);
  });

  it('near miss: no policyTypes and a non-empty egress list (Egress is inferred)', () => {
    const { findings } = review(policy('  egress:\n  - {}\n'));
    expect(ofRule(findings, 'policy-types-empty-egress')).toEqual([]);
  });
});

describe('policy-denies-all-egress', () => {
  it('notes a policy that denies all egress, mentioning DNS', () => {
    const { findings } = review(policy('  policyTypes: [Egress]\n'));
    const f = only(findings, 'policy-denies-all-egress');
    expect(f.id).toBe('policy-denies-all-egress:shop/p');
    expect(f.severity).toBe('info');
    expect(f.risk).toContain('DNS');
    expect(f.path).toBe('spec.policyTypes');
  });

  it('near miss: a default deny paired with an allow for the same pods says nothing (the usual design)', () => {
    const { findings } = review(`${policy('  policyTypes: [Egress]\n')}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-dns, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
      podSelector: {matchLabels: {k8s-app: kube-dns}}
    ports: [{port: 53, protocol: UDP}]
`);
    expect(ofRule(findings, 'policy-denies-all-egress')).toEqual([]);
  });

  it('near miss: an egress policy with rules', () => {
    const { findings } = review(policy(`  policyTypes: [Egress]
  egress:
  - to:
    - podSelector: {}
`));
    expect(ofRule(findings, 'policy-denies-all-egress')).toEqual([]);
  });
});
