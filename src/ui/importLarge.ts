// Importing a file larger than the editor should hold (src/import): parsed in a worker with
// progress and Cancel, the cluster objects held apart from the editor, the policies in it. Nothing
// changes on screen until the new design is ready; Cancel or an error keeps the current design.
import { MAX_IMPORT_BYTES, SMALL_IMPORT_BYTES } from '../import/limits.ts';
import { analyzeImportAsync, forgetHeld, receiveHeld } from '../workers/client.ts';
import { startImport, type ImportJob } from '../workers/importClient.ts';
import type { DesignSettings, Diagnostic } from './core.ts';
import { heldPayload, type HeldPart } from './heldPart.ts';
import { importedHeldPart, newHeldId } from '../workers/heldRecord.ts';
import { heldStoredByWorker, saveNow } from './persistence.ts';
import { useImportJob } from './importJob.ts';
import { formatDiagnostic, notify, replaceDesign } from './store.ts';
import { firstStepPercent, laterStep, type FirstStep } from '../workers/firstProgress.ts';

export { MAX_IMPORT_BYTES, SMALL_IMPORT_BYTES };

let smallImportBytes = SMALL_IMPORT_BYTES;
/** Files over this size take the large-import path (SMALL_IMPORT_BYTES, unless a test lowered it). */
export const smallImportLimit = (): number => smallImportBytes;
/**
 * For the end-to-end tests: a lower threshold lets a 1 MB dump take the large-import path, so the
 * spec stays fast (the large sizes are measured by measure:import). Undefined: back to the default.
 */
export function setSmallImportLimit(bytes: number | undefined): void {
  smallImportBytes = bytes ?? SMALL_IMPORT_BYTES;
}

export type LargeImportResult = { ok: true } | { ok: false; title: string; details: string[]; cancelled?: boolean };

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** A diagnostic with the file it is about (the imported file, not the editor). */
export const formatWithFile = (d: Diagnostic): string => (d.file && d.line !== undefined ? `${d.file}:${d.line}${d.col !== undefined ? `:${d.col}` : ''}: ${d.message}` : formatDiagnostic(d));

export function tooLargeMessage(name: string, size: number): string {
  return `${name} is too large (${mb(size)}; the limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MB). The design on screen is kept. Leave out kinds the designer does not need (ConfigMaps, Secrets, Events) or import one part of the cluster.`;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Imports a large file or text as a new design. `settings` are those the design starts from.
 * Resolves when the design is on screen (the graph may still be painting), or with why not.
 */
export async function importLargeBlob(blob: Blob, name: string, settings: DesignSettings): Promise<LargeImportResult> {
  let job: ImportJob | undefined;
  // The import worker autosaves the held part under this id itself (src/workers/heldRecord.ts).
  const storeAs = newHeldId();
  const fail = (title: string, details: string[] = [], cancelled = false): LargeImportResult => {
    if (job) {
      forgetHeld(job.held);
      // Nothing of it is stored: the worker was waiting to be asked.
      job.cancel();
    }
    useImportJob.setState({ active: null, cancel: null });
    notify({ kind: cancelled ? 'info' : 'error', title, details });
    return { ok: false, title, details, ...(cancelled ? { cancelled } : {}) };
  };
  if (blob.size > MAX_IMPORT_BYTES) return fail(tooLargeMessage(name, blob.size));
  let cancelled = false;
  performance.mark('netpol:import-start');
  // The import worker sends the held objects straight to the analysis worker too: the page's
  // thread never copies 20,000 objects on (a structured clone of over a second at that size).
  const channel = new MessageChannel();
  job = startImport(blob, name, (p) => useImportJob.setState({ active: { name, ...p } }), channel.port1, storeAs);
  receiveHeld(channel.port2, job.held);
  useImportJob.setState({
    active: { name, phase: 'reading', done: 0, total: blob.size },
    cancel: () => {
      cancelled = true;
      job.cancel();
    },
  });
  const done = await job.result;
  const cancelledTitle = `Import of ${name} cancelled. The design on screen is kept.`;
  if (!done || cancelled) return fail(cancelledTitle, [], true);
  performance.mark('netpol:import-parsed', { detail: { workerMs: done.ms } });
  const outcome = done.outcome;
  if (!outcome.ok) {
    const errors = outcome.diagnostics.filter((d) => d.severity === 'error');
    return fail(`${name} was not imported: ${count(errors.length)} problem${errors.length === 1 ? '' : 's'}. The design on screen is kept.`, errors.slice(0, 30).map(formatWithFile));
  }
  const d = outcome.design;
  if (done.held + done.shown === 0) {
    return fail(`${name} was not imported: it holds no Namespace, workload, Service or NetworkPolicy the designer can use. The design on screen is kept.`);
  }
  const remarks = d.diagnostics.filter((x) => x.severity !== 'error');
  const held: HeldPart = importedHeldPart(d);
  let shownStep: FirstStep | undefined;
  const onStep = (next: FirstStep) => {
    shownStep = laterStep(shownStep, next);
    useImportJob.setState({ active: { name, phase: 'analyzing', done: firstStepPercent(shownStep), total: 100, step: shownStep } });
  };
  onStep('receiving');
  // Analyzed before anything changes, so Cancel still keeps the design on screen. Asked for now,
  // while the held objects (d.held) are still arriving: the analysis worker has its own copy.
  const payload = { ...heldPayload(held), count: done.held };
  const analyzed = await analyzeImportAsync(d.text, 'editor.yaml', settings, payload, done.arrived, onStep);
  if (cancelled) return fail(cancelledTitle, [], true);
  if (!(await done.arrived)) return fail(`${name} was not imported: the import stopped. The design on screen is kept.`);
  if (!analyzed.ok) return fail(`${name} was not imported. The design on screen is kept.`, analyzed.diagnostics.slice(0, 30).map(formatWithFile));
  useImportJob.setState({ cancel: null });
  onStep('drawing');
  heldStoredByWorker(held, storeAs, job.store, job.cancel);
  const r = await replaceDesign(d.text, 'editor.yaml', 'import', { settings, held }, analyzed);
  if (!r.ok) return fail(`${name} was not imported. The design on screen is kept.`, r.diagnostics.slice(0, 30).map(formatWithFile));
  performance.mark('netpol:import-model-ready');
  useImportJob.setState({ active: null, cancel: null });
  // Autosaved as soon as the graph is painted, not after autosave's 400 ms of quiet (which a long
  // first render pushes further): the import worker writes the held part, then the page the
  // design's record. A tab closed before both are written keeps the previous design (the record is
  // written after the held part), so the window in which the import is lost is the write itself.
  requestAnimationFrame(() => setTimeout(() => void saveNow(), 0));
  const pods = d.kept.Pod ?? 0;
  const ignored = Object.values(d.ignored).reduce((a, b) => a + b, 0);
  notify({
    kind: remarks.length > 0 ? 'info' : 'success',
    title: `Imported ${name} (${mb(d.chars)}): ${count(d.held.length)} cluster objects${pods ? ` (${count(pods)} pods)` : ''} held apart, ${count(done.shown)} policies in the editor${ignored ? `, ${count(ignored)} objects of other kinds not imported` : ''}. Undo brings back the previous design.`,
    details: remarks.slice(0, 30).map(formatWithFile),
  });
  return { ok: true };
}
