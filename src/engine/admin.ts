// The admin and baseline tiers (network-policy-api): ordered, first-match rules with Allow, Deny
// and Pass, evaluated before (Admin) and after (Baseline) the namespaced NetworkPolicies.
import type { AdminPeer, AdminPolicy, AdminPort, AdminRule, ContainerPort, LabelSelector, Labels, NodeModel, PolicyType, Workload } from '../model/types.ts';
import { Bitset } from './bitset.ts';
import { networkContains, parseCidr, parseIp, type ParsedNetwork } from './cidr.ts';
import type { ResolvedEndpoint } from './endpoints.ts';
import type { PortQuery } from './ports.ts';
import { isEmptySelector, matchesSelector } from './selectors.ts';

export interface CompiledAdminRule {
  rule: AdminRule;
  index: number;
  policyIndex: number;
  /** Workloads matched by namespaces/pods peers, or by networks peers through their pod IPs. */
  peerWorkloads: Bitset;
  /** CIDRs of networks peers plus the addresses of nodes selected by nodes peers. */
  networks: ParsedNetwork[];
  /** Assumed nodes (labels unknown) a labelled nodes peer may or may not select: not matched, and said so (undecidedNodeRules). */
  undecidedNodes?: UndecidedNode[];
}

/** An assumed node's address that a nodes peer with labels cannot be decided for. */
export interface UndecidedNode {
  node: string;
  bytes: number[];
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

type AdminNode = Pick<NodeModel, 'name' | 'labels' | 'addresses' | 'assumed'>;

const nodeBytes = (n: AdminNode): number[][] => n.addresses.map(parseIp).filter((b): b is number[] => b !== undefined);

/**
 * A nodes peer selects Nodes by their labels, and an empty selector "selects all Nodes"
 * (network-policy-api, AdminNetworkPolicyEgressPeer.nodes:
 * https://network-policy-api.sigs.k8s.io/reference/spec/). An assumed node (src/cluster/assumed/nodes.ts)
 * exists but its labels are unknown: `{}` selects it; a selector with requirements might or might
 * not, and either guess would decide verdicts on labels nobody wrote. So it is not matched and the
 * verdict says it could not be decided (evaluate.ts adminNodeNotes); declaring the Node decides it.
 */
function peerNetworks(peer: AdminPeer, nodes: readonly AdminNode[], undecided: UndecidedNode[]): ParsedNetwork[] {
  if ('networks' in peer) return peer.networks.map(parseCidr).filter((n): n is ParsedNetwork => n !== undefined);
  if ('nodes' in peer) {
    const all = isEmptySelector(peer.nodes);
    const out: ParsedNetwork[] = [];
    for (const n of nodes) {
      if (n.assumed && !all) {
        for (const bytes of nodeBytes(n)) undecided.push({ node: n.name, bytes });
      } else if (matchesSelector(peer.nodes, n.labels)) {
        for (const bytes of nodeBytes(n)) out.push({ bytes, prefix: bytes.length * 8 });
      }
    }
    return out;
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
  nodes: readonly AdminNode[],
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
      const undecidedNodes: UndecidedNode[] = [];
      for (const peer of rule.peers) {
        if ('namespaces' in peer) peerWorkloads.orWith(selectPods(scope, peer.namespaces, {}));
        else if ('pods' in peer) peerWorkloads.orWith(selectPods(scope, peer.pods.namespaceSelector, peer.pods.podSelector));
        else networks.push(...peerNetworks(peer, nodes, undecidedNodes));
      }
      // Networks peers see pod-to-pod traffic too (the spec says 0.0.0.0/0 covers all pods).
      if (networks.length > 0) {
        scope.workloadIps.forEach((ips, i) => {
          if (ips.some((ip) => networks.some((net) => networkContains(net, ip)))) peerWorkloads.set(i);
        });
      }
      return { rule, index: ruleIndex, policyIndex: index, peerWorkloads, networks, ...(undecidedNodes.length > 0 ? { undecidedNodes } : {}) };
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

const NODES_PEER_SOURCE = 'network-policy-api, AdminNetworkPolicy nodes peer';
const NODES_PEER_URL = 'https://network-policy-api.sigs.k8s.io/reference/spec/';

const sameBytes = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The admin and baseline rules of the subject's tiers that select nodes by labels where the other
 * end is an assumed node's address (peerNetworks): the verdict took them not to match, and says so.
 */
export function undecidedNodeNotes(admin: CompiledAdmin, subject: number, direction: PolicyType, otherAddresses: readonly (readonly number[])[]): { text: string; source: string; url: string }[] {
  if (admin.policies.length === 0 || otherAddresses.length === 0) return [];
  const notes: { text: string; source: string; url: string }[] = [];
  for (const pi of [...admin.adminFor[subject]!, ...admin.baselineFor[subject]!]) {
    const policy = admin.policies[pi]!;
    for (const rule of rulesOf(policy, direction)) {
      const hit = rule.undecidedNodes?.find((u) => otherAddresses.some((bytes) => sameBytes(u.bytes, bytes)));
      if (!hit) continue;
      const name = rule.rule.name || `#${rule.index}`;
      notes.push({
        text: `${policy.policy.kind} ${policy.policy.name} rule "${name}" selects nodes by their labels, and node ${hit.node} is assumed from pod placement (no Node object), so its labels are unknown: the rule was taken not to select it, but on the cluster it may. Add the Node (kubectl get node ${hit.node} -o yaml) to decide it.`,
        source: NODES_PEER_SOURCE, url: NODES_PEER_URL,
      });
    }
  }
  return notes;
}
