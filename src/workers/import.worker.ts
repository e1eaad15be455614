// Reads and parses a large import off the main thread (src/import), posting progress. The page
// cancels by terminating this worker: nothing of the design on screen has changed until it is done.
import { importLarge, type ImportOutcome } from '../import/index.ts';
import { emitYaml } from '../model/emit.ts';
import type { KubeObject } from '../model/types.ts';

export type ImportRequest = { file: Blob; name: string } | { emit: KubeObject[] };
export type ImportMessage =
  | { type: 'progress'; phase: 'reading' | 'parsing'; done: number; total: number }
  /** A slice of the held objects (and their lines), before `done`, whose design then has none. */
  | { type: 'held'; objects: KubeObject[]; lines: number[] }
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
  deliver(outcome, performance.now() - started);
};

/**
 * Held objects per message. The page decodes each message in a task of its own: 6,000 objects of a
 * 16 MB dump in one message took one 300-600 ms task of the page's thread, in slices of this many
 * each stays well under 50 ms.
 */
const HELD_SLICE = 400;

function deliver(outcome: ImportOutcome, ms: number): void {
  if (outcome.ok) {
    const { held, heldLines } = outcome.design;
    for (let i = 0; i < held.length; i += HELD_SLICE) post({ type: 'held', objects: held.slice(i, i + HELD_SLICE), lines: heldLines.slice(i, i + HELD_SLICE) });
    outcome = { ok: true, design: { ...outcome.design, held: [], heldLines: [] } };
  }
  post({ type: 'done', outcome, ms });
}
