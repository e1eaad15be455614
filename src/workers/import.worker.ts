// Reads and parses a large import off the main thread (src/import), posting progress. The page
// cancels by terminating this worker: nothing of the design on screen has changed until it is done.
// It also reads the held part of an autosaved large design back from IndexedDB, and hands it on the
// same way: to the page in slices, to the analysis worker through a port.
import { importLargeParallel, readPieces, type ImportedDesign, type ImportOutcome, type PiecesRead, type ReadElsewhere } from '../import/index.ts';
import { listAsDocuments, type ListDocuments } from '../import/listDocuments.ts';
import { emitYaml } from '../model/emit.ts';
import type { KubeObject } from '../model/types.ts';
import { dbGet, dbPut } from './designDb.ts';
import { heldKey, importedHeldPart, LEGACY_HELD_KEY, readHeldRecord, type HeldRecord } from './heldRecord.ts';
import type { HeldPortMessage, WrittenText } from './heldStore.ts';
import type { HelperAnswer, HelperRequest } from './importHelper.worker.ts';
import type { HeldPart } from './held.ts';

/** The held part of a design as autosaved. */
export type StoredHeld = HeldPart;

/**
 * `heldPort`: where the held objects go too (the analysis worker, src/workers/heldStore.ts).
 * `restore`: read the held part with this `id` from IndexedDB (src/workers/heldRecord.ts).
 */
export type ImportRequest =
  /**
   * `storeAs`: after `done` the worker keeps the held part, and when asked (`store`: the page's
   * autosave, once the design is on screen) writes it under this id (src/workers/heldRecord.ts), then `stored`.
   */
  | { file: Blob; name: string; heldPort?: MessagePort; storeAs?: string }
  | { store: true }
  | { emit: KubeObject[] }
  /** A small kubectl List's text (src/import/listDocuments.ts), answered with `documents`. */
  | { documents: { text: string; file: string } }
  | { restore: { id: string }; heldPort?: MessagePort };
export type ImportMessage =
  | { type: 'progress'; phase: 'reading' | 'parsing'; done: number; total: number }
  /** A slice of the held objects (and their lines, unless `done` brought them). */
  | { type: 'held'; objects: KubeObject[]; lines: number[] }
  /**
   * The design comes without its `shown` objects (the page needs only the text they are in): `shown`
   * counts them. A large import's held objects follow in `held` slices after it (`held` counts them),
   * then `heldEnd`: the page asks for the first analysis at `done`, while it still decodes them.
   */
  | { type: 'done'; outcome: ImportOutcome; ms: number; shown: number; held: number }
  | { type: 'heldEnd'; count: number }
  | { type: 'emitted'; text: string }
  /** The List as documents; undefined when it is not one kubectl List or has a problem. */
  | { type: 'documents'; list: ListDocuments | undefined }
  /** The held part was written to IndexedDB under `id` (after `done`); `error` when it was not. */
  | { type: 'stored'; id: string; error?: string }
  /**
   * The restored held part without its objects (undefined: none). Its `held` objects follow in
   * slices, then `heldEnd`: the page asks for the first analysis at `restored`, as at `done`.
   */
  | { type: 'restored'; part: StoredHeld | undefined; held: number };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: ImportMessage) => scope.postMessage(m);

scope.onmessage = async (event: MessageEvent<ImportRequest>) => {
  const req = event.data;
  // Writing the YAML of a large design (Download) takes seconds: here, not on the page's thread.
  if ('emit' in req) {
    post({ type: 'emitted', text: req.emit.length > 0 ? emitYaml(req.emit) : '' });
    return;
  }
  if ('documents' in req) {
    post({ type: 'documents', list: listAsDocuments(req.documents.text, req.documents.file) });
    return;
  }
  if ('restore' in req) {
    const record = await readStoredHeld(req.restore.id);
    const part = record?.held;
    const objects = part?.objects ?? [];
    // As an import delivers (see deliver): the analysis worker's copy first, then `restored` (the
    // page asks for the first analysis then), then the page's slices, which it decodes while the
    // analysis runs. The lines come with `restored`: the analysis's diagnostics need them at once.
    sendHeldTo(undefined, objects, [], req.heldPort, record?.unchecked, record?.written);
    post({ type: 'restored', part: part && { ...part, objects: [] }, held: objects.length });
    sendHeldTo(post, objects, [], undefined);
    post({ type: 'heldEnd', count: objects.length });
    return;
  }
  if ('store' in req) {
    const kept = toStore;
    toStore = undefined;
    if (!kept) return;
    const error = await storeHeld(kept.id, kept.design);
    post({ type: 'stored', id: kept.id, ...(error ? { error } : {}) });
    return;
  }
  const { file, name, heldPort, storeAs } = req;
  const started = performance.now();
  let outcome: ImportOutcome;
  const helper = startHelper();
  try {
    post({ type: 'progress', phase: 'reading', done: 0, total: file.size });
    const text = await file.text();
    outcome = await importLargeParallel(text, name, helper.readElsewhere, (p) => post({ type: 'progress', phase: 'parsing', ...p }));
  } catch (error) {
    const message = error instanceof RangeError ? 'the file is too large or too deeply nested to read' : error instanceof Error ? error.message : String(error);
    outcome = { ok: false, diagnostics: [{ severity: 'error', code: 'import-failed', message: `could not import ${name}: ${message}`, file: name }] };
  }
  helper.stop();
  const design = outcome.ok ? outcome.design : undefined;
  deliver(outcome, performance.now() - started, heldPort);
  // Stored when the page asks, after the design is on screen: not on the way to the graph, and
  // not competing for a core with the first analysis and the page's first render.
  if (storeAs !== undefined) {
    if (design) toStore = { id: storeAs, design };
    else post({ type: 'stored', id: storeAs, error: 'nothing to store' });
  }
};

/** The imported design whose held part the page may ask to store. */
let toStore: { id: string; design: ImportedDesign } | undefined;

/** Writes the held part of an imported design as the page autosaves it (the page then writes only the design's record). */
function storeHeld(id: string, d: ImportedDesign): Promise<string | undefined> {
  const record: HeldRecord = {
    id,
    held: importedHeldPart(d),
    unchecked: d.heldUnchecked,
    ...(d.shownChecked ? { written: { text: d.text, objects: d.shown } } : {}),
  };
  return dbPut({ [heldKey(id)]: record });
}

/**
 * A second worker (importHelper.worker.ts) to read pieces on the other core; where nested workers
 * are missing or the helper fails, the pieces are read here after this worker's own half. Started
 * as soon as an import starts: loading its script took seconds on a busy machine, which now overlap
 * with reading and cutting the file.
 */
function startHelper(): { readElsewhere: ReadElsewhere; stop: () => void } {
  // Nested workers: every Chromium, Firefox and Safari 15.5+.
  const helper = typeof Worker === 'undefined' ? undefined : new Worker(new URL('./importHelper.worker.ts', import.meta.url), { type: 'module', name: 'import-helper' });
  const stop = () => helper?.terminate();
  const readElsewhere: ReadElsewhere = (pieces, file, stopOnAlias, emitShown) => {
    const here = () => readPieces(pieces, file, { stopOnAlias, emitShown });
    if (!helper) return Promise.resolve().then(here);
    return new Promise((resolve) => {
      const done = (read: PiecesRead | undefined) => {
        stop();
        resolve(read ?? here());
      };
      helper.onmessage = (event: MessageEvent<HelperAnswer>) => done(event.data.ok ? event.data.read : undefined);
      helper.onerror = (event) => {
        event.preventDefault();
        done(undefined);
      };
      helper.postMessage({ pieces, file, stopOnAlias, emitShown } satisfies HelperRequest);
    });
  };
  return { readElsewhere, stop };
}

/**
 * Held objects per message. The page decodes each message in a task of its own: 6,000 objects of a
 * 16 MB dump in one message took one 300-600 ms task of the page's thread, in slices of this many
 * each stays well under 50 ms.
 */
const HELD_SLICE = 400;

/**
 * Sends held objects in slices: to the page with `page`, and to the analysis worker's `heldPort`
 * (then closed). `unchecked`: the indexes of those the import did not validate without a diagnostic
 * (undefined: not known, all are validated again). `written`: the editor text and its objects, for the port.
 */
function sendHeldTo(page: typeof post | undefined, held: readonly KubeObject[], lines: readonly number[], heldPort: MessagePort | undefined, unchecked?: readonly number[], written?: WrittenText): void {
  let u = 0;
  for (let i = 0; i < held.length; i += HELD_SLICE) {
    const objects = held.slice(i, i + HELD_SLICE);
    page?.({ type: 'held', objects, lines: lines.slice(i, i + HELD_SLICE) });
    if (!heldPort) continue;
    let inSlice: number[] | 'all' = 'all';
    if (unchecked) {
      inSlice = [];
      for (; u < unchecked.length && unchecked[u]! < i + HELD_SLICE; u++) inSlice.push(unchecked[u]! - i);
    }
    heldPort.postMessage({ objects, unchecked: inSlice } satisfies HeldPortMessage);
  }
  if (written) heldPort?.postMessage({ written } satisfies HeldPortMessage);
  // Before the page's answer: the page's first analysis request finds them all there.
  heldPort?.postMessage({ end: true } satisfies HeldPortMessage);
  heldPort?.close();
}

function deliver(outcome: ImportOutcome, ms: number, heldPort: MessagePort | undefined): void {
  if (!outcome.ok) {
    sendHeldTo(undefined, [], [], heldPort);
    post({ type: 'done', outcome, ms, shown: 0, held: 0 });
    return;
  }
  const d = outcome.design;
  // The analysis worker takes the policies as they are instead of parsing the text written from them.
  const written = d.shownChecked ? { text: d.text, objects: d.shown } : undefined;
  // The analysis worker's copy first, and `done` before the page's: the page asks for the first
  // analysis at `done`, and the analysis worker starts as soon as it has its copy, while the page
  // is still decoding its slices (a slice a task; at 5,000 pods ~0.3-1 s of the page's thread that
  // no longer comes before the analysis).
  sendHeldTo(undefined, d.held, d.heldLines, heldPort, d.heldUnchecked, written);
  // The lines come with `done` (a number per object): the analysis worker's diagnostics need them at once.
  post({ type: 'done', outcome: { ok: true, design: { ...d, held: [], shown: [] } }, ms, shown: d.shown.length, held: d.held.length });
  sendHeldTo(post, d.held, [], undefined);
  post({ type: 'heldEnd', count: d.held.length });
}

/** The held record with `id`: under its own key, or under the key older versions used. */
async function readStoredHeld(id: string): Promise<HeldRecord | undefined> {
  return readHeldRecord(await dbGet<unknown>(heldKey(id)), id) ?? readHeldRecord(await dbGet<unknown>(LEGACY_HELD_KEY), id);
}
