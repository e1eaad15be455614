// Flow logs off the main thread: a 100 MB log streams through the parser chunk by chunk, with
// progress, and stays here (only its summary goes to the page). Replays map the log's connections
// onto the current design and judge them, whenever the page asks (the design changed).
import { loadDesign } from '../model/index.ts';
import { FlowParser, replayRaw, type RawConnection } from '../observed/index.ts';
import type { FlowSourceSummary, FlowsMessage, FlowsRequest } from './flowsProtocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: FlowsMessage) => scope.postMessage(m);

const sources: { summary: FlowSourceSummary; connections: RawConnection[] }[] = [];

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
  const flows = parser.finish();
  const { connections, ...rest } = flows;
  const summary: FlowSourceSummary = { name: m.name, flows: { ...rest, connectionCount: connections.length } };
  sources.push({ summary, connections });
  post({ type: 'imported', seq: m.seq, source: summary, ms: performance.now() - started });
}

function replayDesign(m: Extract<FlowsRequest, { type: 'replay' }>): void {
  const design = loadDesign([{ name: 'design.yaml', text: m.designText }]);
  // The same path as the CLI's replay: the design in its cluster (assumed DNS pods, kube-system...).
  const { traffic, result } = replayRaw(sources.flatMap((s) => s.connections), design.cluster, m.settings);
  post({ type: 'replayed', seq: m.seq, traffic, result });
}

scope.onmessage = (event: MessageEvent<FlowsRequest>) => {
  const m = event.data;
  const fail = (e: unknown) => post({ type: 'error', seq: m.seq, message: e instanceof Error ? e.message : String(e) });
  try {
    if (m.type === 'import') void importLog(m).catch(fail);
    else if (m.type === 'replay') replayDesign(m);
    else {
      sources.length = 0;
      post({ type: 'cleared', seq: m.seq });
    }
  } catch (e) {
    fail(e);
  }
};
