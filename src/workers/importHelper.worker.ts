// The second reader of a large import: the import worker (import.worker.ts) starts it and gives
// it the pieces of the second half of the file, so the two halves are parsed on two cores at once
// (src/import/index.ts, importLargeParallel). It answers with what it read, then is terminated.
import { readPieces, type Piece, type PiecesRead } from '../import/index.ts';

export interface HelperRequest {
  pieces: Piece[];
  file: string;
  stopOnAlias: boolean;
  emitShown: boolean;
}
export type HelperAnswer = { ok: true; read: PiecesRead } | { ok: false };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<HelperRequest>) => {
  const { pieces, file, stopOnAlias, emitShown } = event.data;
  let answer: HelperAnswer;
  try {
    answer = { ok: true, read: readPieces(pieces, file, { stopOnAlias, emitShown }) };
  } catch {
    // The import worker reads these pieces itself, and reports what goes wrong there.
    answer = { ok: false };
  }
  scope.postMessage(answer);
};
