// The Matrix view's worker job at scale (issue 12): CPU ms of each step, old (per workload pair) and
// new (per class pair). Usage: node --import tsx bench/matrixJob.ts [pods5000|tenants400|pods200] [old|new]
import { loadDesign } from '../src/model/index.ts';
import { DEFAULT_SETTINGS } from '../src/design/types.ts';
import { runReviewJob } from '../src/workers/reviewJobs.ts';
import { syntheticCluster } from './synthetic.ts';
import { tenantDesignYaml } from './tenantDesign.ts';
import { clusterYaml } from '../scripts/synthetic-yaml.ts';

const name = process.argv[2] ?? 'pods5000';
const which = process.argv[3] ?? 'old';
const text = name === 'tenants400' ? tenantDesignYaml({ namespaces: 400 }) : clusterYaml(syntheticCluster(Number(name.replace('pods', ''))));
const design = loadDesign([{ name: 'design.yaml', text }]);
const cpu = () => process.cpuUsage().user / 1000;
const job = which === 'old'
  ? { job: 'matrix' as const, level: 'namespace' as const, show: 'all' as const, outside: true }
  : { job: 'matrixCompact' as const, level: 'namespace' as const, show: 'all' as const, outside: true };
for (let run = 0; run < 3; run++) {
  const t0 = cpu();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const r = runReviewJob(text, DEFAULT_SETTINGS, job as any, { cluster: design.cluster });
  const t1 = cpu();
  console.log(`${name} ${which} run ${run}: ${Math.round(t1 - t0)} ms CPU, ok=${r.ok}`);
}
