// Check 9: redundant policies and shadowed rules, decided on what the rules allow (connection sets
// over the engine's compiled peer bitsets), not on how they are written.
//
// A connection is (peer, protocol, port). Peers range over a universe: the modelled workloads plus
// representative outside addresses: the external nodes and, for every ipBlock cidr and except of the
// design, its first address and the address after its last. Every stretch of addresses on which all
// ipBlocks agree starts at one of those, so for ipBlock membership the sample is exhaustive. Ports are
// cut into atoms at every boundary any involved rule uses; a rule covers an atom entirely or not at all.
import ipaddr from 'ipaddr.js';
import { EXTERNAL_NODES } from '../../design/external.ts';
import { Bitset } from '../../engine/bitset.ts';
import { ipBlockContains, parseIp } from '../../engine/cidr.ts';
import { ipKey, type CompiledPolicy, type CompiledRule } from '../../engine/compile.ts';
import { PROTOCOLS, type PolicyType, type Protocol, type Workload } from '../../model/types.ts';
import type { Finding, FindingFix } from '../types.ts';
import { compileWithWitnesses, isWitness } from './witnesses.ts';
import {
  editSpec, finding, listNames, membersOf, policyLabel, rawObject, replaceFix, rulePath, rulesField, type ReviewContext,
} from './context.ts';

const MAX_PORT = 65535;

interface Universe {
  size: number;
  workloadCount: number;
  external: number[][];
  peerSets: Map<CompiledRule, Bitset>;
  named: Map<string, Bitset>;
  /** Container port numbers per `name\0protocol` over all workloads (a walk of every pod once, not per rule). */
  namedNumbers?: Map<string, number[]>;
}

function namedPortNumbers(u: Universe, workloads: readonly Workload[], name: string, protocol: Protocol): readonly number[] {
  if (!u.namedNumbers) {
    const byName = new Map<string, Set<number>>();
    for (const w of workloads) for (const cp of w.ports) {
      if (cp.name === undefined) continue;
      const key = `${cp.name}\u0000${cp.protocol}`;
      let set = byName.get(key);
      if (!set) byName.set(key, (set = new Set()));
      set.add(cp.containerPort);
    }
    u.namedNumbers = new Map([...byName].map(([k, v]) => [k, [...v]]));
  }
  return u.namedNumbers.get(`${name}\u0000${protocol}`) ?? [];
}

/**
 * Boundaries by CIDR text: thousands of policies name the same few blocks (the private ranges, the
 * internet), and parsing each again was ~15% of a review after a toggle at 5,000 pods. Bounded.
 */
const boundaries = new Map<string, readonly string[]>();
const BOUNDARIES_LIMIT = 10_000;

function boundaryAddresses(cidr: string): readonly string[] {
  let known = boundaries.get(cidr);
  if (known === undefined) {
    if (boundaries.size >= BOUNDARIES_LIMIT) boundaries.clear();
    boundaries.set(cidr, (known = computeBoundaryAddresses(cidr)));
  }
  return known;
}

/** First address of a CIDR and the address after its last one (undefined past the end of the family). */
function computeBoundaryAddresses(cidr: string): string[] {
  try {
    const [addr] = ipaddr.parseCIDR(cidr);
    const family = addr.kind();
    const network = family === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(cidr) : ipaddr.IPv6.networkAddressFromCIDR(cidr);
    const last = (family === 'ipv4' ? ipaddr.IPv4.broadcastAddressFromCIDR(cidr) : ipaddr.IPv6.broadcastAddressFromCIDR(cidr)).toByteArray();
    const out = [network.toString()];
    // last + 1, with carry; no successor after the family's last address.
    for (let i = last.length - 1; i >= 0; i--) {
      if (last[i]! < 255) {
        last[i]! += 1;
        out.push(ipaddr.fromByteArray(last).toString());
        break;
      }
      last[i] = 0;
    }
    return out;
  } catch {
    return [];
  }
}

function buildUniverse(ctx: ReviewContext): Universe {
  const { compiled } = ctx;
  const texts = new Set<string>(['0.0.0.0', '::']);
  for (const node of EXTERNAL_NODES(ctx.settings)) if (node.id !== 'dns') texts.add(node.probeIp);
  // Each block's text once, in the order first met (the order of `texts` is the universe's).
  const cidrs = new Set<string>();
  for (const policy of ctx.cluster.policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers ?? []) {
        if (!peer.ipBlock) continue;
        cidrs.add(peer.ipBlock.cidr);
        for (const cidr of peer.ipBlock.except) cidrs.add(cidr);
      }
    }
  }
  for (const cidr of cidrs) for (const a of boundaryAddresses(cidr)) texts.add(a);
  const seen = new Set<string>();
  const external: number[][] = [];
  for (const text of texts) {
    const bytes = parseIp(text);
    if (!bytes) continue;
    const key = ipKey(bytes);
    // An address of a modelled pod is that pod: the workload bit stands for it.
    if (seen.has(key) || compiled.ipOwner.has(key)) continue;
    seen.add(key);
    external.push(bytes);
  }
  const workloadCount = compiled.workloads.length;
  return { size: workloadCount + external.length, workloadCount, external, peerSets: new Map(), named: new Map() };
}

function peerSet(u: Universe, rule: CompiledRule): Bitset {
  let set = u.peerSets.get(rule);
  if (set) return set;
  if (rule.allPeers) set = Bitset.full(u.size);
  else {
    set = new Bitset(u.size);
    set.words.set(rule.peerWorkloads.words);
    u.external.forEach((bytes, k) => {
      if (rule.peers.some((p) => p.ipBlock !== undefined && ipBlockContains(p.ipBlock, bytes))) set!.set(u.workloadCount + k);
    });
  }
  u.peerSets.set(rule, set);
  return set;
}

/** Destinations (egress) whose container port `name`/protocol is `port`. */
function namedDestinations(u: Universe, workloads: readonly Workload[], name: string, protocol: Protocol, port: number): Bitset {
  const key = `${name}\u0000${protocol}\u0000${port}`;
  let set = u.named.get(key);
  if (set) return set;
  set = new Bitset(u.size);
  workloads.forEach((w, i) => {
    if (w.ports.some((p) => p.name === name && p.protocol === protocol && p.containerPort === port)) set!.set(i);
  });
  u.named.set(key, set);
  return set;
}

type PortItem = { protocol: Protocol; from: number; to: number } | { protocol: Protocol; name: string };

/**
 * A rule's ports as items. Ingress named ports are resolved on the subject (the destination); egress
 * named ports stay names, resolved per destination peer.
 */
function portItems(rule: CompiledRule, direction: PolicyType, subject: Workload): PortItem[] {
  const ports = rule.rule.ports ?? [];
  if (ports.length === 0) return PROTOCOLS.map((protocol) => ({ protocol, from: 1, to: MAX_PORT }));
  return ports.flatMap((p): PortItem[] => {
    if (p.port === undefined) return [{ protocol: p.protocol, from: 1, to: MAX_PORT }];
    if (typeof p.port === 'number') return [{ protocol: p.protocol, from: p.port, to: p.endPort ?? p.port }];
    if (direction === 'Egress') return [{ protocol: p.protocol, name: p.port }];
    const name = p.port;
    return subject.ports.filter((cp) => cp.name === name && cp.protocol === p.protocol)
      .map((cp) => ({ protocol: p.protocol, from: cp.containerPort, to: cp.containerPort }));
  });
}

interface RuleShape {
  rule: CompiledRule;
  items: PortItem[];
}

function subsetOf(a: Bitset, b: Bitset): boolean {
  for (let i = 0; i < a.words.length; i++) if ((a.words[i]! & ~b.words[i]!) !== 0) return false;
  return true;
}

/**
 * Whether every connection `target` allows is allowed by one of `others` (for one subject); 'empty'
 * when the target allows nothing at all (a dead selector or port, reported by other checks).
 */
function covered(u: Universe, workloads: readonly Workload[], target: RuleShape, others: readonly RuleShape[]): boolean | 'empty' {
  let allowsSomething = false;
  for (const protocol of PROTOCOLS) {
    const mine = target.items.filter((i) => i.protocol === protocol);
    if (mine.length === 0) continue;
    const theirs = others.map((o) => ({ rule: o.rule, items: o.items.filter((i) => i.protocol === protocol) }));
    const cuts = new Set<number>([1, MAX_PORT + 1]);
    const addItemCuts = (item: PortItem) => {
      if ('name' in item) {
        for (const port of namedPortNumbers(u, workloads, item.name, protocol)) cuts.add(port).add(port + 1);
      } else cuts.add(item.from).add(item.to + 1);
    };
    mine.forEach(addItemCuts);
    theirs.forEach((o) => o.items.forEach(addItemCuts));
    const sorted = [...cuts].sort((a, b) => a - b);
    /** Adds the rule's peers on the stretch to `into`; false when no item covers it (nothing added). */
    const setOn = (rule: CompiledRule, items: readonly PortItem[], from: number, to: number, into: Bitset): boolean => {
      let wrote = false;
      for (const item of items) {
        if ('name' in item) {
          if (from === to) {
            into.orWithAnd(peerSet(u, rule), namedDestinations(u, workloads, item.name, protocol, from));
            wrote = true;
          }
        } else if (item.from <= from && to <= item.to) {
          into.orWith(peerSet(u, rule));
          return true;
        }
      }
      return wrote;
    };
    // Most stretches are outside the target's ports: nothing is written, so nothing is scanned (a
    // fresh set and a scan of it per stretch were ~1/3 of this check at 20,000 pods). The two sets
    // are reused, cleared only once written.
    let need: Bitset | undefined;
    let have: Bitset | undefined;
    for (let k = 0; k + 1 < sorted.length; k++) {
      const from = sorted[k]!;
      const to = sorted[k + 1]! - 1;
      need ??= new Bitset(u.size);
      if (!setOn(target.rule, mine, from, to, need)) continue;
      if (need.isEmpty()) continue;
      allowsSomething = true;
      have ??= new Bitset(u.size);
      let wrote = false;
      for (const o of theirs) wrote = setOn(o.rule, o.items, from, to, have) || wrote;
      if (!subsetOf(need, have)) return false;
      need.words.fill(0);
      if (wrote) have.words.fill(0);
    }
  }
  return allowsSomething ? true : 'empty';
}

const rulesIn = (cp: CompiledPolicy, direction: PolicyType) => (direction === 'Ingress' ? cp.ingress : cp.egress);

const portsKeys = new WeakMap<Workload, string>();
/** A workload's container ports as a key, written once per workload rather than once per policy selecting it. */
function portsKey(w: Workload): string {
  let key = portsKeys.get(w);
  if (key === undefined) portsKeys.set(w, (key = JSON.stringify(w.ports)));
  return key;
}

/**
 * The subjects of a policy in one direction, one per distinct situation, `groupKey(i)` of workload
 * `i`: the same other isolating policies and, for ingress (named ports resolve on the subject), the
 * same container ports (portsKey). Every subject grouped here is isolated by the policy itself too
 * (compile), so a key that still lists it groups them alike.
 */
function subjectGroups(ctx: ReviewContext, cp: CompiledPolicy, groupKey: (w: number) => string): Workload[][] {
  const groups = new Map<string, Workload[]>();
  // Only the selected workloads (a policy selects within its namespace): walking every workload of
  // the cluster for every policy made this check policies x pods.
  for (const i of membersOf(cp.selected)) {
    // A pod the network plugin exempts from policies (a bare Pod under the AWS VPC CNI, a hostNetwork
    // pod under Cilium or Calico) is affected by no policy: removing this one changes nothing for it.
    if (ctx.compiled.exempt.has(i)) continue;
    const w = ctx.compiled.workloads[i]!;
    const key = groupKey(i);
    const list = groups.get(key);
    if (list) list.push(w);
    else groups.set(key, [w]);
  }
  return [...groups.values()];
}

function checkRedundantPolicies(ctx: ReviewContext, u: Universe, removed: Set<number>): Finding[] {
  const { compiled } = ctx;
  const out: Finding[] = [];
  // Namespace-wide (empty podSelector) policies by namespace, looked up per policy instead of scanning all.
  const namespaceWide = new Map<string, CompiledPolicy[]>();
  for (const q of compiled.policies) {
    if (!isEmptyObjectSelector(q)) continue;
    const list = namespaceWide.get(q.policy.namespace);
    if (list) list.push(q);
    else namespaceWide.set(q.policy.namespace, [q]);
  }
  // Each workload's group key per direction (its isolating policies not removed, and its ports for
  // ingress): written once per workload until a policy is removed (removed only grows), not once per
  // policy selecting it. The very string each time, so grouping finds it without writing and hashing
  // it again (~1/3 of this check at 20,000 pods).
  const keys = { Ingress: new Map<number, string>(), Egress: new Map<number, string>() };
  let keyedWith = removed.size;
  const groupKey = (direction: PolicyType) => (w: number): string => {
    if (removed.size !== keyedWith) {
      keys.Ingress.clear();
      keys.Egress.clear();
      keyedWith = removed.size;
    }
    let key = keys[direction].get(w);
    if (key === undefined) {
      const isolating = direction === 'Ingress' ? compiled.ingressPolicies : compiled.egressPolicies;
      const others = isolating[w]!.filter((q) => !removed.has(q)).join(',');
      keys[direction].set(w, (key = `${others}|${direction === 'Ingress' ? portsKey(compiled.workloads[w]!) : ''}`));
    }
    return key;
  };
  // Last first: of two equivalent policies the later one is reported, and removing every reported
  // policy together still changes nothing (each was checked without the ones reported before it).
  for (let pi = compiled.policies.length - 1; pi >= 0; pi--) {
    const cp = compiled.policies[pi]!;
    if (selectsNoModelledPod(ctx, pi)) continue; // reported as a dead podSelector instead
    const directions = cp.policy.policyTypes;
    // A default deny (no rules) is kept on purpose: it keeps the pods isolated whatever happens to
    // the allow policies next to it. Redundant only next to another default deny (a duplicate).
    const defaultDeny = directions.every((d) => rulesIn(cp, d).length === 0);
    const helpers = new Set<number>();
    let redundant = true;
    for (const direction of directions) {
      const isolating = direction === 'Ingress' ? compiled.ingressPolicies : compiled.egressPolicies;
      const othersOf = (w: number) => isolating[w]!.filter((q) => q !== pi && !removed.has(q));
      // A namespace-wide selector also isolates pods added later; only another namespace-wide policy keeps that.
      if (isEmptyObjectSelector(cp)) {
        const wide = (namespaceWide.get(cp.policy.namespace) ?? []).some((q) => q.index !== pi && !removed.has(q.index) && q.policy.policyTypes.includes(direction));
        if (!wide) {
          redundant = false;
          break;
        }
      }
      for (const group of subjectGroups(ctx, cp, groupKey(direction))) {
        const subject = group[0]!;
        const others = othersOf(compiled.workloadIndex.get(subject.id)!);
        if (others.length === 0 || (defaultDeny && !others.some((q) => rulesIn(compiled.policies[q]!, direction).length === 0))) {
          redundant = false;
          break;
        }
        const otherRules = others.flatMap((q) => rulesIn(compiled.policies[q]!, direction)).map((rule) => ({ rule, items: portItems(rule, direction, subject) }));
        for (const rule of rulesIn(cp, direction)) {
          if (covered(u, compiled.workloads, { rule, items: portItems(rule, direction, subject) }, otherRules) === false) {
            redundant = false;
            break;
          }
        }
        if (!redundant) break;
        others.forEach((q) => helpers.add(q));
      }
      if (!redundant) break;
    }
    if (!redundant || directions.length === 0) continue;
    removed.add(pi);
    const name = policyLabel(cp.policy);
    const helperNames = [...helpers].map((q) => policyLabel(compiled.policies[q]!.policy));
    const fix: FindingFix = {
      title: `Remove NetworkPolicy ${name}`,
      description: `Deletes the policy. Every connection it allows stays allowed by ${listNames(helperNames)}, and every pod it selects stays isolated, so no verdict changes.`,
      changes: [{ op: 'remove', index: cp.policy.ref.manifest }],
    };
    out.push(finding(ctx, {
      rule: 'redundant-policy',
      subject: name,
      title: `NetworkPolicy ${name} is redundant`,
      risk: `Everything it allows is already allowed by ${listNames(helperNames)}, which also isolate every pod it selects (checked on the modelled pods, on a pod for every selector that could match pods the design does not model, and on the addresses the design's ipBlocks mention). Redundant policies make reviews slower and hide which rule really grants access.`,
      object: cp.policy.ref,
      fixes: rawObject(ctx, cp.policy.ref) ? [fix] : [],
    }));
  }
  return out;
}

/** True when the policy selects none of the modelled (non-witness) pods. */
function selectsNoModelledPod(ctx: ReviewContext, pi: number): boolean {
  const cp = ctx.compiled.policies[pi]!;
  // Only the selected ones: scanning every workload per policy made this policies x pods.
  return !membersOf(cp.selected).some((i) => !isWitness(ctx.compiled.workloads[i]!));
}

const isEmptyObjectSelector = (cp: CompiledPolicy): boolean =>
  Object.keys(cp.policy.podSelector.matchLabels ?? {}).length === 0 && (cp.policy.podSelector.matchExpressions ?? []).length === 0;

function removeRuleFix(ctx: ReviewContext, cp: CompiledPolicy, direction: PolicyType, index: number, coveredBy: string): FindingFix | undefined {
  const raw = rawObject(ctx, cp.policy.ref);
  if (!raw) return undefined;
  const fixed = editSpec(raw, (spec) => {
    const rules = spec[rulesField(direction)];
    if (Array.isArray(rules)) rules.splice(index, 1);
  });
  return replaceFix(`Remove ${rulePath(direction, index)}`,
    `Deletes the rule; ${coveredBy} still allow${coveredBy.startsWith('rules') ? '' : 's'} everything it allows, so no verdict changes. Later rules move up by one index.`, cp.policy.ref, fixed);
}

/** A rule whose selector peers match no modelled pod: a dead selector (reported by its own check), not a shadowed rule. */
function deadOnModel(reviewed: ReviewContext, policy: number, direction: PolicyType, index: number): boolean {
  const rule = rulesIn(reviewed.compiled.policies[policy]!, direction)[index];
  return rule !== undefined && !rule.allPeers && rule.peerWorkloads.isEmpty() && (rule.rule.peers ?? []).every((p) => p.ipBlock === undefined);
}

function checkShadowedRules(ctx: ReviewContext, u: Universe, redundantPolicies: ReadonlySet<number>, reviewed: ReviewContext): Finding[] {
  const { compiled } = ctx;
  const out: Finding[] = [];
  for (const cp of compiled.policies) {
    if (redundantPolicies.has(cp.index) || selectsNoModelledPod(ctx, cp.index)) continue;
    for (const direction of cp.policy.policyTypes) {
      const rules = rulesIn(cp, direction);
      if (rules.length < 2) continue;
      const subjects = subjectGroups(ctx, cp, direction === 'Ingress' ? (i) => portsKey(compiled.workloads[i]!) : () => '').map((g) => g[0]!);
      const gone = new Set<number>();
      // Last first, as for policies: of two identical rules the later one is reported.
      for (let r = rules.length - 1; r >= 0; r--) {
        const target = rules[r]!;
        if (deadOnModel(reviewed, cp.index, direction, target.index)) continue;
        const others = rules.filter((_, k) => k !== r && !gone.has(k));
        const verdicts = (candidates: readonly CompiledRule[]) => subjects.map((s) =>
          covered(u, compiled.workloads, { rule: target, items: portItems(target, direction, s) },
            candidates.map((rule) => ({ rule, items: portItems(rule, direction, s) }))));
        const coversAll = (candidates: readonly CompiledRule[]) => verdicts(candidates).every((v) => v !== false);
        // A rule that allows nothing is a dead selector or port, not a shadowed rule.
        const outcome = verdicts(others);
        if (outcome.includes(false) || outcome.every((v) => v === 'empty')) continue;
        gone.add(r);
        const single = others.find((o) => coversAll([o]));
        const coveredBy = single ? rulePath(direction, single.index) : `rules ${listNames(others.map((o) => `[${o.index}]`))}`;
        const name = policyLabel(cp.policy);
        const fix = removeRuleFix(ctx, cp, direction, target.index, coveredBy);
        out.push(finding(ctx, {
          rule: 'shadowed-rule',
          subject: `${name}:${rulePath(direction, target.index)}`,
          title: `NetworkPolicy ${name}: ${rulePath(direction, target.index)} is shadowed by ${coveredBy}`,
          risk: `Every connection this rule allows, ${coveredBy} of the same policy already allow${single ? 's' : ''}. It reads like a restriction (narrower peers or ports) but restricts nothing: rules only add.`,
          object: cp.policy.ref,
          path: rulePath(direction, target.index),
          fixes: fix ? [fix] : [],
        }));
      }
    }
  }
  return out;
}

export function checkRedundancy(reviewed: ReviewContext): Finding[] {
  // Judged with a witness pod for every selector: a claim must hold on the real cluster, where the
  // selectors may match pods the design does not model (witnesses.ts).
  const witnessed = compileWithWitnesses(reviewed.cluster, { profile: reviewed.compiled.profile.id }, (model, options) => reviewed.compileAs('witnessed', model, options.profile));
  const ctx: ReviewContext = { ...reviewed, cluster: witnessed.cluster, compiled: witnessed.compiled };
  const u = buildUniverse(ctx);
  const removed = new Set<number>();
  const policies = checkRedundantPolicies(ctx, u, removed);
  return [...policies, ...checkShadowedRules(ctx, u, removed, reviewed)];
}
