// Outside ends of an invariant are address ranges (a CIDR, the internet, ...), but the engine answers
// for one address at a time. Every address between two consecutive boundaries of the design's ipBlocks,
// admin `networks`, node and pod addresses is treated alike by every rule, so one address per such
// piece stands for the whole piece: checking those representatives checks every address of the range.
import ipaddr from 'ipaddr.js';
import { parseCidr, parseIp } from '../model/net.ts';
import type { ClusterModel } from '../model/types.ts';

export interface AddressRange {
  family: 4 | 6;
  lo: bigint;
  hi: bigint;
}

/** A range with holes: `cidr` minus `except`. */
export interface AddressSet {
  cidrs: string[];
  except: string[];
}

/** More pieces than this in one range are sampled (first ones kept): a design would need thousands of ipBlocks. */
export const MAX_PIECES = 4096;

function toBigint(bytes: readonly number[]): bigint {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return value;
}

function fromBigint(value: bigint, family: 4 | 6): string {
  const length = family === 4 ? 4 : 16;
  const bytes: number[] = [];
  for (let i = 0; i < length; i++) {
    bytes.unshift(Number(value & 0xffn));
    value >>= 8n;
  }
  return ipaddr.fromByteArray(bytes).toString();
}

export function cidrRange(text: string): AddressRange | undefined {
  const cidr = parseCidr(text);
  if ('error' in cidr) return undefined;
  const bits = cidr.family === 4 ? 32 : 128;
  const lo = toBigint(cidr.network.toByteArray());
  const size = 1n << BigInt(bits - cidr.prefix);
  return { family: cidr.family, lo, hi: lo + size - 1n };
}

function ipRange(text: string): AddressRange | undefined {
  const ip = parseIp(text);
  if ('error' in ip) return undefined;
  const value = toBigint(ip.address.toByteArray());
  return { family: ip.family, lo: value, hi: value };
}

/** Every address range the design's rules or objects name: where the engine's answer may change. */
export function designBoundaries(cluster: ClusterModel, extra: readonly string[] = []): AddressRange[] {
  const texts: string[] = [...extra];
  for (const policy of cluster.policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers ?? []) if (peer.ipBlock) texts.push(peer.ipBlock.cidr, ...peer.ipBlock.except);
    }
  }
  for (const policy of cluster.adminPolicies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers) if ('networks' in peer) texts.push(...peer.networks);
    }
  }
  const ranges = texts.map(cidrRange);
  for (const node of cluster.nodes) ranges.push(...node.addresses.map(ipRange));
  for (const workload of cluster.workloads) ranges.push(...workload.ips.map(ipRange));
  return ranges.filter((r): r is AddressRange => r !== undefined);
}

/**
 * One address per piece of `set` (its CIDRs without its excepts) cut at every boundary. The first
 * address of each piece, so the representatives are stable and readable (`10.0.0.0`, `10.0.0.5`).
 */
export function representatives(set: AddressSet, boundaries: readonly AddressRange[]): string[] {
  const out: string[] = [];
  const excepts = set.except.map(cidrRange).filter((r): r is AddressRange => r !== undefined);
  for (const text of set.cidrs) {
    const range = cidrRange(text);
    if (!range) continue;
    const cuts = new Set<bigint>([range.lo]);
    for (const b of [...boundaries, ...excepts]) {
      if (b.family !== range.family) continue;
      if (b.lo > range.lo && b.lo <= range.hi) cuts.add(b.lo);
      if (b.hi + 1n > range.lo && b.hi + 1n <= range.hi) cuts.add(b.hi + 1n);
    }
    const sorted = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const start of sorted) {
      if (excepts.some((e) => e.family === range.family && e.lo <= start && start <= e.hi)) continue;
      out.push(fromBigint(start, range.family));
      if (out.length >= MAX_PIECES) return out;
    }
  }
  return out;
}

/** True when the address lies in one of the sets (in a CIDR, not in its excepts). */
export function inAddressSet(address: string, set: AddressSet): boolean {
  const ip = ipRange(address);
  if (!ip) return false;
  const within = (text: string) => {
    const r = cidrRange(text);
    return r !== undefined && r.family === ip.family && r.lo <= ip.lo && ip.lo <= r.hi;
  };
  return set.cidrs.some(within) && !set.except.some(within);
}
