// Building and reading cluster-scoped policies of the network-policy-api for the design actions
// (admin rule switches and admin flows). One neutral description of a policy (tier, priority,
// subject, rules with Allow/Deny/Pass and NetworkPolicy-style ports) is written out in either wire
// format: AdminNetworkPolicy/BaselineAdminNetworkPolicy v1alpha1 ('anp', what CNIs ship today) or
// ClusterNetworkPolicy v1alpha2 ('cnp').
import ipaddr from 'ipaddr.js';
import { ADMIN_KINDS, isAdminKind } from '../model/admin.ts';
import { cidrContains, parseCidr, type ParsedCidr } from '../model/net.ts';
import type { AdminAction, AdminKind, AdminTier, KubeObject, LabelSelector, NetworkPolicyPort, Protocol } from '../model/types.ts';
import { dnsLabel, MAX_NAME } from './names.ts';
import { DesignError, isRecord, NAMESPACE_NAME_LABEL } from './objects.ts';
import { ANNOTATION_DESCRIPTION, type DesignSettings } from './types.ts';

/** Which API the generated objects use. */
export type AdminFlavor = 'anp' | 'cnp';
export const ADMIN_FLAVORS: readonly AdminFlavor[] = ['anp', 'cnp'];

/** The BaselineAdminNetworkPolicy is a singleton: the API server accepts only this name. */
export const BANP_NAME = 'default';

/** `networks` peers hold at most 25 CIDRs (both API versions). */
const MAX_NETWORKS_PER_PEER = 25;
/** Rule names are at most 100 characters. */
const MAX_RULE_NAME = 100;

export interface NamespacedPods {
  namespaceSelector: LabelSelector;
  podSelector: LabelSelector;
}

export type AdminSubjectSpec = { namespaces: LabelSelector } | { pods: NamespacedPods };
/** A peer as written in YAML (the same in both API versions). `networks` exists only in egress. */
export type AdminPeerSpec = { namespaces: LabelSelector } | { pods: NamespacedPods } | { networks: string[] };

export interface AdminRuleSpec {
  name: string;
  action: AdminAction;
  peers: AdminPeerSpec[];
  /** NetworkPolicy-style ports; empty or undefined: every port and protocol. */
  ports?: readonly NetworkPolicyPort[];
}

/** A cluster-scoped policy, independent of the wire format. */
export interface AdminPolicySpec {
  tier: AdminTier;
  name: string;
  /** Ignored for the BaselineAdminNetworkPolicy, which has none. */
  priority: number;
  subject: AdminSubjectSpec;
  ingress: AdminRuleSpec[];
  egress: AdminRuleSpec[];
  annotations: Record<string, string>;
  description: string;
}

type V1Port =
  | { portNumber: { protocol: Protocol; port: number } }
  | { portRange: { protocol: Protocol; start: number; end: number } }
  | { namedPort: string };
type V2Port = { number: number } | { range: { start: number; end: number } };
type V2Protocol =
  | { tcp: { destinationPort: V2Port } }
  | { udp: { destinationPort: V2Port } }
  | { sctp: { destinationPort: V2Port } }
  | { destinationNamedPort: string };

interface WireRule {
  name: string;
  action: string;
  from?: AdminPeerSpec[];
  to?: AdminPeerSpec[];
  ports?: V1Port[];
  protocols?: V2Protocol[];
}

export interface AdminPolicyObject extends KubeObject {
  kind: AdminKind;
  metadata: { name: string; annotations: Record<string, string> };
  spec: {
    tier?: AdminTier;
    priority?: number;
    subject: AdminSubjectSpec;
    ingress?: WireRule[];
    egress?: WireRule[];
  };
}

export function adminKindFor(flavor: AdminFlavor, tier: AdminTier): AdminKind {
  if (flavor === 'cnp') return 'ClusterNetworkPolicy';
  return tier === 'Admin' ? 'AdminNetworkPolicy' : 'BaselineAdminNetworkPolicy';
}

export const flavorOfKind = (kind: AdminKind): AdminFlavor => (kind === 'ClusterNetworkPolicy' ? 'cnp' : 'anp');

/** What each kind accepts, as its CRD says (BaselineAdminNetworkPolicy has no Pass). */
export function actionWord(kind: AdminKind, action: AdminAction): string {
  if (kind === 'BaselineAdminNetworkPolicy' && action === 'Pass') {
    throw new DesignError('BaselineAdminNetworkPolicy has no Pass action (only Allow and Deny); use the cnp flavor, whose Baseline tier has Pass');
  }
  return kind === 'ClusterNetworkPolicy' && action === 'Allow' ? 'Accept' : action;
}

/** The one range a NetworkPolicy port stands for; undefined for a named port. */
function numericRange(p: NetworkPolicyPort): { start: number; end: number } | undefined {
  if (typeof p.port === 'string') return undefined;
  // No port: every port of the protocol. Written as the full range, which both versions accept.
  if (p.port === undefined) return { start: 1, end: 65535 };
  return { start: p.port, end: p.endPort ?? p.port };
}

function v1Port(p: NetworkPolicyPort): V1Port {
  const range = numericRange(p);
  if (!range) return { namedPort: String(p.port) };
  // portRange needs start < end (CRD rule), so a one-port range is a portNumber.
  if (range.start === range.end) return { portNumber: { protocol: p.protocol, port: range.start } };
  return { portRange: { protocol: p.protocol, start: range.start, end: range.end } };
}

function v2Protocol(p: NetworkPolicyPort): V2Protocol {
  const range = numericRange(p);
  if (!range) return { destinationNamedPort: String(p.port) };
  const destinationPort: V2Port = range.start === range.end ? { number: range.start } : { range };
  switch (p.protocol) {
    case 'TCP':
      return { tcp: { destinationPort } };
    case 'UDP':
      return { udp: { destinationPort } };
    case 'SCTP':
      return { sctp: { destinationPort } };
  }
}

/** Named ports do not say a protocol in this API: the destination's container port decides it. */
export const hasNamedPort = (ports: readonly NetworkPolicyPort[] | undefined): boolean =>
  (ports ?? []).some((p) => typeof p.port === 'string');

function wireRule(kind: AdminKind, direction: 'ingress' | 'egress', rule: AdminRuleSpec): WireRule {
  const v2 = kind === 'ClusterNetworkPolicy';
  if (direction === 'ingress' && rule.peers.some((p) => 'networks' in p)) {
    throw new DesignError(`rule ${rule.name}: admin ingress rules cannot name networks; only egress rules can`);
  }
  if (hasNamedPort(rule.ports) && rule.peers.some((p) => 'networks' in p)) {
    throw new DesignError(`rule ${rule.name}: a named port cannot be used with networks peers (addresses outside the cluster have no named ports)`);
  }
  const ports = rule.ports ?? [];
  return {
    name: rule.name.slice(0, MAX_RULE_NAME),
    action: actionWord(kind, rule.action),
    [direction === 'ingress' ? 'from' : 'to']: rule.peers,
    ...(ports.length === 0 ? {} : v2 ? { protocols: ports.map(v2Protocol) } : { ports: ports.map(v1Port) }),
  };
}

/** The policy in the flavor's wire format, with the description annotation. */
export function adminPolicyObject(flavor: AdminFlavor, policy: AdminPolicySpec): AdminPolicyObject {
  const kind = adminKindFor(flavor, policy.tier);
  const banp = kind === 'BaselineAdminNetworkPolicy';
  if (!banp && (!Number.isInteger(policy.priority) || policy.priority < 0 || policy.priority > 1000)) {
    throw new DesignError(`priority ${policy.priority} is out of range: use an integer from 0 to 1000`);
  }
  const ingress = policy.ingress.map((r) => wireRule(kind, 'ingress', r));
  const egress = policy.egress.map((r) => wireRule(kind, 'egress', r));
  return {
    apiVersion: ADMIN_KINDS[kind],
    kind,
    metadata: { name: banp ? BANP_NAME : policy.name, annotations: { ...policy.annotations, [ANNOTATION_DESCRIPTION]: policy.description } },
    spec: {
      ...(kind === 'ClusterNetworkPolicy' ? { tier: policy.tier } : {}),
      ...(banp ? {} : { priority: policy.priority }),
      subject: policy.subject,
      ...(ingress.length > 0 ? { ingress } : {}),
      ...(egress.length > 0 ? { egress } : {}),
    },
  };
}

// ---- peers ------------------------------------------------------------------------------------

export const namespaceNamed = (namespace: string): LabelSelector => ({ matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } });

/** The cluster DNS pods of the settings, as a subject or peer. */
export function dnsPods(settings: DesignSettings): { pods: NamespacedPods } {
  return { pods: { namespaceSelector: namespaceNamed(settings.dns.namespace), podSelector: { matchLabels: { ...settings.dns.podLabels } } } };
}

/** `networks` peers for a list of CIDRs, split so no peer holds more than the API allows. */
export function networksPeers(cidrs: readonly string[]): AdminPeerSpec[] {
  const peers: AdminPeerSpec[] = [];
  for (let i = 0; i < cidrs.length; i += MAX_NETWORKS_PER_PEER) peers.push({ networks: cidrs.slice(i, i + MAX_NETWORKS_PER_PEER) });
  return peers;
}

function mustParse(cidr: string): ParsedCidr {
  const parsed = parseCidr(cidr);
  if ('error' in parsed) throw new DesignError(parsed.error);
  return parsed;
}

function halves(net: ParsedCidr): ParsedCidr[] {
  const bytes = net.network.toByteArray();
  const upper = [...bytes];
  const byte = Math.floor(net.prefix / 8);
  upper[byte] = (upper[byte] ?? 0) | (0x80 >> net.prefix % 8);
  return [bytes, upper].map((b) => mustParse(`${ipaddr.fromByteArray(b).toString()}/${net.prefix + 1}`));
}

function subtract(net: ParsedCidr, except: readonly ParsedCidr[]): ParsedCidr[] {
  if (except.some((e) => cidrContains(e, net))) return [];
  const inside = except.filter((e) => cidrContains(net, e));
  if (inside.length === 0) return [net];
  return halves(net).flatMap((half) => subtract(half, inside));
}

/**
 * `cidr` without the `except` ranges, as the shortest list of CIDRs. Admin `networks` peers have
 * no `except` (unlike NetworkPolicy's ipBlock), so "0.0.0.0/0 but the private ranges" must be
 * spelled out; a Pass rule for the exceptions would instead skip every later admin rule for them
 * (e.g. a metadata server deny), which is not what an exception means.
 */
export function subtractCidrs(cidr: string, except: readonly string[] = []): string[] {
  return subtract(mustParse(cidr), except.map(mustParse)).map((n) => n.canonical);
}

// ---- reading the manifest set -----------------------------------------------------------------

export const isAdminObject = (o: KubeObject): boolean => isAdminKind(o.kind);

export function adminTierOf(o: KubeObject): AdminTier | undefined {
  if (o.kind === 'AdminNetworkPolicy') return 'Admin';
  if (o.kind === 'BaselineAdminNetworkPolicy') return 'Baseline';
  if (o.kind !== 'ClusterNetworkPolicy') return undefined;
  const spec = isRecord(o['spec']) ? o['spec'] : {};
  return spec['tier'] === 'Baseline' ? 'Baseline' : 'Admin';
}

/** `spec.priority`; undefined for the BaselineAdminNetworkPolicy (no priority) and for non-admin objects. */
export function adminPriorityOf(o: KubeObject): number | undefined {
  if (!isAdminObject(o) || o.kind === 'BaselineAdminNetworkPolicy') return undefined;
  const spec = isRecord(o['spec']) ? o['spec'] : {};
  return typeof spec['priority'] === 'number' ? spec['priority'] : undefined;
}

/** The objects of a tier holding `priority` (the spec leaves the order of equal priorities undefined). */
export function priorityHolders(
  objects: readonly KubeObject[],
  tier: AdminTier,
  priority: number,
  ignore: (o: KubeObject) => boolean = () => false,
): KubeObject[] {
  return objects.filter((o) => !ignore(o) && adminTierOf(o) === tier && adminPriorityOf(o) === priority);
}

/** The lowest priority >= `from` that no policy of the tier uses. */
export function nextFreeAdminPriority(objects: readonly KubeObject[], tier: AdminTier, from = 0): number {
  for (let p = Math.max(0, from); p <= 1000; p++) if (priorityHolders(objects, tier, p).length === 0) return p;
  throw new DesignError(`every priority from ${from} to 1000 of the ${tier} tier is taken`);
}

/** `base` as a name no other object of `kind` uses (cluster-scoped names are unique per kind). */
export function uniqueAdminName(
  base: string,
  kind: AdminKind,
  objects: readonly KubeObject[],
  ignore: (o: KubeObject) => boolean = () => false,
): string {
  const taken = new Set(objects.filter((o) => o.kind === kind && !ignore(o)).map((o) => o.metadata.name));
  const first = dnsLabel(base);
  if (!taken.has(first)) return first;
  for (let i = 2; ; i++) {
    const suffix = `-${i}`;
    const candidate = `${dnsLabel(base, MAX_NAME - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export function describeAdminPorts(ports: readonly NetworkPolicyPort[]): string {
  if (ports.length === 0) return 'on all ports';
  const parts = ports.map((p) => {
    if (p.port === undefined) return `all ${p.protocol} ports`;
    if (typeof p.port === 'string') return `the port named ${p.port}`;
    return p.endPort !== undefined ? `${p.protocol} ${p.port}-${p.endPort}` : `${p.protocol} ${p.port}`;
  });
  return `on ${parts.join(', ')}`;
}
