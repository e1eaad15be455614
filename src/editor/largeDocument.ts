// monaco-yaml answers some requests by reading the WHOLE document: its schema validation after
// every change, its folding ranges and its links (asked again after every change too). Each is a
// parse of the whole text in the yaml worker (a core of this 2-core machine) and an answer decoded
// on the page's thread. Measured on a 5,000-pod kubectl dump's policies (254 KB, 9,500 folding
// ranges, load ~10): per toggle 100-160 CPU ms of the worker for the folding ranges plus 50-120 ms
// of the page's thread taking them in, and ~200 CPU ms for a validation of the whole text (the
// yaml worker now validates by document: src/editor/pieceValidation.ts). So, by the text's size:
// - folding ranges and links past SYNTAX_LIMIT are answered here, empty (the editor turns folding
//   off there too: YamlEditor.tsx);
// - validation waits for the edits to settle, longer the larger the text (settleMs), and for the
//   app's analysis and review to finish (a new design is validated whole: not on their cores); a
//   newer change meanwhile means it is not asked at all (the marker provider drops an answer for an
//   older version anyway). Small texts, the size people type, are validated as before
//   (monaco-marker-data-provider's 500 ms after the last change);
// - past LARGE_DOCUMENT (a cluster's design) validation and code actions are not asked either: the
//   app's own diagnostics (the Problems list, our markers) check the design; monaco-yaml's code
//   actions only fix its own validation's complaints.
// Completion, hover and the rest still go to the worker, for the one position asked.
import type * as Monaco from 'monaco-editor/editor';

type MonacoApi = typeof Monaco;

/** Characters (about 10,000 lines) past which the whole-document requests are not sent. */
export const LARGE_DOCUMENT = 256 * 1024;
/**
 * Characters (about 2,500 lines) past which folding ranges and links are not asked of the worker,
 * and the editor turns folding off (YamlEditor.tsx): Monaco's folding model replaces a decoration
 * per fold region after every change, ~90 ms of the page's thread at 254 KB (5,000 regions, load ~8).
 */
export const SYNTAX_LIMIT = 64 * 1024;
/** Below this, validation is asked without waiting more than monaco-yaml's own 500 ms. */
export const PROMPT_VALIDATION = 32 * 1024;
/** Extra wait per character past PROMPT_VALIDATION: ~0.4 s at 254 KB (on top of the 500 ms). */
const SETTLE_MS_PER_CHAR = 1 / 512;
/** How long validation gives way to a busy app before it runs anyway. */
export const MAX_YIELD_MS = 10_000;
/** How often a waiting validation looks again whether the app is still busy. */
const YIELD_POLL_MS = 250;

/** How long validation of a text of `length` characters waits for its edits to settle (ms). */
export function settleMs(length: number): number {
  return length <= PROMPT_VALIDATION ? 0 : Math.round((length - PROMPT_VALIDATION) * SETTLE_MS_PER_CHAR);
}

/** What each whole-document request answers when it is not asked, and past which size. */
const SKIPPED: Record<string, { limit: number; answer: () => unknown }> = {
  doValidation: { limit: LARGE_DOCUMENT, answer: () => [] },
  getFoldingRanges: { limit: SYNTAX_LIMIT, answer: () => undefined },
  findLinks: { limit: SYNTAX_LIMIT, answer: () => [] },
  getCodeAction: { limit: LARGE_DOCUMENT, answer: () => undefined },
};

/** Whether a request over these documents is for a large one. */
export function isLarge(lengths: readonly number[], limit = LARGE_DOCUMENT): boolean {
  return lengths.some((n) => n > limit);
}

/** The document a request is about, as the proxy sees it when asked and again after waiting. */
export interface DocumentState {
  length: number;
  /** Monaco's version of the model: it changes with every edit. */
  version: number;
}

export interface ProxyOptions {
  /** The document's state now (undefined once it is gone). */
  state(): DocumentState | undefined;
  /** The app's analysis or review is running: validation gives way (up to MAX_YIELD_MS). */
  busy(): boolean;
  wait(ms: number): Promise<void>;
}

/**
 * Validation's turn: after the settle time for the text's size, then while the app is busy (for a
 * text that has a settle time at all). False when a newer change came meanwhile (it brings its own).
 */
async function validationTurn(options: ProxyOptions): Promise<boolean> {
  const first = options.state();
  if (!first) return false;
  const settle = settleMs(first.length);
  if (settle === 0) return true;
  await options.wait(settle);
  for (let waited = 0; waited < MAX_YIELD_MS && options.busy() && options.state()?.version === first.version; waited += YIELD_POLL_MS) await options.wait(YIELD_POLL_MS);
  return options.state()?.version === first.version;
}

/** A proxy of the worker that answers the whole-document requests itself by the document's size. */
export function limitingProxy<T extends object>(real: () => Promise<T>, options: ProxyOptions): T {
  return new Proxy({} as T, {
    get(_target, name) {
      // Not a promise: `await proxy` must not take it for one.
      if (typeof name !== 'string' || name === 'then') return undefined;
      const skip = SKIPPED[name];
      return async (...args: unknown[]) => {
        if (skip && (options.state()?.length ?? 0) > skip.limit) return skip.answer();
        if (name === 'doValidation' && !(await validationTurn(options))) return skip!.answer();
        const worker = (await real()) as Record<string, (...a: unknown[]) => unknown>;
        return worker[name]!(...args);
      };
    },
  });
}

/**
 * The Monaco API for monaco-yaml, with its whole-document requests limited by the document's size;
 * `busy` tells when the app's own analysis or review is running.
 */
export function withLargeDocumentLimits(monaco: MonacoApi, busy: () => boolean): MonacoApi {
  const original = monaco.editor.createWebWorker;
  const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const createWebWorker = (<T extends object>(opts: Parameters<typeof original>[0]) => {
    const worker = original<T>(opts);
    return {
      dispose: () => worker.dispose(),
      getProxy: () => worker.getProxy(),
      // monaco-yaml asks for one model per request. The worker's copy is synced when a request
      // is sent (not when validation starts waiting): it gets the text the request is about.
      withSyncedResources: (resources: Monaco.Uri[]) => {
        const state = () => {
          const model = resources[0] && monaco.editor.getModel(resources[0]);
          return model && !model.isDisposed() ? { length: model.getValueLength(), version: model.getVersionId() } : undefined;
        };
        return Promise.resolve(limitingProxy(() => worker.withSyncedResources(resources), { state, busy, wait }));
      },
    };
  }) as typeof original;
  return { ...monaco, editor: { ...monaco.editor, createWebWorker } };
}
