import { PROTOCOLS, type ContainerPort, type PolicyType, type Protocol } from '../model/types.ts';
import { adminPeerMatches, rulesOf, type CompiledAdminRule } from './admin.ts';
import type { CompiledCluster } from './compile.ts';
import { containerPortsOf, mayRunOn, resolveEndpoint, type ResolvedEndpoint } from './endpoints.ts';
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

/** Per protocol, sorted disjoint port ranges. */
type PortSet = Record<Protocol, PortRange[]>;

const MAX_PORT = 65535;
const FULL: readonly PortRange[] = [{ from: 1, to: MAX_PORT }];

function normalize(ranges: readonly PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const out: PortRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else out.push({ ...r });
  }
  return out;
}

function intersect(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
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

/** `a` without `b`; both sorted and disjoint. */
function subtract(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  for (const x of a) {
    let from = x.from;
    for (const y of b) {
      if (y.to < from || y.from > x.to) continue;
      if (y.from > from) out.push({ from, to: y.from - 1 });
      from = y.to + 1;
    }
    if (from <= x.to) out.push({ from, to: x.to });
  }
  return out;
}

const portSet = (ranges: () => PortRange[]): PortSet => ({ TCP: ranges(), UDP: ranges(), SCTP: ranges() });
const allPorts = (): PortSet => portSet(() => FULL.map((r) => ({ ...r })));
const noPorts = (): PortSet => portSet(() => []);
const combine = (a: PortSet, b: PortSet, op: (x: PortRange[], y: PortRange[]) => PortRange[]): PortSet =>
  ({ TCP: op(a.TCP, b.TCP), UDP: op(a.UDP, b.UDP), SCTP: op(a.SCTP, b.SCTP) });
const normalized = (set: PortSet): PortSet => ({ TCP: normalize(set.TCP), UDP: normalize(set.UDP), SCTP: normalize(set.SCTP) });
const union = (a: PortSet, b: PortSet) => combine(a, b, (x, y) => normalize([...x, ...y]));
const isEmpty = (set: PortSet) => PROTOCOLS.every((p) => set[p].length === 0);

/** What the NetworkPolicies isolating `subject` allow towards `other`; undefined when none isolates it. */
function networkPolicyPorts(
  c: CompiledCluster,
  direction: PolicyType,
  subject: Extract<ResolvedEndpoint, { kind: 'workload' }>,
  other: ResolvedEndpoint,
  destinationPorts: readonly ContainerPort[],
): PortSet | undefined {
  const isolating = (direction === 'Egress' ? c.egressPolicies : c.ingressPolicies)[subject.index]!;
  if (isolating.length === 0) return undefined;
  const result = noPorts();
  for (const pi of isolating) {
    for (const rule of direction === 'Egress' ? c.policies[pi]!.egress : c.policies[pi]!.ingress) {
      if (matchingPeerIndex(rule, other) === -1) continue;
      const ports = rule.rule.ports ?? [];
      if (ports.length === 0) return allPorts();
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
  return normalized(result);
}

function adminRulePorts(rule: CompiledAdminRule, destinationPorts: readonly ContainerPort[]): PortSet {
  if (!rule.rule.ports) return allPorts();
  const result = noPorts();
  for (const p of rule.rule.ports) {
    if ('name' in p) {
      for (const cp of destinationPorts) if (cp.name === p.name) result[cp.protocol].push({ from: cp.containerPort, to: cp.containerPort });
    } else result[p.protocol].push({ from: p.from, to: p.to });
  }
  return normalized(result);
}

/**
 * Walks one admin tier's rules in evaluation order over the ports still undecided: Allow adds
 * the ports it matches to `allowed`, Deny drops them, Pass hands them to the next tier. Returns
 * the ports the tier left to the tiers below (not matched, or passed).
 */
function walkTier(
  c: CompiledCluster,
  order: readonly number[],
  direction: PolicyType,
  other: ResolvedEndpoint,
  destinationPorts: readonly ContainerPort[],
  pending: PortSet,
  allowed: PortSet,
): { remaining: PortSet; allowed: PortSet } {
  if (order.length === 0) return { remaining: pending, allowed };
  let undecided = pending;
  let passed = noPorts();
  for (const pi of order) {
    for (const rule of rulesOf(c.admin.policies[pi]!, direction)) {
      if (isEmpty(undecided)) break;
      if (!adminPeerMatches(rule, other)) continue;
      const hit = combine(undecided, adminRulePorts(rule, destinationPorts), intersect);
      if (isEmpty(hit)) continue;
      if (rule.rule.action === 'Allow') allowed = union(allowed, hit);
      else if (rule.rule.action === 'Pass') passed = union(passed, hit);
      undecided = combine(undecided, hit, subtract);
    }
  }
  return { remaining: union(undecided, passed), allowed };
}

/** The ports one end lets through in one direction, by the tiers in order: admin, NetworkPolicy, baseline, default. */
function directionPorts(
  c: CompiledCluster,
  direction: PolicyType,
  subject: ResolvedEndpoint,
  other: ResolvedEndpoint,
  destination: ResolvedEndpoint,
): PortSet {
  if (subject.kind === 'ip') return allPorts();
  const destinationPorts = containerPortsOf(destination) ?? [];
  const adminOrder = c.admin.adminFor[subject.index] ?? [];
  const baselineOrder = c.admin.baselineFor[subject.index] ?? [];
  if (adminOrder.length === 0 && baselineOrder.length === 0) return networkPolicyPorts(c, direction, subject, other, destinationPorts) ?? allPorts();
  const admin = walkTier(c, adminOrder, direction, other, destinationPorts, allPorts(), noPorts());
  const networkPolicy = networkPolicyPorts(c, direction, subject, other, destinationPorts);
  if (networkPolicy) return union(admin.allowed, combine(admin.remaining, networkPolicy, intersect));
  const baseline = walkTier(c, baselineOrder, direction, other, destinationPorts, admin.remaining, admin.allowed);
  return union(baseline.allowed, baseline.remaining);
}

/** What the policies (all tiers) let through from one endpoint to another, on every port and protocol. */
export interface ConnectionOptions {
  /**
   * A single pod reaching itself is loopback, always allowed (default). False asks about a
   * workload's replicas reaching each other, which the policies govern even when it has one today.
   */
  loopback?: boolean;
}

export function allowedConnections(c: CompiledCluster, from: Endpoint, to: Endpoint, options: ConnectionOptions = {}): ConnectionSet {
  const source = resolveEndpoint(c, from);
  const destination = resolveEndpoint(c, to);
  // The exceptions no policy changes (see evaluate.ts): loopback, and a pod and its own node.
  if (options.loopback !== false && source.kind === 'workload' && destination.kind === 'workload' && source.index === destination.index && source.workload.replicas === 1) return { all: true, byProtocol: allPorts() };
  if (source.kind === 'ip' && source.node !== undefined && destination.kind === 'workload' && mayRunOn(c, destination.workload, source.node)) return { all: true, byProtocol: allPorts() };
  if (destination.kind === 'ip' && destination.node !== undefined && source.kind === 'workload' && c.profile.behaviour.ownNodeEgressAlwaysAllowed && mayRunOn(c, source.workload, destination.node)) return { all: true, byProtocol: allPorts() };
  const egress = directionPorts(c, 'Egress', source, destination, destination);
  const ingress = directionPorts(c, 'Ingress', destination, source, destination);
  const byProtocol = combine(egress, ingress, intersect);
  const all = PROTOCOLS.every((p) => byProtocol[p].length === 1 && byProtocol[p][0]!.from === 1 && byProtocol[p][0]!.to === MAX_PORT);
  return { all, byProtocol };
}

export function isEmptyConnectionSet(set: ConnectionSet): boolean {
  return isEmpty(set.byProtocol);
}

/** `all`, `none`, or e.g. `TCP 80, 443, 8000-8080 · UDP 53`. */
export function formatConnections(set: ConnectionSet): string {
  if (set.all) return 'all';
  const parts = PROTOCOLS.filter((p) => set.byProtocol[p].length > 0).map((p) => {
    const ranges = set.byProtocol[p];
    if (ranges.length === 1 && ranges[0]!.from === 1 && ranges[0]!.to === MAX_PORT) return `${p} all`;
    return `${p} ${ranges.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(', ')}`;
  });
  return parts.length === 0 ? 'none' : parts.join(' · ');
}
