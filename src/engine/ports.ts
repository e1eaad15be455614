import type { ContainerPort, NetworkPolicyPort, Protocol } from '../model/types.ts';

export interface PortQuery {
  port: number;
  protocol: Protocol;
}

/**
 * Whether one `ports` item of a rule admits the query. A named port is resolved on the
 * destination pod's container ports (name, protocol and number must all agree), so the same
 * rule can admit a port on one pod and not on another; an outside address has no port names.
 */
export function rulePortMatches(
  rulePort: NetworkPolicyPort,
  query: PortQuery,
  destinationPorts: readonly ContainerPort[] | undefined,
): boolean {
  if (rulePort.protocol !== query.protocol) return false;
  if (rulePort.port === undefined) return true;
  if (typeof rulePort.port === 'number') {
    return query.port >= rulePort.port && query.port <= (rulePort.endPort ?? rulePort.port);
  }
  const name = rulePort.port;
  return (destinationPorts ?? []).some(
    (cp) => cp.name === name && cp.protocol === query.protocol && cp.containerPort === query.port,
  );
}

/** Index of the first `ports` item admitting the query, `'all'` when the rule has no ports, else -1. */
export function matchingPortIndex(
  ports: readonly NetworkPolicyPort[] | undefined,
  query: PortQuery,
  destinationPorts: readonly ContainerPort[] | undefined,
): number | 'all' {
  if (!ports || ports.length === 0) return 'all';
  return ports.findIndex((p) => rulePortMatches(p, query, destinationPorts));
}

/** Resolves a probe's port name on the destination's container ports. */
export function resolveNamedPort(
  name: string,
  protocol: Protocol,
  destinationPorts: readonly ContainerPort[] | undefined,
): number | undefined {
  return (destinationPorts ?? []).find((cp) => cp.name === name && cp.protocol === protocol)?.containerPort;
}

export function formatRulePort(p: NetworkPolicyPort): string {
  if (p.port === undefined) return `${p.protocol} (all ports)`;
  if (p.endPort !== undefined) return `${p.protocol} ${p.port}-${p.endPort}`;
  return `${p.protocol} ${p.port}`;
}
