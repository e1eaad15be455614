// Observed traffic in the page: imported logs (parsed in the flow worker), the replay of the current
// design against them (re-run live when the design or its settings change), and the view's filters.
import { create } from 'zustand';
import type { ObservedFilter, ObservedTraffic, ReplayResult } from '../../observed/index.ts';
export { filterConnections } from '../../observed/index.ts';
import type { FlowSourceSummary, FlowsMessage, FlowsRequest } from '../../workers/flowsProtocol.ts';
import FlowsWorker from '../../workers/flows.worker.ts?worker';
import { useStore } from '../store.ts';
import type { ReplayReport } from '../../review/replay/index.ts';

export interface ImportProgress {
  name: string;
  bytes: number;
  total: number;
  lines: number;
}

interface ObservedState {
  sources: FlowSourceSummary[];
  importing: ImportProgress | null;
  traffic: ObservedTraffic | null;
  result: ReplayResult | null;
  /** The design text the result was computed for. */
  replayedText: string | null;
  showOnGraph: boolean;
  filter: ObservedFilter;
  error: string | null;
}

export const useObserved = create<ObservedState>()(() => ({
  sources: [],
  importing: null,
  traffic: null,
  result: null,
  replayedText: null,
  showOnGraph: true,
  filter: { verdicts: { forwarded: true, dropped: true, audit: true } },
  error: null,
}));

let worker: Worker | undefined;
let seq = 0;
const waiting = new Map<number, (m: FlowsMessage) => void>();

type Request = FlowsRequest extends infer R ? (R extends { seq: number } ? Omit<R, 'seq'> : never) : never;

function send(request: Request, onProgress?: (m: FlowsMessage) => void): Promise<FlowsMessage> {
  if (!worker) {
    worker = new FlowsWorker({ name: 'flows' });
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
    // A worker that dies (out of memory on a huge log) fails what is in flight; the next request starts a new one.
    worker.onerror = (event) => {
      event.preventDefault();
      worker?.terminate();
      worker = undefined;
      const message = `the flow worker stopped (${event.message || 'unknown error'}); imported traffic was lost, import it again`;
      for (const [s, handler] of waiting) handler({ type: 'error', seq: s, message });
      waiting.clear();
      useObserved.setState({ sources: [], traffic: null, result: null, replayedText: null });
    };
  }
  const s = ++seq;
  return new Promise((resolve) => {
    waiting.set(s, (m) => (m.type === 'progress' ? onProgress?.(m) : resolve(m)));
    const message: FlowsRequest = { ...request, seq: s };
    worker!.postMessage(message);
  });
}

let latestReplay = 0;

/** Judges the imported traffic by the current design (the worker holds the traffic). */
export async function rerunReplay(): Promise<void> {
  if (useObserved.getState().sources.length === 0) return;
  const mine = ++latestReplay;
  const { validText, settings } = useStore.getState();
  const m = await send({ type: 'replay', designText: validText, settings });
  if (mine !== latestReplay) return;
  if (m.type === 'replayed') useObserved.setState({ traffic: m.traffic, result: m.result, replayedText: validText, error: null });
  else if (m.type === 'error') useObserved.setState({ error: `Replay failed: ${m.message}` });
}

/** Imports a log (a file streams with progress; pasted text goes whole). */
export async function importFlows(name: string, source: { file: Blob } | { text: string }): Promise<void> {
  const total = 'file' in source ? source.file.size : source.text.length;
  useObserved.setState({ importing: { name, bytes: 0, total, lines: 0 }, error: null });
  const m = await send({ type: 'import', name, ...source }, (p) => {
    if (p.type === 'progress') useObserved.setState({ importing: { name, bytes: p.bytes, total: p.total, lines: p.lines } });
  });
  if (m.type === 'imported') {
    useObserved.setState((s) => ({ sources: [...s.sources, m.source], importing: null }));
    await rerunReplay();
  } else useObserved.setState({ importing: null, error: m.type === 'error' ? `Could not import ${name}: ${m.message}` : null });
}

export async function clearFlows(): Promise<void> {
  await send({ type: 'clear' });
  useObserved.setState({ sources: [], traffic: null, result: null, replayedText: null, error: null });
}

export function setObservedFilter(filter: Partial<ObservedFilter>): void {
  useObserved.setState((s) => ({ filter: { ...s.filter, ...filter } }));
}

export function setShowObservedOnGraph(showOnGraph: boolean): void {
  useObserved.setState({ showOnGraph });
}

let started = false;

/** Re-runs the replay when the design or the settings change (debounced like the baseline diff). */
export function startObservedSync(): void {
  if (started) return;
  started = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  useStore.subscribe((s, prev) => {
    if (useObserved.getState().sources.length === 0 || (s.validText === prev.validText && s.settings === prev.settings)) return;
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
