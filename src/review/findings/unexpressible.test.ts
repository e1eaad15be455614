import { describe, expect, it } from 'vitest';
import { ofRule, only, review } from './testkit.ts';

const np = (name: string, spec: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: shop
spec:
  podSelector: {}
${spec}`;

const egress = (rule: string) => np('out', `  policyTypes: [Egress]
  egress:
${rule}`);

describe('icmp-not-expressible', () => {
  it('reports a port with protocol ICMP (the API server rejects the policy), at the protocol', () => {
    const { findings } = review(egress(`  - ports:
    - protocol: ICMP
`));
    const f = only(findings, 'icmp-not-expressible');
    expect(f.id).toBe('icmp-not-expressible:shop/out');
    expect(f.severity).toBe('low');
    expect(f.path).toBe('spec.egress[0].ports[0].protocol');
    expect(f.risk).toContain('rejects');
  });

  it('near miss: the same port with protocol UDP', () => {
    const { findings } = review(egress(`  - ports:
    - protocol: UDP
`));
    expect(ofRule(findings, 'icmp-not-expressible')).toEqual([]);
  });

  it('reports a policy named for ping', () => {
    const { findings } = review(np('allow-ping', '  policyTypes: [Ingress]\n  ingress:\n  - {}\n'));
    const f = only(findings, 'icmp-not-expressible');
    expect(f.id).toBe('icmp-not-expressible:shop/allow-ping');
    expect(f.severity).toBe('low');
    expect(f.path).toBeUndefined();
  });

  it('near miss: the same policy under a name that only contains "ping" inside a word', () => {
    const { findings } = review(np('allow-shipping', '  policyTypes: [Ingress]\n  ingress:\n  - {}\n'));
    expect(ofRule(findings, 'icmp-not-expressible')).toEqual([]);
  });

  it('near miss: TCP ports and an ordinary name', () => {
    const { findings } = review(np('allow-web', `  policyTypes: [Ingress]
  ingress:
  - ports:
    - protocol: TCP
      port: 8080
`));
    expect(ofRule(findings, 'icmp-not-expressible')).toEqual([]);
  });
});

describe('no-ports-icmp-varies', () => {
  it('notes an ipBlock rule without ports', () => {
    const { findings } = review(egress(`  - to:
    - ipBlock:
        cidr: 192.0.2.0/24
`));
    const f = only(findings, 'no-ports-icmp-varies');
    expect(f.id).toBe('no-ports-icmp-varies:shop/out');
    expect(f.path).toBe('spec.egress[0]');
    expect(f.severity).toBe('info');
    expect(f.risk).toContain('ICMP');
  });

  it('near miss: the same rule with ports, or a pod peer without ports', () => {
    expect(ofRule(review(egress(`  - to:
    - ipBlock:
        cidr: 192.0.2.0/24
    ports:
    - port: 443
`)).findings, 'no-ports-icmp-varies')).toEqual([]);
    expect(ofRule(review(egress(`  - to:
    - podSelector: {}
`)).findings, 'no-ports-icmp-varies')).toEqual([]);
  });
});

describe('sctp-support and endport-support', () => {
  it('note SCTP ports and endPort ranges', () => {
    const { findings } = review(egress(`  - ports:
    - protocol: SCTP
      port: 9899
    - port: 8000
      endPort: 8100
`));
    const sctp = only(findings, 'sctp-support');
    expect(sctp.id).toBe('sctp-support:shop/out');
    expect(sctp.severity).toBe('info');
    expect(sctp.path).toBe('spec.egress[0].ports[0]');
    const range = only(findings, 'endport-support');
    expect(range.id).toBe('endport-support:shop/out');
    expect(range.severity).toBe('info');
    expect(range.path).toBe('spec.egress[0].ports[1].endPort');
  });

  it('near miss: the same ports with UDP instead of SCTP and no endPort', () => {
    const { findings } = review(egress(`  - ports:
    - protocol: UDP
      port: 9899
    - port: 8000
`));
    expect(ofRule(findings, 'sctp-support')).toEqual([]);
    expect(ofRule(findings, 'endport-support')).toEqual([]);
  });

  it('ignores rules of a direction policyTypes leaves out (Kubernetes ignores them)', () => {
    const { findings } = review(np('x', `  policyTypes: [Ingress]
  ingress:
  - {}
  egress:
  - ports:
    - protocol: SCTP
      port: 9899
`));
    expect(ofRule(findings, 'sctp-support')).toEqual([]);
  });
});

describe('named-port-ipblock', () => {
  it('reports a named port towards an ipBlock', () => {
    const { findings } = review(egress(`  - to:
    - ipBlock:
        cidr: 192.0.2.10/32
    ports:
    - port: https
`));
    const f = only(findings, 'named-port-ipblock');
    expect(f.id).toBe('named-port-ipblock:shop/out:spec.egress[0]');
    expect(f.severity).toBe('low');
    expect(f.path).toBe('spec.egress[0].to[0].ipBlock');
    expect(f.risk).toContain('never matches');
  });

  it('near miss: a numeric port to the same block', () => {
    const { findings } = review(egress(`  - to:
    - ipBlock:
        cidr: 192.0.2.10/32
    ports:
    - port: 443
`));
    expect(ofRule(findings, 'named-port-ipblock')).toEqual([]);
  });

  it('near miss: the same named port towards a pod peer', () => {
    const { findings } = review(egress(`  - to:
    - podSelector:
        matchLabels:
          app: web
    ports:
    - port: http
`));
    expect(ofRule(findings, 'named-port-ipblock')).toEqual([]);
  });

  it('near miss: the same named port from an ipBlock, for ingress (resolved on the policy\'s own pods)', () => {
    const { findings } = review(np('in', `  policyTypes: [Ingress]
  ingress:
  - from:
    - ipBlock:
        cidr: 192.0.2.10/32
    ports:
    - port: http
`));
    expect(ofRule(findings, 'named-port-ipblock')).toEqual([]);
  });
});
