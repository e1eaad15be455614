// Strict IP / CIDR parsing with the API server's rules. ipaddr.js alone is too lenient for this:
// it reads `010.0.0.1` as octal and accepts `10.1`, hex and zone ids, which Kubernetes rejects.
import ipaddr from 'ipaddr.js';

export type IpFamily = 4 | 6;
type Address = ipaddr.IPv4 | ipaddr.IPv6;

export interface ParsedIp {
  family: IpFamily;
  address: Address;
  /** Normal form: no leading zeros, compressed IPv6. */
  canonical: string;
  /** IPv4 octets with leading zeros: the API server reads them as decimal, many tools as octal. */
  leadingZeros: boolean;
}

export interface ParsedCidr {
  family: IpFamily;
  /** The address with the host bits cleared. */
  network: Address;
  prefix: number;
  /** `network/prefix` in normal form. */
  canonical: string;
  /** E.g. `10.0.0.1/24`: accepted by the API server, which uses `10.0.0.0/24`. */
  hostBitsSet: boolean;
  leadingZeros: boolean;
}

export interface ParseError {
  error: string;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIp(text: string): ParsedIp | ParseError {
  const v4 = IPV4.exec(text);
  if (v4) {
    const octets = v4.slice(1, 5).map((part) => Number.parseInt(part, 10));
    if (octets.some((octet) => octet > 255)) return { error: `${text} is not a valid IPv4 address (octet above 255)` };
    const address = new ipaddr.IPv4(octets);
    const leadingZeros = v4.slice(1, 5).some((part) => part.length > 1 && part.startsWith('0'));
    return { family: 4, address, canonical: address.toString(), leadingZeros };
  }
  if (text.includes(':') && !text.includes('%') && ipaddr.IPv6.isValid(text)) {
    const address = ipaddr.IPv6.parse(text);
    return { family: 6, address, canonical: address.toString(), leadingZeros: false };
  }
  return { error: `${JSON.stringify(text)} is not a valid IP address` };
}

export function parseCidr(text: string): ParsedCidr | ParseError {
  const slash = text.indexOf('/');
  if (slash < 0) return { error: `${JSON.stringify(text)} is not a valid CIDR (expected address/prefix, e.g. 10.0.0.0/16)` };
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if ('error' in ip || !/^\d{1,3}$/.test(prefixText)) {
    return { error: `${JSON.stringify(text)} is not a valid CIDR (expected address/prefix, e.g. 10.0.0.0/16)` };
  }
  const prefix = Number.parseInt(prefixText, 10);
  const bits = ip.family === 4 ? 32 : 128;
  if (prefix > bits) return { error: `${text} is not a valid CIDR (prefix length must be 0..${bits})` };
  const bytes = ip.address.toByteArray();
  const masked = bytes.map((byte, i) => {
    const keep = Math.min(8, Math.max(0, prefix - i * 8));
    return byte & ((0xff << (8 - keep)) & 0xff);
  });
  const network = ipaddr.fromByteArray(masked);
  return {
    family: ip.family,
    network,
    prefix,
    canonical: `${network.toString()}/${prefix}`,
    hostBitsSet: masked.some((byte, i) => byte !== bytes[i]),
    leadingZeros: ip.leadingZeros,
  };
}

/** True when `inner` lies inside `outer` (equal counts as inside). */
export function cidrContains(outer: ParsedCidr, inner: ParsedCidr): boolean {
  if (outer.family !== inner.family || inner.prefix < outer.prefix) return false;
  return matchPrefix(inner.network, outer.network, outer.prefix);
}

export function ipInCidr(ip: ParsedIp, cidr: ParsedCidr): boolean {
  return ip.family === cidr.family && matchPrefix(ip.address, cidr.network, cidr.prefix);
}

function matchPrefix(address: Address, network: Address, prefix: number): boolean {
  const a = address.toByteArray();
  const b = network.toByteArray();
  for (let bit = 0; bit < prefix; bit += 8) {
    const take = Math.min(8, prefix - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    const i = bit / 8;
    if (((a[i] ?? 0) & mask) !== ((b[i] ?? 0) & mask)) return false;
  }
  return true;
}
