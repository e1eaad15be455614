// The page's CPU for a newly loaded large design's first drawing, in node, step by step as the
// canvas prepares it (src/ui/graph/drawnInTurn.ts, GraphView.tsx PREPARE): each step is a task of
// its own on the page. React's render and commit after them are not timed
// (scripts/profile-page.ts --action import).
// Usage: node --import tsx bench/firstDrawSteps.ts [pods5000|tenants400|pods1000] [--one]
// --one: the shown graph and the derive in one task, as before the steps (a process of its own, so
// neither run finds the other's code optimised).
import { loadavg } from 'node:os';
import { DEFAULT_SETTINGS } from '../src/design/types.ts';
import { clusterMemo, loadDesign } from '../src/model/index.ts';
import { analyzeObjects } from '../src/workers/analysis.ts';
import { incrementalAnalyzer } from '../src/workers/incremental.ts';
import { shownGraph } from '../src/ui/scale/shown.ts';
import { NO_FILTERS } from '../src/ui/scale/transform.ts';
import { shownDeriver } from '../src/ui/graph/shownDerive.ts';
import { syntheticCluster } from './synthetic.ts';
import { tenantDesignYaml } from './tenantDesign.ts';
import { clusterYaml } from '../scripts/synthetic-yaml.ts';

const name = process.argv[2] ?? 'pods5000';
const text = name === 'tenants400' ? tenantDesignYaml({ namespaces: 400 }) : clusterYaml(syntheticCluster(Number(name.replace('pods', ''))));
const objects = loadDesign([{ name: 'd.yaml', text }]).manifests.map((m) => m.object);
const r = analyzeObjects(objects, DEFAULT_SETTINGS, false, incrementalAnalyzer().analyze, clusterMemo());
if (!r.ok) throw new Error('analysis failed');
// As the page receives it: one structured clone.
const graph = structuredClone(r.analysis.graph);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const time = (label: string, fn: () => void) => {
  const t = cpu();
  fn();
  console.log(`  ${label.padEnd(30)} ${(cpu() - t).toFixed(1).padStart(7)} CPU ms`);
};
const NONE = {};
const OPTIONS = { showCuts: true };
const view = () => shownGraph(graph, { focus: null, overview: 'auto', groupBy: null, filters: NO_FILTERS });
console.log(`${name}: ${graph.pairs.length} pairs; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const derive = shownDeriver();
if (process.argv.includes('--one')) time('shown graph and derive, one task', () => derive(view(), NONE, NONE, OPTIONS));
else {
  time('step: shown graph', view);
  time('step: nodes indexed', () => derive.prepare('nodes', view(), NONE, NONE));
  time('step: pairs routed', () => derive.prepare('routes', view(), NONE, NONE));
  // As GraphView.tsx PREPARE tallies: TALLY_STEP pairs per task, the step run again until done.
  for (let run = 1, done = false; !done; run++) time(`step: edges tallied (${run})`, () => (done = derive.prepare('tallies', view(), NONE, NONE, 50_000)));
  time('step: derive', () => derive(view(), NONE, NONE, OPTIONS));
}
