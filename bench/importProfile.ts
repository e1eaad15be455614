// Where a large import's time goes off the page's main thread (issue 12), step by step, as the
// import worker, the copies between threads and the analysis worker pay it: parse, the copies of
// the held objects (structured clone), the first full analysis (as an import takes it, and as an
// edited text is taken). CPU time, not the wall clock: on a
// shared machine the wall clock counts other processes too.
// Usage: node --import tsx bench/importProfile.ts [pods, default 5000]
import { cpuTimer } from './cpuTime.ts';
import { loadavg } from 'node:os';
import { DEFAULT_SETTINGS } from '../src/design/types.ts';
import { importLarge, importLargeParallel, readPieces, type ReadElsewhere } from '../src/import/index.ts';
import { analyzeHeldObjects, analyzeHeldText } from '../src/workers/held.ts';
import { clusterMemo } from '../src/model/index.ts';
import { incrementalAnalyzer } from '../src/workers/incremental.ts';
import { kubectlDump } from '../scripts/kubectl-dump.ts';

const pods = Number(process.argv[2] ?? 5000);
const time = cpuTimer(52);

const { text } = kubectlDump({ pods, seed: 1 });
console.log(`${pods} pods, ${(text.length / 1024 / 1024).toFixed(1)} MB; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
// As the page runs it: half the pieces read (and their policies written) by the helper worker.
let helperMs = 0;
const elsewhere: ReadElsewhere = (pieces, file, stopOnAlias, emitShown) => {
  const started = process.cpuUsage();
  const read = readPieces(pieces, file, { stopOnAlias, emitShown });
  const used = process.cpuUsage(started);
  helperMs = (used.user + used.system) / 1000;
  return Promise.resolve(read);
};
const startedParallel = process.cpuUsage();
await importLargeParallel(text, 'dump.yaml', elsewhere);
const usedParallel = process.cpuUsage(startedParallel);
const parallelMs = (usedParallel.user + usedParallel.system) / 1000;
console.log(`  import worker: split, its half, check and finish ${(parallelMs - helperMs).toFixed(0).padStart(12)} CPU ms`);
console.log(`  helper worker: the other half ${helperMs.toFixed(0).padStart(28)} CPU ms`);
const outcome = time('one worker alone: parse and slim (importLarge)', () => importLarge(text, 'dump.yaml'));
if (!outcome.ok) throw new Error(outcome.diagnostics[0]?.message);
const d = outcome.design;
console.log(`    ${d.held.length} held objects, ${d.shown.length} policies, editor text ${(d.text.length / 1024).toFixed(0)} KB`);
time('copy held objects (one structured clone)', () => structuredClone(d.held));
const held = { count: d.held.length, file: d.file, lines: d.heldLines, header: d.header, objects: d.held };
// As the analysis worker takes an import now: the policies the import wrote come with their
// objects (no parse), and the held objects it validated are not validated again.
const checked = new WeakSet(d.held.filter((_, i) => !d.heldUnchecked.includes(i)));
const objects = [...d.held, ...d.shown];
const fastAnalyzer = incrementalAnalyzer();
const fast = time('analysis worker: first analysis, written objects (analyzeHeldObjects)', () =>
  analyzeHeldObjects(objects, DEFAULT_SETTINGS, held, fastAnalyzer.analyze, { memo: clusterMemo(), checked }));
console.log(`    ${fast.analysis.graph.pairs.length} pairs`);
time('copy the review task to the review worker (objects and the cluster)', () => structuredClone({ objects, cluster: fast.analysis.cluster }));
// As it takes an edited text (and took the import before): the editor text parsed, everything validated.
const analyzer = incrementalAnalyzer();
const r = time('analysis worker: analysis of the text (analyzeHeldText)', () => analyzeHeldText(d.text, 'editor.yaml', DEFAULT_SETTINGS, held, analyzer.analyze));
if (!r.result.ok) throw new Error(r.result.diagnostics[0]?.message);
const a = r.result.analysis;
console.log(`    ${a.graph.pairs.length} pairs, ${a.graph.workloads.length} workloads`);
time('copy the analysis to the page (without the held objects)', () => structuredClone({ ...a, objects: a.objects.slice(d.held.length) }));
time('copy the cluster alone', () => structuredClone(a.cluster));
time('copy the graph alone', () => structuredClone(a.graph));
const c = a.cluster as unknown as Record<string, unknown>;
for (const [k, v] of Object.entries(c)) if (v && typeof v === 'object') time(`  copy cluster.${k}`, () => structuredClone(v));
const g = a.graph as unknown as Record<string, unknown>;
for (const [k, v] of Object.entries(g)) if (v && typeof v === 'object') time(`  copy graph.${k}`, () => structuredClone(v));
