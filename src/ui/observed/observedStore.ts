// Observed traffic in the page: imported logs (parsed in the flow worker), the replay of the current
// design against them (re-run live when the design or its settings change), and the view's filters.
import { create } from 'zustand';
import type { FoldedSource, ObservedFilter, ObservedTraffic, ReplayResult } from '../../observed/index.ts';
export { filterConnections } from '../../observed/index.ts';
import type { FlowSourceSummary, FlowsMessage, FlowsRequest } from '../../workers/flowsProtocol.ts';
import FlowsWorker from '../../workers/flows.worker.ts?worker';
import { notify, pushUndoStep, registerUndoPart, useStore } from '../store.ts';
import type { Analysis } from '../../workers/analysis.ts';
import type { ReplayReport } from '../../review/replay/index.ts';

export interface ImportProgress {
  name: string;
  bytes: number;
  total: number;
  lines: number;
}

/**
 * The imported traffic, folded (one entry per log): the page's copy of record, saved with the design
 * (autosave, share links) and stepped through by Undo. Never mutated: a change is a new object.
 */
export interface StoredTraffic {
  id: string;
  sources: FoldedSource[];
}

interface ObservedState {
  stored: StoredTraffic | null;
  sources: FlowSourceSummary[];
  importing: ImportProgress | null;
  traffic: ObservedTraffic | null;
  result: ReplayResult | null;
  /** The analysis the result was computed for. */
  replayedFor: Analysis | null;
  showOnGraph: boolean;
  filter: ObservedFilter;
  error: string | null;
}

export const useObserved = create<ObservedState>()(() => ({
  stored: null,
  sources: [],
  importing: null,
  traffic: null,
  result: null,
  replayedFor: null,
  showOnGraph: true,
  filter: { verdicts: { forwarded: true, dropped: true, audit: true } },
  error: null,
}));

let worker: Worker | undefined;
/** The traffic the worker holds (it keeps the last one sent). */
let workerHas: string | undefined;
let seq = 0;
const waiting = new Map<number, (m: FlowsMessage) => void>();

type Request = FlowsRequest extends infer R ? (R extends { seq: number } ? Omit<R, 'seq'> : never) : never;

function send(request: Request, onProgress?: (m: FlowsMessage) => void): Promise<FlowsMessage> {
  if (!worker) {
    worker = new FlowsWorker({ name: 'flows' });
    workerHas = undefined;
    worker.onmessage = (event: MessageEvent<FlowsMessage>) => {
      const m = event.data;
      const handler = waiting.get(m.seq);
      if (!handler) return;
      if (m.type === 'progress') handler(m);
      else {
        waiting.delete(m.seq);
        handler(m);
      }
    };
    // A worker that dies (out of memory on a huge log) fails what is in flight; the next request
    // starts a new one. The traffic imported before is the page's: it stays.
    worker.onerror = (event) => {
      event.preventDefault();
      worker?.terminate();
      worker = undefined;
      workerHas = undefined;
      const message = `the flow worker stopped (${event.message || 'unknown error'})`;
      for (const [s, handler] of waiting) handler({ type: 'error', seq: s, message });
      waiting.clear();
    };
  }
  const s = ++seq;
  return new Promise((resolve) => {
    waiting.set(s, (m) => (m.type === 'progress' ? onProgress?.(m) : resolve(m)));
    const message: FlowsRequest = { ...request, seq: s };
    worker!.postMessage(message);
  });
}

const summaryOf = (s: FoldedSource): FlowSourceSummary => ({ name: s.name, flows: { ...s.flows, connectionCount: s.connections.length } });

let nextTrafficId = 0;
export const newTrafficId = (): string => `${Date.now().toString(36)}-${(nextTrafficId++).toString(36)}`;

/** Shows `stored` (no undo step: callers that change the work push one first), and replays it. */
export function showTraffic(stored: StoredTraffic | null): void {
  if (stored === useObserved.getState().stored) return;
  if (!stored || stored.sources.length === 0) {
    useObserved.setState({ stored: null, sources: [], traffic: null, result: null, replayedFor: null, error: null });
    return;
  }
  useObserved.setState({ stored, sources: stored.sources.map(summaryOf), error: null });
  void rerunReplay();
}

/** Replaces the traffic as one undoable change. */
function changeTraffic(stored: StoredTraffic | null): void {
  pushUndoStep();
  showTraffic(stored);
}

// Undo and Redo step through imports and clears with the design: one history.
registerUndoPart({ capture: () => useObserved.getState().stored, restore: (v) => showTraffic(v as StoredTraffic | null) });

let latestReplay = 0;

/** Judges the imported traffic by the current design (the worker keeps a copy of the traffic). */
export async function rerunReplay(): Promise<void> {
  const { stored } = useObserved.getState();
  const { analysis, settings } = useStore.getState();
  if (!stored || !analysis) return;
  const mine = ++latestReplay;
  const request = { type: 'replay' as const, cluster: analysis.cluster, settings, trafficId: stored.id };
  let m = await send(workerHas === stored.id ? request : { ...request, sources: stored.sources });
  if (m.type === 'need-sources') m = await send({ ...request, sources: stored.sources });
  if (m.type === 'replayed' || m.type === 'need-sources') workerHas = stored.id;
  if (mine !== latestReplay) return;
  if (m.type === 'replayed') {
    performance.mark('netpol:flows-replayed', { detail: { connections: m.traffic.connections.length } });
    useObserved.setState({ traffic: m.traffic, result: m.result, replayedFor: analysis, error: null });
  }
  else if (m.type === 'error') useObserved.setState({ error: `Replay failed: ${m.message}` });
}

/** Imports a log (a file streams with progress; pasted text goes whole): one undoable change. */
export async function importFlows(name: string, source: { file: Blob } | { text: string }): Promise<void> {
  const total = 'file' in source ? source.file.size : source.text.length;
  useObserved.setState({ importing: { name, bytes: 0, total, lines: 0 }, error: null });
  // The worker appends the log to the traffic it holds: the replay then sends nothing back.
  const base = useObserved.getState().stored;
  const next = newTrafficId();
  const appendable = !base || workerHas === base.id;
  const m = await send({ type: 'import', name, ...source, ...(appendable ? { next, ...(base ? { base: base.id } : {}) } : {}) }, (p) => {
    if (p.type === 'progress') useObserved.setState({ importing: { name, bytes: p.bytes, total: p.total, lines: p.lines } });
  });
  if (m.type === 'imported') {
    // For scripts/measure-flows.ts: the worker's parse, and (below) when the replay arrived.
    performance.mark('netpol:flows-imported', { detail: { workerMs: m.ms } });
    useObserved.setState({ importing: null });
    const before = useObserved.getState().stored;
    // The worker holds `next` only if the traffic did not change meanwhile (an Undo during the import).
    const same = before === base;
    if (same && m.holds === next) workerHas = next;
    changeTraffic({ id: same ? next : newTrafficId(), sources: [...(before?.sources ?? []), m.source] });
    notify({ kind: 'success', title: `Imported ${name}: ${m.source.connections.length.toLocaleString('en-US')} connection(s) from ${m.source.flows.records.toLocaleString('en-US')} record(s).`, undoable: true });
  } else useObserved.setState({ importing: null, error: m.type === 'error' ? `Could not import ${name}: ${m.message}` : null });
}

export function clearFlows(): void {
  changeTraffic(null);
  notify({ kind: 'success', title: 'Cleared the imported traffic.', undoable: true });
}

export function setObservedFilter(filter: Partial<ObservedFilter>): void {
  useObserved.setState((s) => ({ filter: { ...s.filter, ...filter } }));
}

export function setShowObservedOnGraph(showOnGraph: boolean): void {
  useObserved.setState({ showOnGraph });
}

let started = false;

/** Re-runs the replay when the design or the settings change: each new analysis (debounced like the baseline diff). */
export function startObservedSync(): void {
  if (started) return;
  started = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  useStore.subscribe((s, prev) => {
    if (!useObserved.getState().stored || s.analysis === prev.analysis || !s.analysis) return;
    clearTimeout(timer);
    timer = setTimeout(() => void rerunReplay(), 250);
  });
}

/** The replay for the review report, when traffic is imported; a Hubble log means the Cilium profile. */
export function observedReplayReport(): ReplayReport | undefined {
  const { sources, traffic, result } = useObserved.getState();
  if (!traffic || !result || sources.length === 0) return undefined;
  return {
    sources: sources.map((s) => ({ name: s.name, flows: s.flows })),
    traffic, result,
    ...(sources.some((s) => s.flows.format === 'hubble') ? { plugin: 'cilium' as const } : {}),
  };
}
