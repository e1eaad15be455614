// Where a toggle's time goes (issue 12), phase by phase, as the worker and the page pay it: the
// request's copy, building the cluster, the analysis, the response's copy, the YAML and the review;
// before (everything in full) and after (incremental analysis, only changes copied).
// Usage: node --import tsx bench/toggleProfile.ts [pods5000|tenants400|pods200|pods1000]
import { cpuTimer } from './cpuTime.ts';
import { loadavg } from 'node:os';
import { withAssumedServices } from '../src/cluster/assumed/index.ts';
import { setAllowRule } from '../src/design/allowRules.ts';
import { DEFAULT_SETTINGS } from '../src/design/types.ts';
import { buildClusterFromObjects, clusterMemo, emitYaml, loadDesign, yamlCache } from '../src/model/index.ts';
import { analyzeCluster } from '../src/workers/analysis.ts';
import { clusterEncoder } from '../src/workers/clusterDelta.ts';
import { reviewEmitted } from '../src/workers/findings.ts';
import { incrementalAnalyzer } from '../src/workers/incremental.ts';
import { encodeObjects } from '../src/workers/objectsPatch.ts';
import { syntheticCluster } from './synthetic.ts';
import { tenantDesignYaml } from './tenantDesign.ts';
import { clusterYaml } from '../scripts/synthetic-yaml.ts';

const name = process.argv[2] ?? 'pods5000';
const text = name === 'tenants400' ? tenantDesignYaml({ namespaces: 400 }) : clusterYaml(syntheticCluster(Number(name.replace('pods', ''))));
const namespace = name === 'tenants400' ? 'app-003' : 'ns-3';
const settings = DEFAULT_SETTINGS;
const objects = loadDesign([{ name: 'd.yaml', text }]).manifests.map((m) => m.object);
const toggled = setAllowRule(objects, 'nonPrivateIPs', { namespace }, true, settings);

const time = cpuTimer(44);
console.log(`${name}: ${objects.length} objects; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);

// The worker's memories of the design before the toggle (src/model/cluster.ts ClusterMemo, src/model/emitCache.ts).
const memo = clusterMemo();
const builtBefore = buildClusterFromObjects(objects, 'design', memo);
const clusterBefore = withAssumedServices(builtBefore.cluster, settings);
const analyzer = incrementalAnalyzer();
const encoder = clusterEncoder();
analyzer.send(analyzer.analyze(objects, clusterBefore, settings));
encoder.encode(clusterBefore);
// The worker's YAML memory holds the design before the toggle; the patch keeps unchanged objects' identity.
const yaml = yamlCache();
yaml.emit(objects);

console.log('before: everything in full');
time('copy the objects to the worker', () => structuredClone(toggled));
const built = time('build the cluster', () => buildClusterFromObjects(toggled));
const cluster = withAssumedServices(built.cluster, settings);
const graph = time('analyze (full)', () => analyzeCluster(toggled, cluster, settings));
console.log(`    ${graph.pairs.length} pairs, ${graph.workloads.length} workloads`);
time('copy the graph to the page', () => structuredClone(graph));
time('copy the cluster to the page', () => structuredClone(cluster));
console.log('after: incremental, changes only');
const patch = time('copy the objects patch to the worker', () => structuredClone(encodeObjects(toggled, objects)));
console.log(`    ${patch?.middle.length ?? toggled.length} objects sent`);
const builtAfter = time('build the cluster (changed objects)', () => buildClusterFromObjects(toggled, 'design', memo));
const clusterAfter = withAssumedServices(builtAfter.cluster, settings);
const next = time('analyze (incremental)', () => analyzer.analyze(toggled, clusterAfter, settings));
const delta = analyzer.send(next);
console.log(`    ${delta ? delta.added.length : next.pairs.length} pairs sent`);
time('copy the graph (pairs as a change) to the page', () => structuredClone({ ...next, pairs: [], delta }));
time('copy the cluster (changed parts) to the page', () => structuredClone(encoder.encode(clusterAfter)));
time('write the YAML (all objects)', () => emitYaml(toggled));
console.log('after the answer');
const written = time('write the YAML (changed objects, src/model/emitCache.ts)', () => yaml.emit(toggled));
console.log(`    ${yaml.written()} objects written`);
time('review (in its own worker)', () => reviewEmitted(toggled, written, 'design.yaml', settings, { cluster, diagnostics: built.diagnostics }));
// The review worker lives on between toggles (unless a newer design supersedes its review): the next
// toggle's review finds the documents its findings point at located already.
const again = setAllowRule(toggled, 'nonPrivateIPs', { namespace }, false, settings);
const againBuilt = buildClusterFromObjects(again);
const againYaml = emitYaml(again);
time('review of the next toggle (same worker)', () => reviewEmitted(again, againYaml, 'design.yaml', settings, { cluster: withAssumedServices(againBuilt.cluster, settings), diagnostics: againBuilt.diagnostics }));
