// The page's handle on a large import: one worker per import, terminated when it is done or
// cancelled (Cancel is instant, whatever the parser is doing).
import type { ImportOutcome } from '../import/index.ts';
import type { ListDocuments } from '../import/listDocuments.ts';
import type { KubeObject } from '../model/types.ts';
import type { ImportMessage, ImportRequest, StoredHeld } from './import.worker.ts';
import ImportWorker from './import.worker.ts?worker';

export interface ImportProgressEvent {
  phase: 'reading' | 'parsing';
  done: number;
  total: number;
}

/**
 * `shown`: how many objects the editor text holds (the design comes without them: the text has them).
 * `held`: how many objects the design holds apart; its `held` list fills as they arrive after the
 * outcome, and `arrived` resolves with true once they are all there (false: the import stopped first).
 */
export interface ImportDone {
  outcome: ImportOutcome;
  ms: number;
  shown: number;
  held: number;
  arrived: Promise<boolean>;
}

export interface ImportJob {
  /** The outcome, or undefined when cancelled. */
  result: Promise<ImportDone | undefined>;
  cancel: () => void;
  /** The held objects, filled as they arrive (the outcome's design holds this list). */
  held: readonly KubeObject[];
  /**
   * With `storeAs`: asks the worker to store the held part under that id in IndexedDB (after the
   * outcome); resolves with whether it did (false when cancelled or failed). The worker stays until
   * then, or until `cancel`.
   */
  store: () => Promise<boolean>;
}

/**
 * Starts an import. With `heldPort`, the worker also sends the held objects there (to the analysis
 * worker, src/workers/heldStore.ts), so the page never copies them on to it. With `storeAs`, it
 * then autosaves the held part under that id (src/workers/heldRecord.ts), so the page never
 * copies them into storage either; the worker stays until that is done.
 */
export function startImport(file: Blob, name: string, onProgress: (p: ImportProgressEvent) => void, heldPort?: MessagePort, storeAs?: string): ImportJob {
  const worker = new ImportWorker({ name: 'import' });
  let settle: (r: ImportDone | undefined) => void = () => {};
  const result = new Promise<ImportDone | undefined>((resolve) => (settle = resolve));
  let settleStored: (ok: boolean) => void = () => {};
  const stored = new Promise<boolean>((resolve) => (settleStored = resolve));
  let storing = storeAs !== undefined;
  const stop = () => {
    worker.terminate();
    storing = false;
    settleStored(false);
  };
  const finish = (r: ImportDone | undefined) => {
    // A failed or cancelled import stores nothing; a good one keeps its worker until stored, and
    // in any case until it has sent the held objects (they follow the outcome).
    if (!r?.outcome.ok) stop();
    else if (!storing) {
      void r.arrived.then(() => {
        if (!storing) worker.terminate();
      });
    }
    settle(r);
  };
  // The held objects come in slices after `done` (each decoded in its own task: no long one).
  const held: KubeObject[] = [];
  const heldLines: number[] = [];
  let heldArrived: (all: boolean) => void = () => {};
  const arrived = new Promise<boolean>((resolve) => (heldArrived = resolve));
  worker.onmessage = (event: MessageEvent<ImportMessage>) => {
    const m = event.data;
    if (m.type === 'progress') onProgress(m);
    else if (m.type === 'held') {
      for (const o of m.objects) held.push(o);
      for (const l of m.lines) heldLines.push(l);
    } else if (m.type === 'done') {
      // The held objects come after `done` (see ImportMessage): the design holds the lists they fill.
      if (m.outcome.ok) for (const l of m.outcome.design.heldLines) heldLines.push(l);
      const outcome = m.outcome.ok ? { ok: true as const, design: { ...m.outcome.design, held, heldLines } } : m.outcome;
      if (!m.outcome.ok || m.held === 0) heldArrived(true);
      finish({ outcome, ms: m.ms, shown: m.shown, held: m.held, arrived });
    } else if (m.type === 'heldEnd') heldArrived(held.length === m.count);
    else if (m.type === 'stored') {
      worker.terminate();
      settleStored(m.error === undefined);
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    const message = `The import stopped: ${event.message || 'the browser ran out of memory or the worker failed'}.`;
    heldArrived(false);
    finish({ outcome: { ok: false, diagnostics: [{ severity: 'error', code: 'import-failed', message, file: name }] }, ms: 0, shown: 0, held: 0, arrived });
  };
  const req: ImportRequest = { file, name, ...(heldPort ? { heldPort } : {}), ...(storeAs !== undefined ? { storeAs } : {}) };
  worker.postMessage(req, heldPort ? [heldPort] : []);
  let asked = false;
  return {
    result,
    cancel: () => {
      stop();
      heldArrived(false);
      settle(undefined);
    },
    held,
    store: () => {
      if (storing && !asked) worker.postMessage({ store: true } satisfies ImportRequest);
      asked = true;
      return stored;
    },
  };
}

/** One request to a worker of its own: what `answer` takes from its messages, or undefined when the worker failed. */
function askOnce<T>(name: string, request: ImportRequest, answer: (m: ImportMessage) => { value: T } | undefined): Promise<T | undefined> {
  const worker = new ImportWorker({ name });
  return new Promise((resolve) => {
    const done = (value: T | undefined) => {
      worker.terminate();
      resolve(value);
    };
    worker.onmessage = (event: MessageEvent<ImportMessage>) => {
      const taken = answer(event.data);
      if (taken) done(taken.value);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      done(undefined);
    };
    worker.postMessage(request);
  });
}

/** The YAML of many objects, written in a worker (undefined when it failed). */
export const emitInWorker = (objects: KubeObject[]): Promise<string | undefined> =>
  askOnce('emit', { emit: objects }, (m) => (m.type === 'emitted' ? { value: m.text } : undefined));

/**
 * A small kubectl List as documents without the server's fields (src/import/listDocuments.ts),
 * written in a worker (emitting 200 pods' YAML is a long task); undefined when it is not one List,
 * has a problem, or the worker failed.
 */
export const listAsDocumentsInWorker = (text: string, file: string): Promise<ListDocuments | undefined> =>
  askOnce('documents', { documents: { text, file } }, (m) => (m.type === 'documents' ? { value: m.list } : undefined));

/**
 * A held part read back from IndexedDB: `part.objects` fills as the slices arrive (`count` of
 * them); `arrived` resolves with true once they are all there (false: the worker stopped first).
 */
export interface RestoredHeld {
  part: StoredHeld;
  count: number;
  arrived: Promise<boolean>;
}

/** A held part being read back: `result` resolves before its objects have arrived (`objects` is the list they fill). */
export interface HeldRestore {
  result: Promise<RestoredHeld | undefined>;
  objects: readonly KubeObject[];
}

/**
 * Reads the held part of an autosaved design (the one with this `id`) in a worker: the
 * page decodes it in slices (one task per slice, not one of seconds), and with `heldPort` the
 * analysis worker gets it from that worker directly, before the page's slices: the page can ask
 * for the first analysis as soon as `result` resolves. Undefined when it is missing or not that part.
 */
export function restoreHeld(id: string, heldPort?: MessagePort): HeldRestore {
  const worker = new ImportWorker({ name: 'restore' });
  const objects: KubeObject[] = [];
  let heldArrived: (all: boolean) => void = () => {};
  const arrived = new Promise<boolean>((resolve) => (heldArrived = resolve));
  let lastSlice = performance.now();
  const result = new Promise<RestoredHeld | undefined>((resolve) => {
    const stop = (all: boolean) => {
      worker.terminate();
      heldArrived(all);
    };
    worker.onmessage = (event: MessageEvent<ImportMessage>) => {
      const m = event.data;
      if (m.type === 'held') {
        for (const o of m.objects) objects.push(o);
        lastSlice = performance.now();
      } else if (m.type === 'restored') {
        if (!m.part) stop(true);
        resolve(m.part && { part: { ...m.part, objects }, count: m.held, arrived });
      } else if (m.type === 'heldEnd') {
        // When the last slice was decoded (a test checks the first analysis was asked for before).
        performance.mark('netpol:restore-held-decoded', { startTime: lastSlice, detail: { count: objects.length } });
        stop(objects.length === m.count);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      stop(false);
      resolve(undefined);
    };
  });
  const req: ImportRequest = heldPort ? { restore: { id }, heldPort } : { restore: { id } };
  worker.postMessage(req, heldPort ? [heldPort] : []);
  return { result, objects };
}
