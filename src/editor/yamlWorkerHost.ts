// Stands in for monaco-worker-manager/worker in the yaml worker (vite.config.ts aliases it): it
// starts monaco-yaml's language service as that module does, and answers validation document by
// document (src/editor/pieceValidation.ts): a toggle then validates the policy it rewrote, not the
// whole text.
import { initialize as initializeWorker } from 'monaco-editor/editor/editor.worker';
import { withPieceValidation, type Service, type WorkerContext } from './pieceValidation.ts';

/** monaco-worker-manager's initialize, with validation by document. */
export function initialize(create: (ctx: WorkerContext, createData: unknown) => Service): void {
  self.onmessage = () => {
    initializeWorker((ctx, createData) => Object.create(withPieceValidation(create, ctx as WorkerContext, createData)) as unknown);
  };
}
