// The admin and baseline tiers as the graph sees them: which peers their rules can change a
// workload's traffic with (so the analysis evaluates only those pairs in full), what a policy does
// in a few words (the namespace chips), and the policy behind a verdict's deciding step.
// Pure (core): runs in the analysis worker; the panels' chip drawing is in src/ui/admin/tiers.ts.
import { networkContains, type ChainStep, type CompiledCluster, type ConnectionSet, type DirectionVerdict } from '../../engine/index.ts';
import { PROTOCOLS, type AdminAction, type KubeObject, type Protocol } from '../../model/types.ts';
import { policyOrigin } from './origin.ts';

export type AdminTierName = 'Admin' | 'Baseline';

/** An admin or baseline policy's rule that decided something, in the words the panels use. */
export interface AdminRef {
  tier: AdminTierName;
  action: AdminAction;
  /** `Kind/name`, as the explanation writes it. */
  policy: string;
  rule: string;
  /** Undefined for the BaselineAdminNetworkPolicy (it has none). */
  priority?: number;
  /** The switch or admin flow that generated the policy. */
  origin?: string;
  generated: boolean;
}

/** A cluster-scoped policy, summarized for a chip on the namespaces its subject selects. */
export interface AdminPolicyChip {
  policy: string;
  kind: string;
  name: string;
  tier: AdminTierName;
  priority?: number;
  /** What its rules do: `Deny in`, `Pass in/out`, `Allow in · Deny out`. */
  actions: string;
  /** The first action of its rules, for the chip's colour. */
  mainAction: AdminAction;
  origin?: string;
}

type CompiledAdminRule = CompiledCluster['admin']['policies'][number]['ingress'][number];
type Direction = 'ingress' | 'egress';

/** The other end of a connection, as the rules see it: a workload (by index) or an address. */
export type OtherEnd = { kind: 'workload'; index: number } | { kind: 'ip'; bytes: readonly number[] };

/** Whether a rule's peers include the other end (ports aside). */
function ruleReaches(rule: CompiledAdminRule, other: OtherEnd): boolean {
  return other.kind === 'workload' ? rule.peerWorkloads.has(other.index) : rule.networks.some((net) => networkContains(net, other.bytes));
}

/**
 * Per workload and direction, the admin and baseline rules that can make its traffic differ from
 * what the NetworkPolicies alone decide. Pass rules are left out (they hand the decision to the
 * NetworkPolicies, or on the baseline to the default), and so are baseline rules in a direction a
 * NetworkPolicy isolates (the NetworkPolicies replace the baseline there). A pair none of them
 * reaches is decided exactly as without cluster-scoped policies.
 */
export interface TierReach {
  egress: CompiledAdminRule[][];
  ingress: CompiledAdminRule[][];
  /** The union of those rules' peer workloads, as bitset words; undefined when there are none. */
  egressPeers: (Uint32Array | undefined)[];
  ingressPeers: (Uint32Array | undefined)[];
  /** Per workload and direction: the workloads its tiers deny outright (see deniedOutright). */
  egressDenied: (Uint32Array | undefined)[];
  ingressDenied: (Uint32Array | undefined)[];
  /** Any workload has any such rule. */
  any: boolean;
}

const isIsolated = (c: CompiledCluster, i: number, direction: Direction) =>
  (direction === 'egress' ? c.egressPolicies : c.ingressPolicies)[i]!.length > 0;

/** Bitset words, the size the rules' peer sets use. */
const wordsFor = (c: CompiledCluster) => new Uint32Array((c.workloads.length + 31) >>> 5);

/**
 * The workloads whose connections with `subject` (in `direction`) the tiers deny on every port
 * without asking anything else: the first admin rule reaching them is a Deny without ports, or
 * (passed on by a Pass without ports, or not matched, and no NetworkPolicy isolating the subject)
 * the first baseline rule is. Rules naming ports decide some ports only: what they reach is left to
 * the full computation. Undefined when nothing is denied outright.
 */
function deniedSet(c: CompiledCluster, subject: number, direction: Direction): Uint32Array | undefined {
  const adminOrder = c.admin.adminFor[subject]!;
  const baselineOrder = isIsolated(c, subject, direction) ? [] : c.admin.baselineFor[subject]!;
  if (adminOrder.length === 0 && baselineOrder.length === 0) return undefined;
  const denied = wordsFor(c);
  const decided = wordsFor(c);
  const passed = wordsFor(c);
  let any = false;
  const walk = (order: readonly number[], toBaseline: Uint32Array | undefined) => {
    for (const pi of order) {
      for (const rule of c.admin.policies[pi]![direction]) {
        const peers = rule.peerWorkloads.words;
        const outright = !rule.rule.ports;
        for (let w = 0; w < decided.length; w++) {
          const fresh = peers[w]! & ~decided[w]!;
          if (fresh === 0) continue;
          decided[w]! |= fresh;
          if (!outright) continue;
          if (rule.rule.action === 'Deny') {
            denied[w]! |= fresh;
            any = true;
          } else if (rule.rule.action === 'Pass' && toBaseline) toBaseline[w]! |= fresh;
        }
      }
    }
  };
  walk(adminOrder, passed);
  if (baselineOrder.length > 0) {
    // Only what the admin tier left open or passed on without ports reaches the baseline.
    for (let w = 0; w < decided.length; w++) decided[w] = decided[w]! & ~passed[w]!;
    walk(baselineOrder, undefined);
  }
  return any ? denied : undefined;
}

export function tierReach(c: CompiledCluster): TierReach {
  // No cluster-scoped policy: nothing reaches anything (one shared empty list; a toggle at 5,000
  // workloads made 20,000 empty ones).
  if (c.admin.policies.length === 0) {
    const n = c.workloads.length;
    const none: CompiledAdminRule[] = [];
    const unset = new Array<undefined>(n).fill(undefined);
    return { egress: new Array<CompiledAdminRule[]>(n).fill(none), ingress: new Array<CompiledAdminRule[]>(n).fill(none), egressPeers: unset, ingressPeers: unset, egressDenied: unset, ingressDenied: unset, any: false };
  }
  const reach: TierReach = { egress: [], ingress: [], egressPeers: [], ingressPeers: [], egressDenied: [], ingressDenied: [], any: false };
  for (let i = 0; i < c.workloads.length; i++) {
    for (const direction of ['egress', 'ingress'] as const) {
      const order = isIsolated(c, i, direction) ? c.admin.adminFor[i]! : [...c.admin.adminFor[i]!, ...c.admin.baselineFor[i]!];
      const rules = order.flatMap((pi) => c.admin.policies[pi]![direction]).filter((r) => r.rule.action !== 'Pass');
      let peers: Uint32Array | undefined;
      for (const r of rules) {
        const words = r.peerWorkloads.words;
        peers ??= new Uint32Array(words.length);
        for (let w = 0; w < words.length; w++) peers[w]! |= words[w]!;
      }
      reach[direction].push(rules);
      (direction === 'egress' ? reach.egressPeers : reach.ingressPeers).push(peers);
      (direction === 'egress' ? reach.egressDenied : reach.ingressDenied).push(rules.length > 0 ? deniedSet(c, i, direction) : undefined);
      if (rules.length > 0) reach.any = true;
    }
  }
  return reach;
}

/** Bit `j` of a set's words (false for no set). */
export const hasBit = (words: Uint32Array | undefined, j: number): boolean =>
  words !== undefined && ((words[j >>> 5]! >>> (j & 31)) & 1) === 1;

export const reaches = (rules: readonly CompiledAdminRule[], other: OtherEnd): boolean => rules.some((r) => ruleReaches(r, other));

/** The action of the first rule of a tier reaching the other end: `partial` when it names ports. */
function firstReaching(c: CompiledCluster, order: readonly number[], direction: Direction, other: OtherEnd): AdminAction | 'partial' | undefined {
  for (const pi of order) {
    for (const rule of c.admin.policies[pi]![direction]) {
      if (!ruleReaches(rule, other)) continue;
      return rule.rule.ports ? 'partial' : rule.rule.action;
    }
  }
  return undefined;
}

/**
 * deniedSet's question for one address outside the cluster (for workloads, TierReach holds the
 * answers as sets): true when the tiers deny the direction on every port without asking anything else.
 */
export function deniedOutright(c: CompiledCluster, subject: number, direction: Direction, other: OtherEnd): boolean {
  const admin = firstReaching(c, c.admin.adminFor[subject]!, direction, other);
  if (admin === 'Deny') return true;
  if (admin === 'Allow' || admin === 'partial' || isIsolated(c, subject, direction)) return false;
  return firstReaching(c, c.admin.baselineFor[subject]!, direction, other) === 'Deny';
}

/** The connections an admin-tier Deny rule decides for one subject and direction. */
export interface DenyMatch {
  subject: number;
  direction: Direction;
  policyIndex: number;
  rule: CompiledAdminRule;
  /** The other ends among the workloads (bitset words; the subject itself is left out). */
  workloads: Uint32Array;
  /** The other ends among the `externals` given, by index. */
  externals: number[];
}

/**
 * Every connection an admin-tier Deny rule decides: its peer is reached by the rule and by no
 * earlier rule without ports (which would decide every port first). Baseline denies are left out:
 * they close what nobody opened, which the nodes show.
 */
export function forEachAdminDeny(c: CompiledCluster, externals: readonly (readonly number[] | undefined)[], visit: (m: DenyMatch) => void): void {
  const n = c.workloads.length;
  for (let s = 0; s < n; s++) {
    for (const direction of ['egress', 'ingress'] as const) {
      const earlier = wordsFor(c);
      const earlierRules: CompiledAdminRule[] = [];
      for (const pi of c.admin.adminFor[s]!) {
        for (const rule of c.admin.policies[pi]![direction]) {
          const peers = rule.peerWorkloads.words;
          if (rule.rule.action === 'Deny') {
            const workloads = wordsFor(c);
            let count = 0;
            for (let w = 0; w < workloads.length; w++) {
              const bits = peers[w]! & ~earlier[w]!;
              workloads[w] = bits;
              if (bits !== 0) count++;
            }
            if (hasBit(workloads, s)) workloads[s >>> 5]! &= ~(1 << (s & 31));
            const reached: number[] = [];
            if (rule.networks.length > 0) {
              externals.forEach((bytes, e) => {
                if (!bytes) return;
                const other: OtherEnd = { kind: 'ip', bytes };
                if (ruleReaches(rule, other) && !earlierRules.some((r) => ruleReaches(r, other))) reached.push(e);
              });
            }
            if (count > 0 || reached.length > 0) visit({ subject: s, direction, policyIndex: pi, rule, workloads, externals: reached });
          }
          if (!rule.rule.ports) {
            for (let w = 0; w < earlier.length; w++) earlier[w]! |= peers[w]!;
            earlierRules.push(rule);
          }
        }
      }
    }
  }
}

/** Calls `fn` with each set bit's index below `n`. */
export function forEachBit(words: Uint32Array, n: number, fn: (j: number) => void): void {
  for (let w = 0; w < words.length; w++) {
    let bits = words[w]!;
    while (bits !== 0) {
      const low = bits & -bits;
      const j = (w << 5) + (31 - Math.clz32(low));
      if (j < n) fn(j);
      bits ^= low;
    }
  }
}

/** The rule of a DenyMatch in the panels' words. */
export function adminRefOfRule(c: CompiledCluster, policyIndex: number, rule: CompiledAdminRule, objects: readonly KubeObject[]): AdminRef {
  const { policy } = c.admin.policies[policyIndex]!;
  const origin = policyOrigin(objects[policy.ref.manifest]);
  return {
    tier: policy.tier,
    action: rule.rule.action,
    policy: `${policy.kind}/${policy.name}`,
    rule: rule.rule.name || `#${rule.index}`,
    ...(policy.kind === 'BaselineAdminNetworkPolicy' ? {} : { priority: policy.priority }),
    ...(origin ? { origin } : {}),
    generated: origin !== undefined,
  };
}

/** The ports a rule names, as the edges write them; empty: every port. */
export function rulePortsText(rule: CompiledAdminRule): string {
  if (!rule.rule.ports) return '';
  return rule.rule.ports.map((p) => ('name' in p ? p.name : p.from === p.to ? `${p.protocol} ${p.from}` : `${p.protocol} ${p.from}-${p.to}`)).join(', ');
}

// ---- connections --------------------------------------------------------------------------

/** The first port of a set (TCP first), to ask the engine for the reasons. */
export function firstPort(conn: ConnectionSet): { protocol: Protocol; port: number } | undefined {
  for (const p of PROTOCOLS) {
    const r = conn.byProtocol[p][0];
    if (r) return { protocol: p, port: r.from };
  }
  return undefined;
}

// ---- verdicts -----------------------------------------------------------------------------------

/** The admin or baseline step that decided a direction; undefined when another tier decided. */
export function decidingAdminStep(d: DirectionVerdict): ChainStep | undefined {
  if (d.decidedBy !== 'Admin' && d.decidedBy !== 'Baseline') return undefined;
  const step = d.chain[d.chain.length - 1];
  return step && step.policy && step.outcome !== 'NotIsolated' && step.outcome !== 'Pass' ? step : undefined;
}

export function adminRefOf(step: ChainStep, objects: readonly KubeObject[]): AdminRef | undefined {
  const ref = step.policy;
  if (!ref || (step.tier !== 'Admin' && step.tier !== 'Baseline') || step.outcome === 'NotIsolated') return undefined;
  const object = objects[ref.manifest];
  const origin = policyOrigin(object);
  return {
    tier: step.tier,
    action: step.outcome,
    policy: `${ref.kind}/${ref.name}`,
    rule: step.ruleName || `#${step.ruleIndex ?? 0}`,
    ...(ref.kind === 'BaselineAdminNetworkPolicy' || step.priority === undefined ? {} : { priority: step.priority }),
    ...(origin ? { origin } : {}),
    generated: origin !== undefined,
  };
}

// ---- chips --------------------------------------------------------------------------------------

function actionsText(ingress: readonly AdminAction[], egress: readonly AdminAction[]): string {
  const words = (xs: readonly AdminAction[]) => [...new Set(xs)].join('/');
  const i = words(ingress);
  const e = words(egress);
  if (i && e) return i === e ? `${i} in/out` : `${i} in · ${e} out`;
  if (i) return `${i} in`;
  if (e) return `${e} out`;
  return 'no rules';
}

export function adminPolicyChip(c: CompiledCluster, index: number, objects: readonly KubeObject[]): AdminPolicyChip {
  const { policy } = c.admin.policies[index]!;
  const ingress = policy.ingress.map((r) => r.action);
  const egress = policy.egress.map((r) => r.action);
  const origin = policyOrigin(objects[policy.ref.manifest]);
  return {
    policy: `${policy.kind}/${policy.name}`,
    kind: policy.kind,
    name: policy.name,
    tier: policy.tier,
    ...(policy.kind === 'BaselineAdminNetworkPolicy' ? {} : { priority: policy.priority }),
    actions: actionsText(ingress, egress),
    mainAction: ingress[0] ?? egress[0] ?? 'Pass',
    ...(origin ? { origin } : {}),
  };
}

/** Admin tier first, lower priority first; the baseline last. */
export function byEvaluationOrder(a: AdminPolicyChip, b: AdminPolicyChip): number {
  if (a.tier !== b.tier) return a.tier === 'Admin' ? -1 : 1;
  return (a.priority ?? 0) - (b.priority ?? 0) || a.name.localeCompare(b.name);
}
