// Observed traffic: what a flow log says happened, before and after it is mapped onto a design.
// Plain data: everything here crosses a worker boundary (structured clone) and prints as JSON.
import type { ExternalId } from '../design/types.ts';
import type { Protocol } from '../model/types.ts';

/**
 * The formats an import understands; without one, each file's is detected from its first line.
 * `folded`: the page's "Download folded traffic" file (src/observed/folded.ts).
 */
export type FlowFormat = 'hubble' | 'csv' | 'json' | 'testplan' | 'folded';

/** What the capture saw happen to a packet. AUDIT: a policy would have dropped it, but audit mode let it pass. */
export type ObservedVerdict = 'forwarded' | 'dropped' | 'audit';

/** One end as the log names it, before the design is consulted. */
export interface RawEnd {
  namespace?: string;
  /** Pod name (`hub-7d9f8c6b5-x2x4q`). */
  pod?: string;
  /** Owner workload as the log names it (Hubble's `workloads[0]`, or `ns/name` in the plain form). */
  workload?: string;
  workloadKind?: string;
  /** Pod labels, without Cilium's `k8s:` source prefix. */
  labels?: Record<string, string>;
  /** Cilium's reserved identities (`world`, `kube-apiserver`, `host`, `remote-node`, ...). */
  reserved?: string[];
  ip?: string;
}

/** One parsed record of a log: a connection attempt, already turned client -> server. */
export interface RawRecord {
  line: number;
  from: RawEnd;
  to: RawEnd;
  port: number;
  protocol: Protocol;
  verdict: ObservedVerdict;
  /** Milliseconds since the epoch, when the log has times. */
  time?: number;
  /** How many packets/flows this record stands for (the plain form's `count`, else 1). */
  count: number;
}

/** Records folded by their raw identity: replies and duplicates (both ends report a flow) are one. */
export interface RawConnection {
  from: RawEnd;
  to: RawEnd;
  port: number;
  protocol: Protocol;
  count: number;
  forwarded: number;
  dropped: number;
  audit: number;
  first?: number;
  last?: number;
  /** The first line that showed it, to find it in the log. */
  line: number;
}

export interface FlowProblem {
  line: number;
  message: string;
}

/** Records read but not judged, by reason (ICMP, replies without ports...): counted, never silently dropped. */
export interface SkippedRecords {
  reason: string;
  count: number;
  /** The first line of that kind. */
  line: number;
}

/** A parsed log: design-independent, so the page maps it again whenever the design changes. */
export interface ParsedFlows {
  format: FlowFormat;
  lines: number;
  records: number;
  connections: RawConnection[];
  problems: FlowProblem[];
  /** Problems beyond the ones kept in `problems`. */
  moreProblems: number;
  skipped: SkippedRecords[];
}

/** An end mapped onto the design: a workload of it, a node of the outside world, or neither. */
export type ObservedEnd =
  | { kind: 'workload'; id: string }
  | { kind: 'external'; id: ExternalId; ip?: string }
  | { kind: 'unknown'; label: string; reason: string };

export interface ObservedConnection {
  /** Stable: `from -> to proto/port` with the mapped ends (outside ends keep their address). */
  key: string;
  from: ObservedEnd;
  to: ObservedEnd;
  port: number;
  protocol: Protocol;
  count: number;
  forwarded: number;
  dropped: number;
  audit: number;
  first?: number;
  last?: number;
  line: number;
}

/** An endpoint of the log that matches nothing in the design. */
export interface UnknownEndpoint {
  label: string;
  reason: string;
  /** Observed records that name it. */
  count: number;
  line: number;
}

export interface ObservedTraffic {
  connections: ObservedConnection[];
  unknown: UnknownEndpoint[];
}
