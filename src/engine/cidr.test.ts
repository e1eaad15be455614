import { describe, expect, it } from 'vitest';
import { parseCidr } from './cidr.ts';

describe('parseCidr (remembered by text)', () => {
  it('parses IPv4, IPv6 and host bits, and refuses what is not a CIDR, the second time as the first', () => {
    for (let round = 0; round < 2; round++) {
      expect(parseCidr('10.1.2.3/8')).toEqual({ bytes: [10, 1, 2, 3], prefix: 8 });
      expect(parseCidr(' 192.168.0.0/16 ')).toEqual({ bytes: [192, 168, 0, 0], prefix: 16 });
      expect(parseCidr('fd00::/8')?.bytes.length).toBe(16);
      expect(parseCidr('10.0.0.0')).toBeUndefined();
      expect(parseCidr('300.0.0.0/8')).toBeUndefined();
    }
  });

  it('gives each caller its own copy', () => {
    const a = parseCidr('172.16.0.0/12')!;
    a.bytes[0] = 1;
    a.prefix = 1;
    expect(parseCidr('172.16.0.0/12')).toEqual({ bytes: [172, 16, 0, 0], prefix: 12 });
  });
});
