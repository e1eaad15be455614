import type { ClusterModel, LabelSelector, Labels, NetworkPolicy, NetworkPolicyRule, Workload } from '../model/types.ts';
import { contentOrigin } from '../model/origin.ts';
import { Bitset } from './bitset.ts';
import { compileIpBlock, ipBlockContains, type CompiledIpBlock } from './cidr.ts';
import { matchesSelector } from './selectors.ts';
import { compileAdmin, type CompiledAdmin } from './admin.ts';
import { profileById } from './profiles/table.ts';
import { addressOwners, nodeAddresses, workloadAddresses } from './addresses.ts';
import type { DifferenceTopic, NetworkProfile, NetworkProfileId } from './profiles/types.ts';

export interface CompileOptions {
  /** The network plugin whose documented behaviour decides what the spec leaves open; default `spec`. */
  profile?: NetworkProfileId | undefined;
  /**
   * A compilation of the same cluster but for its NetworkPolicies (same workloads, namespaces,
   * nodes and profile; the caller vouches for that): its compiled policies are reused for policies
   * of the same content, so a change of one policy compiles one policy (src/workers/analysis.ts).
   */
  reuse?: CompiledCluster | undefined;
  /**
   * A compilation of this very cluster (the same model object) under another profile: what does not
   * depend on the profile is taken from it (indexes, selector and namespace matches, the admin tiers),
   * and its compiled policies as they are when the two profiles match pods alike (the review compiles
   * one cluster under every profile to compare them: src/review/findings/profileDivergence.ts).
   */
  sibling?: CompiledCluster | undefined;
}

/** Content keys by policy element (src/model/origin.ts): a toggle keeps thousands of policies, written once. */
const contentKeys = new WeakMap<NetworkPolicy, string>();

/** The content of a policy as compiling sees it (not where it was read from). */
const policyContent = (p: NetworkPolicy): string => {
  const origin = contentOrigin(p);
  let key = contentKeys.get(origin);
  if (key === undefined) contentKeys.set(origin, (key = JSON.stringify([p.namespace, p.podSelector, p.policyTypes, p.ingress, p.egress])));
  return key;
};

/** The previous compilation's policies by content, each usable once per compilation. */
function reusablePolicies(previous: CompiledCluster | undefined): Map<string, CompiledPolicy[]> | undefined {
  if (!previous) return undefined;
  const out = new Map<string, CompiledPolicy[]>();
  for (const cp of previous.policies) {
    const key = policyContent(cp.policy);
    const list = out.get(key);
    if (list) list.push(cp);
    else out.set(key, [cp]);
  }
  return out;
}

/** One `from`/`to` item, resolved against the workloads of the cluster. */
export interface CompiledPeer {
  /** Workloads this peer matches, by selectors or by their pod IPs. */
  workloads: Bitset;
  /** Set for ipBlock peers: outside addresses are matched only by these. */
  ipBlock?: CompiledIpBlock;
}

export interface CompiledRule {
  rule: NetworkPolicyRule;
  /** Position in its policy's ingress/egress list. */
  index: number;
  policyIndex: number;
  /** `from`/`to` absent or empty: every source/destination, in the cluster or outside. */
  allPeers: boolean;
  peers: CompiledPeer[];
  /** Union of the peers' workloads (all workloads when allPeers). */
  peerWorkloads: Bitset;
}

export interface CompiledPolicy {
  policy: NetworkPolicy;
  index: number;
  /** Workloads the podSelector selects in the policy's namespace. */
  selected: Bitset;
  isolatesIngress: boolean;
  isolatesEgress: boolean;
  ingress: CompiledRule[];
  egress: CompiledRule[];
}

/**
 * The cluster indexed once for evaluation: every policy's selected set and every rule's peer set
 * as bitsets over the workloads, so neither a verdict nor the matrix re-walks selectors.
 */
export interface CompiledCluster {
  cluster: ClusterModel;
  workloads: readonly Workload[];
  workloadIndex: ReadonlyMap<string, number>;
  /** Parsed pod IPs per workload. */
  workloadIps: readonly (readonly number[][])[];
  /** Pod IP (canonical bytes joined) -> workload index; a node's address is no pod's (addressOwners). */
  ipOwner: ReadonlyMap<string, number>;
  namespaceLabels: ReadonlyMap<string, Labels>;
  policies: readonly CompiledPolicy[];
  /** Per workload: indices of the policies isolating it, by direction. */
  ingressPolicies: readonly number[][];
  egressPolicies: readonly number[][];
  /** Admin and baseline tiers; empty when the design has no cluster-scoped policies. */
  admin: CompiledAdmin;
  /** The network-plugin profile this was compiled for. */
  profile: NetworkProfile;
  /** Address (canonical bytes joined) of a modelled Node -> that Node's name. */
  nodeOfIp: ReadonlyMap<string, string>;
  /**
   * Workloads the profile takes out of NetworkPolicy (hostNetwork pods on Cilium and Calico, bare
   * Pods on the AWS VPC CNI), with the reason: they are never isolated, and for `host-network`
   * never matched by pod selectors either.
   */
  exempt: ReadonlyMap<number, DifferenceTopic>;
}

export { ipKey } from './addresses.ts';

/** The workloads a profile takes out of NetworkPolicy, with the reason (CompiledCluster.exempt). */
export function exemptWorkloads(workloads: readonly Workload[], profile: NetworkProfile): Map<number, DifferenceTopic> {
  const behaviour = profile.behaviour;
  const map = new Map<number, DifferenceTopic>();
  workloads.forEach((w, i) => {
    if (w.hostNetwork && !behaviour.hostNetworkPodsArePods) map.set(i, 'host-network');
    else if (w.kind === 'Pod' && !w.owned && !behaviour.standalonePodsEnforced) map.set(i, 'standalone-pods');
  });
  return map;
}


/** The workloads no pod selector matches under a compilation's profile (hostNetwork pods on some plugins), as a key. */
const unselectableKey = (exempt: ReadonlyMap<number, DifferenceTopic>): string =>
  [...exempt].filter(([, topic]) => topic === 'host-network').map(([i]) => i).join(',');

/**
 * A compilation's matches, kept for its siblings (compilations of the same cluster under other
 * profiles). Pod matches hold for a sibling that leaves the same pods unselectable; block matches
 * for one that matches pod IPs alike; namespace matches for every sibling.
 */
interface Matches {
  pods: Map<string, Bitset>;
  namespaces: Map<string, string[]>;
  blocks: Map<string, Bitset>;
  unselectable: string;
  ipBlockMatchesPodIps: boolean;
}
const matchesOf = new WeakMap<CompiledCluster, Matches>();

/** Workload indices by namespace, in order. */
function workloadsByNamespace(workloads: readonly Workload[]): Map<string, number[]> {
  const byNamespace = new Map<string, number[]>();
  workloads.forEach((w, i) => {
    const list = byNamespace.get(w.namespace);
    if (list) list.push(i);
    else byNamespace.set(w.namespace, [i]);
  });
  return byNamespace;
}

/** A compilation's workloads by namespace, worked out once per compilation object. */
const byNamespaceOf = new WeakMap<CompiledCluster, Map<string, number[]>>();
function namespacesOf(c: CompiledCluster): Map<string, number[]> {
  let map = byNamespaceOf.get(c);
  if (!map) byNamespaceOf.set(c, (map = workloadsByNamespace(c.workloads)));
  return map;
}

export function compile(cluster: ClusterModel, options: CompileOptions = {}): CompiledCluster {
  const profile = profileById(options.profile);
  const behaviour = profile.behaviour;
  const workloads = cluster.workloads;
  const n = workloads.length;
  // The same workloads, namespaces, nodes and profile (the caller vouches): their indexes are the same.
  const same = options.reuse && options.reuse.profile === profile ? options.reuse : undefined;
  // The same cluster object, checked here: a sibling's profile-free parts are this compilation's.
  const sibling = options.sibling && options.sibling.cluster === cluster ? options.sibling : undefined;
  const siblingMatches = sibling ? matchesOf.get(sibling) : undefined;
  const indexes = same ?? sibling;
  const workloadIndex = indexes?.workloadIndex ?? new Map(workloads.map((w, i) => [w.id, i]));
  const namespaceLabels = indexes?.namespaceLabels ?? new Map<string, Labels>(cluster.namespaces.map((ns) => [ns.name, ns.labels]));
  const labelsOfNamespace = (name: string): Labels =>
    namespaceLabels.get(name) ?? { 'kubernetes.io/metadata.name': name };

  const workloadIps = indexes?.workloadIps ?? workloadAddresses(workloads);
  const nodeOfIp = indexes?.nodeOfIp ?? nodeAddresses(cluster.nodes);
  const exempt = same?.exempt ?? exemptWorkloads(workloads, profile);
  const unselectable = unselectableKey(exempt);
  const ipOwner = indexes?.ipOwner ?? addressOwners(workloads, workloadIps, nodeOfIp);
  const byNamespace = indexes ? namespacesOf(indexes) : workloadsByNamespace(workloads);
  const namespaceNames = [...new Set([...namespaceLabels.keys(), ...byNamespace.keys()])];

  // Selectors repeat across policies (same app labels, same namespace labels): memoize their sets.
  const samePods = siblingMatches?.unselectable === unselectable;
  // A profile whose ipBlocks match no pod address agrees with a sibling whose blocks cover no pod
  // (0.0.0.0/0 except the private ranges, the common case): their policies' sets are the same.
  // (Read from its policies, not its block matches: those miss the blocks of policies it reused.)
  const blocksAgree = sibling !== undefined && !behaviour.ipBlockMatchesPodIps && sibling.policies.every((cp) =>
    [cp.ingress, cp.egress].every((rules) => rules.every((r) => r.peers.every((peer) => !peer.ipBlock || peer.workloads.isEmpty()))));
  const sameBlocks = siblingMatches?.ipBlockMatchesPodIps === behaviour.ipBlockMatchesPodIps || blocksAgree;
  const memo = samePods ? siblingMatches!.pods : new Map<string, Bitset>();
  const podsMatching = (selector: LabelSelector, namespaces: readonly string[], scopeKey: string): Bitset => {
    const key = `${scopeKey}\u0000${JSON.stringify(selector)}`;
    const hit = memo.get(key);
    if (hit) return hit;
    const set = new Bitset(n);
    for (const ns of namespaces) {
      for (const i of byNamespace.get(ns) ?? []) {
        // A pod on the host's network is its node to such plugins: no pod selector picks it.
        if (exempt.get(i) === 'host-network') continue;
        if (matchesSelector(selector, workloads[i]!.labels)) set.set(i);
      }
    }
    memo.set(key, set);
    return set;
  };
  // Thousands of policies repeat a few namespace selectors (kube-system, the team's namespaces): each
  // is matched against every namespace once.
  const namespaceMemo = siblingMatches?.namespaces ?? new Map<string, string[]>();
  const namespacesMatching = (selector: LabelSelector): string[] => {
    const key = JSON.stringify(selector);
    let hit = namespaceMemo.get(key);
    if (!hit) namespaceMemo.set(key, (hit = namespaceNames.filter((ns) => matchesSelector(selector, labelsOfNamespace(ns)))));
    return hit;
  };

  // Thousands of policies name the same few blocks (0.0.0.0/0 except the private ranges): each is
  // matched against every pod IP once.
  const blockMemo = siblingMatches?.ipBlockMatchesPodIps === behaviour.ipBlockMatchesPodIps ? siblingMatches.blocks : new Map<string, Bitset>();
  const podsInBlock = (ipBlock: object, block: CompiledIpBlock): Bitset => {
    const key = JSON.stringify(ipBlock);
    let set = blockMemo.get(key);
    if (!set) {
      const made = new Bitset(n);
      if (behaviour.ipBlockMatchesPodIps) workloadIps.forEach((ips, i) => ips.some((ip) => ipBlockContains(block, ip)) && made.set(i));
      blockMemo.set(key, (set = made));
    }
    return set;
  };

  const compileRule = (policy: NetworkPolicy, policyIndex: number, rule: NetworkPolicyRule, index: number): CompiledRule => {
    const allPeers = !rule.peers || rule.peers.length === 0;
    const peers: CompiledPeer[] = (rule.peers ?? []).map((peer) => {
      if (peer.ipBlock) {
        const block = compileIpBlock(peer.ipBlock);
        if (!block) return { workloads: new Bitset(n) };
        return { workloads: podsInBlock(peer.ipBlock, block), ipBlock: block };
      }
      if (peer.namespaceSelector) {
        const namespaces = namespacesMatching(peer.namespaceSelector);
        return { workloads: podsMatching(peer.podSelector ?? {}, namespaces, `ns:${JSON.stringify(peer.namespaceSelector)}`) };
      }
      if (peer.podSelector) return { workloads: podsMatching(peer.podSelector, [policy.namespace], `in:${policy.namespace}`) };
      return { workloads: new Bitset(n) };
    });
    let peerWorkloads: Bitset;
    if (allPeers) peerWorkloads = Bitset.full(n);
    else {
      peerWorkloads = new Bitset(n);
      for (const p of peers) peerWorkloads.orWith(p.workloads);
    }
    return { rule, index, policyIndex, allPeers, peers, peerWorkloads };
  };

  const ingressPolicies: number[][] = workloads.map(() => []);
  const egressPolicies: number[][] = workloads.map(() => []);
  // Made at the first policy not found at its place (a toggle adds one policy at the end).
  let reusable: Map<string, CompiledPolicy[]> | undefined;
  const policies = cluster.policies.map((policy, index): CompiledPolicy => {
    // The same policy element at the same place: the whole compiled policy is the same (under a
    // sibling's profile too when it matches pods alike: every set of the policy is a match).
    const kept = (samePods && sameBlocks ? sibling?.policies[index] : undefined) ?? same?.policies[index];
    if (kept && kept.policy === policy) {
      const anyExempt = exempt.size > 0;
      for (const i of byNamespace.get(policy.namespace) ?? []) {
        if (!kept.selected.has(i) || (anyExempt && exempt.has(i))) continue;
        if (kept.isolatesIngress) ingressPolicies[i]!.push(index);
        if (kept.isolatesEgress) egressPolicies[i]!.push(index);
      }
      return kept;
    }
    reusable ??= reusablePolicies(options.reuse);
    const earlier = reusable?.get(policyContent(policy))?.pop();
    const selected = earlier?.selected ?? podsMatching(policy.podSelector, [policy.namespace], `in:${policy.namespace}`);
    const isolatesIngress = policy.policyTypes.includes('Ingress');
    const isolatesEgress = policy.policyTypes.includes('Egress');
    const anyExempt = exempt.size > 0;
    for (const i of byNamespace.get(policy.namespace) ?? []) {
      if (!selected.has(i) || (anyExempt && exempt.has(i))) continue;
      if (isolatesIngress) ingressPolicies[i]!.push(index);
      if (isolatesEgress) egressPolicies[i]!.push(index);
    }
    if (earlier) {
      // Same content, same sets: new wrappers, because the policy's place and objects are new.
      const again = (r: CompiledRule, rules: readonly NetworkPolicyRule[]): CompiledRule => ({ ...r, rule: rules[r.index]!, policyIndex: index });
      return {
        policy, index, selected, isolatesIngress, isolatesEgress,
        ingress: earlier.ingress.map((r) => again(r, policy.ingress)),
        egress: earlier.egress.map((r) => again(r, policy.egress)),
      };
    }
    return {
      policy,
      index,
      selected,
      isolatesIngress,
      isolatesEgress,
      // Rules of a direction the policy does not isolate have no effect (k8s ignores them).
      ingress: isolatesIngress ? policy.ingress.map((r, i) => compileRule(policy, index, r, i)) : [],
      egress: isolatesEgress ? policy.egress.map((r, i) => compileRule(policy, index, r, i)) : [],
    };
  });

  // The admin tiers do not depend on the profile.
  const admin = sibling?.admin ?? compileAdmin(cluster.adminPolicies, cluster.nodes, { workloads, workloadIps, labelsOfNamespace });
  const compiled: CompiledCluster = { cluster, workloads, workloadIndex, workloadIps, ipOwner, namespaceLabels, policies, ingressPolicies, egressPolicies, admin, profile, nodeOfIp, exempt };
  byNamespaceOf.set(compiled, byNamespace);
  matchesOf.set(compiled, { pods: memo, namespaces: namespaceMemo, blocks: blockMemo, unselectable, ipBlockMatchesPodIps: behaviour.ipBlockMatchesPodIps });
  return compiled;
}
