import type { PolicyType } from '../model/types.ts';
import { adminPortMatches, rulesOf, type CompiledAdminRule } from './admin.ts';
import { Bitset } from './bitset.ts';
import { ipBlockContains, networkContains } from './cidr.ts';
import type { CompiledCluster, CompiledRule } from './compile.ts';
import { endpointLabel, mayRunOn, resolveEndpoint, type ResolvedEndpoint } from './endpoints.ts';
import { matchingPortIndex, rulePortMatches, type PortQuery } from './ports.ts';
import type { Endpoint, PortProbe } from './types.ts';

export interface MatrixOptions {
  /** Default: every workload. Outside addresses (`ip:`) may be mixed in. */
  endpoints?: Endpoint[];
  ports: PortProbe[];
  /**
   * A single pod reaching itself is loopback, always allowed (default). False leaves it to the
   * policies, as for two replicas: the class tables (engine/classes) add it member by member.
   */
  loopback?: boolean;
}

export interface ReachabilityMatrix {
  endpoints: Endpoint[];
  labels: string[];
  ports: PortProbe[];
  /** One n x n table per port: `allowed[p][from * n + to]` is 1 when allowed. */
  allowed: Uint8Array[];
}

/**
 * Reachability for every ordered pair of endpoints, per port. Works on rows of bits: a source's
 * egress row is what its tiers let out (admin rules first-match, then its NetworkPolicies' union of
 * peer sets, then the baseline), shared by every pod with the same policies; a destination's
 * ingress row likewise. The cost is rules x pods / 32 words per distinct row.
 */
export function computeMatrix(c: CompiledCluster, options: MatrixOptions): ReachabilityMatrix {
  const endpoints = options.endpoints ?? c.workloads.map((w): Endpoint => ({ kind: 'workload', id: w.id }));
  const resolved = endpoints.map((e) => resolveEndpoint(c, e));
  const workloadCount = c.workloads.length;

  // The universe of bits: every workload, then each outside address among the endpoints.
  const outside: Extract<ResolvedEndpoint, { kind: 'ip' }>[] = [];
  const universeIndex = resolved.map((r) => {
    if (r.kind === 'workload') return r.index;
    outside.push(r);
    return workloadCount + outside.length - 1;
  });
  const size = workloadCount + outside.length;
  const everything = Bitset.full(size);

  const widen = (workloads: Bitset, outsideMatches: (o: (typeof outside)[number]) => boolean): Bitset => {
    const set = new Bitset(size);
    set.words.set(workloads.words);
    outside.forEach((o, k) => outsideMatches(o) && set.set(workloadCount + k));
    return set;
  };
  const peerSets = new Map<CompiledRule | CompiledAdminRule, Bitset>();
  const peerSetOf = (rule: CompiledRule): Bitset => {
    let set = peerSets.get(rule);
    if (!set) {
      set = rule.allPeers ? everything : widen(rule.peerWorkloads, (o) => !o.ipBlockBlind && rule.peers.some((p) => p.ipBlock !== undefined && ipBlockContains(p.ipBlock, o.bytes)));
      peerSets.set(rule, set);
    }
    return set;
  };
  const adminPeerSetOf = (rule: CompiledAdminRule): Bitset => {
    let set = peerSets.get(rule);
    if (!set) {
      set = widen(rule.peerWorkloads, (o) => rule.networks.some((n) => networkContains(n, o.bytes)));
      peerSets.set(rule, set);
    }
    return set;
  };

  const allowed = options.ports.map((probe) => {
    const query: PortQuery = { port: probe.port, protocol: probe.protocol };

    // Destinations whose container port `name` is this probe's port: where a named egress port lands.
    const named = new Map<string, Bitset>();
    const namedSet = (name: string): Bitset => {
      let set = named.get(name);
      if (!set) {
        set = new Bitset(size);
        c.workloads.forEach((w, i) => {
          if (w.ports.some((p) => p.name === name && p.protocol === probe.protocol && p.containerPort === probe.port)) set!.set(i);
        });
        named.set(name, set);
      }
      return set;
    };

    /** Egress: the destinations a rule's ports admit (named ports depend on the destination). */
    const egressPortSet = (ports: readonly { numeric: boolean; matches: boolean; name?: string }[] | undefined): Bitset => {
      if (!ports) return everything;
      if (ports.some((p) => p.numeric && p.matches)) return everything;
      const set = new Bitset(size);
      for (const p of ports) if (p.name !== undefined) set.orWith(namedSet(p.name));
      return set;
    };
    const npPorts = (rule: CompiledRule) =>
      rule.rule.ports?.length
        ? rule.rule.ports.map((p) => (typeof p.port === 'string'
          ? { numeric: false, matches: false, ...(p.protocol === probe.protocol ? { name: p.port } : {}) }
          : { numeric: true, matches: rulePortMatches(p, query, undefined) }))
        : undefined;
    const adminPorts = (rule: CompiledAdminRule) =>
      rule.rule.ports?.map((p) => ('name' in p ? { numeric: false, matches: false, name: p.name } : { numeric: true, matches: adminPortMatches(p, query, undefined) }));

    /** What a workload's tiers allow in one direction, over the universe; undefined: everything. */
    const rowFor = (w: number, direction: PolicyType, cache: Map<string, Bitset | undefined>): Bitset | undefined => {
      const npIsolating = (direction === 'Egress' ? c.egressPolicies : c.ingressPolicies)[w]!;
      const adminOrder = c.admin.adminFor[w]!;
      const baselineOrder = c.admin.baselineFor[w]!;
      const destinationPorts = c.workloads[w]!.ports;
      // Egress rows depend only on which policies apply; ingress port matches depend on this
      // workload (the destination) too, so its key lists the rules its ports admit.
      const egressKey = direction === 'Egress' ? `${adminOrder.join(',')}|${npIsolating.join(',')}|${baselineOrder.join(',')}` : undefined;
      if (egressKey !== undefined && cache.has(egressKey)) return cache.get(egressKey);
      const npRules = npIsolating.flatMap((pi) => (direction === 'Egress' ? c.policies[pi]!.egress : c.policies[pi]!.ingress))
        .filter((r) => direction === 'Egress' || matchingPortIndex(r.rule.ports, query, destinationPorts) !== -1);
      const tierRules = (order: readonly number[]) => order.flatMap((pi) => rulesOf(c.admin.policies[pi]!, direction))
        .filter((r) => direction === 'Egress' || !r.rule.ports || r.rule.ports.some((p) => adminPortMatches(p, query, destinationPorts)));
      const adminRules = tierRules(adminOrder);
      const baselineRules = tierRules(baselineOrder);
      const ruleKey = (rules: readonly (CompiledRule | CompiledAdminRule)[]) => rules.map((r) => `${r.policyIndex}:${r.index}`).join(',');
      const key = egressKey ?? `${ruleKey(adminRules)}|${npIsolating.length > 0 ? `i:${ruleKey(npRules)}` : '-'}|${ruleKey(baselineRules)}`;
      if (cache.has(key)) return cache.get(key);

      const ruleSet = (peers: Bitset, ports: ReturnType<typeof egressPortSet>): Bitset => {
        if (ports === everything) return peers;
        const set = peers.clone();
        set.andWith(ports);
        return set;
      };
      const npRow = (): Bitset => {
        const row = new Bitset(size);
        for (const r of npRules) row.orWith(direction === 'Egress' ? ruleSet(peerSetOf(r), egressPortSet(npPorts(r))) : peerSetOf(r));
        return row;
      };
      let row: Bitset | undefined;
      if (adminRules.length === 0 && baselineRules.length === 0) {
        row = npIsolating.length > 0 ? npRow() : undefined;
      } else {
        /** First match: each rule decides the still-undecided part of its set. */
        const firstMatch = (rules: readonly CompiledAdminRule[], undecided: Bitset, allow: Bitset, pass: Bitset) => {
          for (const r of rules) {
            const m = direction === 'Egress' ? ruleSet(adminPeerSetOf(r), egressPortSet(adminPorts(r))).clone() : adminPeerSetOf(r).clone();
            m.andWith(undecided);
            if (r.rule.action === 'Allow') allow.orWith(m);
            else if (r.rule.action === 'Pass') pass.orWith(m);
            undecided.andNotWith(m);
          }
        };
        const allow = new Bitset(size);
        const rest = everything.clone();
        const passed = new Bitset(size);
        firstMatch(adminRules, rest, allow, passed);
        rest.orWith(passed);
        if (npIsolating.length > 0) {
          rest.andWith(npRow());
          allow.orWith(rest);
        } else {
          const baselinePassed = new Bitset(size);
          firstMatch(baselineRules, rest, allow, baselinePassed);
          allow.orWith(rest);
          allow.orWith(baselinePassed);
        }
        row = allow;
      }
      cache.set(key, row);
      return row;
    };

    const egressCache = new Map<string, Bitset | undefined>();
    const ingressCache = new Map<string, Bitset | undefined>();
    const n = resolved.length;
    const egressOf = resolved.map((r) => (r.kind === 'workload' ? rowFor(r.index, 'Egress', egressCache) : undefined));
    const ingressOf = resolved.map((r) => (r.kind === 'workload' ? rowFor(r.index, 'Ingress', ingressCache) : undefined));
    const table = new Uint8Array(n * n);
    for (let i = 0; i < n; i++) {
      const out = egressOf[i]?.words;
      const source = universeIndex[i]!;
      const sourceWord = source >>> 5;
      const sourceBit = source & 31;
      const rowStart = i * n;
      for (let j = 0; j < n; j++) {
        const destination = universeIndex[j]!;
        if (out !== undefined && ((out[destination >>> 5]! >>> (destination & 31)) & 1) === 0) continue;
        const into = ingressOf[j]?.words;
        if (into !== undefined && ((into[sourceWord]! >>> sourceBit) & 1) === 0) continue;
        table[rowStart + j] = 1;
      }
    }
    openExceptions(c, resolved, table, options.loopback !== false);
    return table;
  });

  return { endpoints, labels: endpoints.map(endpointLabel), ports: options.ports, allowed };
}

/**
 * What no policy blocks (see evaluate.ts): a single pod reaching itself, and a pod and the node it
 * runs on (node to pod always; pod to node when the profile says so).
 *
 * A single pod reaches itself by any of its names: the workload, or an `ip:` endpoint that is one of
 * its addresses (resolveEndpoint makes such an address the pod). Upstream's e2e netpol suite probes
 * each pod at its Service's ClusterIP, which lands on the pod's own address, and still expects a
 * pod's probe of itself to pass whatever the policies (reachability.AllowLoopback(), kubernetes
 * test/e2e/network/netpol/probe.go and reachability.go); evaluate.decide answers so.
 */
function openExceptions(c: CompiledCluster, resolved: readonly ResolvedEndpoint[], table: Uint8Array, loopback: boolean): void {
  const n = resolved.length;
  const nodes = resolved.map((r, j) => ({ r, j })).filter((e): e is { r: Extract<ResolvedEndpoint, { kind: 'ip' }>; j: number } => e.r.kind === 'ip' && e.r.node !== undefined);
  // Endpoints by the single pod they resolve to, for the pairs of two names of one pod.
  const names = new Map<number, number[]>();
  resolved.forEach((r, i) => {
    if (!loopback || r.kind !== 'workload' || r.workload.replicas !== 1) return;
    const list = names.get(r.index);
    if (list) list.push(i);
    else names.set(r.index, [i]);
  });
  for (const list of names.values()) for (const i of list) for (const j of list) table[i * n + j] = 1;
  resolved.forEach((r, i) => {
    if (r.kind !== 'workload') return;
    for (const { r: node, j } of nodes) {
      if (!mayRunOn(c, r.workload, node.node!)) continue;
      table[j * n + i] = 1;
      if (c.profile.behaviour.ownNodeEgressAlwaysAllowed) table[i * n + j] = 1;
    }
  });
}
