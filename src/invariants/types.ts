// The vocabulary of invariants: what a design must keep true, as read from `netpol-invariants.yaml`
// or pinned in the page. Plain data (structured-clone safe): the page keeps them in its store and
// the analysis worker checks them.
import type { LabelSelector, PolicyType, Protocol, SourceLocation } from '../model/types.ts';

export const INVARIANTS_API_VERSION = 'netpol-designer.io/v1';
export const INVARIANTS_KIND = 'Invariants';

export const INVARIANT_KINDS = ['never', 'only', 'always', 'isolated'] as const;
export type InvariantKind = (typeof INVARIANT_KINDS)[number];

/** The outside world, as the graph's outside nodes name it. */
export const OUTSIDE_IDS = ['internet', 'private', 'metadata', 'apiserver', 'dns'] as const;
export type OutsideId = (typeof OUTSIDE_IDS)[number];

/**
 * One end of a path. In-cluster ends select workloads: every field given must match (an empty
 * selector is every workload of the design). Outside ends are an outside node or a CIDR.
 */
export type EndpointSelector =
  | {
    kind: 'workloads';
    namespace?: string;
    /** The workload's name; needs `namespace`. */
    workload?: string;
    namespaceSelector?: LabelSelector;
    podSelector?: LabelSelector;
  }
  | { kind: 'outside'; id: OutsideId }
  | { kind: 'cidr'; cidr: string; except?: string[] };

/** Inclusive port range of one protocol. */
export interface InvariantPort {
  protocol: Protocol;
  from: number;
  to: number;
}

interface InvariantBase {
  /** Unique within the file; used as the rule id in SARIF and as the key in the page. */
  name: string;
  description?: string;
  /** How a violation is reported (SARIF level, findings severity). Default high. */
  severity: 'high' | 'medium' | 'low';
  /** Where it is written, when it comes from a file. */
  location?: SourceLocation;
}

/** No connection from any of `from` to any of `to` (on `ports`; every port when empty). */
export interface NeverInvariant extends InvariantBase {
  kind: 'never';
  from: EndpointSelector[];
  to: EndpointSelector[];
  ports: InvariantPort[];
}

/** Only `from` may reach `to` (on `ports`; every port when empty); every other source is refused. */
export interface OnlyInvariant extends InvariantBase {
  kind: 'only';
  from: EndpointSelector[];
  to: EndpointSelector[];
  ports: InvariantPort[];
}

/** Every `from` reaches every `to` on each of `ports` (on some port when empty). */
export interface AlwaysInvariant extends InvariantBase {
  kind: 'always';
  from: EndpointSelector[];
  to: EndpointSelector[];
  ports: InvariantPort[];
}

/** Every selected workload has a default deny for each of `directions`. */
export interface IsolatedInvariant extends InvariantBase {
  kind: 'isolated';
  target: EndpointSelector[];
  directions: PolicyType[];
}

export type Invariant = NeverInvariant | OnlyInvariant | AlwaysInvariant | IsolatedInvariant;

/** One path that breaks an invariant, with a concrete probe and the engine's explanation of it. */
export interface Violation {
  invariant: string;
  kind: InvariantKind;
  /** Probe syntax: `ns/name` or `ip:ADDR`. */
  from: string;
  to: string;
  /** What is open (never, only) or closed (always) on the path, e.g. `TCP 80, 443`; the direction for isolated. */
  ports: string;
  /** One concrete connection that shows it. */
  probe: { from: string; to: string; port: number; protocol: Protocol };
  /** One sentence for people. */
  message: string;
  /** The engine's verdict for the probe: its summary and every tier's step, in order. */
  explanation: string;
  chain: string[];
  /** The policy rule that opened the path (never, only), for file:line:col. */
  policy?: { kind: string; name: string; namespace?: string; location?: SourceLocation; path?: string };
}

export interface InvariantResult {
  invariant: Invariant;
  holds: boolean;
  /** At most `MAX_VIOLATIONS_PER_INVARIANT`; `violationCount` is the full count. */
  violations: Violation[];
  violationCount: number;
  /** Paths (or workloads, for isolated) the check looked at. */
  checked: number;
  /** Why the check covered less than meant, e.g. a selector that matches no workload. */
  notes: string[];
}
