// The YAML of the first toggle after a design is opened (issue 12), as the analysis worker writes
// it: its memo (src/model/emitCache.ts) holds nothing yet but the documents the design was parsed
// from (src/model/sourceText.ts). CPU ms: before (every object written again, as emitYaml does)
// and after (the parsed documents kept, the changed policy written).
// kubectl<pods> (e.g. kubectl5000, the 16 MB dump): a large import, whose editor text the analysis
// worker gets with its objects and does not parse (src/workers/seedWritten.ts seeds the memo).
// Usage: node --import tsx bench/firstToggleYaml.ts [tenants400|pods5000|pods200|pods1000|kubectl5000 ...]
import { loadavg } from 'node:os';
import { setAllowRule } from '../src/design/allowRules.ts';
import { DEFAULT_SETTINGS } from '../src/design/types.ts';
import { importLargeParallel, readPieces } from '../src/import/index.ts';
import { emitYaml, loadDesign, parseManifests, yamlCache } from '../src/model/index.ts';
import type { KubeObject } from '../src/model/types.ts';
import { emitHeldText, type HeldRef } from '../src/workers/held.ts';
import { seedWrittenText } from '../src/workers/seedWritten.ts';
import { kubectlDump } from '../scripts/kubectl-dump.ts';
import { PAGE_DESIGNS } from '../scripts/pageDesigns.ts';
import { cpuTimer } from './cpuTime.ts';

const time = cpuTimer(40);
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);

/** The first toggle after importing a kubectl dump of `pods` pods, as the analysis worker writes it. */
async function largeImport(pods: number): Promise<void> {
  const text = kubectlDump({ pods, seed: 1 }).text;
  const outcome = await importLargeParallel(text, 'cluster.yaml', (pieces, file, stopOnAlias, emitShown) => Promise.resolve(readPieces(pieces, file, { stopOnAlias, emitShown })));
  if (!outcome.ok) throw new Error('import failed');
  const d = outcome.design;
  const held: HeldRef = { count: d.held.length, file: 'cluster.yaml', lines: d.heldLines, header: d.header };
  const policy = d.shown.find((o) => o.kind === 'NetworkPolicy');
  const namespace = (policy?.metadata as { namespace?: string } | undefined)?.namespace ?? 'default';
  console.log(`kubectl${pods}: ${d.held.length} held, ${d.shown.length} shown objects, ${(text.length / 1024 / 1024).toFixed(1)} MB; the editor text ${(d.text.length / 1024).toFixed(0)} KB`);
  // The worker's copies of the shown objects (from the port), toggled as the page asks.
  const toggled = (shown: KubeObject[]) => setAllowRule([...d.held, ...shown], 'nonPrivateIPs', { namespace }, true, DEFAULT_SETTINGS);
  // Unseeded first: a seeded copy would be found by content.
  const plain = yamlCache();
  const before = toggled(structuredClone(d.shown));
  time('before: every shown object written', () => emitHeldText(before, held, plain.emit));
  console.log(`    ${plain.written()} objects written`);
  const shown = structuredClone(d.shown);
  time('seeding the memo from the editor text', () => seedWrittenText({ text: d.text, objects: shown }, d.header));
  const after = toggled(shown);
  const cache = yamlCache();
  const out = time('after: the seeded documents kept', () => emitHeldText(after, held, cache.emit));
  console.log(`    ${cache.written()} objects written`);
  const back = parseManifests([{ name: 'editor.yaml', text: out }]).manifests.map((m) => m.object);
  if (JSON.stringify(back) !== JSON.stringify(after.slice(held.count))) throw new Error('the written text does not read back as the design');
}

for (const name of process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['tenants400', 'pods5000', 'kubectl5000']) {
  const pods = /^kubectl(\d+)$/.exec(name);
  if (pods) {
    await largeImport(Number(pods[1]));
    continue;
  }
  const design = PAGE_DESIGNS[name];
  if (!design) throw new Error(`unknown design ${name}`);
  const text = design.text();
  const objects = loadDesign([{ name: 'd.yaml', text }]).manifests.map((m) => m.object);
  const toggled = setAllowRule(objects, 'nonPrivateIPs', { namespace: design.namespace }, true, DEFAULT_SETTINGS);
  console.log(`${name}: ${objects.length} objects, ${(text.length / 1024 / 1024).toFixed(1)} MB`);
  time('before: every object written (emitYaml)', () => emitYaml(toggled));
  const cache = yamlCache();
  const out = time('after: the parsed documents kept', () => cache.emit(toggled));
  console.log(`    ${cache.written()} objects written; text ${out.length === text.length ? 'as long as' : `${out.length - text.length > 0 ? '+' : ''}${out.length - text.length} chars against`} the opened one`);
  // Correctness first: the text reads back as the toggled design.
  const back = parseManifests([{ name: 'd.yaml', text: out }]).manifests.map((m) => m.object);
  if (JSON.stringify(back) !== JSON.stringify(toggled)) throw new Error('the written text does not read back as the design');
}
