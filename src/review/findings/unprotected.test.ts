import { describe, expect, it } from 'vitest';
import { allowed, fixAndReview, ofRule, only, review, SETTINGS } from './testkit.ts';

const denyAll = (ns: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
  namespace: ${ns}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`;

describe('namespace-unprotected', () => {
  it('reports each direction of a namespace no policy selects, with its YAML location', () => {
    const { findings } = review('');
    const ingress = findings.find((f) => f.id === 'namespace-unprotected:shop:ingress');
    const egress = findings.find((f) => f.id === 'namespace-unprotected:shop:egress');
    expect(ingress?.severity).toBe('high');
    expect(egress?.severity).toBe('medium');
    expect(ingress?.location).toMatchObject({ file: 't.yaml', line: 1 });
    expect(ingress?.object).toMatchObject({ kind: 'Namespace', name: 'shop' });
    expect(ingress?.risk).toContain('web');
  });

  it('rates system namespaces lower and offers no fix there', () => {
    const { findings } = review('');
    const ks = findings.find((f) => f.id === 'namespace-unprotected:kube-system:ingress')!;
    expect(ks.severity).toBe('medium');
    expect(ks.fixes).toEqual([]);
  });

  it('near miss: a namespace with a default deny in both directions', () => {
    const { findings } = review(denyAll('shop'));
    expect(findings.filter((f) => f.id.startsWith('namespace-unprotected:shop'))).toEqual([]);
    expect(findings.some((f) => f.id.startsWith('namespace-unprotected:other'))).toBe(true);
  });

  it('the ingress fix isolates the namespace: the finding goes away and the open connection is denied', () => {
    const { design, findings } = review('');
    const finding = findings.find((f) => f.id === 'namespace-unprotected:shop:ingress')!;
    expect(allowed(design, 'other/client', 'shop/web', 8080)).toBe(true);
    const after = fixAndReview(design, finding.fixes[0]!);
    expect(after.findings.some((f) => f.id === finding.id)).toBe(false);
    expect(allowed(after.design, 'other/client', 'shop/web', 8080)).toBe(false);
  });

  it('the egress fix keeps DNS working and closes everything else', () => {
    const { design, findings } = review('');
    const finding = findings.find((f) => f.id === 'namespace-unprotected:shop:egress')!;
    expect(finding.fixes[0]!.title).toContain('allow DNS');
    const after = fixAndReview(design, finding.fixes[0]!);
    expect(after.findings.some((f) => f.id === finding.id)).toBe(false);
    expect(after.findings.some((f) => f.rule === 'egress-blocks-dns')).toBe(false);
    expect(allowed(after.design, 'shop/web', 'kube-system/coredns', 53, 'UDP')).toBe(true);
    expect(allowed(after.design, 'shop/web', 'ip:8.8.8.8', 443)).toBe(false);
  });

  it('mentions cluster-scoped policies that decide part of the traffic', () => {
    const { findings } = review(`apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: deny-from-other
spec:
  priority: 10
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: shop
  ingress:
  - name: no-other
    action: Deny
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: other
`);
    expect(findings.find((f) => f.id === 'namespace-unprotected:shop:ingress')!.risk).toContain('deny-from-other');
  });

  it('near miss: a declared namespace with nothing running in it (nothing is open yet)', () => {
    const { findings } = review(`apiVersion: v1
kind: Namespace
metadata:
  name: empty
`);
    expect(findings.filter((f) => f.id.startsWith('namespace-unprotected:empty'))).toEqual([]);
    // The same design still reports the namespaces that do run pods.
    expect(findings.some((f) => f.id === 'namespace-unprotected:shop:ingress')).toBe(true);
  });

  it('near miss: a baseline catch-all egress Deny (every namespace, every network) already closes the pods', () => {
    const { design, findings } = review(`apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata:
  name: default
spec:
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: shop
  egress:
  - name: deny-all
    action: Deny
    to:
    - namespaces: {}
    - networks: [0.0.0.0/0, ::/0]
`);
    expect(allowed(design, 'shop/web', 'ip:8.8.8.8', 443)).toBe(false);
    expect(allowed(design, 'shop/web', 'other/client', 8080)).toBe(false);
    expect(findings.some((f) => f.id === 'namespace-unprotected:shop:egress')).toBe(false);
    expect(findings.some((f) => f.id === 'namespace-unprotected:shop:ingress')).toBe(true);
  });

  // Admin and baseline ingress peers are only namespaces and pods (no networks for ingress), so a
  // baseline "Deny from namespaces: {}" never matches a client outside the cluster.
  it('a baseline ingress Deny from every namespace still leaves the pods open to outside addresses', () => {
    const { design, findings } = review(`apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata:
  name: default
spec:
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: shop
  ingress:
  - name: deny-all
    action: Deny
    from:
    - namespaces: {}
`);
    expect(allowed(design, 'other/client', 'shop/web', 8080)).toBe(false);
    expect(allowed(design, 'ip:203.0.113.5', 'shop/web', 8080)).toBe(true);
    const f = findings.find((x) => x.id === 'namespace-unprotected:shop:ingress');
    expect(f?.severity).toBe('high');
  });

  // A matching Pass ends the whole admin tier (the NetworkPolicies come next, then the baseline), so
  // a lower-priority catch-all Deny never gets to decide.
  it('a catch-all Pass before a catch-all Deny closes nothing: the namespace is still reported', () => {
    const anp = (name: string, priority: number, action: string) => `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: ${name}
spec:
  priority: ${priority}
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: shop
  egress:
  - name: all
    action: ${action}
    to:
    - namespaces: {}
    - networks: [0.0.0.0/0]
---
`;
    const passThenDeny = review(anp('pass-all', 10, 'Pass') + anp('deny-all', 20, 'Deny'));
    expect(allowed(passThenDeny.design, 'shop/web', 'other/client', 8080)).toBe(true);
    expect(passThenDeny.findings.find((x) => x.id === 'namespace-unprotected:shop:egress')?.severity).toBe('medium');
    // Near miss: the Deny alone closes every egress connection, so there is nothing to report.
    const denyOnly = review(anp('deny-all', 20, 'Deny'));
    expect(allowed(denyOnly.design, 'shop/web', 'other/client', 8080)).toBe(false);
    expect(denyOnly.findings.some((x) => x.id === 'namespace-unprotected:shop:egress')).toBe(false);
  });
});

describe('namespace-unprotected on a dual-stack cluster', () => {
  const denyEgress = (networks: string) => `apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata:
  name: default
spec:
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: shop
  egress:
  - name: deny-all
    action: Deny
    to:
    - namespaces: {}
    - networks: [${networks}]
`;
  const dualStack = { ...SETTINGS, podCidrs: ['10.244.0.0/16', 'fd00:10:244::/56'] };

  it('a baseline egress Deny to 0.0.0.0/0 alone leaves IPv6 destinations open', () => {
    const { findings } = review(denyEgress('0.0.0.0/0'), dualStack);
    expect(findings.find((f) => f.id === 'namespace-unprotected:shop:egress')?.severity).toBe('medium');
  });

  it('near miss: with ::/0 as well, or on an IPv4-only cluster, egress is closed', () => {
    expect(review(denyEgress('0.0.0.0/0, "::/0"'), dualStack).findings.some((f) => f.id === 'namespace-unprotected:shop:egress')).toBe(false);
    expect(review(denyEgress('0.0.0.0/0')).findings.some((f) => f.id === 'namespace-unprotected:shop:egress')).toBe(false);
  });
});

describe('workload-unprotected', () => {
  const webOnly = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-only
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes: [Ingress]
`;

  it('reports the workload a partial policy set leaves open', () => {
    const { findings } = review(webOnly);
    const f = only(findings, 'workload-unprotected');
    expect(f.id).toBe('workload-unprotected:shop/api:ingress');
    expect(f.severity).toBe('high');
    expect(f.object).toMatchObject({ kind: 'Pod', name: 'api' });
    // The namespace as a whole is partly isolated: no namespace-level finding for that direction.
    expect(findings.some((x) => x.id === 'namespace-unprotected:shop:ingress')).toBe(false);
  });

  it('reports egress too, rated medium', () => {
    const { findings } = review(webOnly.replace('[Ingress]', '[Egress]'));
    const f = only(findings, 'workload-unprotected');
    expect(f.id).toBe('workload-unprotected:shop/api:egress');
    expect(f.severity).toBe('medium');
  });

  it('near miss: every workload of the namespace is selected', () => {
    const { findings } = review(webOnly.replace(/podSelector:\n {4}matchLabels:\n {6}app: web/, 'podSelector: {}'));
    expect(ofRule(findings, 'workload-unprotected')).toEqual([]);
  });

  it('near miss: a second policy selects the open workload', () => {
    const { findings } = review(`${webOnly}---\n${webOnly.replace('name: web-only', 'name: api-only').replace('app: web', 'app: api')}`);
    expect(ofRule(findings, 'workload-unprotected')).toEqual([]);
  });

  it('its fix isolates only the open workload; the others keep their behaviour', () => {
    const { design, findings } = review(webOnly);
    const f = only(findings, 'workload-unprotected');
    expect(allowed(design, 'other/client', 'shop/api', 9090)).toBe(true);
    const after = fixAndReview(design, f.fixes[0]!);
    expect(ofRule(after.findings, 'workload-unprotected')).toEqual([]);
    expect(allowed(after.design, 'other/client', 'shop/api', 9090)).toBe(false);
  });
});
