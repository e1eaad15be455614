// Messages between the page and the flow-log worker. Plain data (structured clone).
import type { DesignSettings } from '../design/types.ts';
import type { FlowFormat, ObservedTraffic, ParsedFlows, ReplayResult } from '../observed/index.ts';

export type FlowsRequest =
  | { type: 'import'; seq: number; name: string; file?: Blob; text?: string; format?: FlowFormat }
  | { type: 'replay'; seq: number; designText: string; settings: DesignSettings }
  | { type: 'clear'; seq: number };

/** A summary of one imported log (its connections stay in the worker). */
export interface FlowSourceSummary {
  name: string;
  flows: Omit<ParsedFlows, 'connections'> & { connectionCount: number };
}

export type FlowsMessage =
  | { type: 'progress'; seq: number; bytes: number; total: number; lines: number }
  | { type: 'imported'; seq: number; source: FlowSourceSummary; ms: number }
  | { type: 'replayed'; seq: number; traffic: ObservedTraffic; result: ReplayResult }
  | { type: 'cleared'; seq: number }
  | { type: 'error'; seq: number; message: string };
