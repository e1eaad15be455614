import { describe, expect, it } from 'vitest';
import { allowed, fixAndReview, ofRule, only, review } from './testkit.ts';

const np = (spec: string, selector = '{}') => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: p
  namespace: shop
spec:
  podSelector: ${selector}
${spec}`;

const egressTo = (peer: string) => np(`  policyTypes: [Egress]
  egress:
  - to:
${peer}
`);

describe('namespace-selector-matches-nothing', () => {
  const byNameLabel = egressTo(`    - namespaceSelector:
        matchLabels:
          name: kube-system`);

  it('reports a namespaceSelector on a label no namespace carries, at the selector', () => {
    const { findings } = review(byNameLabel);
    const f = only(findings, 'namespace-selector-matches-nothing');
    expect(f.id).toBe('namespace-selector-matches-nothing:shop/p:spec.egress[0].to[0].namespaceSelector');
    expect(f.severity).toBe('medium');
    expect(f.path).toBe('spec.egress[0].to[0].namespaceSelector');
    expect(f.risk).toContain('kubernetes.io/metadata.name');
  });

  it('offers the automatic name label; after it the peer reaches the namespace', () => {
    const { design, findings } = review(byNameLabel);
    const f = only(findings, 'namespace-selector-matches-nothing');
    expect(allowed(design, 'shop/web', 'kube-system/coredns', 53, 'UDP')).toBe(false);
    const after = fixAndReview(design, f.fixes[0]!);
    expect(ofRule(after.findings, 'namespace-selector-matches-nothing')).toEqual([]);
    expect(allowed(after.design, 'shop/web', 'kube-system/coredns', 53, 'UDP')).toBe(true);
  });

  it('near miss: the automatic name label of a namespace the design does not model (it exists in every real cluster it is in)', () => {
    expect(ofRule(review(egressTo(`    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: monitoring`)).findings, 'namespace-selector-matches-nothing')).toEqual([]);
    // A typo in another label still is one.
    expect(ofRule(review(egressTo(`    - namespaceSelector:
        matchLabels:
          team: monitoring`)).findings, 'namespace-selector-matches-nothing')).toHaveLength(1);
  });

  it('near miss: the automatic label, or a label the namespace really has', () => {
    expect(ofRule(review(egressTo(`    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system`)).findings, 'namespace-selector-matches-nothing')).toEqual([]);
    const labelled = `apiVersion: v1
kind: Namespace
metadata:
  name: extra
  labels:
    name: extra
---
${egressTo(`    - namespaceSelector:
        matchLabels:
          name: extra`)}`;
    expect(ofRule(review(labelled).findings, 'namespace-selector-matches-nothing')).toEqual([]);
  });

  // The same exemption as matchLabels: an In on the name label names a namespace the design does not model.
  it('near miss: the automatic name label as a matchExpressions In, for a namespace the design does not model', () => {
    const { findings } = review(egressTo(`    - namespaceSelector:
        matchExpressions:
        - key: kubernetes.io/metadata.name
          operator: In
          values: [monitoring]`));
    expect(ofRule(findings, 'namespace-selector-matches-nothing')).toEqual([]);
  });

  it('mentions that referenced-only namespaces carry just the automatic label', () => {
    const { findings } = review(`${egressTo(`    - namespaceSelector:
        matchLabels:
          team: x`)}---
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  namespace: ghost
`);
    expect(only(findings, 'namespace-selector-matches-nothing').risk).toContain('ghost');
  });
});

describe('pod-selector-matches-nothing', () => {
  it('reports a peer podSelector no pod of its namespace matches', () => {
    const { findings } = review(egressTo(`    - podSelector:
        matchLabels:
          app: apii`));
    const f = only(findings, 'pod-selector-matches-nothing');
    expect(f.id).toBe('pod-selector-matches-nothing:shop/p:spec.egress[0].to[0].podSelector');
    expect(f.severity).toBe('low');
    expect(f.path).toBe('spec.egress[0].to[0].podSelector');
  });

  it('near miss: a selector that matches, and one into a namespace the design models no pod of', () => {
    expect(ofRule(review(egressTo(`    - podSelector:
        matchLabels:
          app: api`)).findings, 'pod-selector-matches-nothing')).toEqual([]);
    const unmodelled = `apiVersion: v1
kind: Namespace
metadata:
  name: empty
---
${egressTo(`    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: empty
      podSelector:
        matchLabels:
          app: anything`)}`;
    expect(ofRule(review(unmodelled).findings, 'pod-selector-matches-nothing')).toEqual([]);
  });

  it('reports a policy whose own podSelector selects nothing', () => {
    const { findings } = review(np('  policyTypes: [Ingress]\n', '\n    matchLabels:\n      app: wbe'));
    const f = only(findings, 'pod-selector-matches-nothing');
    expect(f.id).toBe('pod-selector-matches-nothing:shop/p:spec.podSelector');
    expect(f.severity).toBe('low');
    expect(f.path).toBe('spec.podSelector');
    expect(ofRule(review(np('  policyTypes: [Ingress]\n', '\n    matchLabels:\n      app: web')).findings, 'pod-selector-matches-nothing')).toEqual([]);
  });
});

describe('named-port-unknown', () => {
  const ingressOn = (port: string, protocol = 'TCP') => np(`  policyTypes: [Ingress]
  ingress:
  - ports:
    - port: ${port}
      protocol: ${protocol}
`, '\n    matchLabels:\n      app: api');

  it('reports an ingress named port the selected pods do not have', () => {
    const { findings } = review(ingressOn('grpc'));
    const f = only(findings, 'named-port-unknown');
    expect(f.id).toBe('named-port-unknown:shop/p:spec.ingress[0].ports[0].port');
    expect(f.severity).toBe('medium');
    expect(f.path).toBe('spec.ingress[0].ports[0].port');
  });

  it('names the protocol mismatch when the name exists on another protocol', () => {
    const { findings } = review(ingressOn('http', 'UDP'));
    expect(only(findings, 'named-port-unknown').risk).toContain('exists on TCP');
  });

  it('near miss: a port name the selected pods declare', () => {
    expect(ofRule(review(ingressOn('metrics')).findings, 'named-port-unknown')).toEqual([]);
  });

  it('near miss: egress with a named port towards an ipBlock only (named-port-ipblock reports that)', () => {
    const { findings } = review(egressTo(`    - ipBlock:
        cidr: 192.0.2.10/32
    ports:
    - port: grpc`));
    expect(ofRule(findings, 'named-port-unknown')).toEqual([]);
    expect(ofRule(findings, 'named-port-ipblock')).toHaveLength(1);
  });

  it('egress: resolved on the peer pods', () => {
    const rule = (name: string) => egressTo(`    - podSelector:
        matchLabels:
          app: web
    ports:
    - port: ${name}`);
    expect(only(review(rule('metrics')).findings, 'named-port-unknown').path).toBe('spec.egress[0].ports[0].port');
    expect(ofRule(review(rule('http')).findings, 'named-port-unknown')).toEqual([]);
  });
});
