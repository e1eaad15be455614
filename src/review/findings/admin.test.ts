import { describe, expect, it } from 'vitest';
import { fixAndReview, ofRule, only, review } from './testkit.ts';

const shop = `    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: shop`;

const anp = (name: string, priority: number, rules: string, subject = shop) => `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: ${name}
spec:
  priority: ${priority}
  subject:
${subject}
${rules}---
`;

const fromOther = (name: string, action: string, ports = '') => `  - name: ${name}
    action: ${action}
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: other
${ports}`;

const port = (n: number) => `    ports:
    - portNumber:
        protocol: TCP
        port: ${n}
`;

describe('admin-shadowed-rule', () => {
  it('reports a rule an earlier rule of the same policy always matches first', () => {
    const yaml = anp('p', 10, `  ingress:\n${fromOther('deny-all', 'Deny')}${fromOther('allow-web', 'Allow', port(8080))}`);
    const { design, findings } = review(yaml);
    const f = only(findings, 'admin-shadowed-rule');
    expect(f.severity).toBe('medium');
    expect(f.path).toBe('spec.ingress[1]');
    expect(f.title).toContain('deny-all');
    const after = fixAndReview(design, f.fixes[0]!);
    expect(ofRule(after.findings, 'admin-shadowed-rule')).toEqual([]);
  });

  it('reports a rule a lower priority number shadows across policies', () => {
    const yaml = anp('early', 10, `  ingress:\n${fromOther('deny', 'Deny')}`) + anp('late', 20, `  ingress:\n${fromOther('allow', 'Allow', port(8080))}`);
    const f = only(review(yaml).findings, 'admin-shadowed-rule');
    expect(f.id).toBe('admin-shadowed-rule:AdminNetworkPolicy/late:spec.ingress[0]');
  });

  it('near miss: the narrow rule comes first', () => {
    const yaml = anp('p', 10, `  ingress:\n${fromOther('allow-web', 'Allow', port(8080))}${fromOther('deny-all', 'Deny')}`);
    expect(ofRule(review(yaml).findings, 'admin-shadowed-rule')).toEqual([]);
    const reordered = anp('early', 30, `  ingress:\n${fromOther('deny', 'Deny')}`) + anp('late', 20, `  ingress:\n${fromOther('allow', 'Allow', port(8080))}`);
    expect(ofRule(review(reordered).findings, 'admin-shadowed-rule')).toEqual([]);
  });

  it('near miss: an earlier rule on other ports', () => {
    const yaml = anp('p', 10, `  ingress:\n${fromOther('deny-80', 'Deny', port(80))}${fromOther('allow-web', 'Allow', port(8080))}`);
    expect(ofRule(review(yaml).findings, 'admin-shadowed-rule')).toEqual([]);
  });
});

describe('admin-duplicate-priority', () => {
  it('reports two policies with the same priority and rules for the same pods', () => {
    const yaml = anp('a', 10, `  ingress:\n${fromOther('deny', 'Deny')}`) + anp('b', 10, `  ingress:\n${fromOther('allow', 'Allow', port(8080))}`);
    const f = only(review(yaml).findings, 'admin-duplicate-priority');
    expect(f.severity).toBe('medium');
    expect(f.path).toBe('spec.priority');
  });

  it('is low when they cannot disagree in this design (different directions)', () => {
    const egress = `  egress:
  - name: deny
    action: Deny
    to:
    - networks: [192.0.2.0/24]
`;
    const yaml = anp('a', 10, `  ingress:\n${fromOther('deny', 'Deny')}`) + anp('b', 10, egress);
    expect(only(review(yaml).findings, 'admin-duplicate-priority').severity).toBe('low');
  });

  it('near miss: distinct priorities', () => {
    const yaml = anp('a', 10, `  ingress:\n${fromOther('deny', 'Deny')}`) + anp('b', 11, `  ingress:\n${fromOther('allow', 'Allow', port(8080))}`);
    expect(ofRule(review(yaml).findings, 'admin-duplicate-priority')).toEqual([]);
  });
});

describe('admin-pass-to-baseline', () => {
  const pass = anp('pass', 10, `  ingress:\n${fromOther('to-owners', 'Pass')}`);

  it('reports a Pass for pods no NetworkPolicy isolates (default allow below)', () => {
    const f = only(review(pass).findings, 'admin-pass-to-baseline');
    expect(f.severity).toBe('medium');
    expect(f.risk).toContain('allowed by default');
  });

  it('is low when a baseline decides instead', () => {
    const baseline = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata:
  name: default
spec:
  subject:
${shop}
  ingress:
  - name: deny
    action: Deny
    from:
    - namespaces: {}
`;
    expect(only(review(pass + baseline).findings, 'admin-pass-to-baseline').severity).toBe('low');
  });

  it('near miss: the namespace owners isolate their pods', () => {
    const np = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;
    expect(ofRule(review(pass + np).findings, 'admin-pass-to-baseline')).toEqual([]);
  });
});

describe('admin-icmp-not-expressible', () => {
  it('reports ICMP in an admin policy', () => {
    const yaml = anp('ping', 10, `  ingress:\n${fromOther('ping', 'Allow', '    ports:\n    - portNumber:\n        protocol: ICMP\n        port: 1\n')}`);
    const f = only(review(yaml).findings, 'admin-icmp-not-expressible');
    expect(f.path).toBe('spec.ingress[0].ports[0].portNumber.protocol');
  });

  it('near miss: TCP', () => {
    const yaml = anp('web', 10, `  ingress:\n${fromOther('web', 'Allow', port(80))}`);
    expect(ofRule(review(yaml).findings, 'admin-icmp-not-expressible')).toEqual([]);
  });
});
