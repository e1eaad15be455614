// A toggle's analysis in the worker, before and after incremental analysis (issue 12): the full
// analysis of the design after a switch, against the analysis that reuses the one before it.
// Usage: [ROUNDS=4] node --import tsx bench/incremental.bench.ts [pods200,pods1000,pods5000,tenants400]
import { loadavg } from 'node:os';
import { withAssumedServices } from '../src/cluster/assumed/index.ts';
import { setAllowRule } from '../src/design/allowRules.ts';
import { DEFAULT_SETTINGS } from '../src/design/types.ts';
import { buildClusterFromObjects, clusterMemo, loadDesign } from '../src/model/index.ts';
import type { KubeObject } from '../src/model/types.ts';
import { analyzeCluster, analyzeClusterFrom, type AnalysisState } from '../src/workers/analysis.ts';
import { incrementalAnalyzer } from '../src/workers/incremental.ts';
import { clusterYaml } from '../scripts/synthetic-yaml.ts';
import { syntheticCluster } from './synthetic.ts';
import { tenantDesignYaml } from './tenantDesign.ts';

const designs = (process.argv[2] ?? 'pods200,pods1000,tenants400,pods5000').split(',');
const settings = DEFAULT_SETTINGS;
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(`load average ${load()} (2 cores shared: numbers scale with it)`);
// "toggle in the worker": what the analysis worker pays for a switch before the graph goes out (the
// cluster build with its memory, the incremental analysis, the pairs as a change), as src/workers/analysis.worker.ts does.
const rounds = Number(process.env.ROUNDS ?? 1);
console.log(`design        workloads  pairs   full analysis  incremental  toggle in the worker  (median of ${4 * rounds} toggles, CPU ms)`);
for (const name of designs) {
  const text = name === 'tenants400' ? tenantDesignYaml({ namespaces: 400 }) : clusterYaml(syntheticCluster(Number(name.replace('pods', ''))));
  const namespace = name === 'tenants400' ? 'app-003' : 'ns-3';
  let objects: KubeObject[] = loadDesign([{ name: 'd.yaml', text }]).manifests.map((m) => m.object);
  // Built as the worker builds it, remembering the objects of the last build (src/model/cluster.ts ClusterMemo).
  const memo = clusterMemo();
  const clusterOf = (o: KubeObject[]) => withAssumedServices(buildClusterFromObjects(o, 'design', memo).cluster, settings);
  let state: AnalysisState = analyzeClusterFrom(objects, clusterOf(objects), settings, undefined).state;
  const full: number[] = [];
  const incremental: number[] = [];
  const worker: number[] = [];
  let pairs = 0;
  // The worker's own path, with its own memories (a second design copy: the loop below keeps the first).
  let workerObjects = objects;
  const workerMemo = clusterMemo();
  const analyzer = incrementalAnalyzer();
  analyzer.send(analyzer.analyze(workerObjects, withAssumedServices(buildClusterFromObjects(workerObjects, 'design', workerMemo).cluster, settings), settings));
  // The switches measure:page clicks: internet egress and same-namespace, on and off.
  const switches = [['nonPrivateIPs', true], ['nonPrivateIPs', false], ['sameNamespace', true], ['sameNamespace', false]] as const;
  for (let round = 0; round < rounds; round++) {
    for (const [rule, on] of switches) {
      workerObjects = setAllowRule(workerObjects, rule, { namespace }, on, settings);
      const t = cpuMs();
      analyzer.send(analyzer.analyze(workerObjects, withAssumedServices(buildClusterFromObjects(workerObjects, 'design', workerMemo).cluster, settings), settings));
      worker.push(cpuMs() - t);
    }
  }
  for (const [rule, on] of switches) {
    objects = setAllowRule(objects, rule, { namespace }, on, settings);
    const cluster = clusterOf(objects);
    // CPU time, not wall time: on a shared machine the wall clock counts the other processes too.
    let t = cpuMs();
    const reference = analyzeCluster(objects, cluster, settings);
    full.push(cpuMs() - t);
    t = cpuMs();
    const next = analyzeClusterFrom(objects, cluster, settings, state);
    incremental.push(cpuMs() - t);
    if (!next.reuse.reused) throw new Error(`${name}: the toggle was not analyzed incrementally`);
    if (next.graph.pairs.length !== reference.pairs.length) throw new Error(`${name}: incremental and full analyses differ`);
    state = next.state;
    pairs = reference.pairs.length;
  }
  console.log(`${name.padEnd(13)} ${String(state.compiled.workloads.length).padStart(9)} ${String(pairs).padStart(7)} ${median(full).toFixed(0).padStart(12)} ${median(incremental).toFixed(0).padStart(12)} ${median(worker).toFixed(0).padStart(21)}   (load ${load()})`);
}
