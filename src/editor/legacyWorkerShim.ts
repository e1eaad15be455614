// monaco-yaml 5.5.1 (through monaco-worker-manager) still calls editor.createWebWorker with the
// pre-0.53 options ({ moduleId, label, createData }). Current Monaco wants { worker }. This adapter
// creates the worker the way Monaco's own internal helper does and passes it on.
import type * as Monaco from 'monaco-editor/editor';

type MonacoApi = typeof Monaco;

interface LegacyWorkerOptions {
  moduleId?: string;
  label?: string;
  createData?: unknown;
  host?: Monaco.editor.IInternalWebWorkerOptions['host'];
  keepIdleModels?: boolean;
}

export function withLegacyCreateWebWorker(monaco: MonacoApi): MonacoApi {
  const original = monaco.editor.createWebWorker;
  const createWebWorker = <T extends object>(opts: Monaco.editor.IInternalWebWorkerOptions | LegacyWorkerOptions) => {
    if ('worker' in opts) return original<T>(opts);
    const env = self.MonacoEnvironment;
    if (!env?.getWorker) throw new Error('MonacoEnvironment.getWorker is not set');
    const worker = Promise.resolve(env.getWorker('workerMain.js', opts.label ?? '')).then((w) => {
      w.postMessage('ignore');
      w.postMessage(opts.createData);
      return w;
    });
    return original<T>({
      worker,
      ...(opts.host ? { host: opts.host } : {}),
      ...(opts.keepIdleModels !== undefined ? { keepIdleModels: opts.keepIdleModels } : {}),
    });
  };
  return { ...monaco, editor: { ...monaco.editor, createWebWorker } };
}
