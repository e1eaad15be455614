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

/** Something a reader must know about a verdict: an exception no policy changes, or a plugin's way. */
export interface VerdictNote {
  text: string;
  /** Where it is written down: a document title and its URL. */
  source?: string;
  url?: string;
  /** The network-plugin profile difference (`cilium.ipblock-pods`) that shaped this verdict. */
  difference?: string;
}

/** Why a verdict bypassed the policies: a pod reaching itself, or a pod and its own node. */
export type VerdictException = 'loopback' | 'own-node';

export interface Verdict {
  probe: Probe;
  /** The numeric destination port after resolving a named probe port; undefined when unresolvable. */
  resolvedPort?: number;
  allowed: boolean;
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
  /** One sentence for people. */
  summary: string;
  /** Set when the connection is allowed whatever the policies say. */
  exception?: VerdictException;
  /** Exceptions, replica traffic, and the profile's documented differences that shaped it. */
  notes?: VerdictNote[];
  /** The network-plugin profile it was judged under (absent: spec). */
  profile?: string;
}
