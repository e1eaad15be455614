import type { ObjectRef, PolicyType, Protocol } from '../model/types.ts';

/** Something traffic comes from or goes to: a workload of the model, or an address outside it. */
export type Endpoint = { kind: 'workload'; id: string } | { kind: 'ip'; ip: string };

export interface Probe {
  from: Endpoint;
  to: Endpoint;
  /** A number, or a port name resolved on the destination's container ports. */
  port: number | string;
  protocol: Protocol;
}

export interface PortProbe {
  port: number;
  protocol: Protocol;
}

/** A rule of a policy, in one direction. */
export interface RuleRef {
  policy: ObjectRef;
  direction: PolicyType;
  ruleIndex: number;
}

/** A rule that allowed the connection, and the parts of it that matched. */
export interface RuleMatch extends RuleRef {
  /** Index into `from`/`to`; undefined when the rule has no peers (all peers). */
  peerIndex?: number;
  /** Index into `ports`; undefined when the rule has no ports (all ports). */
  portIndex?: number;
}

/** A rule of an isolating policy that did not allow the connection, and which half failed. */
export interface RuleMiss extends RuleRef {
  peerMatched: boolean;
  portMatched: boolean;
}

/** Where a decision can come from, in evaluation order. */
export type Tier = 'Admin' | 'NetworkPolicy' | 'Baseline' | 'Default';

/** One tier's part in a direction's decision. */
export interface ChainStep {
  tier: Tier;
  /** A rule's action; for NetworkPolicy Allow/Deny when isolated, else NotIsolated; Default always Allow. */
  outcome: 'Allow' | 'Deny' | 'Pass' | 'NotIsolated';
  policy?: ObjectRef;
  ruleIndex?: number;
  ruleName?: string;
  /** The action as the policy wrote it (`Accept` in ClusterNetworkPolicy). */
  actionWord?: string;
  priority?: number;
  text: string;
}

export interface DirectionVerdict {
  direction: PolicyType;
  /** The workload whose policies decide this direction; null when that end is outside the cluster. */
  subject: string | null;
  /** True when some policy selects the subject for this direction. */
  isolated: boolean;
  isolatingPolicies: ObjectRef[];
  allowed: boolean;
  allowedBy: RuleMatch[];
  misses: RuleMiss[];
  /** The tier whose answer stands. */
  decidedBy: Tier;
  /** Every tier consulted, in order, ending with the one that decided. */
  chain: ChainStep[];
  /** One sentence for people. */
  summary: string;
}

export interface Verdict {
  probe: Probe;
  /** The numeric destination port after resolving a named probe port; undefined when unresolvable. */
  resolvedPort?: number;
  allowed: boolean;
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
  /** One sentence for people. */
  summary: string;
}
