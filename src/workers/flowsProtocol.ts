// Messages between the page and the flow-log worker. Plain data (structured clone).
import type { DesignSettings } from '../design/types.ts';
import type { ClusterModel } from '../model/types.ts';
import type { FlowFormat, FoldedSource, ObservedTraffic, ParsedFlows, ReplayResult } from '../observed/index.ts';

export type FlowsRequest =
  /**
   * Parse a log. With `next`: when the worker holds the traffic `base` (none: undefined), it then
   * holds `next` = base + this log, so the replay that follows need not send the sources back.
   */
  | { type: 'import'; seq: number; name: string; file?: Blob; text?: string; format?: FlowFormat; base?: string; next?: string }
  /**
   * Judge the traffic `trafficId` by the design's model as the page analyzed it (held objects of a
   * large import included; src/cluster/assumed adds what it does not declare). The page owns the traffic (it is saved and undone
   * with the design); the worker keeps the last one it was sent, so `sources` comes along only
   * when the worker does not have that id yet.
   */
  | { type: 'replay'; seq: number; cluster: ClusterModel; settings: DesignSettings; trafficId: string; sources?: FoldedSource[] };

/** A summary of one imported log (without its connections). */
export interface FlowSourceSummary {
  name: string;
  flows: Omit<ParsedFlows, 'connections'> & { connectionCount: number };
}

export type FlowsMessage =
  | { type: 'progress'; seq: number; bytes: number; total: number; lines: number }
  /** A log parsed and folded: its connections, design-independent. */
  | { type: 'imported'; seq: number; source: FoldedSource; ms: number; holds?: string }
  | { type: 'replayed'; seq: number; trafficId: string; traffic: ObservedTraffic; result: ReplayResult }
  /** The worker does not hold `trafficId` (it was restarted): send the sources again. */
  | { type: 'need-sources'; seq: number }
  | { type: 'error'; seq: number; message: string };
