// Parsing, compiling and path computation off the main thread: hostile or huge input can only
// stall this worker, which the page terminates after a deadline. The security review of each
// design runs in a worker this one starts (review.worker.ts), after the graph's answer (and the
// YAML) went out, so it delays neither them nor the next request, and once the page has painted
// that answer (src/workers/reviewGate.ts), so it takes no CPU the page's repaint needs.
import { analyzeObjects } from './analysis.ts';
import { clusterMemo, yamlCache } from '../model/index.ts';
import type { ClusterModel, Diagnostic } from '../model/types.ts';
import type { DesignSettings } from '../design/types.ts';
import type { Finding } from '../review/types.ts';
import { analyzeTextForReview, reviewText } from './findings.ts';
import type { AnalysisRequest, AnalysisResponse, HeldPortHandOff, PaintedNotice, WorkerMessage } from './protocol.ts';
import { heldStore } from './heldStore.ts';
import { seedWrittenText } from './seedWritten.ts';
import { sliceAnalysis, type SlicedPart } from './slices.ts';
import { runReviewJob, type ReviewJobResult } from './reviewJobs.ts';
import { analyzeHeldObjects, analyzeHeldText, emitHeldText, type HeldRef } from './held.ts';
import { incremental } from './incremental.ts';
import { runReviewTask, type ReviewTask, type ReviewTaskRequest, type ReviewTaskResult } from './reviewTask.ts';
import { answerSender, type AnswerDeltas } from './answerDelta.ts';
import { reviewGate, reviewWaitMs } from './reviewGate.ts';
import { decodeObjects, encodeObjects } from './objectsPatch.ts';
import type { KubeObject } from '../model/types.ts';
import type { FirstStep } from './firstProgress.ts';

/** The held part without anything else a request's `held` may carry (it is copied to the review worker). */
const heldRef = (h: HeldRef): HeldRef => ({ count: h.count, file: h.file, lines: h.lines, header: h.header });

/**
 * The objects of the last `objects` request, or of the last text parsed without errors (the page
 * adopts those it got back, src/workers/client.ts): the next may come as a patch against them.
 */
let lastObjects: KubeObject[] | undefined;

/** The YAML of the objects written last, by object: a toggle writes only the objects it changed. */
const yaml = yamlCache();

/** The cluster build's memory of the objects it built last: a toggle validates and normalizes only the objects it changed. */
const buildMemo = clusterMemo();

/** What the page holds of the last answer: only what changed since is sent (src/workers/answerDelta.ts). */
const answerSent = answerSender((graph) => incremental.send(graph));

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: WorkerMessage) => scope.postMessage(m);

/** Where findings of written YAML point (the page shows that text; the name is not shown). */
const EMITTED_FILE = 'design.yaml';

function failure(seq: number, started: number, error: unknown): AnalysisResponse {
  const message = error instanceof RangeError
    ? 'The input is too deeply nested or too large to analyze.'
    : `Could not analyze the input: ${error instanceof Error ? error.message : String(error)}`;
  return { seq, ms: performance.now() - started, ok: false, crashed: true, diagnostics: [{ severity: 'error', code: 'analysis-failed', message }] };
}

/**
 * The last design analyzed without errors and the text the editor shows for it (not for designs
 * with a held part, whose text is only the editor's share): a matrix of that text needs no parse.
 */
let analyzed: { text: string; settings: string; cluster: ClusterModel } | undefined;
const remember = (text: string | undefined, settings: DesignSettings, cluster: ClusterModel, diagnostics: readonly Diagnostic[]) => {
  analyzed = text !== undefined && !diagnostics.some((d) => d.severity === 'error') ? { text, settings: JSON.stringify(settings), cluster } : undefined;
};

/** The newest design request (text or objects): a review queued for an older one is skipped. */
let newestDesign = 0;

/** A review runs as a task for the review worker, or in place (a design that only this worker holds). */
type Review = ReviewTask | (() => Finding[] | undefined);

/** The review worker and the design request it is reviewing (src/workers/review.worker.ts). */
let reviewer: Worker | undefined;
let reviewerSeq: number | undefined;
/** The objects the review worker holds (its last `objects`, `heldObjects` or parsed `text` task): the next is sent as a patch against them. */
let reviewerObjects: KubeObject[] | undefined;
/** The held part of the objects the review worker holds (a held design's patch must be against the same part). */
let reviewerHeld: HeldRef | undefined;
/** Whether the running review is of objects the review worker keeps (then it is waited for, not stopped). */
let reviewerKeeps = false;
/** The newest review waiting for the review worker to finish the one it runs. */
let pendingReview: { seq: number; task: ReviewTask } | undefined;

/**
 * The objects this worker parsed from a `text` task's text: the review worker's session parses the
 * same list from the same text and keeps it (src/workers/reviewSession.ts reviewText), so the toggle
 * after a load is a patch against them, reviewed warm.
 */
const parsedFor = new WeakMap<ReviewTask, KubeObject[]>();

function sendReview(w: Worker, seq: number, task: ReviewTask): void {
  reviewerSeq = seq;
  reviewerKeeps = keeps(task);
  w.postMessage({ seq, task: patched(task) } satisfies ReviewTaskRequest);
  if (task.kind === 'objects' || task.kind === 'heldObjects') reviewerObjects = task.objects;
  if (task.kind === 'text') reviewerObjects = parsedFor.get(task);
  if (task.kind === 'objects' || task.kind === 'text') reviewerHeld = undefined;
  if (task.kind === 'heldObjects') reviewerHeld = task.held;
}

/** Tasks whose objects the review worker's session keeps (src/workers/reviewSession.ts). */
const keeps = (task: ReviewTask) => task.kind === 'objects' || task.kind === 'text' || task.kind === 'heldObjects';

function sameHeld(a: HeldRef, b: HeldRef | undefined): boolean {
  if (!b || a.count !== b.count || a.file !== b.file || a.header !== b.header || a.lines.length !== b.lines.length) return false;
  for (let i = 0; i < a.lines.length; i++) if (a.lines[i] !== b.lines[i]) return false;
  return true;
}

/** The waiting review, once the review worker is free (dropped when a newer design came meanwhile). */
function sendPending(): void {
  const next = pendingReview;
  pendingReview = undefined;
  if (!next) return;
  if (next.seq !== newestDesign) {
    post({ type: 'findings', seq: next.seq, findings: undefined, superseded: true });
    return;
  }
  reviewer ??= startReviewer();
  if (reviewer) sendReview(reviewer, next.seq, next.task);
  else post({ type: 'findings', seq: next.seq, findings: undefined });
}

/** An `objects` or `heldObjects` task as a patch against what the review worker holds (of the same kind of design), when that is smaller. */
function patched(task: ReviewTask): ReviewTask {
  if (task.kind === 'objects' && !reviewerHeld) {
    const encoded = encodeObjects(task.objects, reviewerObjects);
    return encoded ? { kind: 'objectsPatch', patch: encoded.patch, middle: encoded.middle, text: task.text, fileName: task.fileName, settings: task.settings } : task;
  }
  if (task.kind === 'heldObjects' && sameHeld(task.held, reviewerHeld)) {
    const encoded = encodeObjects(task.objects, reviewerObjects);
    return encoded ? { kind: 'heldPatch', patch: encoded.patch, middle: encoded.middle, text: task.text, fileName: task.fileName, settings: task.settings, written: task.written } : task;
  }
  return task;
}

function startReviewer(): Worker | undefined {
  // Nested workers: every Chromium, Firefox and Safari 15.5+; elsewhere the review runs here.
  if (typeof Worker === 'undefined') return undefined;
  const w = new Worker(new URL('./review.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (event: MessageEvent<ReviewTaskResult>) => {
    const { seq, findings } = event.data;
    reviewerSeq = undefined;
    // A task that failed may have left the review worker without the objects: send them whole next time.
    if (findings === undefined) reviewerObjects = undefined;
    post(seq === newestDesign ? { type: 'findings', seq, findings } : { type: 'findings', seq, findings: undefined, superseded: true });
    sendPending();
  };
  w.onerror = (event) => {
    event.preventDefault();
    const seq = reviewerSeq;
    w.terminate();
    reviewer = undefined;
    reviewerSeq = undefined;
    reviewerObjects = undefined;
    if (seq !== undefined) post({ type: 'findings', seq, findings: undefined });
    sendPending();
  };
  return w;
}

/**
 * Reviews a design request after its answers were posted. A task goes to the review worker, so this
 * worker is free for the next toggle at once. A review of an older design still running there is
 * dropped (the worker restarted), unless it is a review of objects the review worker keeps
 * (src/workers/reviewSession.ts): then the newest review waits for it, because a restarted worker
 * has lost what makes the next review cheap (the objects, their model, compilations and located
 * documents), and reviews that wait for each other only keep the newest. Every design request gets
 * exactly one `findings` message, so the page knows when none is pending.
 */
function reviewLater(seq: number, review: Review | undefined): void {
  if (!review) {
    post({ type: 'findings', seq, findings: undefined });
    return;
  }
  if (typeof review !== 'function') {
    if (pendingReview) {
      post({ type: 'findings', seq: pendingReview.seq, findings: undefined, superseded: true });
      pendingReview = undefined;
    }
    if (reviewerSeq !== undefined && reviewer && reviewerKeeps && (review.kind === 'objects' || review.kind === 'heldObjects')) {
      pendingReview = { seq, task: review };
      return;
    }
    if (reviewerSeq !== undefined) {
      reviewer?.terminate();
      reviewer = undefined;
      reviewerObjects = undefined;
      post({ type: 'findings', seq: reviewerSeq, findings: undefined, superseded: true });
      reviewerSeq = undefined;
    }
    reviewer ??= startReviewer();
    if (reviewer) {
      sendReview(reviewer, seq, review);
      return;
    }
    const task = review;
    review = () => runReviewTask(task);
  }
  const inPlace = review;
  setTimeout(() => {
    if (seq !== newestDesign) {
      post({ type: 'findings', seq, findings: undefined, superseded: true });
      return;
    }
    let findings: Finding[] | undefined;
    try {
      findings = inPlace();
    } catch {
      findings = undefined;
    }
    post({ type: 'findings', seq, findings });
  }, 0);
}

/** The held objects of a large import, kept here so they cross the page's thread once at most. */
const keptHeld = heldStore();
/** Requests that came while the held objects they refer to were still arriving, in order. */
const waiting: AnalysisRequest[] = [];

/** Reviews wait for the page to paint their request's answer first (src/workers/reviewGate.ts). */
const gate = reviewGate();

scope.onmessage = (event: MessageEvent<AnalysisRequest | HeldPortHandOff | PaintedNotice>) => {
  const m = event.data;
  if (m.kind === 'painted') {
    gate.painted(m.seq);
    return;
  }
  if (m.kind === 'held-port') {
    keptHeld.receive(m.port, () => {
      while (waiting.length > 0) handle(waiting.shift()!);
    });
    return;
  }
  // Later requests wait behind a waiting one: answers keep the order of the requests.
  if (waiting.length > 0 || !keptHeld.ready(m.kind === 'text' ? m.held : undefined)) {
    if (m.kind === 'text' && m.held) step(m.seq, 'receiving');
    waiting.push(m);
  } else handle(m);
};

/** A large import's first analysis (a text request with a held part) says how far it is. */
const step = (seq: number, s: FirstStep) => post({ type: 'progress', seq, step: s });

function handle(request: AnalysisRequest): void {
  let req = request;
  if (req.kind === 'objects') {
    const objects = req.patch ? decodeObjects(req.patch, req.objects, lastObjects) : req.objects;
    // The page sends a patch only against what it sent last; a mismatch is a bug, and a wrong design would be worse than none.
    if (!objects) throw new Error('The objects patch does not fit the objects this worker holds.');
    lastObjects = objects;
    req = { ...req, objects };
  } else if (req.kind === 'text') lastObjects = undefined;
  if (req.kind === 'job') {
    let result: ReviewJobResult;
    try {
      const known = analyzed && analyzed.text === req.text && analyzed.settings === JSON.stringify(req.settings) ? { cluster: analyzed.cluster, compiled: incremental.compiled() } : undefined;
      result = runReviewJob(req.text, req.settings, req.job, known);
    } catch (error) {
      result = { ok: false, message: `Could not complete: ${error instanceof Error ? error.message : String(error)}` };
    }
    post({ type: 'job', seq: req.seq, result });
    return;
  }
  if (req.kind === 'review') {
    let findings: Finding[] | undefined;
    try {
      findings = reviewText(req.text, req.fileName, req.settings);
    } catch {
      findings = undefined;
    }
    post({ type: 'review', seq: req.seq, findings });
    return;
  }
  newestDesign = req.seq;
  analyzed = undefined;
  const started = performance.now();
  let response: AnalysisResponse;
  let review: Review | undefined;
  let built: { cluster: ClusterModel; diagnostics: Diagnostic[] } | undefined;
  try {
    if (req.kind === 'text' && req.held) {
      const seq = req.seq;
      step(seq, 'building');
      const held = keptHeld.resolve(req.held);
      const count = req.held.count;
      const reuse = { memo: buildMemo, checked: keptHeld.checked(), built: () => step(seq, 'analyzing') };
      // The editor text a large import wrote comes with its objects (src/workers/heldStore.ts): no parse.
      const written = keptHeld.written(req.text);
      if (written) {
        // Their documents as the writer's memo: the first toggle writes only the objects it changed.
        seedWrittenText({ text: req.text, objects: written }, held.header);
        const objects = [...held.objects.slice(0, count), ...written];
        const result = analyzeHeldObjects(objects, req.settings, held, incremental.analyze, reuse);
        lastObjects = objects;
        response = { seq: req.seq, ms: performance.now() - started, ...result, analysis: { ...result.analysis, objects: written } };
        review = { kind: 'heldObjects', objects, held: heldRef(held), text: req.text, fileName: req.fileName, settings: req.settings, written: true };
      } else {
        const { result, design } = analyzeHeldText(req.text, req.fileName, req.settings, held, incremental.analyze, reuse);
        // The next objects request may come as a patch against these (the page keeps the same list).
        if (result.ok) lastObjects = result.analysis.objects;
        // The page has the held objects: only the text's go back.
        response = { seq: req.seq, ms: performance.now() - started, ...(result.ok ? { ...result, analysis: { ...result.analysis, objects: result.analysis.objects.slice(count) } } : result) };
        // In the review worker, as toggles are: this worker is free for the next request at once.
        if (design && result.ok) {
          const facts = { cluster: result.analysis.cluster, diagnostics: result.analysis.diagnostics };
          review = { kind: 'held', objects: result.analysis.objects, held: heldRef(held), text: req.text, fileName: req.fileName, settings: req.settings, facts, written: false };
        }
      }
    } else if (req.kind === 'text') {
      const { result, design } = analyzeTextForReview(req.text, req.fileName, req.settings, incremental.analyze, buildMemo);
      response = { seq: req.seq, ms: performance.now() - started, ...result };
      if (result.ok) lastObjects = result.analysis.objects;
      if (result.ok) remember(req.text, req.settings, result.analysis.cluster, result.analysis.diagnostics);
      if (design && result.ok) {
        // With the objects parsed here and their lines, the review parses only the documents its
        // findings point at (copying the objects costs this worker far less than a second parse there).
        const task: ReviewTask = { kind: 'text', text: req.text, fileName: req.fileName, settings: req.settings, parsed: { objects: result.analysis.objects, lines: design.manifests.map((m) => m.source.line) } };
        parsedFor.set(task, result.analysis.objects);
        review = task;
      } else if (design) review = { kind: 'text', text: req.text, fileName: req.fileName, settings: req.settings };
    } else if (req.held) {
      const { held, objects, settings } = req;
      const result = analyzeHeldObjects(objects, settings, held, incremental.analyze, { memo: buildMemo, checked: keptHeld.checked() });
      response = { seq: req.seq, ms: performance.now() - started, ...result, analysis: { ...result.analysis, objects: [] } };
      built = { cluster: result.analysis.cluster, diagnostics: result.analysis.diagnostics };
      const text = req.reviewText;
      if (!req.emit && text !== undefined) review = { kind: 'heldObjects', objects, held: heldRef(held), text, fileName: EMITTED_FILE, settings, written: false };
    } else {
      const result = analyzeObjects(req.objects, req.settings, false, incremental.analyze, buildMemo);
      // The page has the objects it sent: copying them back costs time on its thread.
      response = { seq: req.seq, ms: performance.now() - started, ...(result.ok ? { ...result, analysis: { ...result.analysis, objects: [] } } : result) };
      if (result.ok) built = { cluster: result.analysis.cluster, diagnostics: result.analysis.diagnostics };
      const text = req.reviewText;
      if (result.ok && !req.emit) remember(text, req.settings, result.analysis.cluster, result.analysis.diagnostics);
      if (result.ok && !req.emit && text !== undefined) review = { kind: 'text', text, fileName: EMITTED_FILE, settings: req.settings };
    }
  } catch (error) {
    response = failure(req.seq, started, error);
  }
  const emitLater = req.kind === 'objects' && req.emit && response.ok;
  // The answer as changes against the last one sent, where that is smaller (src/workers/answerDelta.ts).
  let deltas: AnswerDeltas = {};
  if (response.ok) {
    const encoded = answerSent.encode(response.analysis);
    deltas = encoded.deltas;
    response = { ...response, analysis: encoded.analysis };
  }
  if (req.kind === 'text' && req.held && response.ok) step(req.seq, 'sending');
  // A large first answer goes ahead in slices, so the page decodes no one huge message (src/workers/slices.ts).
  let sliced: SlicedPart[] = [];
  if (response.ok) {
    const out = sliceAnalysis(req.seq, response.analysis, post);
    sliced = out.sliced;
    response = { ...response, analysis: out.analysis };
  }
  post({ type: 'analysis', response, textFollows: emitLater, ...deltas, ...(sliced.length > 0 ? { sliced } : {}) });
  if (emitLater && req.kind === 'objects' && built) {
    const { objects, settings } = req;
    const facts = built;
    const held = req.held;
    try {
      const text = held ? emitHeldText(objects, held, yaml.emit) : yaml.emit(objects);
      post({ type: 'text', seq: req.seq, text });
      if (!held) remember(text, settings, facts.cluster, facts.diagnostics);
      review = held
        ? { kind: 'heldObjects', objects, held: heldRef(held), text, fileName: EMITTED_FILE, settings, written: true }
        : { kind: 'objects', objects, text, fileName: EMITTED_FILE, settings };
    } catch (error) {
      post({ type: 'text', seq: req.seq, text: undefined, error: error instanceof Error ? error.message : String(error) });
    }
  }
  const requestSeq = req.seq;
  const toReview = response.ok ? review : undefined;
  const superseded = () => post({ type: 'findings', seq: requestSeq, findings: undefined, superseded: true });
  // Checked again at the start: a newer design whose analysis failed holds no review of its own,
  // so this one can still be waiting when it is no longer the newest.
  const start = () => (requestSeq === newestDesign ? reviewLater(requestSeq, toReview) : superseded());
  // The design's size is its objects (a held design's include the held part).
  if (toReview) gate.hold(requestSeq, reviewWaitMs(lastObjects?.length ?? 0), start, superseded);
  else reviewLater(requestSeq, undefined);
  if (req.kind === 'text' && !req.held && lastObjects) prepareFirstToggle(req.seq, lastObjects);
}

/**
 * After a text's answer went out, while the page draws it: the YAML of its objects, which the
 * first toggle would otherwise write (or look up in the text) for all of them before it could send
 * its text (about 25 CPU ms at 5,000 pods; later toggles write only what they changed). Skipped
 * when a newer request came meanwhile. A large import's written text seeds it instead (seedWrittenText).
 */
function prepareFirstToggle(seq: number, objects: KubeObject[]): void {
  setTimeout(() => {
    if (seq !== newestDesign || objects !== lastObjects) return;
    try {
      yaml.emit(objects);
    } catch {
      // The toggle will write them itself (and report what fails then).
    }
  }, 0);
}
