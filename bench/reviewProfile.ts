// Where the security review's time goes, check by check (issue 12): the review as the worker runs it
// after a toggle (objects + the YAML the worker wrote), in CPU ms.
// Usage: node --import tsx bench/reviewProfile.ts [pods5000|tenants400|pods200|dump:FILE]
import { cpuTimer } from './cpuTime.ts';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { withAssumedServices } from '../src/cluster/assumed/index.ts';
import { setAllowRule } from '../src/design/allowRules.ts';
import { DEFAULT_SETTINGS } from '../src/design/types.ts';
import { buildClusterFromObjects, emitYaml, loadDesign } from '../src/model/index.ts';
import { emittedDesign } from '../src/workers/findings.ts';
import { REVIEW_CHECKS, reviewDesign } from '../src/review/findings/index.ts';
import { createContext } from '../src/review/findings/context.ts';
import { syntheticCluster } from './synthetic.ts';
import { tenantDesignYaml } from './tenantDesign.ts';
import { clusterYaml } from '../scripts/synthetic-yaml.ts';

const name = process.argv[2] ?? 'pods5000';
const text = name === 'tenants400' ? tenantDesignYaml({ namespaces: 400 })
  : name.startsWith('dump:') ? readFileSync(name.slice(5), 'utf8')
  : clusterYaml(syntheticCluster(Number(name.replace('pods', ''))));
const settings = DEFAULT_SETTINGS;
const objects = loadDesign([{ name: 'd.yaml', text }]).manifests.map((m) => m.object);
const namespace = name === 'tenants400' ? 'app-003' : name.startsWith('pods') ? 'ns-3' : undefined;
const toggled = namespace ? setAllowRule(objects, 'nonPrivateIPs', { namespace }, true, settings) : objects;

const time = cpuTimer(30);
console.log(`${name}: ${toggled.length} objects; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const built = buildClusterFromObjects(toggled);
const cluster = withAssumedServices(built.cluster, settings);
const yaml = emitYaml(toggled);
// --parsed: locations from a full parse up front, so each check's time is its own (not the lazy
// location lookups of the documents its findings point at).
const parsed = process.argv.includes('--parsed') ? loadDesign([{ name: 'design.yaml', text: yaml }]) : undefined;
const design = () => parsed ?? emittedDesign(toggled, yaml, 'design.yaml', cluster, built.diagnostics)!;
const ctx = time('context (compile)', () => createContext(design(), settings));
for (const check of REVIEW_CHECKS) {
  const found = time(check.name, () => check.run(ctx));
  if (found.length) console.log(`    ${found.length} findings`);
}
const all = time('reviewDesign (whole, fresh)', () => reviewDesign(design(), settings));
console.log(`    ${all.length} findings`);
