// The analysis worker's CPU per toggle, replayed in node with the worker's own module
// (src/workers/analysis.worker.ts) behind a stand-in `self`: what the page sends for a load and then
// for each toggle, and what the worker posts back (serialized as postMessage would), with the review
// worker stood in by one that only copies its tasks. Counts only the worker's own thread.
//   node --import tsx bench/workerToggle.ts dump5000|dump20000|pods5000 [toggles=6]
// For profiles, bundle it first: tsx compiles with keepNames, whose __name calls on every closure
// made the cluster build look several times costlier than in the browser's build:
//   npx esbuild bench/workerToggle.ts --bundle --platform=node --format=esm --packages=external --outfile=.bench-out/wt.mjs
//   ln -sf wt.mjs .bench-out/run.mjs && node .bench-out/run.mjs dump20000 8
// (run through the link: the bundled scripts/kubectl-dump.ts would take the bundle for its own main).
// PROFILE=first|later [PROFILE_LINES=1]: the CPU profile of those toggles by function (and line).
// PHASES=first|later|<k>: CPU ms between marks, when the worker's code is instrumented with
// `(globalThis as any).__phase?.('label')` lines (not committed). WARM=<pods>: a small design first.
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { serialize } from 'node:v8';
import { kubectlDump } from '../scripts/kubectl-dump.ts';
import { clusterYaml } from '../scripts/synthetic-yaml.ts';
import { importLarge } from '../src/import/index.ts';
import { setAllowRule } from '../src/design/allowRules.ts';
import { DEFAULT_SETTINGS } from '../src/design/types.ts';
import { loadDesign } from '../src/model/index.ts';
import type { KubeObject } from '../src/model/types.ts';
import type { HeldRef } from '../src/workers/held.ts';
import type { HeldPortMessage } from '../src/workers/heldStore.ts';
import { encodeObjects } from '../src/workers/objectsPatch.ts';
import type { AnalysisRequest, WorkerMessage } from '../src/workers/protocol.ts';
import { syntheticCluster } from './synthetic.ts';
import { cpuMs } from './cpuTime.ts';

const name = process.argv[2] ?? 'dump5000';
const toggles = Number(process.argv[3] ?? 6);
const settings = DEFAULT_SETTINGS;

// The worker's outbox: each message serialized as postMessage does on the worker's thread.
let posted: WorkerMessage[] = [];
let bytes = 0;
const fakeSelf = {
  postMessage(m: WorkerMessage) {
    bytes += serialize(m).length;
    posted.push(m);
  },
  onmessage: null as null | ((e: { data: unknown }) => void),
};
(globalThis as Record<string, unknown>).self = fakeSelf;
// The review worker: its tasks are serialized here (the analysis worker's cost), reviewed elsewhere.
let reviewBytes = 0;
class FakeWorker {
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: unknown = null;
  postMessage(m: { seq: number }) {
    reviewBytes += serialize(m).length;
    setTimeout(() => this.onmessage?.({ data: { seq: m.seq, findings: [] } }), 0);
  }
  terminate() {}
}
(globalThis as Record<string, unknown>).Worker = FakeWorker;
await import('../src/workers/analysis.worker.ts');
const send = (m: unknown) => fakeSelf.onmessage!({ data: m });
const settle = () => new Promise((r) => setTimeout(r, 5));

let seq = 0;
let lastSent: KubeObject[] | undefined;
let now: KubeObject[];
let held: HeldRef | undefined;
let namespace: string;
let first: AnalysisRequest;
const prepared = cpuMs();
if (name.startsWith('dump')) {
  const r = importLarge(kubectlDump({ pods: Number(name.slice(4)), seed: 1 }).text, 'cluster.yaml');
  if (!r.ok) throw new Error('import failed');
  const d = r.design;
  held = { count: d.held.length, file: 'cluster.yaml', lines: d.heldLines, header: d.header };
  namespace = d.shown.find((o) => o.metadata.namespace)?.metadata.namespace ?? 'default';
  // The import worker's port: the held objects, then the text it wrote with its objects.
  const port = { onmessage: null as null | ((e: { data: HeldPortMessage }) => void), close() {} };
  send({ kind: 'held-port', port });
  const unchecked = new Set(d.heldUnchecked);
  for (let i = 0; i < d.held.length; i += 2000) {
    const slice = d.held.slice(i, i + 2000);
    port.onmessage!({ data: { objects: slice, unchecked: slice.flatMap((_, j) => (unchecked.has(i + j) ? [j] : [])) } });
  }
  if (d.shownChecked) port.onmessage!({ data: { written: { text: d.text, objects: d.shown } } });
  port.onmessage!({ data: { end: true } });
  now = [...d.held, ...d.shown];
  lastSent = now;
  first = { seq: ++seq, kind: 'text', text: d.text, fileName: 'cluster.yaml', settings, held };
} else {
  const text = clusterYaml(syntheticCluster(Number(name.replace('pods', ''))));
  namespace = 'ns-3';
  now = loadDesign([{ name: 'd.yaml', text }]).manifests.map((m) => m.object);
  first = { seq: ++seq, kind: 'text', text, fileName: 'design.yaml', settings };
  // The page adopts the worker's parsed objects (client.ts): stand in with the same parse.
  lastSent = now;
}
console.log(`${name}: ${now.length} objects${held ? ` (${held.count} held)` : ''}; prepared in ${(cpuMs() - prepared).toFixed(0)} CPU ms; load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);

// PHASES=1: CPU ms between the phase marks a temporary instrumentation of the worker calls (globalThis.__phase).
const phases = new Map<string, number>();
let phaseAt = 0;
let phaseOn = false;
(globalThis as Record<string, unknown>).__phase = (label: string) => {
  const t = cpuMs();
  if (phaseOn) phases.set(label, (phases.get(label) ?? 0) + t - phaseAt);
  phaseAt = cpuMs();
};
const run = async (label: string, req: AnalysisRequest) => {
  posted = [];
  bytes = 0;
  reviewBytes = 0;
  const t = cpuMs();
  send(req);
  const ms = cpuMs() - t;
  const answer = posted.find((m) => m.type === 'analysis');
  if (!answer || answer.type !== 'analysis' || !answer.response.ok) throw new Error(`${label}: no analysis`);
  console.log(`  ${label.padEnd(10)} ${ms.toFixed(0).padStart(6)} CPU ms  posted ${(bytes / 1e6).toFixed(2)} MB, review task ${(reviewBytes / 1e6).toFixed(2)} MB; load ${loadavg()[0]!.toFixed(1)}`);
  await settle();
  return ms;
};

// WARM=<pods>: a small synthetic design loaded and toggled first (does the first toggle pay for cold code?).
if (process.env.WARM) {
  const small = clusterYaml(syntheticCluster(Number(process.env.WARM)));
  let objs = loadDesign([{ name: 'd.yaml', text: small }]).manifests.map((m) => m.object);
  const tw = cpuMs();
  send({ seq: ++seq, kind: 'text', text: small, fileName: 'design.yaml', settings });
  await settle();
  for (let k = 1; k <= 6; k++) {
    objs = setAllowRule(objs, 'nonPrivateIPs', { namespace: 'ns-1' }, k % 2 === 1, settings);
    send({ seq: ++seq, kind: 'objects', objects: objs, settings, emit: true });
    await settle();
  }
  console.log(`  warm-up on ${process.env.WARM} pods: ${(cpuMs() - tw).toFixed(0)} CPU ms`);
}
await run('load', first);
// The page's first toggle comes after the user looked at the graph: the worker is idle meanwhile.
await settle();
const times: number[] = [];
// PROFILE=first|later: the CPU profile of the first toggle or of the later ones, by function (self time).
const profile = process.env.PROFILE;
const inspector = profile ? new Session() : undefined;
if (inspector) {
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
}
const self: Map<string, number> = new Map();
const total: Map<string, number> = new Map();
/** Samples by line (PROFILE_LINES=1 prints the top ones: run a bundle, tsx writes one line per module). */
const lines = new Map<number, number>();
for (let k = 1; k <= toggles; k++) {
  const profiled = inspector && (profile === 'first' ? k === 1 : k > 1);
  if (profiled) await inspector.post('Profiler.start');
  now = setAllowRule(now, 'nonPrivateIPs', { namespace }, k % 2 === 1, settings);
  // As the page sends it (src/workers/client.ts): a patch against what it sent last.
  const encoded = encodeObjects(now, lastSent);
  const req: AnalysisRequest = encoded
    ? { seq: ++seq, kind: 'objects', objects: encoded.middle, patch: encoded.patch, settings, emit: true, ...(held ? { held } : {}) }
    : { seq: ++seq, kind: 'objects', objects: now, settings, emit: true, ...(held ? { held } : {}) };
  lastSent = now;
  // PHASES=first: the first toggle's phases instead of the later ones'.
  phaseOn = process.env.PHASES === 'first' ? k === 1 : process.env.PHASES ? k === Number(process.env.PHASES) : k > 1;
  phaseAt = cpuMs();
  times.push(await run(`toggle ${k}`, req));
  phaseOn = false;
  if (profiled) summarize((await inspector.post('Profiler.stop')).profile);
}
if (inspector) {
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 40);
  console.log('self ms (profiled toggles):');
  for (const [f, us] of top(self)) console.log(`  ${(us / 1000).toFixed(1).padStart(8)}  ${f}`);
  if (process.env.PROFILE_LINES) {
    console.log('samples by line of the bundle:');
    for (const [line, ticks] of [...lines].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(`  ${String(ticks).padStart(6)}  ${line}`);
  }
  console.log('total ms (with callees):');
  for (const [f, us] of top(total)) console.log(`  ${(us / 1000).toFixed(1).padStart(8)}  ${f}`);
}

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[]; positionTicks?: { line: number; ticks: number }[] }
function summarize(p: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  for (const n of p.nodes) for (const t of n.positionTicks ?? []) lines.set(t.line, (lines.get(t.line) ?? 0) + t.ticks);
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*\//, '')}:${n.callFrame.lineNumber + 1}`;
  (p.samples ?? []).forEach((id, i) => {
    const dt = p.timeDeltas?.[i] ?? 0;
    const n = byId.get(id)!;
    self.set(label(n), (self.get(label(n)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const l = label(byId.get(at)!);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + dt);
    }
  });
}
if (phases.size > 0) {
  const first = process.env.PHASES !== undefined;
  console.log(`CPU ms per ${first ? 'first' : 'later'} toggle, by the phase ending at each mark:`);
  for (const [label, ms] of phases) console.log(`  ${label.padEnd(20)} ${(ms / (first ? 1 : toggles - 1)).toFixed(1).padStart(7)}`);
}
const later = times.slice(1).sort((a, b) => a - b);
console.log(`  first toggle ${times[0]!.toFixed(0)} CPU ms; later median ${later[Math.floor(later.length / 2)]?.toFixed(0)} CPU ms`);
