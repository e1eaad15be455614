// Reads and parses a large import off the main thread (src/import), posting progress. The page
// cancels by terminating this worker: nothing of the design on screen has changed until it is done.
import { importLarge, type ImportOutcome } from '../import/index.ts';
import { emitYaml } from '../model/emit.ts';
import type { KubeObject } from '../model/types.ts';

export type ImportRequest = { file: Blob; name: string } | { emit: KubeObject[] };
export type ImportMessage =
  | { type: 'progress'; phase: 'reading' | 'parsing'; done: number; total: number }
  | { type: 'done'; outcome: ImportOutcome; ms: number }
  | { type: 'emitted'; text: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: ImportMessage) => scope.postMessage(m);

scope.onmessage = async (event: MessageEvent<ImportRequest>) => {
  const req = event.data;
  // Writing the YAML of a large design (Download) takes seconds: here, not on the page's thread.
  if ('emit' in req) {
    post({ type: 'emitted', text: req.emit.length > 0 ? emitYaml(req.emit) : '' });
    return;
  }
  const { file, name } = req;
  const started = performance.now();
  let outcome: ImportOutcome;
  try {
    post({ type: 'progress', phase: 'reading', done: 0, total: file.size });
    const text = await file.text();
    outcome = importLarge(text, name, (p) => post({ type: 'progress', phase: 'parsing', ...p }));
  } catch (error) {
    const message = error instanceof RangeError ? 'the file is too large or too deeply nested to read' : error instanceof Error ? error.message : String(error);
    outcome = { ok: false, diagnostics: [{ severity: 'error', code: 'import-failed', message: `could not import ${name}: ${message}`, file: name }] };
  }
  post({ type: 'done', outcome, ms: performance.now() - started });
};
