// ELK's layered layout, off the main thread (the bundle is large and loads only when asked).
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const elk = new ELK();

scope.onmessage = (event: MessageEvent<{ seq: number; graph: ElkNode }>) => {
  const { seq, graph } = event.data;
  elk.layout(graph).then(
    (result) => scope.postMessage({ seq, ok: true, result }),
    (error: unknown) => scope.postMessage({ seq, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
};
