// The page's CPU per toggle on a kubectl dump (issue 12), in node: decode the answer, the shown
// graph, the canvas's derive, keepIdentity and the toolbar's per-answer passes. React's own work and
// the browser's are not here (scripts/profile-page.ts --action toggle).
// Usage: node --import tsx bench/pageDumpToggle.ts [path to a dump, default /tmp/netpol-scale/5k.yaml] [switch, default nonPrivateIPs]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { setAllowRule } from '../src/design/allowRules.ts';
import { DEFAULT_SETTINGS, type AllowRuleId } from '../src/design/types.ts';
import { clusterMemo } from '../src/model/index.ts';
import { importLarge } from '../src/import/index.ts';
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
import { foldedPaths, searchOptions } from '../src/ui/scale/toolbarData.ts';

const file = process.argv[2] ?? '/tmp/netpol-scale/5k.yaml';
const outcome = importLarge(readFileSync(file, 'utf8'), 'dump.yaml');
if (!outcome.ok) throw new Error(outcome.diagnostics[0]?.message);
let objects = [...outcome.design.held, ...outcome.design.shown];
const settings = DEFAULT_SETTINGS;
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
const kept: { nodes?: AppNode[]; edges?: AppEdge[]; paths?: AppEdge[] } = {};

function onAnswer(message: { analysis: Analysis; deltas: AnswerDeltas }): void {
  const decoded = time('decode the answer', () => decodeAnswerDeltas(message.analysis, message.deltas, page));
  if (!decoded) throw new Error('the page lost step with the worker');
  page = decoded;
  const shown = time('shownGraph', () => shownGraph(decoded.graph, view));
  const d = time('derive (canvas)', () => derives(shown, null));
  time('keepIdentity + bundleUndrawn', () => {
    const nodes = (kept.nodes = keepIdentity(kept.nodes, d.nodes));
    const edges = (kept.edges = keepIdentity(kept.edges, d.edges));
    kept.paths = keepIdentity(kept.paths, bundleUndrawn(nodes, edges, new Set()));
  });
  time('toolbar: search options', () => searchOptions(decoded.graph));
  time('toolbar: folded paths', () => foldedPaths(decoded.graph.pairs));
}

function analyze(): { analysis: Analysis; deltas: AnswerDeltas } {
  const r = analyzeObjects(objects, settings, false, analyzer.analyze, memo);
  if (!r.ok) throw new Error('analysis failed');
  return structuredClone(answers.encode(r.analysis));
}

// Apart, so that a profile tells the first answer (a whole derive) from the toggles'.
(function firstAnswer() {
  onAnswer(analyze());
})();
const namespace = page!.graph.namespaces.find((ns) => ns.workloads.length > 3)!.name;
steps.clear();
const rule = (process.argv[3] ?? 'nonPrivateIPs') as AllowRuleId;
const switches: AllowRuleId[] = [rule, rule, rule];
const results: string[] = [];
let on = true;
for (const id of switches) {
  objects = setAllowRule(objects, id, { namespace }, on, settings);
  on = !on;
  const message = analyze();
  const t = cpu();
  onAnswer(message);
  results.push((cpu() - t).toFixed(0));
}
const total = [...steps.values()].reduce((a, b) => a + b, 0);
console.log(`${file}: 3 toggles of ${namespace}, page CPU ${total.toFixed(0)} ms (${results.join(' + ')}); load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
for (const [label, ms] of steps) console.log(`  ${label.padEnd(48)} ${ms.toFixed(1).padStart(8)} CPU ms`);
