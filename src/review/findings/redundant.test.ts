import { describe, expect, it } from 'vitest';
import { compile, computeMatrix } from '../../engine/index.ts';
import type { Design } from '../../model/index.ts';
import { fixAndReview, ofRule, only, review } from './testkit.ts';

const np = (name: string, spec: string, selector = '\n    matchLabels:\n      app: api') => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: shop
spec:
  podSelector: ${selector}
${spec}---
`;

const fromWeb = (ports: string) => `  policyTypes: [Ingress]
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: web
    ports:
${ports}`;

/** Every verdict of the design over all pairs of workloads and the probe ports: the fix must not change one. */
function matrixOf(d: Design): string {
  const ports = [53, 80, 443, 8080, 9090, 9100].flatMap((port) => [{ port, protocol: 'TCP' as const }, { port, protocol: 'UDP' as const }]);
  const m = computeMatrix(compile(d.cluster), {
    ports,
    endpoints: [...d.cluster.workloads.map((w) => ({ kind: 'workload' as const, id: w.id })), { kind: 'ip', ip: '8.8.8.8' }, { kind: 'ip', ip: '10.1.2.3' }],
  });
  return m.allowed.map((t) => t.join('')).join('|');
}

describe('redundant-policy', () => {
  it('reports the later of two equivalent policies, and removing it changes no verdict', () => {
    const yaml = np('first', fromWeb('    - port: 9090\n')) + np('second', fromWeb('    - port: 9090\n'));
    const { design, findings } = review(yaml);
    const f = only(findings, 'redundant-policy');
    expect(f.id).toBe('redundant-policy:shop/second');
    expect(f.severity).toBe('low');
    expect(f.object).toMatchObject({ kind: 'NetworkPolicy', name: 'second' });
    expect(f.fixes[0]!.changes).toEqual([{ op: 'remove', index: f.object!.manifest }]);
    const after = fixAndReview(design, f.fixes[0]!);
    expect(ofRule(after.findings, 'redundant-policy')).toEqual([]);
    expect(matrixOf(after.design)).toBe(matrixOf(design));
  });

  it('reports a policy a broader one covers (named port resolved on the selected pods)', () => {
    const yaml = np('broad', fromWeb('    - port: 9000\n      endPort: 9200\n')) + np('narrow', fromWeb('    - port: http\n'));
    expect(only(review(yaml).findings, 'redundant-policy').id).toBe('redundant-policy:shop/narrow');
  });

  it('near miss: the same two policies, the second from another peer', () => {
    const yaml = np('first', fromWeb('    - port: 9090\n')) + np('second', fromWeb('    - port: 9090\n').replace('app: web', 'app: api'));
    expect(ofRule(review(yaml).findings, 'redundant-policy')).toEqual([]);
  });

  it('near miss: a policy that adds one port', () => {
    const yaml = np('first', fromWeb('    - port: 9090\n')) + np('second', fromWeb('    - port: 9090\n    - port: 9100\n'));
    const { findings } = review(yaml);
    expect(ofRule(findings, 'redundant-policy').map((f) => f.id)).toEqual(['redundant-policy:shop/first']);
  });

  it('a deny-all repeated for the same pods is redundant; near miss: the second one isolates other pods', () => {
    const denyApi = (name: string) => np(name, '  policyTypes: [Ingress]\n');
    const f = only(review(denyApi('deny-a') + denyApi('deny-b')).findings, 'redundant-policy');
    expect(f.id).toBe('redundant-policy:shop/deny-b');
    expect(f.severity).toBe('low');
    const other = np('deny-b', '  policyTypes: [Ingress]\n', '\n    matchLabels:\n      app: web');
    expect(ofRule(review(denyApi('deny-a') + other).findings, 'redundant-policy')).toEqual([]);
  });

  it('near miss: a policy that is the only one isolating its pods', () => {
    expect(ofRule(review(np('only', fromWeb('    - port: 9090\n'))).findings, 'redundant-policy')).toEqual([]);
  });

  it('near miss: a namespace-wide default deny, even when other policies isolate every pod today', () => {
    const yaml = np('deny', '  policyTypes: [Ingress]\n', '{}')
      + np('api', fromWeb('    - port: 9090\n'))
      + np('web', '  policyTypes: [Ingress]\n', '\n    matchLabels:\n      app: web');
    expect(ofRule(review(yaml).findings, 'redundant-policy').map((f) => f.id)).toEqual(['redundant-policy:shop/web']);
  });

  it('checks outside addresses too: an ipBlock the other policy excepts keeps the policy', () => {
    const egress = (cidr: string, except = '') => `  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock:
        cidr: ${cidr}${except}
`;
    const covered = np('wide', egress('0.0.0.0/0')) + np('lan', egress('10.0.0.0/8'));
    expect(only(review(covered).findings, 'redundant-policy').id).toBe('redundant-policy:shop/lan');
    const excepted = np('wide', egress('0.0.0.0/0', '\n        except: [10.0.0.0/8]')) + np('lan', egress('10.1.0.0/16'));
    expect(ofRule(review(excepted).findings, 'redundant-policy')).toEqual([]);
  });
});

describe('shadowed-rule', () => {
  const twoRules = (second: string) => np('api', `  policyTypes: [Ingress]
  ingress:
  - ports:
    - port: 9090
  - from:
    - podSelector:
        matchLabels:
          app: web
    ports:
${second}`);

  it('reports a rule another rule of the same policy covers, and its removal changes no verdict', () => {
    const { design, findings } = review(twoRules('    - port: 9090\n'));
    const f = only(findings, 'shadowed-rule');
    expect(f.id).toBe('shadowed-rule:shop/api:spec.ingress[1]');
    expect(f.severity).toBe('low');
    expect(f.path).toBe('spec.ingress[1]');
    expect(f.title).toContain('spec.ingress[0]');
    const after = fixAndReview(design, f.fixes[0]!);
    expect(ofRule(after.findings, 'shadowed-rule')).toEqual([]);
    expect(matrixOf(after.design)).toBe(matrixOf(design));
  });

  it('near miss: the narrower peers get an extra port', () => {
    expect(ofRule(review(twoRules('    - port: 9090\n    - port: 9100\n')).findings, 'shadowed-rule')).toEqual([]);
  });

  it('reports only one of two identical rules', () => {
    const rule = `  - from:
    - podSelector: {}
    ports:
    - port: 9090
`;
    const { findings } = review(np('api', `  policyTypes: [Ingress]\n  ingress:\n${rule}${rule}`));
    expect(only(findings, 'shadowed-rule').path).toBe('spec.ingress[1]');
  });

  it('near miss: a rule that allows nothing (a dead selector) is not called shadowed', () => {
    const { findings } = review(np('api', `  policyTypes: [Ingress]
  ingress:
  - ports:
    - port: 9090
  - from:
    - podSelector:
        matchLabels:
          app: nobody
    ports:
    - port: 9090
`));
    expect(ofRule(findings, 'shadowed-rule')).toEqual([]);
    expect(ofRule(findings, 'pod-selector-matches-nothing')).toHaveLength(1);
  });
});
