// What changed between a baseline design (A) and the current one (B). Plain data: the page renders
// it and colours graph edges by `key`, the CLI prints it, JSON carries it as is.
import type { ConnectionSet } from '../../engine/index.ts';
import type { ExternalId } from '../../design/types.ts';

/** A policy object, keyed the way kubectl identifies it. */
export interface PolicyRef {
  /** `kind/namespace/name`, or `kind/name` for cluster-scoped kinds. */
  key: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** One field that differs; values are compact JSON, absent when the field is missing on that side. */
export interface FieldChange {
  path: string;
  before?: string;
  after?: string;
}

export interface PolicyChange {
  policy: PolicyRef;
  changes: FieldChange[];
}

export interface DiffEndpoint {
  /** The graph's node key: `wl:namespace/name` or `ext:internet`. */
  key: string;
  kind: 'workload' | 'external';
  /** `namespace/name` for a workload, the external node's id otherwise. */
  id: string;
  label: string;
  /** Which designs have it; pairs with an end missing on one side allow nothing there. */
  presentIn: 'both' | 'baseline' | 'current';
  externalId?: ExternalId;
}

/** What a pair of endpoints could do before and after, and the difference either way. */
export interface ConnectionChange {
  from: DiffEndpoint;
  to: DiffEndpoint;
  before: ConnectionSet;
  after: ConnectionSet;
  opened: ConnectionSet;
  closed: ConnectionSet;
}

export interface DesignDiff {
  policies: { added: PolicyRef[]; removed: PolicyRef[]; changed: PolicyChange[] };
  workloads: { added: string[]; removed: string[] };
  connections: ConnectionChange[];
  /**
   * Present when `connections` lists only some of the changed pairs (a filtered diff, as the page
   * asks for on big designs): how many pairs changed, gained and lost something in all.
   */
  totals?: { pairs: number; opened: number; closed: number };
  /** The size of the comparison, for the reader's trust and for timings. */
  compared: { endpoints: number; pairs: number; portIntervals: number };
}
