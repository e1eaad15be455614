// node --import tsx scripts/class-split.ts DUMP.yaml [--profile ID]
// Issue 12: why a real dump has about as many workload classes as workloads. Prints the class count,
// then groups the workloads by what the engine's bitsets, namespace and ports alone tell apart ("would-be
// classes") and counts, per workload field outside that key, how many would-be classes it splits.
import { readFileSync } from 'node:fs';
import { inCluster } from '../src/cluster/assumed/index.ts';
import { DEFAULT_SETTINGS } from '../src/design/types.ts';
import { compile } from '../src/engine/compile.ts';
import { workloadBitsets, workloadClasses } from '../src/engine/classes/classes.ts';
import type { NetworkProfileId } from '../src/engine/profiles/types.ts';
import { parseKubectlManifests } from '../src/import/manifests.ts';
import { loadDesign } from '../src/model/index.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: scripts/class-split.ts DUMP.yaml [--profile ID]');
const at = process.argv.indexOf('--profile');
const profile = (at > 0 ? process.argv[at + 1] : undefined) as NetworkProfileId | undefined;

const design = inCluster(loadDesign([{ name: file, text: readFileSync(file, 'utf8') }], parseKubectlManifests), DEFAULT_SETTINGS);
const c = compile(design.cluster, { profile });
const n = c.workloads.length;
const sets = workloadBitsets(c);
const wouldBe = new Map<string, number[]>();
c.workloads.forEach((w, i) => {
  const ports = w.ports.map((p) => `${p.name ?? ''}:${p.containerPort}/${p.protocol}`).join(',');
  const signature = sets.map((s) => (s.has(i) ? '1' : '0')).join('');
  const key = `${w.namespace}\u0000${ports}\u0000${signature}`;
  const list = wouldBe.get(key);
  if (list) list.push(i);
  else wouldBe.set(key, [i]);
});
console.log(`${file}${profile ? ` (${profile})` : ''}: ${n} workloads, ${c.cluster.nodes.length} nodes, ${sets.length} bitsets`);
console.log(`classes: ${workloadClasses(c).members.length}; would-be classes (namespace, ports, bitsets): ${wouldBe.size}`);

// Per field: would-be classes in which it takes more than one value, and the classes it adds.
const splits = new Map<string, { classes: number; added: number; example: string }>();
for (const members of wouldBe.values()) {
  if (members.length < 2) continue;
  const fields = new Set(members.flatMap((i) => Object.keys(c.workloads[i]!)));
  for (const field of fields) {
    const values = new Set(members.map((i) => JSON.stringify((c.workloads[i] as unknown as Record<string, unknown>)[field])));
    if (values.size < 2) continue;
    const s = splits.get(field) ?? { classes: 0, added: 0, example: [...values].slice(0, 3).join(' | ') };
    s.classes++;
    s.added += values.size - 1;
    splits.set(field, s);
  }
}
console.log('field: would-be classes it splits, classes it alone would add, e.g.');
for (const [field, s] of [...splits].sort((a, b) => b[1].added - a[1].added)) console.log(`  ${field}: ${s.classes}, +${s.added}, ${s.example.slice(0, 120)}`);
