// Checks invariants with the engine: which connections exist comes from `allowedConnections` (every
// tier, every port), why from `evaluate` on one concrete probe of each violating path. No policy
// semantics live here: only which ends to ask about, and set arithmetic on the answers.
import { inCluster } from '../cluster/assumed/index.ts';
import { apiServerTarget, EXTERNAL_NODES, hostCidr, METADATA_CIDR, PRIVATE_CIDRS } from '../design/external.ts';
import type { DesignSettings } from '../design/types.ts';
import {
  addressOwnerOf, allowedConnections, compile, evaluate, formatConnections, rulePath,
  type CompiledCluster, type ConnectionSet, type DirectionVerdict, type Endpoint, type PortRange, type Verdict,
} from '../engine/index.ts';
import { parseIp } from '../model/net.ts';
import { selectorMatches } from '../model/selector.ts';
import { PROTOCOLS, type ClusterModel, type Design, type ObjectRef, type PolicyType, type Protocol, type Workload } from '../model/types.ts';
import { designBoundaries, inAddressSet, representatives, type AddressRange, type AddressSet } from './addresses.ts';
import type { EndpointSelector, Invariant, InvariantPort, InvariantResult, OutsideId, Violation } from './types.ts';

/** Violations listed per invariant; the count is always exact. */
export const MAX_VIOLATIONS_PER_INVARIANT = 50;

/**
 * A documentation address (RFC 5737 TEST-NET-1) no policy is expected to name: traffic from or to it
 * is "traffic no rule names", so its verdict tells whether a direction has a default deny.
 */
const UNNAMED_ADDRESS = '192.0.2.1';

interface Context {
  design: Design;
  compiled: CompiledCluster;
  settings: DesignSettings;
  boundaries: AddressRange[];
  namespaceLabels: (ns: string) => Readonly<Record<string, string>>;
  /** Canonical pod IPs: outside ends leave them out. */
  podIps: ReadonlySet<string>;
}

/** The ends an endpoint list stands for: workload ids, and addresses outside the cluster. */
interface Ends {
  workloads: string[];
  addresses: string[];
  sets: AddressSet[];
}

export interface CheckOptions {
  settings: DesignSettings;
  /** The compiled design, when the caller has it already (the page's worker does). */
  compiled?: CompiledCluster;
}

export function checkInvariants(input: Design, invariants: readonly Invariant[], options: CheckOptions): InvariantResult[] {
  // Checked in the cluster the design runs in (the DNS pods, ... when not declared); idempotent, so a
  // caller's compiled model of the same cluster (the page's analysis) stays valid.
  const design = inCluster(input, options.settings);
  const compiled = options.compiled ?? compile(design.cluster, { profile: options.settings.profile });
  const extraCidrs = invariants.flatMap((inv) => (inv.kind === 'isolated' ? inv.target : [...inv.from, ...inv.to]))
    .flatMap((e) => (e.kind === 'cidr' ? [e.cidr, ...(e.except ?? [])] : []));
  const ctx: Context = {
    design,
    compiled,
    settings: options.settings,
    boundaries: designBoundaries(design.cluster, extraCidrs),
    namespaceLabels: (ns) => compiled.namespaceLabels.get(ns) ?? { 'kubernetes.io/metadata.name': ns },
    // Only addresses that name a pod: a node's address held by hostNetwork pods is the node (engine/addresses.ts).
    podIps: podAddresses(design.cluster),
  };
  return invariants.map((invariant) => checkOne(ctx, invariant));
}

function checkOne(ctx: Context, invariant: Invariant): InvariantResult {
  const notes: string[] = [];
  const violations: Violation[] = [];
  let count = 0;
  let checked = 0;
  const add = (v: Violation) => {
    count++;
    if (violations.length < MAX_VIOLATIONS_PER_INVARIANT) violations.push(v);
  };
  const ends = (list: readonly EndpointSelector[], role: string): Ends => {
    const resolved = resolveEnds(ctx, list);
    if (list.length > 0 && resolved.workloads.length === 0 && resolved.addresses.length === 0) {
      notes.push(`${role} (${list.map(describeEndpoint).join(', ')}) matches nothing in the design`);
    }
    return resolved;
  };

  switch (invariant.kind) {
    case 'never': {
      const from = ends(invariant.from.length > 0 ? invariant.from : [{ kind: 'workloads' }], 'from');
      const to = ends(invariant.to, 'to');
      forPairs(from, to, (f, t) => {
        checked++;
        const open = restrict(allowedConnections(ctx.compiled, f, t), invariant.ports);
        if (open) add(openViolation(ctx, invariant, f, t, open, 'may reach'));
      });
      break;
    }
    case 'only': {
      const allowedFrom = resolveEnds(ctx, invariant.from);
      const to = ends(invariant.to, 'to');
      const allowedWorkloads = new Set(allowedFrom.workloads);
      const sources: Ends = {
        workloads: ctx.design.cluster.workloads.map((w) => w.id).filter((id) => !allowedWorkloads.has(id)),
        // Every outside address but the allowed ones: the whole IPv4 and IPv6 space, in pieces.
        addresses: outsideRepresentatives(ctx, { cidrs: ['0.0.0.0/0', '::/0'], except: [] })
          .filter((a) => !allowedFrom.sets.some((s) => inAddressSet(a, s)) && !allowedFrom.addresses.includes(a)),
        sets: [],
      };
      forPairs(sources, to, (f, t) => {
        // A workload's own replicas talk to each other; the invariant is about everyone else.
        if (f.kind === 'workload' && t.kind === 'workload' && f.id === t.id) return;
        checked++;
        const open = restrict(allowedConnections(ctx.compiled, f, t), invariant.ports);
        if (open) add(openViolation(ctx, invariant, f, t, open, 'is not among the allowed sources but may reach'));
      });
      break;
    }
    case 'always': {
      const from = ends(invariant.from.length > 0 ? invariant.from : [{ kind: 'workloads' }], 'from');
      const to = ends(invariant.to, 'to');
      if (from.workloads.length + from.addresses.length === 0 || to.workloads.length + to.addresses.length === 0) {
        count++;
        notes.push('the path must stay open, but one of its ends is missing from the design');
      }
      forPairs(from, to, (f, t) => {
        checked++;
        const set = allowedConnections(ctx.compiled, f, t);
        const missing = missingPorts(set, invariant.ports, declaredPort(ctx, t));
        if (missing) add(closedViolation(ctx, invariant, f, t, missing));
      });
      break;
    }
    case 'isolated': {
      const target = ends(invariant.target, 'target');
      for (const id of target.workloads) {
        for (const direction of invariant.directions) {
          checked++;
          const v = isolationViolation(ctx, invariant, id, direction);
          if (v) add(v);
        }
      }
      break;
    }
  }
  return { invariant, holds: count === 0, violations, violationCount: count, checked, notes };
}

/** Every ordered pair of distinct ends; outside-to-outside pairs are not the cluster's business. */
function forPairs(from: Ends, to: Ends, visit: (f: Endpoint, t: Endpoint) => void): void {
  const fromEnds: Endpoint[] = [...from.workloads.map((id): Endpoint => ({ kind: 'workload', id })), ...from.addresses.map((ip): Endpoint => ({ kind: 'ip', ip }))];
  const toEnds: Endpoint[] = [...to.workloads.map((id): Endpoint => ({ kind: 'workload', id })), ...to.addresses.map((ip): Endpoint => ({ kind: 'ip', ip }))];
  for (const f of fromEnds) {
    for (const t of toEnds) {
      if (f.kind === 'ip' && t.kind === 'ip') continue;
      visit(f, t);
    }
  }
}

// ---- ends ---------------------------------------------------------------------------------------

function matchesWorkload(ctx: Context, e: Extract<EndpointSelector, { kind: 'workloads' }>, w: Workload): boolean {
  if (e.namespace !== undefined && w.namespace !== e.namespace) return false;
  if (e.workload !== undefined && w.name !== e.workload) return false;
  if (e.podSelector && !selectorMatches(e.podSelector, w.labels)) return false;
  if (e.namespaceSelector && !selectorMatches(e.namespaceSelector, ctx.namespaceLabels(w.namespace))) return false;
  return true;
}

/** The address set an outside node stands for, as the graph's outside nodes define it. */
function outsideSet(ctx: Context, id: OutsideId): AddressSet | undefined {
  const node = EXTERNAL_NODES(ctx.settings).find((n) => n.id === id);
  switch (id) {
    case 'private': return { cidrs: [...PRIVATE_CIDRS], except: [] };
    case 'metadata': return { cidrs: [METADATA_CIDR], except: [] };
    case 'apiserver': return { cidrs: [hostCidr(apiServerTarget(ctx.settings).address)], except: [] };
    case 'dns': return undefined;
    default: return node ? { cidrs: node.cidrs, except: node.except } : undefined;
  }
}

/** Representatives of an address set that are not pods of the design (pods are ends by their selectors). */
function outsideRepresentatives(ctx: Context, set: AddressSet): string[] {
  return representatives(set, ctx.boundaries).filter((ip) => !ctx.podIps.has(ip));
}

function resolveEnds(ctx: Context, list: readonly EndpointSelector[]): Ends {
  const workloads = new Set<string>();
  const addresses = new Set<string>();
  const sets: AddressSet[] = [];
  for (const e of list) {
    if (e.kind === 'workloads') {
      for (const w of ctx.design.cluster.workloads) if (matchesWorkload(ctx, e, w)) workloads.add(w.id);
    } else if (e.kind === 'outside' && e.id === 'dns') {
      // The DNS pods when the design has them (as the graph's DNS node), else the usual kube-dns address.
      const dns = ctx.design.cluster.workloads.filter((w) => w.namespace === ctx.settings.dns.namespace
        && Object.entries(ctx.settings.dns.podLabels).every(([k, v]) => w.labels[k] === v));
      if (dns.length > 0) for (const w of dns) workloads.add(w.id);
      else addresses.add(EXTERNAL_NODES(ctx.settings).find((n) => n.id === 'dns')!.probeIp);
    } else {
      const set = e.kind === 'outside' ? outsideSet(ctx, e.id) : { cidrs: [e.cidr], except: e.except ?? [] };
      if (!set) continue;
      sets.push(set);
      for (const ip of outsideRepresentatives(ctx, set)) addresses.add(ip);
    }
  }
  return { workloads: [...workloads], addresses: [...addresses], sets };
}

export function describeEndpoint(e: EndpointSelector): string {
  if (e.kind === 'outside') return `outside:${e.id}`;
  if (e.kind === 'cidr') return e.except?.length ? `${e.cidr} except ${e.except.join(', ')}` : e.cidr;
  const parts: string[] = [];
  if (e.namespace !== undefined) parts.push(e.workload !== undefined ? `${e.namespace}/${e.workload}` : e.namespace);
  const labels = (s: NonNullable<typeof e.podSelector>) => [
    ...Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(s.matchExpressions ?? []).map((x) => `${x.key} ${x.operator}${x.values ? ` (${x.values.join(', ')})` : ''}`),
  ].join(', ');
  if (e.podSelector) parts.push(`pods {${labels(e.podSelector)}}`);
  if (e.namespaceSelector) parts.push(`namespaces {${labels(e.namespaceSelector)}}`);
  return parts.length > 0 ? parts.join(' ') : '*';
}

// ---- ports --------------------------------------------------------------------------------------

type PortSet = Record<Protocol, PortRange[]>;

function intersectRanges(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  for (const x of a) for (const y of b) {
    const from = Math.max(x.from, y.from);
    const to = Math.min(x.to, y.to);
    if (from <= to) out.push({ from, to });
  }
  return out.sort((x, y) => x.from - y.from);
}

function wanted(ports: readonly InvariantPort[]): PortSet {
  const set: PortSet = { TCP: [], UDP: [], SCTP: [] };
  for (const p of ports) set[p.protocol].push({ from: p.from, to: p.to });
  return set;
}

/** What of `set` falls on `ports` (all of it when no ports are given); undefined when nothing. */
function restrict(set: ConnectionSet, ports: readonly InvariantPort[]): ConnectionSet | undefined {
  const w = wanted(ports);
  const byProtocol = ports.length === 0 ? set.byProtocol : {
    TCP: intersectRanges(set.byProtocol.TCP, w.TCP), UDP: intersectRanges(set.byProtocol.UDP, w.UDP), SCTP: intersectRanges(set.byProtocol.SCTP, w.SCTP),
  };
  if (PROTOCOLS.every((p) => byProtocol[p].length === 0)) return undefined;
  return { all: ports.length === 0 && set.all, byProtocol };
}

/** The first container port the destination declares (what a connection to it would use), else TCP 80. */
function declaredPort(ctx: Context, to: Endpoint): { port: number; protocol: Protocol } {
  const index = to.kind === 'workload' ? ctx.compiled.workloadIndex.get(to.id) : undefined;
  const port = index === undefined ? undefined : ctx.compiled.workloads[index]!.ports[0];
  return port ? { port: port.containerPort, protocol: port.protocol } : { port: 80, protocol: 'TCP' };
}

/**
 * The wanted ports that `set` does not open; undefined when all are open. Without ports, when
 * nothing is open, the destination's declared port stands for "some port" (the probe explained).
 */
function missingPorts(set: ConnectionSet, ports: readonly InvariantPort[], usual: { port: number; protocol: Protocol }): PortSet | undefined {
  if (ports.length === 0) {
    if (PROTOCOLS.some((p) => set.byProtocol[p].length > 0)) return undefined;
    const missing: PortSet = { TCP: [], UDP: [], SCTP: [] };
    missing[usual.protocol].push({ from: usual.port, to: usual.port });
    return missing;
  }
  const w = wanted(ports);
  const missing: PortSet = { TCP: [], UDP: [], SCTP: [] };
  for (const protocol of PROTOCOLS) {
    for (const range of w[protocol]) {
      let from = range.from;
      for (const open of set.byProtocol[protocol]) {
        if (open.to < from || open.from > range.to) continue;
        if (open.from > from) missing[protocol].push({ from, to: open.from - 1 });
        from = open.to + 1;
      }
      if (from <= range.to) missing[protocol].push({ from, to: range.to });
    }
  }
  return PROTOCOLS.some((p) => missing[p].length > 0) ? missing : undefined;
}

const firstPort = (set: PortSet): { port: number; protocol: Protocol } => {
  const protocol = PROTOCOLS.find((p) => set[p].length > 0) ?? 'TCP';
  return { port: set[protocol][0]?.from ?? 80, protocol };
};

// ---- violations ---------------------------------------------------------------------------------

const label = (e: Endpoint) => (e.kind === 'workload' ? e.id : `ip:${e.ip}`);

function chainOf(verdict: Verdict): string[] {
  return [
    ...verdict.egress.chain.map((s) => `egress of ${verdict.egress.subject ?? label(verdict.probe.from)}: ${s.text}`),
    ...verdict.ingress.chain.map((s) => `ingress of ${verdict.ingress.subject ?? label(verdict.probe.to)}: ${s.text}`),
  ];
}

/** The file position of a policy object or one of its fields. */
function locate(ctx: Context, ref: ObjectRef, path?: string): Violation['policy'] {
  const manifest = ctx.design.manifests[ref.manifest];
  const at = manifest ? (path !== undefined ? manifest.positions[path] : undefined) ?? manifest.source : undefined;
  return {
    kind: ref.kind,
    name: ref.name,
    ...(ref.namespace !== undefined ? { namespace: ref.namespace } : {}),
    ...(at && manifest ? { location: { file: manifest.source.file, line: at.line, col: at.col } } : {}),
    ...(path !== undefined ? { path } : {}),
  };
}

/** The rule that let the probe through (an admin Allow, or the NetworkPolicy rule of an isolated end). */
function openingRule(ctx: Context, verdict: Verdict): Violation['policy'] | undefined {
  for (const side of [verdict.ingress, verdict.egress]) {
    const decisive = side.chain.at(-1);
    if (decisive && decisive.policy && decisive.tier !== 'NetworkPolicy') return locate(ctx, decisive.policy);
    const rule = side.allowedBy[0];
    if (rule) return locate(ctx, rule.policy, rulePath(rule.direction, rule.ruleIndex));
  }
  return undefined;
}

/** The policy that closed the probe: an admin Deny, or an isolating NetworkPolicy. */
function closingPolicy(ctx: Context, side: DirectionVerdict): Violation['policy'] | undefined {
  const decisive = side.chain.at(-1);
  if (decisive?.policy) return locate(ctx, decisive.policy);
  const ref = side.isolatingPolicies[0];
  return ref ? locate(ctx, ref) : undefined;
}

function probeOf(f: Endpoint, t: Endpoint, port: { port: number; protocol: Protocol }) {
  return { from: label(f), to: label(t), port: port.port, protocol: port.protocol };
}

/** The port a reader recognizes among the open ones: the destination's declared port, 443, 80, DNS; else the first. */
function telling(ctx: Context, t: Endpoint, open: ConnectionSet): { port: number; protocol: Protocol } {
  const candidates = [declaredPort(ctx, t), { port: 443, protocol: 'TCP' as const }, { port: 80, protocol: 'TCP' as const }, { port: 53, protocol: 'UDP' as const }];
  return candidates.find((c) => open.byProtocol[c.protocol].some((r) => r.from <= c.port && c.port <= r.to)) ?? firstPort(open.byProtocol);
}

function openViolation(ctx: Context, invariant: Invariant, f: Endpoint, t: Endpoint, open: ConnectionSet, verb: string): Violation {
  const port = telling(ctx, t, open);
  const verdict = evaluate(ctx.compiled, { from: f, to: t, ...port });
  const ports = formatConnections(open);
  const policy = openingRule(ctx, verdict);
  return {
    invariant: invariant.name,
    kind: invariant.kind,
    from: label(f),
    to: label(t),
    ports,
    probe: probeOf(f, t, port),
    message: `${invariant.name}: ${label(f)} ${verb} ${label(t)} on ${ports === 'all' ? 'all ports' : ports}`,
    explanation: verdict.summary,
    chain: chainOf(verdict),
    ...(policy ? { policy } : {}),
  };
}

function closedViolation(ctx: Context, invariant: Invariant, f: Endpoint, t: Endpoint, missing: PortSet): Violation {
  const port = firstPort(missing);
  const verdict = evaluate(ctx.compiled, { from: f, to: t, ...port });
  const ports = invariant.kind === 'always' && invariant.ports.length === 0 ? 'any port' : formatConnections({ all: false, byProtocol: missing });
  const side = !verdict.egress.allowed ? verdict.egress : verdict.ingress;
  const policy = closingPolicy(ctx, side);
  return {
    invariant: invariant.name,
    kind: invariant.kind,
    from: label(f),
    to: label(t),
    ports,
    probe: probeOf(f, t, port),
    message: `${invariant.name}: ${label(f)} must reach ${label(t)} on ${ports}, but the policies block it`,
    explanation: verdict.summary,
    chain: chainOf(verdict),
    ...(policy ? { policy } : {}),
  };
}

function isolationViolation(ctx: Context, invariant: Invariant, id: string, direction: PolicyType): Violation | undefined {
  const workload: Endpoint = { kind: 'workload', id };
  const unnamed: Endpoint = { kind: 'ip', ip: UNNAMED_ADDRESS };
  const probe = direction === 'Ingress' ? { from: unnamed, to: workload } : { from: workload, to: unnamed };
  // Port 1 is a port no ready-made rule names; the direction's isolation does not depend on the port.
  const verdict = evaluate(ctx.compiled, { ...probe, port: 1, protocol: 'TCP' });
  const side = direction === 'Ingress' ? verdict.ingress : verdict.egress;
  // Default deny: a NetworkPolicy isolates the pod, or an admin/baseline rule denies traffic nobody named.
  if (side.isolated || (!side.allowed && side.decidedBy !== 'Default')) return undefined;
  const verb = direction === 'Ingress' ? 'ingress' : 'egress';
  return {
    invariant: invariant.name,
    kind: 'isolated',
    from: label(probe.from),
    to: label(probe.to),
    ports: verb,
    probe: probeOf(probe.from, probe.to, { port: 1, protocol: 'TCP' }),
    message: `${invariant.name}: ${id} has no default deny for ${verb}: no policy isolates it, so every ${verb} connection is allowed`,
    explanation: side.summary,
    chain: chainOf(verdict),
  };
}

function podAddresses(cluster: ClusterModel): Set<string> {
  const ownerOf = addressOwnerOf(cluster);
  return new Set(cluster.workloads.flatMap((w) => w.ips.flatMap((ip) => {
    const parsed = parseIp(ip);
    return 'error' in parsed || ownerOf(parsed.canonical) === undefined ? [] : [parsed.canonical];
  })));
}
