// Parsing, compiling and path computation off the main thread: hostile or huge input can only
// stall this worker, which the page terminates after a deadline. The security review follows each
// analysis here too, after the graph's answer (and the YAML) went out, so it never delays them.
import { analyzeObjects } from './analysis.ts';
import { emitYaml } from '../model/index.ts';
import type { ClusterModel, Diagnostic } from '../model/types.ts';
import type { DesignSettings } from '../design/types.ts';
import { reviewDesign } from '../review/findings/index.ts';
import type { Finding } from '../review/types.ts';
import { analyzeTextForReview, reviewEmitted, reviewText } from './findings.ts';
import type { AnalysisRequest, AnalysisResponse, WorkerMessage } from './protocol.ts';
import { runReviewJob, type ReviewJobResult } from './reviewJobs.ts';
import { analyzeHeldObjects, analyzeHeldText, emitHeldText, reviewHeld } from './held.ts';
import { incremental } from './incremental.ts';
import { clusterEncoder, type StablePart } from './clusterDelta.ts';
import { decodeObjects } from './objectsPatch.ts';
import type { KubeObject } from '../model/types.ts';

/** The objects of the last `objects` request: the next may come as a patch against them. */
let lastObjects: KubeObject[] | undefined;

/** What the page holds of the cluster model: only the parts that changed are sent (src/workers/clusterDelta.ts). */
const clusterSent = clusterEncoder();

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

/**
 * Runs the review after the current message's answers were posted, unless a newer design arrived
 * meanwhile (typing and toggling quickly then review only the last design). Every design request
 * gets exactly one `findings` message, so the page knows when none is pending.
 */
function reviewLater(seq: number, review: (() => Finding[] | undefined) | undefined): void {
  if (!review) {
    post({ type: 'findings', seq, findings: undefined });
    return;
  }
  setTimeout(() => {
    if (seq !== newestDesign) {
      post({ type: 'findings', seq, findings: undefined, superseded: true });
      return;
    }
    let findings: Finding[] | undefined;
    try {
      findings = review();
    } catch {
      findings = undefined;
    }
    post({ type: 'findings', seq, findings });
  }, 0);
}

scope.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  let req = event.data;
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
      const known = analyzed && analyzed.text === req.text && analyzed.settings === JSON.stringify(req.settings) ? { cluster: analyzed.cluster } : undefined;
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
  let review: (() => Finding[] | undefined) | undefined;
  let built: { cluster: ClusterModel; diagnostics: Diagnostic[] } | undefined;
  try {
    if (req.kind === 'text' && req.held) {
      const { result, design } = analyzeHeldText(req.text, req.fileName, req.settings, req.held, incremental.analyze);
      // The page has the held objects: only the text's go back.
      const count = req.held.count;
      response = { seq: req.seq, ms: performance.now() - started, ...(result.ok ? { ...result, analysis: { ...result.analysis, objects: result.analysis.objects.slice(count) } } : result) };
      if (design) review = () => reviewDesign(design, req.settings);
    } else if (req.kind === 'text') {
      const { result, design } = analyzeTextForReview(req.text, req.fileName, req.settings, incremental.analyze);
      response = { seq: req.seq, ms: performance.now() - started, ...result };
      if (result.ok) remember(req.text, req.settings, result.analysis.cluster, result.analysis.diagnostics);
      if (design) review = () => reviewDesign(design, req.settings);
    } else if (req.held) {
      const { held, objects, settings } = req;
      const result = analyzeHeldObjects(objects, settings, held, incremental.analyze);
      response = { seq: req.seq, ms: performance.now() - started, ...result, analysis: { ...result.analysis, objects: [] } };
      built = { cluster: result.analysis.cluster, diagnostics: result.analysis.diagnostics };
      const text = req.reviewText;
      const facts = built;
      if (!req.emit && text !== undefined) review = () => reviewHeld(objects, held, text, EMITTED_FILE, settings, facts, false);
    } else {
      const result = analyzeObjects(req.objects, req.settings, false, incremental.analyze);
      // The page has the objects it sent: copying them back costs time on its thread.
      response = { seq: req.seq, ms: performance.now() - started, ...(result.ok ? { ...result, analysis: { ...result.analysis, objects: [] } } : result) };
      if (result.ok) built = { cluster: result.analysis.cluster, diagnostics: result.analysis.diagnostics };
      const text = req.reviewText;
      if (result.ok && !req.emit) remember(text, req.settings, result.analysis.cluster, result.analysis.diagnostics);
      if (result.ok && !req.emit && text !== undefined) review = () => reviewText(text, EMITTED_FILE, req.settings);
    }
  } catch (error) {
    response = failure(req.seq, started, error);
  }
  const emitLater = req.kind === 'objects' && req.emit && response.ok;
  // The pairs as a change against those sent before, when that is smaller (src/workers/pairsDelta.ts).
  const delta = response.ok ? incremental.send(response.analysis.graph) : undefined;
  if (delta && response.ok) response = { ...response, analysis: { ...response.analysis, graph: { ...response.analysis.graph, pairs: [] } } };
  let same: StablePart[] = [];
  if (response.ok) {
    const encoded = clusterSent.encode(response.analysis.cluster);
    same = encoded.same;
    response = { ...response, analysis: { ...response.analysis, cluster: encoded.cluster } };
  }
  post({ type: 'analysis', response, textFollows: emitLater, ...(delta ? { pairs: delta } : {}), ...(same.length > 0 ? { same } : {}) });
  if (emitLater && req.kind === 'objects' && built) {
    const { objects, settings } = req;
    const facts = built;
    const held = req.held;
    try {
      const text = held ? emitHeldText(objects, held) : emitYaml(objects);
      post({ type: 'text', seq: req.seq, text });
      if (!held) remember(text, settings, facts.cluster, facts.diagnostics);
      review = held ? () => reviewHeld(objects, held, text, EMITTED_FILE, settings, facts, true) : () => reviewEmitted(objects, text, EMITTED_FILE, settings, facts);
    } catch (error) {
      post({ type: 'text', seq: req.seq, text: undefined, error: error instanceof Error ? error.message : String(error) });
    }
  }
  reviewLater(req.seq, response.ok ? review : undefined);
};
