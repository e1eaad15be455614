// The page's CPU for 3 toggles with an edge selected (issue 12), in node: what the page does with
// each answer, from the message to the objects the canvas gets. The worker's analysis is not timed
// (bench/toggleProfile.ts), nor React's reconciliation and the browser's layout
// (scripts/profile-page.ts --action toggle).
// Usage: node --import tsx bench/pageToggleSteps.ts [pods5000|tenants400|pods1000]
import { loadavg } from 'node:os';
import { setAllowRule } from '../src/design/allowRules.ts';
import { DEFAULT_SETTINGS, type AllowRuleId } from '../src/design/types.ts';
import { clusterMemo, loadDesign } from '../src/model/index.ts';
import { analyzeObjects, type Analysis } from '../src/workers/analysis.ts';
import { answerSender, decodeAnswerDeltas, type AnswerDeltas } from '../src/workers/answerDelta.ts';
import { incrementalAnalyzer } from '../src/workers/incremental.ts';
import { shownGraph } from '../src/ui/scale/shown.ts';
import { NO_FILTERS } from '../src/ui/scale/transform.ts';
import type { ScaleView } from '../src/ui/scale/viewState.ts';
import { bundleUndrawn } from '../src/ui/graph/bundle.ts';
import { keepIdentity } from '../src/ui/graph/stable.ts';
import type { AppEdge, AppNode } from '../src/ui/graph/derive.ts';
import { pageDerives } from './pageDerives.ts';
import { syntheticCluster } from './synthetic.ts';
import { tenantDesignYaml } from './tenantDesign.ts';
import { clusterYaml } from '../scripts/synthetic-yaml.ts';

const name = process.argv[2] ?? 'pods5000';
const text = name === 'tenants400' ? tenantDesignYaml({ namespaces: 400 }) : clusterYaml(syntheticCluster(Number(name.replace('pods', ''))));
const namespace = name === 'tenants400' ? 'app-003' : 'ns-3';
const switches: AllowRuleId[] = ['nonPrivateIPs', 'sameNamespace', 'defaultDenyIngress'];
const settings = DEFAULT_SETTINGS;
let objects = loadDesign([{ name: 'd.yaml', text }]).manifests.map((m) => m.object);

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const steps = new Map<string, number>();
const time = <T>(label: string, fn: () => T): T => {
  const t = cpu();
  const r = fn();
  steps.set(label, (steps.get(label) ?? 0) + cpu() - t);
  return r;
};

const analyzer = incrementalAnalyzer();
const memo = clusterMemo();
const answers = answerSender((graph) => analyzer.send(graph));
const view: ScaleView = { focus: null, overview: 'auto', groupBy: null, filters: NO_FILTERS };
const derives = pageDerives();
let page: Analysis | undefined;
let kept: { nodes?: AppNode[]; edges?: AppEdge[]; paths?: AppEdge[] } = {};
let selected: string | undefined;

/** The page's side of one answer. */
function onAnswer(message: { analysis: Analysis; deltas: AnswerDeltas }): void {
  const decoded = time('decode the answer', () => decodeAnswerDeltas(message.analysis, message.deltas, page));
  if (!decoded) throw new Error('the page lost step with the worker');
  page = decoded;
  const shown = time('shownGraph', () => shownGraph(decoded.graph, view));
  const selection = selected ? { kind: 'edge' as const, id: selected } : null;
  const d = time('derives (canvas, Explain, selection focus)', () => derives(shown, selection));
  time('keepIdentity + bundleUndrawn', () => {
    const nodes = (kept.nodes = keepIdentity(kept.nodes, d.nodes));
    const edges = (kept.edges = keepIdentity(kept.edges, d.edges));
    kept.paths = keepIdentity(kept.paths, bundleUndrawn(nodes, edges, new Set()));
  });
  selected ??= d.edges.find((e) => e.source === `ns:${namespace}` || e.target === `ns:${namespace}`)?.id ?? d.edges[0]?.id;
}

function analyze(): { analysis: Analysis; deltas: AnswerDeltas } {
  const r = analyzeObjects(objects, settings, false, analyzer.analyze, memo);
  if (!r.ok) throw new Error('analysis failed');
  return structuredClone(answers.encode(r.analysis));
}

onAnswer(analyze());
steps.clear();
const results: string[] = [];
switches.forEach((id) => {
  objects = setAllowRule(objects, id, { namespace }, true, settings);
  const message = analyze();
  const t = cpu();
  onAnswer(message);
  results.push((cpu() - t).toFixed(0));
});
const total = [...steps.values()].reduce((a, b) => a + b, 0);
console.log(`${name}: 3 toggles, page CPU ${total.toFixed(0)} ms (${results.join(' + ')}); load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
for (const [label, ms] of steps) console.log(`  ${label.padEnd(48)} ${ms.toFixed(1).padStart(8)} CPU ms`);
