// Flow logs off the main thread: a 100 MB log streams through the parser chunk by chunk, with
// progress, and only its folded connections go to the page (which keeps them with the design).
// Replays map the connections onto the current design and judge them, whenever the page asks (the
// design changed); the last traffic sent is kept here so a replay does not send it again.
import { FlowParser, replayRaw, type FoldedSource } from '../observed/index.ts';
import type { FlowsMessage, FlowsRequest } from './flowsProtocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: FlowsMessage) => scope.postMessage(m);

let held: { id: string; sources: FoldedSource[] } | undefined;

async function importLog(m: Extract<FlowsRequest, { type: 'import' }>): Promise<void> {
  const started = performance.now();
  const parser = new FlowParser(m.format);
  if (m.file) {
    const total = m.file.size;
    let bytes = 0;
    let lastPost = 0;
    const reader = m.file.stream().getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      parser.push(decoder.decode(value, { stream: true }));
      const now = performance.now();
      if (now - lastPost > 100) {
        lastPost = now;
        post({ type: 'progress', seq: m.seq, bytes, total, lines: parser.lines });
      }
    }
    parser.push(decoder.decode());
  } else parser.push(m.text ?? '');
  const { connections, ...flows } = parser.finish();
  const source: FoldedSource = { name: m.name, flows, connections };
  let holds: string | undefined;
  // `base` undefined: the page has no traffic yet, and neither may the worker.
  if (m.next !== undefined && held?.id === m.base) {
    held = { id: m.next, sources: [...(held?.sources ?? []), source] };
    holds = m.next;
  }
  post({ type: 'imported', seq: m.seq, source, ms: performance.now() - started, ...(holds ? { holds } : {}) });
}

function replayDesign(m: Extract<FlowsRequest, { type: 'replay' }>): void {
  if (m.sources) held = { id: m.trafficId, sources: m.sources };
  if (held?.id !== m.trafficId) {
    post({ type: 'need-sources', seq: m.seq });
    return;
  }
  const sources = held.sources;
  // The same path as the CLI's replay: the design in its cluster (assumed DNS pods, kube-system...).
  const { traffic, result } = replayRaw(sources.flatMap((s) => s.connections), m.cluster, m.settings);
  post({ type: 'replayed', seq: m.seq, trafficId: m.trafficId, traffic, result });
}

scope.onmessage = (event: MessageEvent<FlowsRequest>) => {
  const m = event.data;
  const fail = (e: unknown) => post({ type: 'error', seq: m.seq, message: e instanceof Error ? e.message : String(e) });
  try {
    if (m.type === 'import') void importLog(m).catch(fail);
    else replayDesign(m);
  } catch (e) {
    fail(e);
  }
};
