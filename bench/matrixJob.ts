// The Matrix view's worker job at scale (issue 12), CPU ms per run: `old` is the per-pair `matrix`
// job (every workload pair, cell objects, both exports), `new` the compact job on workload classes
// (one port, as the view asks; the compiled cluster is reused after the first run, as in the worker).
// Usage: node --import tsx bench/matrixJob.ts [pods5000|pods1000|tenants400] [old|new]
import { loadavg } from 'node:os';
import { DEFAULT_SETTINGS } from '../src/design/types.ts';
import { loadDesign } from '../src/model/index.ts';
import { runReviewJob, type ReviewJob } from '../src/workers/reviewJobs.ts';
import { clusterYaml } from '../scripts/synthetic-yaml.ts';
import { syntheticCluster } from './synthetic.ts';
import { tenantDesignYaml } from './tenantDesign.ts';

const name = process.argv[2] ?? 'pods5000';
const which = process.argv[3] ?? 'new';
const text = name === 'tenants400' ? tenantDesignYaml({ namespaces: 400 }) : clusterYaml(syntheticCluster(Number(name.replace('pods', ''))));
const design = loadDesign([{ name: 'design.yaml', text }]);
const cpu = () => process.cpuUsage().user / 1000;
const job: ReviewJob = which === 'old'
  ? { job: 'matrix', level: 'namespace', show: 'all', outside: true }
  : { job: 'matrixCompact', level: 'namespace', show: 'all', portIndex: 0 };
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
for (let run = 0; run < 3; run++) {
  const t0 = cpu();
  const r = runReviewJob(text, DEFAULT_SETTINGS, job, { cluster: design.cluster });
  console.log(`${name} ${which} run ${run}: ${Math.round(cpu() - t0)} ms CPU${r.ok ? '' : ` (failed: ${r.message})`}`);
}
