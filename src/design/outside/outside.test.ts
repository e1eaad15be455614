import { describe, expect, it } from 'vitest';
import { networkPolicy } from '../objects.ts';
import { baseCluster, prober } from '../testkit.ts';
import { parseOutside, representatives } from './index.ts';

const egressTo = (cidr: string, except: string[] = []) =>
  networkPolicy('to-net', 'shop', {}, 'test', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr, ...(except.length ? { except } : {}) } }] }] });

describe('an outside end as any address or CIDR', () => {
  it('parses addresses and CIDRs with the API server rules', () => {
    expect(parseOutside('203.0.113.7')).toEqual({ kind: 'ip', ip: '203.0.113.7' });
    expect(parseOutside('203.0.113.9/24')).toEqual({ kind: 'cidr', cidr: '203.0.113.0/24', family: 4 });
    expect(parseOutside('10.0.0.1/32')).toEqual({ kind: 'ip', ip: '10.0.0.1' });
    expect(parseOutside('2001:db8::/32')).toEqual({ kind: 'cidr', cidr: '2001:db8::/32', family: 6 });
    for (const bad of ['', '010.0.0.1', '10.0.0.0/33', 'example.com', '10.1']) expect(parseOutside(bad).kind, bad).toBe('error');
  });
  it('a CIDR is cut where the design\'s ipBlocks and excepts start and end; each piece has one verdict', () => {
    const objects = [...baseCluster(), egressTo('10.0.0.0/16', ['10.0.5.0/24'])];
    const { addresses, partial } = representatives('10.0.0.0/8', objects);
    expect(partial).toBe(false);
    expect(addresses).toEqual(['10.0.0.0', '10.0.5.0', '10.0.6.0', '10.1.0.0']);
    // The verdicts of the pieces differ, and every address of a piece answers like its first.
    const allowed = prober(objects);
    expect(addresses.map((a) => allowed('shop/web', `ip:${a}`, 443))).toEqual([true, false, true, false]);
    expect(allowed('shop/web', 'ip:10.0.200.9', 443)).toBe(true);
    expect(allowed('shop/web', 'ip:10.0.5.77', 443)).toBe(false);
    expect(allowed('shop/web', 'ip:10.200.0.1', 443)).toBe(false);
    // A CIDR inside one piece is one address.
    expect(representatives('10.0.7.0/24', objects).addresses).toEqual(['10.0.7.0']);
    expect(representatives('2001:db8::/64', objects).addresses).toEqual(['2001:db8::']);
  });
});
