// The page's handle on the analysis worker: one request at a time per caller, a deadline after
// which the worker is terminated (an alias bomb or a pathological document must not hang the page).
import type { DesignSettings, Diagnostic, KubeObject } from '../ui/core.ts';
import type { AnalysisRequest, AnalysisResponse } from './protocol.ts';
import AnalysisWorker from './analysis.worker.ts?worker';

export const MAX_TEXT_BYTES = 4 * 1024 * 1024;
export const DEADLINE_MS = 12_000;

type Pending = { resolve: (r: AnalysisResponse) => void; timer: ReturnType<typeof setTimeout> };
type Distribute<T> = T extends unknown ? Omit<T, 'seq'> : never;

let worker: Worker | undefined;
let seq = 0;
const pending = new Map<number, Pending>();

const failure = (s: number, message: string, code = 'analysis-failed'): AnalysisResponse => ({
  seq: s, ms: 0, ok: false, crashed: true, diagnostics: [{ severity: 'error', code, message } satisfies Diagnostic],
});

function getWorker(): Worker {
  if (worker) return worker;
  const w = new AnalysisWorker({ name: 'analysis' });
  w.onmessage = (event: MessageEvent<AnalysisResponse>) => {
    const p = pending.get(event.data.seq);
    if (!p) return;
    clearTimeout(p.timer);
    pending.delete(event.data.seq);
    p.resolve(event.data);
  };
  w.onerror = (event) => {
    event.preventDefault();
    restart(`The analysis worker failed: ${event.message || 'unknown error'}`);
  };
  worker = w;
  return w;
}

function restart(message: string): void {
  worker?.terminate();
  worker = undefined;
  for (const [s, p] of pending) {
    clearTimeout(p.timer);
    p.resolve(failure(s, message));
  }
  pending.clear();
}

function send(req: Distribute<AnalysisRequest>): Promise<AnalysisResponse> {
  const s = ++seq;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(s);
      restart('Analysis took too long and was stopped (more than 12 s). The input may be too large or malicious (e.g. a YAML alias bomb).');
      resolve(failure(s, 'Analysis took too long and was stopped (more than 12 s). The input may be too large or malicious (e.g. a YAML alias bomb).', 'timeout'));
    }, DEADLINE_MS);
    pending.set(s, { resolve, timer });
    getWorker().postMessage({ ...req, seq: s } as AnalysisRequest);
  });
}

export function analyzeTextAsync(text: string, fileName: string, settings: DesignSettings): Promise<AnalysisResponse> {
  if (text.length > MAX_TEXT_BYTES) {
    const mb = (text.length / 1024 / 1024).toFixed(1);
    return Promise.resolve(failure(0, `${fileName} is ${mb} MB; the limit is ${MAX_TEXT_BYTES / 1024 / 1024} MB. Split it or remove objects that do not matter for network policy.`, 'too-large'));
  }
  return send({ kind: 'text', text, fileName, settings });
}

export function analyzeObjectsAsync(objects: KubeObject[], settings: DesignSettings, emit: boolean): Promise<AnalysisResponse> {
  return send({ kind: 'objects', objects, settings, emit });
}
