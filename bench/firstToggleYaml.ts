// The YAML of the first toggle after a design is opened (issue 12), as the analysis worker writes
// it: its memo (src/model/emitCache.ts) holds nothing yet but the documents the design was parsed
// from (src/model/sourceText.ts). CPU ms: before (every object written again, as emitYaml does)
// and after (the parsed documents kept, the changed policy written).
// Usage: node --import tsx bench/firstToggleYaml.ts [tenants400|pods5000|pods200|pods1000 ...]
import { loadavg } from 'node:os';
import { setAllowRule } from '../src/design/allowRules.ts';
import { DEFAULT_SETTINGS } from '../src/design/types.ts';
import { emitYaml, loadDesign, parseManifests, yamlCache } from '../src/model/index.ts';
import { PAGE_DESIGNS } from '../scripts/pageDesigns.ts';
import { cpuTimer } from './cpuTime.ts';

const time = cpuTimer(40);
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
for (const name of process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['tenants400', 'pods5000']) {
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
