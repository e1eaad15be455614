import ipaddr from 'ipaddr.js';
import type { IPBlock } from '../model/types.ts';

/** An address or network as raw bytes: 4 for IPv4, 16 for IPv6. */
export interface ParsedNetwork {
  bytes: number[];
  prefix: number;
}

/** Parses an address; IPv4-mapped IPv6 becomes IPv4, as the kernel treats it. Undefined when invalid. */
export function parseIp(text: string): number[] | undefined {
  try {
    return ipaddr.process(text.trim()).toByteArray();
  } catch {
    return undefined;
  }
}

/**
 * CIDRs parsed before, by text: every compilation parses each policy's ipBlocks again (the review
 * compiles a design under several plugins, and again with witness pods), thousands of the same few
 * texts, and ipaddr.js tries IPv6 first. Bounded: cleared when full.
 */
const parsedCidrs = new Map<string, ParsedNetwork | null>();
const PARSED_CIDR_LIMIT = 10_000;

/** Parses a CIDR; host bits are allowed (the API server accepts them and the network masks them). */
export function parseCidr(text: string): ParsedNetwork | undefined {
  let hit = parsedCidrs.get(text);
  if (hit === undefined) {
    try {
      const [addr, prefix] = ipaddr.parseCIDR(text.trim());
      hit = { bytes: addr.toByteArray(), prefix };
    } catch {
      hit = null;
    }
    if (parsedCidrs.size >= PARSED_CIDR_LIMIT) parsedCidrs.clear();
    parsedCidrs.set(text, hit);
  }
  // A copy: callers own what they get.
  return hit === null ? undefined : { bytes: [...hit.bytes], prefix: hit.prefix };
}

export function networkContains(network: ParsedNetwork, ip: readonly number[]): boolean {
  if (network.bytes.length !== ip.length) return false;
  let bits = network.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((network.bytes[i] ?? 0) & mask) !== ((ip[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** An ipBlock ready for matching. */
export interface CompiledIpBlock {
  cidr: ParsedNetwork;
  except: ParsedNetwork[];
  source: IPBlock;
}

export function compileIpBlock(block: IPBlock): CompiledIpBlock | undefined {
  const cidr = parseCidr(block.cidr);
  if (!cidr) return undefined;
  const except = block.except.map(parseCidr).filter((n): n is ParsedNetwork => n !== undefined);
  return { cidr, except, source: block };
}

export function ipBlockContains(block: CompiledIpBlock, ip: readonly number[]): boolean {
  return networkContains(block.cidr, ip) && !block.except.some((n) => networkContains(n, ip));
}
