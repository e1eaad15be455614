// The port list people type for a flow, in the same shape the edges are labelled with:
// "TCP 80, 443, 8000-8080 · UDP 53", "http", "udp/53", "" (all ports). A protocol applies to the
// items after it until the next protocol; TCP when none is given.
import { PROTOCOLS, type NetworkPolicyPort, type Protocol } from './core.ts';

export type PortsParse = { ok: true; ports: NetworkPolicyPort[] } | { ok: false; error: string };

const PORT_NAME = /^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

function isProtocol(s: string): Protocol | undefined {
  const up = s.toUpperCase();
  return (PROTOCOLS as readonly string[]).includes(up) ? (up as Protocol) : undefined;
}

function checkPort(n: number, text: string): string | undefined {
  if (!Number.isInteger(n) || n < 1 || n > 65535) return `"${text}" is not a port: use 1-65535`;
  return undefined;
}

export function parsePorts(input: string): PortsParse {
  const tokens = input
    .replace(/[·;]/g, ',')
    .split(/[,\s]+/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  const ports: NetworkPolicyPort[] = [];
  let protocol: Protocol = 'TCP';
  let pendingProtocol = false;
  for (const raw of tokens) {
    let token = raw;
    const slash = token.indexOf('/');
    if (slash > 0) {
      const p = isProtocol(token.slice(0, slash));
      if (!p) return { ok: false, error: `"${raw}": unknown protocol (use TCP, UDP or SCTP)` };
      protocol = p;
      token = token.slice(slash + 1);
    } else {
      const p = isProtocol(token);
      if (p) {
        if (pendingProtocol) ports.push({ protocol });
        protocol = p;
        pendingProtocol = true;
        continue;
      }
    }
    pendingProtocol = false;
    if (token.toLowerCase() === 'all') {
      ports.push({ protocol });
      continue;
    }
    const range = /^(\d+)-(\d+)$/.exec(token);
    if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      const err = checkPort(a, token) ?? checkPort(b, token);
      if (err) return { ok: false, error: err };
      if (b < a) return { ok: false, error: `"${token}": the range ends before it starts` };
      ports.push(a === b ? { protocol, port: a } : { protocol, port: a, endPort: b });
    } else if (/^\d+$/.test(token)) {
      const a = Number(token);
      const err = checkPort(a, token);
      if (err) return { ok: false, error: err };
      ports.push({ protocol, port: a });
    } else if (PORT_NAME.test(token) && /[a-z]/.test(token)) {
      ports.push({ protocol, port: token });
    } else {
      return { ok: false, error: `"${raw}" is not a port number, range (8000-8080) or port name (lowercase, up to 15 characters)` };
    }
  }
  if (pendingProtocol) ports.push({ protocol });
  return { ok: true, ports };
}

export function formatPorts(ports: readonly NetworkPolicyPort[]): string {
  if (ports.length === 0) return 'all ports';
  const parts: string[] = [];
  for (const proto of PROTOCOLS) {
    const items = ports.filter((p) => p.protocol === proto);
    if (items.length === 0) continue;
    const values = items.map((p) => (p.port === undefined ? 'all' : p.endPort !== undefined ? `${p.port}-${p.endPort}` : String(p.port)));
    parts.push(values.includes('all') ? `${proto} all` : `${proto} ${values.join(', ')}`);
  }
  return parts.join(' · ');
}
