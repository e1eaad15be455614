// monaco-yaml answers some requests by reading the WHOLE document: its schema validation after
// every change, its folding ranges and its links (asked again after every change too). For a design
// of a cluster (2.4 MB, 146,000 lines at 400 namespaces) each is a parse of the whole text in the
// yaml worker (a core of this 2-core machine) and a large answer decoded on the page's thread:
// tens of thousands of folding ranges, one marker per schema complaint. Past LARGE_DOCUMENT those
// requests are answered here, empty, without asking the worker:
// - validation: the app's own diagnostics (the Problems list, our markers) check the design;
//   monaco-yaml's schema check stays for texts of a size people write by hand;
// - folding: Monaco folds by indentation when the provider has no ranges (SyntaxRangeProvider's
//   fallback), which for YAML is the same structure;
// - links and code actions (monaco-yaml's only fix its own validation's complaints).
// Completion, hover and the rest still go to the worker, for the one position asked.
import type * as Monaco from 'monaco-editor/editor';

type MonacoApi = typeof Monaco;

/** Characters (about 10,000 lines) past which the whole-document requests are not sent. */
export const LARGE_DOCUMENT = 256 * 1024;

/** What each whole-document request answers for a large document. */
const SKIPPED: Record<string, () => unknown> = {
  doValidation: () => [],
  getFoldingRanges: () => undefined,
  findLinks: () => [],
  getCodeAction: () => undefined,
};

/** Whether a request over these documents is for a large one. */
export function isLarge(lengths: readonly number[], limit = LARGE_DOCUMENT): boolean {
  return lengths.some((n) => n > limit);
}

/** A proxy of the worker that answers the whole-document requests itself. */
export function skippingProxy<T extends object>(real: () => Promise<T>): T {
  return new Proxy({} as T, {
    get(_target, name) {
      // Not a promise: `await proxy` must not take it for one.
      if (typeof name !== 'string' || name === 'then') return undefined;
      const skip = SKIPPED[name];
      if (skip) return () => Promise.resolve(skip());
      return async (...args: unknown[]) => {
        const worker = (await real()) as Record<string, (...a: unknown[]) => unknown>;
        return worker[name]!(...args);
      };
    },
  });
}

/** The Monaco API for monaco-yaml, with its whole-document requests on large documents left out. */
export function withLargeDocumentLimits(monaco: MonacoApi): MonacoApi {
  const original = monaco.editor.createWebWorker;
  const createWebWorker = (<T extends object>(opts: Parameters<typeof original>[0]) => {
    const worker = original<T>(opts);
    const lengths = (resources: Monaco.Uri[]) => resources.map((uri) => monaco.editor.getModel(uri)?.getValueLength() ?? 0);
    return {
      dispose: () => worker.dispose(),
      getProxy: () => worker.getProxy(),
      withSyncedResources: (resources: Monaco.Uri[]) =>
        isLarge(lengths(resources)) ? Promise.resolve(skippingProxy(() => worker.withSyncedResources(resources))) : worker.withSyncedResources(resources),
    };
  }) as typeof original;
  return { ...monaco, editor: { ...monaco.editor, createWebWorker } };
}
