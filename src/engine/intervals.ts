// Every port of every protocol, cut into the few ranges within which no policy can tell two ports
// apart. A rule matches a port by a numeric range, by "all ports", or by name (which resolves to a
// declared container port), so the cuts are the rules' range ends and the declared container ports.
// One representative port per range then answers for the whole range: the engine's bitset matrix
// gives exact connection sets over all 65,535 ports x 3 protocols with a few dozen matrix probes.
import { PROTOCOLS, type ClusterModel, type Protocol } from '../model/types.ts';

/** An inclusive port range of one protocol. */
export interface PortInterval {
  protocol: Protocol;
  from: number;
  to: number;
}

const MAX_PORT = 65535;

/** The elementary intervals of the given clusters (all of them cut by each one's boundaries), sorted by protocol then port. */
export function portIntervals(clusters: readonly ClusterModel[]): PortInterval[] {
  const starts: Record<Protocol, Set<number>> = { TCP: new Set([1]), UDP: new Set([1]), SCTP: new Set([1]) };
  const cut = (protocol: Protocol, from: number, to: number): void => {
    if (from >= 1 && from <= MAX_PORT) starts[protocol].add(from);
    if (to + 1 >= 1 && to + 1 <= MAX_PORT) starts[protocol].add(to + 1);
  };
  for (const cluster of clusters) {
    for (const w of cluster.workloads) for (const p of w.ports) cut(p.protocol, p.containerPort, p.containerPort);
    for (const policy of cluster.policies) {
      for (const rule of [...policy.ingress, ...policy.egress]) {
        for (const p of rule.ports ?? []) if (typeof p.port === 'number') cut(p.protocol, p.port, p.endPort ?? p.port);
      }
    }
    for (const policy of cluster.adminPolicies) {
      for (const rule of [...policy.ingress, ...policy.egress]) {
        for (const p of rule.ports ?? []) if (!('name' in p)) cut(p.protocol, p.from, p.to);
      }
    }
  }
  const intervals: PortInterval[] = [];
  for (const protocol of PROTOCOLS) {
    const sorted = [...starts[protocol]].sort((a, b) => a - b);
    sorted.forEach((from, i) => intervals.push({ protocol, from, to: (sorted[i + 1] ?? MAX_PORT + 1) - 1 }));
  }
  return intervals;
}
