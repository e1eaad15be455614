import { describe, expect, it } from 'vitest';
import { cidrContains, parseCidr, type ParsedCidr } from '../../model/index.ts';
import type { ObjectChange } from '../types.ts';
import { exposure } from './wideCidr.ts';
import { allowed, fixAndReview, ofRule, only, review } from './testkit.ts';

const egressTo = (block: string, ports = '') => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: out
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock:
${block}
${ports}`;

const cidr = (text: string): ParsedCidr => {
  const c = parseCidr(text);
  if ('error' in c) throw new Error(c.error);
  return c;
};

/** The except list a fix writes into the policy. */
function exceptsOf(changes: readonly ObjectChange[]): string[] {
  const change = changes.find((c) => c.op === 'replace');
  if (!change || change.op !== 'replace') throw new Error('no replace');
  const spec = change.object['spec'] as { egress: { to: { ipBlock: { cidr: string; except?: string[] } }[] }[] };
  return spec.egress[0]!.to[0]!.ipBlock.except ?? [];
}

describe('egress-wide-cidr', () => {
  it('reports 0.0.0.0/0 without except as high (metadata server reachable on port 80)', () => {
    const { findings } = review(egressTo('        cidr: 0.0.0.0/0'));
    const f = only(findings, 'egress-wide-cidr');
    expect(f.id).toBe('egress-wide-cidr:shop/out:egress[0].to[0]');
    expect(f.severity).toBe('high');
    expect(f.object).toMatchObject({ kind: 'NetworkPolicy', name: 'out' });
    expect(f.path).toBe('spec.egress[0].to[0].ipBlock');
    expect(f.risk).toContain('169.254.169.254');
    expect(f.risk).toContain('10.0.0.0/8');
  });

  it('the fix carves out exactly the metadata server and the private ranges', () => {
    const { design, findings } = review(egressTo('        cidr: 0.0.0.0/0'));
    const f = only(findings, 'egress-wide-cidr');
    expect(exceptsOf(f.fixes[0]!.changes).sort()).toEqual(['10.0.0.0/8', '169.254.169.254/32', '172.16.0.0/12', '192.168.0.0/16']);
    expect(allowed(design, 'shop/web', 'ip:169.254.169.254', 80)).toBe(true);
    const after = fixAndReview(design, f.fixes[0]!);
    expect(ofRule(after.findings, 'egress-wide-cidr')).toEqual([]);
    expect(allowed(after.design, 'shop/web', 'ip:169.254.169.254', 80)).toBe(false);
    expect(allowed(after.design, 'shop/web', 'ip:10.1.2.3', 80)).toBe(false);
    expect(allowed(after.design, 'shop/web', 'ip:8.8.8.8', 443)).toBe(true);
  });

  it('is medium when the rule ports exclude the metadata server\'s port 80', () => {
    const { findings } = review(egressTo('        cidr: 0.0.0.0/0', '    ports:\n    - port: 443\n'));
    expect(only(findings, 'egress-wide-cidr').severity).toBe('medium');
  });

  it('keeps except entries inside the cidr: 169.254.0.0/16 gets only the metadata host', () => {
    const { design, findings } = review(egressTo('        cidr: 169.254.0.0/16'));
    const f = only(findings, 'egress-wide-cidr');
    const excepts = exceptsOf(f.fixes[0]!.changes);
    expect(excepts).toEqual(['169.254.169.254/32']);
    for (const e of excepts) expect(cidrContains(cidr('169.254.0.0/16'), cidr(e))).toBe(true);
    const after = fixAndReview(design, f.fixes[0]!);
    expect(after.design.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('covers IPv6 ::/0 (AWS metadata fd00:ec2::254, unique local fc00::/7)', () => {
    const { design, findings } = review(egressTo('        cidr: ::/0'));
    const f = only(findings, 'egress-wide-cidr');
    expect(f.risk).toContain('fd00:ec2::254');
    const after = fixAndReview(design, f.fixes[0]!);
    expect(ofRule(after.findings, 'egress-wide-cidr')).toEqual([]);
  });

  it('near miss: the same 0.0.0.0/0 block as ingress (the pods do not connect out to it)', () => {
    const yaml = egressTo('        cidr: 0.0.0.0/0').replace('[Egress]', '[Ingress]').replace('  egress:\n  - to:', '  ingress:\n  - from:');
    expect(yaml).toContain('  - from:');
    expect(ofRule(review(yaml).findings, 'egress-wide-cidr')).toEqual([]);
  });

  it('near miss: the same egress rule when policyTypes [Ingress] makes Kubernetes ignore it', () => {
    const { findings } = review(egressTo('        cidr: 0.0.0.0/0').replace('[Egress]', '[Ingress]'));
    expect(ofRule(findings, 'egress-wide-cidr')).toEqual([]);
    expect(only(findings, 'policy-types-rules-ignored').id).toBe('policy-types-rules-ignored:shop/out:egress');
  });

  it('near misses: the internet block with its excepts, explicit private or metadata blocks', () => {
    const near = [
      '        cidr: 0.0.0.0/0\n        except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.169.254/32]',
      '        cidr: 10.0.0.0/8',
      '        cidr: 169.254.169.254/32',
      '        cidr: 203.0.113.0/24',
    ];
    for (const block of near) expect(ofRule(review(egressTo(block)).findings, 'egress-wide-cidr')).toEqual([]);
  });

  it('exposure() flags ranges only when the block is wider than them', () => {
    expect(exposure('0.0.0.0/0', ['10.0.0.0/8'])).toEqual({ metadata: '169.254.169.254/32', private: ['172.16.0.0/12', '192.168.0.0/16'] });
    expect(exposure('10.0.0.0/7', [])).toEqual({ private: ['10.0.0.0/8'] });
    expect(exposure('0.0.0.0/0', ['169.254.0.0/16', ...['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']])).toEqual({ private: [] });
  });
});
