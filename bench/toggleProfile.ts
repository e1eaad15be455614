// Where a toggle's time goes in the analysis worker (issue 12): replays what the worker does for one
// switch on a large design, phase by phase. Usage: node --import tsx bench/toggleProfile.ts [pods5000|tenants400|pods200]
import { loadavg } from 'node:os';
import { withAssumedServices } from '../src/cluster/assumed/index.ts';
import { setAllowRule } from '../src/design/allowRules.ts';
import { DEFAULT_SETTINGS } from '../src/design/types.ts';
import { compile } from '../src/engine/index.ts';
import { buildClusterFromObjects, emitYaml, loadDesign } from '../src/model/index.ts';
import { analyzeCluster } from '../src/workers/analysis.ts';
import { reviewEmitted } from '../src/workers/findings.ts';
import { syntheticCluster } from './synthetic.ts';
import { tenantDesignYaml } from './tenantDesign.ts';
import { clusterYaml } from '../scripts/synthetic-yaml.ts';

const name = process.argv[2] ?? 'pods5000';
const text = name === 'tenants400' ? tenantDesignYaml({ namespaces: 400 }) : clusterYaml(syntheticCluster(Number(name.replace('pods', ''))));
const namespace = name === 'tenants400' ? 'app-003' : 'ns-3';
const settings = DEFAULT_SETTINGS;
const objects = loadDesign([{ name: 'd.yaml', text }]).manifests.map((m) => m.object);
const toggled = setAllowRule(objects, 'nonPrivateIPs', { namespace }, true, settings);

const time = <T>(label: string, fn: () => T): T => {
  const t = performance.now();
  const r = fn();
  console.log(`  ${label.padEnd(34)} ${(performance.now() - t).toFixed(0).padStart(6)} ms`);
  return r;
};
console.log(`${name}: ${objects.length} objects; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
for (let round = 0; round < 2; round++) {
  console.log(`round ${round + 1}`);
  time('structuredClone(objects) (post)', () => structuredClone(toggled));
  const built = time('buildClusterFromObjects', () => buildClusterFromObjects(toggled));
  const cluster = time('withAssumedServices', () => withAssumedServices(built.cluster, settings));
  time('compile (once, of several)', () => compile(cluster, { profile: settings.profile }));
  const graph = time('analyzeCluster (compile included)', () => analyzeCluster(toggled, cluster, settings));
  console.log(`    ${graph.pairs.length} pairs, ${graph.workloads.length} workloads, ${graph.flows.length} flows`);
  time('structuredClone(graph) (response)', () => structuredClone(graph));
  time('structuredClone(cluster) (response)', () => structuredClone(cluster));
  const yaml = time('emitYaml', () => emitYaml(toggled));
  time('review (reviewEmitted)', () => reviewEmitted(toggled, yaml, 'design.yaml', settings, { cluster, diagnostics: built.diagnostics }));
}
