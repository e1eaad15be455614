// The page's handle on the analysis worker: a deadline after which the worker is terminated (an
// alias bomb or a pathological document must not hang the page) and restarted on the next request.
import type { DesignSettings } from '../design/types.ts';
import type { Diagnostic, KubeObject } from '../model/types.ts';
import type { Finding } from '../review/types.ts';
import type { AnalysisRequest, AnalysisResponse, HeldPortHandOff, PaintedNotice, WorkerMessage } from './protocol.ts';
import type { ReviewJob, ReviewJobResult } from './reviewJobs.ts';
import type { HeldPayload, HeldRef } from './held.ts';
import { decodeAnswerDeltas } from './answerDelta.ts';
import type { Analysis } from './analysis.ts';
import { encodeObjects } from './objectsPatch.ts';
import { sliceCollector } from './slices.ts';
import type { FirstStep } from './firstProgress.ts';
import AnalysisWorker from './analysis.worker.ts?worker';

export const MAX_TEXT_BYTES = 4 * 1024 * 1024;
const DEFAULT_DEADLINE_MS = 12_000;
let deadlineMs = DEFAULT_DEADLINE_MS;

/** For tests and the measurements: how long the worker may take before it is stopped. */
export function setAnalysisDeadline(ms: number | undefined): void {
  deadlineMs = ms ?? DEFAULT_DEADLINE_MS;
}

export const tooLongMessage = (ms = deadlineMs) =>
  `Analysis took too long and was stopped (more than ${(ms / 1000).toFixed(ms < 1000 ? 2 : 0)} s). The input may be too large or malicious (for example a YAML alias bomb). The design on screen is kept.`;

interface Pending {
  resolve: (r: AnalysisResponse) => void;
  /** Set for review requests, which answer with findings instead of an analysis. */
  resolveReview?: (findings: Finding[] | undefined) => void;
  resolveJob?: (result: ReviewJobResult) => void;
  /** Set when the YAML text follows the analysis. */
  resolveText?: (text: string | undefined) => void;
  timer: ReturnType<typeof setTimeout>;
}
type Distribute<T> = T extends unknown ? Omit<T, 'seq'> : never;

let worker: Worker | undefined;
/** The last analysis decoded: the next answer may come as changes against it (src/workers/answerDelta.ts). */
let lastAnalysis: Analysis | undefined;
/** The objects of the last `objects` request the worker got (it holds the same list): the next is sent as a patch. */
let lastObjects: KubeObject[] | undefined;
/**
 * The held objects the worker keeps (src/workers/heldStore.ts), as the page's list: a request whose
 * held part is these (or a prefix of them) sends only its reference.
 */
let workerHeld: readonly KubeObject[] | undefined;
/**
 * The text request whose parsed objects become `lastObjects` when it answers: the worker keeps the
 * objects it parsed, so the first switch after an import sends a patch too, not every object (a
 * copy of 6,000 objects cost ~200 ms of the page's thread at 400 namespaces). Cleared by any later
 * objects request, which the worker then holds instead.
 */
let adoptTextSeq: number | undefined;
let seq = 0;
/** Parts of answers sent ahead in slices, until their answer arrives. */
const slices = sliceCollector();
const pending = new Map<number, Pending>();
/** Who wants to know how far a request is (a large import's first analysis), by request. */
const stepListeners = new Map<number, (step: FirstStep) => void>();

/** The findings of a text the editor shows (their locations are its lines), for these settings. */
export interface FindingsReport {
  text: string;
  settings: DesignSettings;
  findings: Finding[];
}
/** Called for each design request's review: with its findings, or undefined when it produced none. */
export type FindingsListener = (report: FindingsReport | undefined) => void;

/** Design requests whose review is still to come, with the text it locates in (once known). */
const reviewing = new Map<number, { settings: DesignSettings; text?: string }>();
const findingsListeners = new Set<FindingsListener>();

/** Subscribes to the review that follows every analysis; returns the unsubscribe function. */
export function onFindings(listener: FindingsListener): () => void {
  findingsListeners.add(listener);
  return () => findingsListeners.delete(listener);
}

/** A review of a design request is still to come. */
export function findingsPending(): boolean {
  return reviewing.size > 0;
}

function reportFindings(s: number, findings: Finding[] | undefined): void {
  const r = reviewing.get(s);
  reviewing.delete(s);
  const report = r?.text !== undefined && findings ? { text: r.text, settings: r.settings, findings } : undefined;
  for (const listener of findingsListeners) listener(report);
}

const failure = (s: number, message: string, code = 'analysis-failed'): AnalysisResponse => ({
  seq: s, ms: 0, ok: false, crashed: true, diagnostics: [{ severity: 'error', code, message } satisfies Diagnostic],
});

/**
 * Runs `fn` once the next frame has been painted (a message posted from a frame callback is handled
 * after that frame). Without frames (no DOM), at once.
 */
function afterNextPaint(fn: () => void): void {
  if (typeof requestAnimationFrame === 'undefined') return fn();
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => fn();
    channel.port2.postMessage(null);
  });
}

function settle(s: number): Pending | undefined {
  const p = pending.get(s);
  if (p) {
    clearTimeout(p.timer);
    pending.delete(s);
  }
  return p;
}

function getWorker(): Worker {
  if (worker) return worker;
  const w = new AnalysisWorker({ name: 'analysis' });
  w.onmessage = (event: MessageEvent<WorkerMessage>) => {
    const m = event.data;
    if (m.type === 'job') {
      settle(m.seq)?.resolveJob?.(m.result);
      return;
    }
    if (m.type === 'review') {
      settle(m.seq)?.resolveReview?.(m.findings);
      return;
    }
    if (m.type === 'findings') {
      reportFindings(m.seq, m.findings);
      return;
    }
    if (m.type === 'text') {
      const r = reviewing.get(m.seq);
      if (r && m.text !== undefined) r.text = m.text;
      settle(m.seq)?.resolveText?.(m.text);
      return;
    }
    if (m.type === 'slice') {
      slices.add(m);
      return;
    }
    if (m.type === 'progress') {
      stepListeners.get(m.seq)?.(m.step);
      return;
    }
    let response = m.response;
    if (response.ok && m.sliced) response = { ...response, analysis: slices.join(response.seq, response.analysis, m.sliced) };
    if (response.ok) {
      const analysis = decodeAnswerDeltas(response.analysis, m, lastAnalysis);
      // Cannot happen while both sides keep step; if it did, the graph would be wrong: fail loudly.
      if (!analysis) {
        restart('The analysis worker and the page lost step; the next change analyzes afresh.');
        return;
      }
      lastAnalysis = analysis;
      response = { ...response, analysis };
    }
    const p = pending.get(response.seq);
    if (!p) return;
    if (!m.textFollows) {
      settle(response.seq);
      p.resolveText?.(undefined);
    }
    p.resolve(response);
    // The store draws the answer in this task's microtasks: once that frame is out, the review may
    // have the CPU (the worker holds it until then, src/workers/reviewGate.ts).
    const answered = response.seq;
    afterNextPaint(() => w.postMessage({ kind: 'painted', seq: answered } satisfies PaintedNotice));
  };
  w.onerror = (event) => {
    event.preventDefault();
    restart(`The analysis worker failed: ${event.message || 'unknown error'}`);
  };
  worker = w;
  return w;
}

/** Terminates the worker; every request in flight fails with `message`. The next request starts a new one. */
function restart(message: string, code = 'analysis-failed'): void {
  worker?.terminate();
  worker = undefined;
  lastAnalysis = undefined;
  lastObjects = undefined;
  workerHeld = undefined;
  slices.clear();
  adoptTextSeq = undefined;
  for (const [s, p] of pending) {
    clearTimeout(p.timer);
    p.resolve(failure(s, message, code));
    p.resolveText?.(undefined);
    p.resolveReview?.(undefined);
    p.resolveJob?.({ ok: false, message });
  }
  pending.clear();
  // The reviews of the stopped worker never come: listeners learn that none is pending.
  if (reviewing.size > 0) {
    reviewing.clear();
    for (const listener of findingsListeners) listener(undefined);
  }
}

/**
 * The deadline stops hostile or pathological text. Objects held apart from the editor (a large
 * import) were already read and validated by the import: their design gets time in proportion to
 * its size (5 ms per object: 20,000 pods add 100 s; Cancel stops an import sooner), so a whole
 * cluster is not stopped as an attack.
 */
function heldAllowance(req: Distribute<AnalysisRequest>): number {
  if (req.kind === 'text' && req.held) return req.held.count * 5;
  if (req.kind === 'objects' && req.held) return req.held.count * 5;
  return 0;
}

/**
 * How long a request may take: the deadline, plus a second per 100 KB of input (in proportion to a
 * shorter deadline set for tests and measurements), so a large honest
 * design is not stopped on a busy machine while a small hostile one (an alias bomb) still is.
 */
const deadlineFor = (size: number) => deadlineMs + Math.floor(size / 100_000) * 1000 * (deadlineMs / DEFAULT_DEADLINE_MS);

/** A rough size of objects in bytes of YAML, without writing it. */
const objectsSize = (objects: readonly KubeObject[]) => objects.length * 400;

function send(req: Distribute<AnalysisRequest>, withText: boolean): { response: Promise<AnalysisResponse>; text: Promise<string | undefined> } {
  const s = ++seq;
  let resolveText: ((t: string | undefined) => void) | undefined;
  const text = withText ? new Promise<string | undefined>((r) => (resolveText = r)) : Promise.resolve(undefined);
  const response = new Promise<AnalysisResponse>((resolve) => {
    const size = req.kind === 'text' ? req.text.length : req.kind === 'objects' ? objectsSize(req.objects) : 0;
    const allowed = deadlineFor(size) + heldAllowance(req);
    const timer = setTimeout(() => restart(tooLongMessage(allowed), 'timeout'), allowed);
    pending.set(s, { resolve, timer, ...(resolveText ? { resolveText } : {}) });
    if (req.kind === 'text') reviewing.set(s, { settings: req.settings, text: req.text });
    else if (req.kind === 'objects') reviewing.set(s, { settings: req.settings, ...(req.reviewText !== undefined ? { text: req.reviewText } : {}) });
    const w = getWorker();
    if (req.kind === 'objects') {
      adoptTextSeq = undefined;
      const encoded = encodeObjects(req.objects, lastObjects);
      lastObjects = req.objects;
      w.postMessage((encoded ? { ...req, objects: encoded.middle, patch: encoded.patch, seq: s } : { ...req, seq: s }) as AnalysisRequest);
    } else if (req.kind === 'text' && req.held && 'objects' in req.held) {
      lastObjects = undefined;
      adoptTextSeq = undefined;
      const held = req.held;
      if (keepsHeld(held.objects, held.count)) w.postMessage({ ...req, held: heldRef(held), seq: s } satisfies AnalysisRequest);
      else {
        workerHeld = held.objects;
        w.postMessage({ ...req, seq: s } as AnalysisRequest);
      }
    } else {
      // The worker forgets its objects on other requests.
      if (req.kind === 'text') {
        lastObjects = undefined;
        adoptTextSeq = s;
      }
      w.postMessage({ ...req, seq: s } as AnalysisRequest);
    }
  });
  return { response, text };
}

/** The held part without its objects. */
const heldRef = (h: HeldRef): HeldRef => ({ count: h.count, file: h.file, lines: h.lines, header: h.header });

/** Whether the worker keeps these held objects (the first `count`, by identity: a check of microseconds). */
function keepsHeld(objects: readonly KubeObject[], count: number): boolean {
  const kept = workerHeld;
  if (!kept || count > kept.length || count > objects.length) return false;
  for (let i = 0; i < count; i++) if (objects[i] !== kept[i]) return false;
  return true;
}

/**
 * The port a large import sends its held objects to this worker on (src/workers/importClient.ts):
 * `objects` is the page's list of the same objects, filled as they arrive. The first analysis of the
 * import then carries only the reference, so the page never copies them to the worker.
 */
export function receiveHeld(port: MessagePort, objects: readonly KubeObject[]): void {
  getWorker().postMessage({ kind: 'held-port', port } satisfies HeldPortHandOff, [port]);
  workerHeld = objects;
}

/** The import that was to send its held objects was cancelled: requests send their objects again. */
export function forgetHeld(objects: readonly KubeObject[]): void {
  if (workerHeld === objects) workerHeld = undefined;
}

/** Starts the worker early, so its script loads while the page renders. */
export function warmUpAnalysis(): void {
  getWorker();
}

export function analyzeTextAsync(text: string, fileName: string, settings: DesignSettings, held?: HeldPayload): Promise<AnalysisResponse> {
  if (text.length > MAX_TEXT_BYTES) {
    const mb = (text.length / 1024 / 1024).toFixed(1);
    return Promise.resolve(failure(0, `${fileName} is ${mb} MB; the limit is ${MAX_TEXT_BYTES / 1024 / 1024} MB. Split it or remove objects that do not matter for network policy.`, 'too-large'));
  }
  const adopt = (r: AnalysisResponse): AnalysisResponse => {
    if (r.ok && adoptTextSeq === r.seq) lastObjects = r.analysis.objects;
    if (adoptTextSeq === r.seq) adoptTextSeq = undefined;
    return r;
  };
  if (!held) return send({ kind: 'text', text, fileName, settings }, false).response.then(adopt);
  // The worker sends back the text's objects only: the held ones are these.
  const sent = send({ kind: 'text', text, fileName, settings, held }, false);
  const mine = seq;
  return sent.response.then((r) => {
    if (!r.ok) return r;
    const objects = [...held.objects.slice(0, held.count), ...r.analysis.objects];
    // The worker keeps this list: the next objects request (a toggle) is a patch against it,
    // unless another request went out since (or the worker was restarted).
    if (mine === seq && worker) lastObjects = objects;
    return { ...r, analysis: { ...r.analysis, objects } };
  });
}

/**
 * The first analysis of a large import, asked for as soon as the import is done: the analysis worker
 * gets the held objects through the port (receiveHeld) and starts when it has them, while the page
 * is still decoding its own copy (`held.objects`, the list receiveHeld was given, filling as the
 * slices arrive; `arrived` resolves when it is full, with false when it never will be). The answer
 * waits for the page's copy (the analysis's objects are it). When the worker was not given that
 * port, this is analyzeTextAsync once the page has them all.
 */
export function analyzeImportAsync(text: string, fileName: string, settings: DesignSettings, held: HeldPayload, arrived: Promise<boolean>, onStep?: (step: FirstStep) => void): Promise<AnalysisResponse> {
  const gone = (): AnalysisResponse => failure(0, 'The import stopped before its objects arrived.', 'import-failed');
  if (workerHeld !== held.objects || !worker || text.length > MAX_TEXT_BYTES) {
    return arrived.then((all) => (all ? analyzeTextAsync(text, fileName, settings, held) : gone()));
  }
  lastObjects = undefined;
  const sent = send({ kind: 'text', text, fileName, settings, held: heldRef(held) }, false);
  adoptTextSeq = undefined;
  const mine = seq;
  if (onStep) stepListeners.set(mine, onStep);
  return sent.response.then(async (r) => {
    stepListeners.delete(mine);
    if (!r.ok) return r;
    if (!(await arrived)) return gone();
    const objects = [...held.objects.slice(0, held.count), ...r.analysis.objects];
    if (mine === seq && worker) lastObjects = objects;
    return { ...r, analysis: { ...r.analysis, objects } };
  });
}

/**
 * Analyzes objects. With `emit`, `text` resolves to their YAML after the analysis arrived (or to
 * undefined when it failed or was stopped). Without, `reviewText` (the YAML the objects were parsed
 * from) lets the review that follows locate its findings; with `emit` they are located in the new YAML.
 */
export function analyzeObjectsAsync(
  objects: KubeObject[],
  settings: DesignSettings,
  emit: boolean,
  reviewText?: string,
  held?: HeldRef,
): { response: Promise<AnalysisResponse>; text: Promise<string | undefined> } {
  const job = send({ kind: 'objects', objects, settings, emit, ...(!emit && reviewText !== undefined ? { reviewText } : {}), ...(held ? { held } : {}) }, emit);
  // The worker does not copy the objects back: they are these.
  return { ...job, response: job.response.then((r) => (r.ok ? { ...r, analysis: { ...r.analysis, objects } } : r)) };
}

/** The review's findings for a text of record (undefined when the review failed or was stopped). */
export function reviewTextAsync(text: string, fileName: string, settings: DesignSettings): Promise<Finding[] | undefined> {
  if (text.length > MAX_TEXT_BYTES) return Promise.resolve(undefined);
  const s = ++seq;
  return new Promise((resolveReview) => {
    const timer = setTimeout(() => restart(tooLongMessage(), 'timeout'), deadlineMs);
    pending.set(s, { resolve: () => resolveReview(undefined), resolveReview, timer });
    getWorker().postMessage({ kind: 'review', text, fileName, settings, seq: s } satisfies AnalysisRequest);
  });
}

/** Runs a review job (diff, report, test plan, diagram) on the text of record in the worker. */
export function runReviewJobAsync(text: string, settings: DesignSettings, job: ReviewJob): Promise<ReviewJobResult> {
  const s = ++seq;
  return new Promise((resolveJob) => {
    const timer = setTimeout(() => restart(tooLongMessage(), 'timeout'), deadlineMs * 2);
    pending.set(s, { resolve: () => resolveJob({ ok: false, message: 'The worker stopped.' }), resolveJob, timer });
    getWorker().postMessage({ kind: 'job', text, settings, job, seq: s } satisfies AnalysisRequest);
  });
}
