// Parsing, compiling and path computation off the main thread: hostile or huge input can only
// stall this worker, which the page terminates after a deadline.
import { analyzeObjects, analyzeText } from './analysis.ts';
import type { AnalysisRequest, AnalysisResponse } from './protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  const req = event.data;
  const started = performance.now();
  let response: AnalysisResponse;
  try {
    const result = req.kind === 'text' ? analyzeText(req.text, req.fileName, req.settings) : analyzeObjects(req.objects, req.settings, req.emit);
    response = { seq: req.seq, ms: performance.now() - started, ...result };
  } catch (error) {
    const message = error instanceof RangeError
      ? 'The input is too deeply nested or too large to analyze.'
      : `Could not analyze the input: ${error instanceof Error ? error.message : String(error)}`;
    response = { seq: req.seq, ms: performance.now() - started, ok: false, crashed: true, diagnostics: [{ severity: 'error', code: 'analysis-failed', message }] };
  }
  scope.postMessage(response);
};
