import { describe, expect, it } from 'vitest';
import { allowed, fixAndReview, ofRule, only, review } from './testkit.ts';

const ingress = (from: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-in
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes: [Ingress]
  ingress:
  - from:
${from}`;

// The stray dash: `- podSelector:` instead of `  podSelector:`.
const split = ingress(`    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: other
    - podSelector:
        matchLabels:
          app: client
`);

describe('split-peer', () => {
  it('reports a namespaceSelector-only peer next to a podSelector-only peer; the fix merges them', () => {
    const { design, findings } = review(split);
    const f = only(findings, 'split-peer');
    expect(f.id).toBe('split-peer:shop/api-in:spec.ingress[0].from[0]');
    expect(f.path).toBe('spec.ingress[0].from[1]');
    expect(f.risk).toContain('every pod of the namespaces');
    // As written, every pod of `other` gets in (and app=client of shop, if there were any).
    expect(allowed(design, 'other/client', 'shop/api', 9090)).toBe(true);
    const after = fixAndReview(design, f.fixes[0]!);
    expect(ofRule(after.findings, 'split-peer')).toEqual([]);
    const peers = (after.design.manifests.find((m) => m.object.metadata.name === 'api-in')!.object as unknown as { spec: { ingress: { from: unknown[] }[] } }).spec.ingress[0]!.from;
    expect(peers).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } }, podSelector: { matchLabels: { app: 'client' } } }]);
    expect(allowed(after.design, 'other/client', 'shop/api', 9090)).toBe(true);
  });

  it('near miss: one peer with both selectors, or `podSelector: {}` (the own namespace on purpose)', () => {
    const joined = ingress(`    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: other
      podSelector:
        matchLabels:
          app: client
`);
    expect(ofRule(review(joined).findings, 'split-peer')).toEqual([]);
    const ownNamespace = ingress(`    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: other
    - podSelector: {}
`);
    expect(ofRule(review(ownNamespace).findings, 'split-peer')).toEqual([]);
  });
});
