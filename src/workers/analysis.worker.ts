// Parsing, compiling and path computation off the main thread: hostile or huge input can only
// stall this worker, which the page terminates after a deadline.
import { analyzeObjects, analyzeText } from './analysis.ts';
import { emitYaml, loadDesign, reviewDesign } from '../ui/core.ts';
import type { AnalysisRequest, AnalysisResponse, WorkerMessage } from './protocol.ts';
import { runReviewJob, type ReviewJobResult } from './reviewJobs.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: WorkerMessage) => scope.postMessage(m);

function failure(seq: number, started: number, error: unknown): AnalysisResponse {
  const message = error instanceof RangeError
    ? 'The input is too deeply nested or too large to analyze.'
    : `Could not analyze the input: ${error instanceof Error ? error.message : String(error)}`;
  return { seq, ms: performance.now() - started, ok: false, crashed: true, diagnostics: [{ severity: 'error', code: 'analysis-failed', message }] };
}

scope.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  const req = event.data;
  if (req.kind === 'job') {
    let result: ReviewJobResult;
    try {
      result = runReviewJob(req.text, req.settings, req.job);
    } catch (error) {
      result = { ok: false, message: `Could not complete: ${error instanceof Error ? error.message : String(error)}` };
    }
    post({ type: 'job', seq: req.seq, result });
    return;
  }
  if (req.kind === 'review') {
    let findings: ReturnType<typeof reviewDesign> | undefined;
    try {
      findings = reviewDesign(loadDesign([{ name: req.fileName, text: req.text }]), req.settings);
    } catch {
      findings = undefined;
    }
    post({ type: 'review', seq: req.seq, findings });
    return;
  }
  const started = performance.now();
  let response: AnalysisResponse;
  const emitLater = req.kind === 'objects' && req.emit;
  try {
    let result = req.kind === 'text' ? analyzeText(req.text, req.fileName, req.settings) : analyzeObjects(req.objects, req.settings, false);
    // The page has the objects it sent: copying them back costs time on its thread.
    if (req.kind === 'objects' && result.ok) result = { ...result, analysis: { ...result.analysis, objects: [] } };
    response = { seq: req.seq, ms: performance.now() - started, ...result };
  } catch (error) {
    response = failure(req.seq, started, error);
  }
  post({ type: 'analysis', response, textFollows: emitLater && response.ok });
  if (!emitLater || !response.ok || req.kind !== 'objects') return;
  try {
    post({ type: 'text', seq: req.seq, text: emitYaml(req.objects) });
  } catch (error) {
    post({ type: 'text', seq: req.seq, text: undefined, error: error instanceof Error ? error.message : String(error) });
  }
};
