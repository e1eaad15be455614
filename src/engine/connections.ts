import { PROTOCOLS, type PolicyType, type Protocol } from '../model/types.ts';
import type { CompiledCluster } from './compile.ts';
import { containerPortsOf, resolveEndpoint, type ResolvedEndpoint } from './endpoints.ts';
import { matchingPeerIndex } from './evaluate.ts';
import type { Endpoint } from './types.ts';

/** Inclusive port range. */
export interface PortRange {
  from: number;
  to: number;
}

/** Everything allowed from one endpoint to another: per protocol, sorted disjoint port ranges. */
export interface ConnectionSet {
  all: boolean;
  byProtocol: Record<Protocol, PortRange[]>;
}

const FULL: PortRange[] = [{ from: 1, to: 65535 }];

function normalize(ranges: PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const out: PortRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else out.push({ ...r });
  }
  return out;
}

function intersect(a: PortRange[], b: PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  for (const x of a) {
    for (const y of b) {
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (from <= to) out.push({ from, to });
    }
  }
  return normalize(out);
}

const everyProtocol = (ranges: () => PortRange[]): Record<Protocol, PortRange[]> =>
  ({ TCP: ranges(), UDP: ranges(), SCTP: ranges() });

function directionPorts(
  c: CompiledCluster,
  direction: PolicyType,
  subject: ResolvedEndpoint,
  other: ResolvedEndpoint,
  destination: ResolvedEndpoint,
): Record<Protocol, PortRange[]> {
  if (subject.kind === 'ip') return everyProtocol(() => FULL);
  const isolating = (direction === 'Egress' ? c.egressPolicies : c.ingressPolicies)[subject.index]!;
  if (isolating.length === 0) return everyProtocol(() => FULL);
  const result = everyProtocol(() => []);
  const destinationPorts = containerPortsOf(destination) ?? [];
  for (const pi of isolating) {
    for (const rule of direction === 'Egress' ? c.policies[pi]!.egress : c.policies[pi]!.ingress) {
      if (matchingPeerIndex(rule, other) === -1) continue;
      const ports = rule.rule.ports ?? [];
      if (ports.length === 0) return everyProtocol(() => FULL);
      for (const p of ports) {
        if (p.port === undefined) result[p.protocol].push(...FULL);
        else if (typeof p.port === 'number') result[p.protocol].push({ from: p.port, to: p.endPort ?? p.port });
        else {
          for (const cp of destinationPorts) {
            if (cp.name === p.port && cp.protocol === p.protocol) result[p.protocol].push({ from: cp.containerPort, to: cp.containerPort });
          }
        }
      }
    }
  }
  return result;
}

/** What the policies let through from one endpoint to another, on every port and protocol. */
export function allowedConnections(c: CompiledCluster, from: Endpoint, to: Endpoint): ConnectionSet {
  const source = resolveEndpoint(c, from);
  const destination = resolveEndpoint(c, to);
  const egress = directionPorts(c, 'Egress', source, destination, destination);
  const ingress = directionPorts(c, 'Ingress', destination, source, destination);
  const byProtocol = everyProtocol(() => []);
  for (const proto of PROTOCOLS) byProtocol[proto] = intersect(normalize(egress[proto]), normalize(ingress[proto]));
  const all = PROTOCOLS.every((p) => byProtocol[p].length === 1 && byProtocol[p][0]!.from === 1 && byProtocol[p][0]!.to === 65535);
  return { all, byProtocol };
}

export function isEmptyConnectionSet(set: ConnectionSet): boolean {
  return PROTOCOLS.every((p) => set.byProtocol[p].length === 0);
}

/** `all`, `none`, or e.g. `TCP 80, 443, 8000-8080 · UDP 53`. */
export function formatConnections(set: ConnectionSet): string {
  if (set.all) return 'all';
  const parts = PROTOCOLS.filter((p) => set.byProtocol[p].length > 0).map((p) => {
    const ranges = set.byProtocol[p];
    if (ranges.length === 1 && ranges[0]!.from === 1 && ranges[0]!.to === 65535) return `${p} all`;
    return `${p} ${ranges.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(', ')}`;
  });
  return parts.length === 0 ? 'none' : parts.join(' · ');
}
