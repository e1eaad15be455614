// The admin and baseline tiers (network-policy-api): ordered, first-match rules with Allow, Deny
// and Pass, evaluated before (Admin) and after (Baseline) the namespaced NetworkPolicies.
import type { AdminPeer, AdminPolicy, AdminPort, AdminRule, ContainerPort, LabelSelector, Labels, PolicyType, Workload } from '../model/types.ts';
import { Bitset } from './bitset.ts';
import { networkContains, parseCidr, parseIp, type ParsedNetwork } from './cidr.ts';
import type { ResolvedEndpoint } from './endpoints.ts';
import type { PortQuery } from './ports.ts';
import { matchesSelector } from './selectors.ts';

export interface CompiledAdminRule {
  rule: AdminRule;
  index: number;
  policyIndex: number;
  /** Workloads matched by namespaces/pods peers, or by networks peers through their pod IPs. */
  peerWorkloads: Bitset;
  /** CIDRs of networks peers plus the addresses of nodes selected by nodes peers. */
  networks: ParsedNetwork[];
}

export interface CompiledAdminPolicy {
  policy: AdminPolicy;
  index: number;
  subject: Bitset;
  ingress: CompiledAdminRule[];
  egress: CompiledAdminRule[];
}

export interface CompiledAdmin {
  policies: CompiledAdminPolicy[];
  /** Per workload: admin-tier and baseline-tier policies selecting it, in evaluation order. */
  adminFor: (readonly number[])[];
  baselineFor: (readonly number[])[];
}

interface Scope {
  workloads: readonly Workload[];
  workloadIps: readonly (readonly number[][])[];
  labelsOfNamespace: (name: string) => Labels;
}

function selectPods(scope: Scope, namespaceSelector: LabelSelector, podSelector: LabelSelector): Bitset {
  const set = new Bitset(scope.workloads.length);
  const nsMatch = new Map<string, boolean>();
  scope.workloads.forEach((w, i) => {
    let ok = nsMatch.get(w.namespace);
    if (ok === undefined) nsMatch.set(w.namespace, (ok = matchesSelector(namespaceSelector, scope.labelsOfNamespace(w.namespace))));
    if (ok && matchesSelector(podSelector, w.labels)) set.set(i);
  });
  return set;
}

function peerNetworks(peer: AdminPeer, nodes: readonly { labels: Labels; addresses: readonly string[] }[]): ParsedNetwork[] {
  if ('networks' in peer) return peer.networks.map(parseCidr).filter((n): n is ParsedNetwork => n !== undefined);
  if ('nodes' in peer) {
    return nodes
      .filter((n) => matchesSelector(peer.nodes, n.labels))
      .flatMap((n) => n.addresses.map(parseIp).filter((b): b is number[] => b !== undefined))
      .map((bytes) => ({ bytes, prefix: bytes.length * 8 }));
  }
  return [];
}

/** The order of a tier: lower priority first; equal priorities by name, so results are stable. */
function tierOrder(policies: readonly AdminPolicy[], tier: AdminPolicy['tier']): number[] {
  return policies
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.tier === tier)
    .sort((a, b) => a.p.priority - b.p.priority || a.p.name.localeCompare(b.p.name))
    .map(({ i }) => i);
}

export function compileAdmin(
  policies: readonly AdminPolicy[],
  nodes: readonly { labels: Labels; addresses: readonly string[] }[],
  scope: Scope,
): CompiledAdmin {
  const n = scope.workloads.length;
  const compiled = policies.map((policy, index): CompiledAdminPolicy => {
    const subject = 'namespaces' in policy.subject
      ? selectPods(scope, policy.subject.namespaces, {})
      : selectPods(scope, policy.subject.pods.namespaceSelector, policy.subject.pods.podSelector);
    const compileRule = (rule: AdminRule, ruleIndex: number): CompiledAdminRule => {
      const peerWorkloads = new Bitset(n);
      const networks: ParsedNetwork[] = [];
      for (const peer of rule.peers) {
        if ('namespaces' in peer) peerWorkloads.orWith(selectPods(scope, peer.namespaces, {}));
        else if ('pods' in peer) peerWorkloads.orWith(selectPods(scope, peer.pods.namespaceSelector, peer.pods.podSelector));
        else networks.push(...peerNetworks(peer, nodes));
      }
      // Networks peers see pod-to-pod traffic too (the spec says 0.0.0.0/0 covers all pods).
      if (networks.length > 0) {
        scope.workloadIps.forEach((ips, i) => {
          if (ips.some((ip) => networks.some((net) => networkContains(net, ip)))) peerWorkloads.set(i);
        });
      }
      return { rule, index: ruleIndex, policyIndex: index, peerWorkloads, networks };
    };
    return { policy, index, subject, ingress: policy.ingress.map(compileRule), egress: policy.egress.map(compileRule) };
  });
  // Without policies of a tier (most designs), every workload shares one empty list: a compile at
  // 20,000 pods made 44,000 empty lists here, twice per toggle.
  const none: readonly number[] = [];
  const forWorkloads = (order: number[]): (readonly number[])[] =>
    order.length === 0 ? new Array<readonly number[]>(n).fill(none) : scope.workloads.map((_, w) => order.filter((pi) => compiled[pi]!.subject.has(w)));
  return {
    policies: compiled,
    adminFor: forWorkloads(tierOrder(policies, 'Admin')),
    baselineFor: forWorkloads(tierOrder(policies, 'Baseline')),
  };
}

export function adminPortMatches(port: AdminPort, query: PortQuery, destinationPorts: readonly ContainerPort[] | undefined): boolean {
  if ('name' in port) {
    return (destinationPorts ?? []).some((cp) => cp.name === port.name && cp.protocol === query.protocol && cp.containerPort === query.port);
  }
  return port.protocol === query.protocol && query.port >= port.from && query.port <= port.to;
}

/** Whether a rule's peers include the other end of the connection (ports aside). */
export function adminPeerMatches(rule: CompiledAdminRule, other: ResolvedEndpoint): boolean {
  return other.kind === 'workload'
    ? rule.peerWorkloads.has(other.index)
    : rule.networks.some((net) => networkContains(net, other.bytes));
}

export function adminRuleMatches(
  rule: CompiledAdminRule,
  other: ResolvedEndpoint,
  query: PortQuery | undefined,
  destinationPorts: readonly ContainerPort[] | undefined,
): boolean {
  if (!adminPeerMatches(rule, other)) return false;
  if (!rule.rule.ports) return true;
  return query !== undefined && rule.rule.ports.some((p) => adminPortMatches(p, query, destinationPorts));
}

export const rulesOf = (p: CompiledAdminPolicy, direction: PolicyType) => (direction === 'Ingress' ? p.ingress : p.egress);
