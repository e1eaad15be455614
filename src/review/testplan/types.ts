// A plan of live-cluster probes that prove (or disprove) a design. Plain data.
import type { Protocol, WorkloadKind } from '../../model/types.ts';

/** How a probe is attempted from the probe pod. */
export type ProbeMethod =
  /** `nc -z`: a TCP handshake, reliable either way. */
  | 'tcp'
  /** A DNS query with `dig` to UDP port 53: an answer proves the path. */
  | 'dns'
  /** `nc -zu`: best-effort, UDP has no handshake, so silence reads as "open". */
  | 'udp'
  /** SCTP: nc cannot probe it; listed, never run. */
  | 'unsupported';

export interface PlanWorkload {
  id: string;
  namespace: string;
  name: string;
  kind: WorkloadKind;
  labels: Record<string, string>;
}

export type PlanTarget = { kind: 'workload'; workload: PlanWorkload } | { kind: 'address'; ip: string; title: string };

export interface PlannedProbe {
  /** 1-based, the number the script prints. */
  id: number;
  from: PlanWorkload;
  to: PlanTarget;
  port: number;
  protocol: Protocol;
  /** What the engine says the policies do. */
  expected: 'allow' | 'deny';
  method: ProbeMethod;
}

export interface OutsideTarget {
  ip: string;
  port: number;
  protocol: Protocol;
  title: string;
}

export interface TestPlan {
  probes: PlannedProbe[];
  /** Probe pod image; needs sh, nc (OpenBSD netcat) and dig. */
  image: string;
  timeoutSeconds: number;
}
