// Flow-log import at scale: 1,000,000 Hubble JSON lines (realistic ~1 KB flows with labels and
// workloads, a third of them replies) streamed through the parser in 1 MB-ish chunks, then mapped
// onto a 1,000-pod synthetic design and replayed. Target: the import under 20 s (of CPU; the wall
// clock is printed too).
//   node --import tsx bench/flows.bench.ts [lines]
import { FlowParser, replayRaw } from '../src/observed/index.ts';
import { DEFAULT_SETTINGS } from '../src/design/types.ts';
import { hubbleLine as line } from './flowLines.ts';
import { syntheticDesign } from './syntheticDesign.ts';

const LINES = Number(process.argv[2] ?? 1_000_000);
const CHUNK_LINES = 2_000;
const design = syntheticDesign(1000);
const pods = design.cluster.workloads;

const parser = new FlowParser();
let parseMs = 0;
let cpuMs = 0;
let bytes = 0;
const base = Date.parse('2026-12-01T12:00:00Z');
for (let start = 0; start < LINES; start += CHUNK_LINES) {
  const lines: string[] = [];
  for (let i = start; i < Math.min(LINES, start + CHUNK_LINES); i++) lines.push(line(pods, i, base));
  const chunk = `${lines.join('\n')}\n`;
  bytes += chunk.length;
  const t = performance.now();
  const c = process.cpuUsage();
  parser.push(chunk);
  parseMs += performance.now() - t;
  cpuMs += process.cpuUsage(c).user / 1000;
}
let t = performance.now();
const flows = parser.finish();
parseMs += performance.now() - t;
t = performance.now();
// The page's and the CLI's path: the design in its cluster, mapped and judged.
const { traffic, result } = replayRaw(flows.connections, design.cluster, DEFAULT_SETTINGS);
const replayMs = performance.now() - t;
const mb = (bytes / 1e6).toFixed(0);
console.log(`flows: ${flows.lines.toLocaleString('en-US')} Hubble lines (${mb} MB) imported in ${(parseMs / 1000).toFixed(1)} s ` +
  `(${Math.round(flows.lines / (parseMs / 1000)).toLocaleString('en-US')} lines/s; ${(cpuMs / 1000).toFixed(1)} s of CPU), ${flows.problems.length} problems, ${flows.connections.length.toLocaleString('en-US')} raw connections`);
console.log(`flows: mapped onto ${pods.length} pods and replayed in ${replayMs.toFixed(0)} ms (${traffic.connections.length.toLocaleString('en-US')} connections): ${result.summary}`);
console.log(`flows: heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
// The gate is the CPU time the import needs: on a shared machine the wall clock also counts the
// other processes' turns (both are printed above).
if (cpuMs > 20_000 && LINES >= 1_000_000) {
  console.error('flows: import took more than 20 s of CPU');
  process.exitCode = 1;
}
