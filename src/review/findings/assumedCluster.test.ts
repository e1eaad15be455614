// Findings on an app-only design hold on the real cluster: the DNS pods are there (assumed), and a
// policy is only "redundant" when it is so for every pod its selectors could match.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../design/types.ts';
import { allowed, fixAndReview, ofRule, only, review } from './testkit.ts';
import { inCluster } from '../../cluster/assumed/index.ts';
import { ALLOW_DNS_YAML, appOnlyYaml } from '../../testing/fixtures.ts';

const APP = appOnlyYaml();
const DNS_POLICY = `---\n${ALLOW_DNS_YAML}`;
const S = DEFAULT_SETTINGS;

describe('app-only design in its cluster', () => {
  it('with the DNS policy: no DNS finding and nothing "redundant"', () => {
    const { findings } = review(APP + DNS_POLICY, S, { base: false });
    expect(ofRule(findings, 'egress-blocks-dns')).toEqual([]);
    expect(ofRule(findings, 'redundant-policy')).toEqual([]);
    // Nor findings about the assumed DNS pods themselves: they are the cluster's, not the design's.
    expect(findings.filter((f) => f.title.includes('kube-system'))).toEqual([]);
  });

  it('without it: the DNS finding, whose fix allows the DNS pods and does not loop', () => {
    const { design, findings } = review(APP, S, { base: false });
    const f = only(findings, 'egress-blocks-dns');
    expect(f.risk).toContain('as settings describe them');
    const after = fixAndReview(design, f.fixes[0]!, S);
    expect(ofRule(after.findings, 'egress-blocks-dns')).toEqual([]);
    expect(ofRule(after.findings, 'redundant-policy')).toEqual([]);
    expect(allowed(inCluster(after.design, S), 'shop/web', 'kube-system/coredns', 53, 'UDP')).toBe(true);
    expect(JSON.stringify(after.design.manifests.map((m) => m.object))).not.toContain('10.96.0.10');
  });
});

describe('redundancy holds for pods the design does not model', () => {
  const np = (name: string, from: string) => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress:
  - from:
${from}`;

  it('near miss: a peer into an unmodelled namespace is not redundant because it matches nothing here', () => {
    const yaml = APP + np('from-monitoring', '    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}\n')
      + np('from-shop', '    - podSelector: {}\n');
    const { findings } = review(yaml, S, { base: false });
    expect(ofRule(findings, 'redundant-policy')).toEqual([]);
  });

  it('near miss: labels the model happens to combine do not make a rule redundant', () => {
    // In the model every frontend pod is also app=web, but a real pod may be tier=frontend alone.
    const yaml = APP + np('from-frontend', '    - podSelector: {matchLabels: {tier: frontend}}\n')
      + np('from-web', '    - podSelector: {matchLabels: {app: web}}\n');
    expect(ofRule(review(yaml, S, { base: false }).findings, 'redundant-policy')).toEqual([]);
  });

  it('trigger: a peer covered for every pod it could match (all namespaces) is still redundant', () => {
    const yaml = APP + np('from-monitoring', '    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}\n')
      + np('from-anywhere', '    - namespaceSelector: {}\n');
    expect(only(review(yaml, S, { base: false }).findings, 'redundant-policy').id).toBe('redundant-policy:shop/from-monitoring');
  });
});

describe('selector-outside-design', () => {
  const fromNamespace = (ns: string) => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: from-${ns}, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ${ns}}}
      podSelector: {matchLabels: {app: prometheus}}
`;

  it('a peer naming a namespace the design does not model: info, with what to check, no "remove it"', () => {
    const f = only(review(APP + fromNamespace('monitoring'), S, { base: false }).findings, 'selector-outside-design');
    expect(f.severity).toBe('info');
    expect(f.title).toContain('matches nothing in this design');
    expect(f.risk).toContain("kubectl get pods -n monitoring -l 'app=prometheus'");
    expect(f.fixes).toEqual([]);
  });

  it('near miss: a namespace the cluster has (kube-system, assumed) or the design declares', () => {
    expect(ofRule(review(APP + fromNamespace('kube-system'), S, { base: false }).findings, 'selector-outside-design')).toEqual([]);
    expect(ofRule(review(APP + fromNamespace('shop'), S, { base: false }).findings, 'selector-outside-design')).toEqual([]);
  });
});
