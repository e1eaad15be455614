import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrContains, ipInCidr, parseCidr, parseIp } from './net.ts';
import { isPortNumber, labelValueProblems, portNameProblems, qualifiedNameProblems } from './names.ts';
import { joinIndex, joinKey, parentPath } from './paths.ts';

const cidr = (text: string) => {
  const parsed = parseCidr(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
};

describe('parseCidr / parseIp', () => {
  it('masks host bits and says so', () => {
    expect(cidr('10.0.0.1/24')).toMatchObject({ canonical: '10.0.0.0/24', hostBitsSet: true, family: 4 });
    expect(cidr('10.0.0.0/24').hostBitsSet).toBe(false);
    expect(cidr('2001:DB8::1/32')).toMatchObject({ canonical: '2001:db8::/32', hostBitsSet: true, family: 6 });
    expect(cidr('0.0.0.0/0').canonical).toBe('0.0.0.0/0');
  });

  it('reads leading zeros as decimal, as the API server does (not as octal)', () => {
    expect(cidr('010.0.0.0/8')).toMatchObject({ canonical: '10.0.0.0/8', leadingZeros: true });
  });

  it('rejects what the API server rejects', () => {
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '10.0.0/8', '10.1/8', '0x0a.0.0.0/8', '256.0.0.0/8', 'fe80::1%eth0/64', '::/129', '10.0.0.0/-1', ' 10.0.0.0/8', 'x/8', '']) {
      expect(parseCidr(bad), bad).toHaveProperty('error');
    }
    expect(parseIp('1.2.3')).toHaveProperty('error');
    expect(parseIp('::ffff:10.0.0.1')).toMatchObject({ family: 6 });
  });

  it('containment', () => {
    expect(cidrContains(cidr('10.0.0.0/8'), cidr('10.1.0.0/16'))).toBe(true);
    expect(cidrContains(cidr('10.0.0.0/16'), cidr('10.1.0.0/16'))).toBe(false);
    expect(cidrContains(cidr('10.0.0.0/16'), cidr('10.0.0.0/8'))).toBe(false);
    expect(cidrContains(cidr('10.0.0.0/8'), cidr('fd00::/64'))).toBe(false);
    const ip = parseIp('10.0.5.5');
    if ('error' in ip) throw new Error(ip.error);
    expect(ipInCidr(ip, cidr('10.0.0.0/16'))).toBe(true);
    expect(ipInCidr(ip, cidr('10.1.0.0/16'))).toBe(false);
  });

  it('a masked CIDR contains every address it was written from (property)', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), (address, prefix) => {
        const c = cidr(`${address}/${prefix}`);
        const ip = parseIp(address);
        return !('error' in ip) && ipInCidr(ip, c) && cidrContains(c, cidr(`${address}/32`));
      }),
    );
    fc.assert(
      fc.property(fc.ipV6(), fc.integer({ min: 0, max: 128 }), (address, prefix) => {
        const c = cidr(`${address}/${prefix}`);
        const ip = parseIp(address);
        return !('error' in ip) && ipInCidr(ip, c) && cidr(c.canonical).canonical === c.canonical;
      }),
    );
  });
});

describe('names', () => {
  it('port names (IANA_SVC_NAME)', () => {
    for (const ok of ['http', 'h', 'dns-tcp', 'a1', '1a', 'abcdefghijklmno']) expect(portNameProblems(ok), ok).toEqual([]);
    for (const bad of ['', 'HTTP', '80', 'a--b', '-a', 'a-', 'abcdefghijklmnop', 'a_b']) expect(portNameProblems(bad), bad).not.toEqual([]);
  });

  it('label keys and values', () => {
    for (const ok of ['app', 'app.kubernetes.io/name', 'a_b.c-d', 'A1', 'x/y']) expect(qualifiedNameProblems(ok), ok).toEqual([]);
    for (const bad of ['', '/a', 'a/', 'a/b/c', '-a', 'a-', 'UP.com/x', `${'a'.repeat(64)}`, 'a b']) expect(qualifiedNameProblems(bad), bad).not.toEqual([]);
    for (const ok of ['', 'v1', 'a.b_c-d', 'x'.repeat(63)]) expect(labelValueProblems(ok), ok).toEqual([]);
    for (const bad of ['-a', 'a-', 'a/b', 'x'.repeat(64), 'a b']) expect(labelValueProblems(bad), bad).not.toEqual([]);
  });

  it('port numbers', () => {
    expect([0, 1, 65535, 65536, 1.5, '80'].map(isPortNumber)).toEqual([false, true, true, false, false, false]);
  });
});

describe('paths', () => {
  it('joins and splits API-style paths', () => {
    const p = joinKey(joinKey(joinIndex(joinKey('spec', 'ingress'), 0), 'matchLabels'), 'kubernetes.io/metadata.name');
    expect(p).toBe('spec.ingress[0].matchLabels["kubernetes.io/metadata.name"]');
    expect(parentPath(p)).toBe('spec.ingress[0].matchLabels');
    expect(parentPath('spec.ingress[0]')).toBe('spec.ingress');
    expect(parentPath('spec')).toBe('');
    expect(parentPath('a["x.y\\"]"]')).toBe('a');
    expect(joinKey('', 'a/b')).toBe('["a/b"]');
    expect(parentPath('["a/b"]')).toBe('');
  });
});
