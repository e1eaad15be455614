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

/** Parses a CIDR; host bits are allowed (the API server accepts them and the network masks them). */
export function parseCidr(text: string): ParsedNetwork | undefined {
  try {
    const [addr, prefix] = ipaddr.parseCIDR(text.trim());
    return { bytes: addr.toByteArray(), prefix };
  } catch {
    return undefined;
  }
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
