// An outside end given as any address or CIDR. A single address is one probe. A CIDR stands for all
// of its addresses, and policies treat those alike except where an ipBlock (or an except) of the
// design starts or ends inside it: the verdict is constant between such boundaries. So the first
// address of the CIDR and of every piece the design's ipBlocks cut it into are enough to answer for
// the whole range (https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors).
import { parseCidr, parseIp, type ParsedCidr } from '../../model/net.ts';
import type { KubeObject } from '../../model/types.ts';
import ipaddr from 'ipaddr.js';

export type OutsideEnd = { kind: 'ip'; ip: string } | { kind: 'cidr'; cidr: string; family: 4 | 6 } | { kind: 'error'; message: string };

export function parseOutside(text: string): OutsideEnd {
  const t = text.trim();
  if (t === '') return { kind: 'error', message: 'Enter an address (203.0.113.7) or a CIDR (203.0.113.0/24).' };
  if (t.includes('/')) {
    const c = parseCidr(t);
    if ('error' in c) return { kind: 'error', message: c.error };
    if (c.leadingZeros) return { kind: 'error', message: `${t} has leading zeros, which some tools read as octal; write ${c.canonical}.` };
    const full = c.family === 4 ? 32 : 128;
    return c.prefix === full ? { kind: 'ip', ip: c.network.toString() } : { kind: 'cidr', cidr: c.canonical, family: c.family };
  }
  const ip = parseIp(t);
  if ('error' in ip) return { kind: 'error', message: ip.error };
  if (ip.leadingZeros) return { kind: 'error', message: `${t} has leading zeros, which some tools read as octal; write ${ip.canonical}.` };
  return { kind: 'ip', ip: ip.canonical };
}

const toBig = (bytes: number[]): bigint => bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
function fromBig(n: bigint, family: 4 | 6): string {
  const len = family === 4 ? 4 : 16;
  const bytes: number[] = [];
  for (let i = 0; i < len; i++) bytes.unshift(Number((n >> BigInt(8 * i)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}
function range(c: ParsedCidr): [bigint, bigint] {
  const bits = c.family === 4 ? 32 : 128;
  const start = toBig(c.network.toByteArray());
  return [start, start + (1n << BigInt(bits - c.prefix)) - 1n];
}

/** Every string of the objects' policies that reads as a CIDR (ipBlock cidr and except alike). */
function designCidrs(objects: readonly KubeObject[]): ParsedCidr[] {
  const out: ParsedCidr[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.includes('/')) {
        const c = parseCidr(v);
        if (!('error' in c)) out.push(c);
      }
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const o of objects) if (/Policy$/.test(o.kind)) walk(o['spec']);
  return out;
}

/**
 * The addresses that stand for every piece of `cidr` the design's ipBlocks tell apart, first
 * address first, at most `max` (then the range is answered for those pieces only, said by `partial`).
 */
export function representatives(cidr: string, objects: readonly KubeObject[], max = 64): { addresses: string[]; partial: boolean } {
  const c = parseCidr(cidr);
  if ('error' in c) return { addresses: [], partial: false };
  const [lo, hi] = range(c);
  const starts = new Set<bigint>([lo]);
  for (const other of designCidrs(objects)) {
    if (other.family !== c.family) continue;
    const [a, b] = range(other);
    if (a > lo && a <= hi) starts.add(a);
    if (b + 1n > lo && b + 1n <= hi) starts.add(b + 1n);
  }
  const sorted = [...starts].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return { addresses: sorted.slice(0, max).map((n) => fromBig(n, c.family)), partial: sorted.length > max };
}
