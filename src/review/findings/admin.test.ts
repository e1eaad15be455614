import { describe, expect, it } from 'vitest';
import { allowed, fixAndReview, ofRule, only, review } from './testkit.ts';

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
    expect(f.id).toBe('admin-shadowed-rule:AdminNetworkPolicy/p:spec.ingress[1]');
    expect(f.severity).toBe('medium');
    expect(f.object).toMatchObject({ kind: 'AdminNetworkPolicy', name: 'p' });
    expect(f.path).toBe('spec.ingress[1]');
    expect(f.title).toContain('deny-all');
    const after = fixAndReview(design, f.fixes[0]!);
    expect(ofRule(after.findings, 'admin-shadowed-rule')).toEqual([]);
  });

  it('reports a rule a lower priority number shadows across policies', () => {
    const yaml = anp('early', 10, `  ingress:\n${fromOther('deny', 'Deny')}`) + anp('late', 20, `  ingress:\n${fromOther('allow', 'Allow', port(8080))}`);
    const f = only(review(yaml).findings, 'admin-shadowed-rule');
    expect(f.id).toBe('admin-shadowed-rule:AdminNetworkPolicy/late:spec.ingress[0]');
    expect(f.severity).toBe('medium');
  });

  it('is low when the earlier rule has the same action (dead weight, same verdict)', () => {
    const yaml = anp('p', 10, `  ingress:\n${fromOther('deny-all', 'Deny')}${fromOther('deny-web', 'Deny', port(8080))}`);
    const f = only(review(yaml).findings, 'admin-shadowed-rule');
    expect(f.id).toBe('admin-shadowed-rule:AdminNetworkPolicy/p:spec.ingress[1]');
    expect(f.severity).toBe('low');
  });

  it('an admin Deny shadows a baseline rule for the same pods; near miss: an admin Pass does not', () => {
    const baseline = (from: string) => `apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata:
  name: default
spec:
  subject:
${shop}
  ingress:
${from}`;
    const yaml = anp('early', 10, `  ingress:\n${fromOther('deny', 'Deny')}`) + baseline(fromOther('allow', 'Allow', port(8080)));
    const f = only(review(yaml).findings, 'admin-shadowed-rule');
    expect(f.id).toBe('admin-shadowed-rule:BaselineAdminNetworkPolicy/default:spec.ingress[0]');
    expect(f.severity).toBe('medium');
    const passing = anp('early', 10, `  ingress:\n${fromOther('pass', 'Pass')}`) + baseline(fromOther('allow', 'Allow', port(8080)));
    expect(ofRule(review(passing).findings, 'admin-shadowed-rule')).toEqual([]);
  });

  // The shadow is looked for in evaluation order, not in the order the policies are written: "late"
  // (priority 20, written first) has an Allow-all before its Allow on 8080, but "early" (priority 10)
  // denies everything from other first, so the 8080 rule's Allow never takes effect (medium).
  it('names the rule that is evaluated first, not the first one written', () => {
    const yaml = anp('late', 20, `  ingress:\n${fromOther('allow-all', 'Allow')}${fromOther('allow-web', 'Allow', port(8080))}`)
      + anp('early', 10, `  ingress:\n${fromOther('deny-all', 'Deny')}`);
    const { design, findings } = review(yaml);
    expect(allowed(design, 'other/client', 'shop/web', 8080)).toBe(false);
    const f = findings.find((x) => x.id === 'admin-shadowed-rule:AdminNetworkPolicy/late:spec.ingress[1]');
    expect(f?.title).toContain('early');
    expect(f?.severity).toBe('medium');
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
    expect(f.id).toBe('admin-duplicate-priority:Admin:10');
    expect(f.severity).toBe('medium');
    expect(f.object).toMatchObject({ kind: 'AdminNetworkPolicy', name: 'a' });
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

  it('is low when they select no common pods', () => {
    const other = `    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: other`;
    const yaml = anp('a', 10, `  ingress:\n${fromOther('deny', 'Deny')}`) + anp('b', 10, `  ingress:\n${fromOther('allow', 'Allow', port(8080))}`, other);
    const f = only(review(yaml).findings, 'admin-duplicate-priority');
    expect(f.id).toBe('admin-duplicate-priority:Admin:10');
    expect(f.severity).toBe('low');
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
    expect(f.id).toBe('admin-pass-to-baseline:AdminNetworkPolicy/pass:spec.ingress[0]');
    expect(f.severity).toBe('medium');
    expect(f.path).toBe('spec.ingress[0]');
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

  it('near miss: the same rule with Deny instead of Pass', () => {
    const deny = anp('pass', 10, `  ingress:\n${fromOther('to-owners', 'Deny')}`);
    expect(ofRule(review(deny).findings, 'admin-pass-to-baseline')).toEqual([]);
  });
});

describe('admin-icmp-not-expressible', () => {
  it('reports ICMP in an admin policy', () => {
    const yaml = anp('ping', 10, `  ingress:\n${fromOther('ping', 'Allow', '    ports:\n    - portNumber:\n        protocol: ICMP\n        port: 1\n')}`);
    const f = only(review(yaml).findings, 'admin-icmp-not-expressible');
    expect(f.id).toBe('admin-icmp-not-expressible:AdminNetworkPolicy/ping');
    expect(f.severity).toBe('low');
    expect(f.path).toBe('spec.ingress[0].ports[0].portNumber.protocol');
  });

  it('near miss: TCP', () => {
    const yaml = anp('web', 10, `  ingress:\n${fromOther('web', 'Allow', port(80))}`);
    expect(ofRule(review(yaml).findings, 'admin-icmp-not-expressible')).toEqual([]);
  });

  it('near miss: the same policy as the trigger with protocol TCP', () => {
    const yaml = anp('ping', 10, `  ingress:\n${fromOther('ping', 'Allow', '    ports:\n    - portNumber:\n        protocol: TCP\n        port: 1\n')}`);
    expect(ofRule(review(yaml).findings, 'admin-icmp-not-expressible')).toEqual([]);
  });

  // Only the ports ask for a protocol: a label value starting with "icmp" (an ICMP exporter) is not ICMP.
  it('near miss: a TCP rule whose peer selects pods by a label value starting with "icmp"', () => {
    const yaml = anp('exporter', 10, `  ingress:
  - name: scrape
    action: Allow
    from:
    - pods:
        namespaceSelector: {}
        podSelector:
          matchLabels:
            app: icmp-exporter
${port(9116)}`);
    const { design, findings } = review(yaml);
    expect(design.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ofRule(findings, 'admin-icmp-not-expressible')).toEqual([]);
  });
});
