// Where a toggle's time goes on the PAGE's main thread (issue 12), step by step in CPU ms (the wall
// clock on a shared machine counts other processes too): the request's copy, the answer's copy and
// decoding, the view pipeline the canvas runs (filters, overview grouping, derive, bundles), the
// Rules panel's switches and the editor's reveal of the new policy. React's own reconciliation and
// the browser's style/layout are not here: scripts/profile-page.ts --action toggle shows them.
// Usage: node --import tsx bench/pageToggleProfile.ts [tenants400|pods5000|pods200|pods1000]
import { loadavg } from 'node:os';
import { ALLOW_RULES, allowRulesOn, isAllowRuleOn, setAllowRule } from '../src/design/allowRules.ts';
import { DEFAULT_SETTINGS } from '../src/design/types.ts';
import { emitYaml, loadDesign } from '../src/model/index.ts';
import { analyzeObjects } from '../src/workers/analysis.ts';
import { clusterEncoder, decodeCluster } from '../src/workers/clusterDelta.ts';
import { incrementalAnalyzer } from '../src/workers/incremental.ts';
import { encodeObjects } from '../src/workers/objectsPatch.ts';
import { decodePairs } from '../src/workers/pairsDelta.ts';
import { answerEncoder, decodeAnswer } from '../src/workers/listDelta.ts';
import { shownGraph, deriveShown } from '../src/ui/scale/shown.ts';
import { NO_FILTERS } from '../src/ui/scale/transform.ts';
import type { ScaleView } from '../src/ui/scale/viewState.ts';
import { bundleUndrawn } from '../src/ui/graph/bundle.ts';
import { deriveMemo } from '../src/ui/graph/derive.ts';
import { lineOfObject } from '../src/ui/create/lineOfObject.ts';
import { syntheticCluster } from './synthetic.ts';
import { tenantDesignYaml } from './tenantDesign.ts';
import { clusterYaml } from '../scripts/synthetic-yaml.ts';

const name = process.argv[2] ?? 'tenants400';
const text = name === 'tenants400' ? tenantDesignYaml({ namespaces: 400 }) : clusterYaml(syntheticCluster(Number(name.replace('pods', ''))));
const namespace = name === 'tenants400' ? 'app-003' : 'ns-3';
const settings = DEFAULT_SETTINGS;
const objects = loadDesign([{ name: 'd.yaml', text }]).manifests.map((m) => m.object);
const toggled = setAllowRule(objects, 'nonPrivateIPs', { namespace }, true, settings);

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const time = <T>(label: string, fn: () => T, runs = 1): T => {
  let r: T | undefined;
  const t = cpu();
  for (let i = 0; i < runs; i++) r = fn();
  console.log(`  ${label.padEnd(52)} ${((cpu() - t) / runs).toFixed(1).padStart(8)} CPU ms`);
  return r as T;
};
console.log(`${name}: ${objects.length} objects; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);

// The worker's side, to have its answers (not timed here: bench/toggleProfile.ts).
const analyzer = incrementalAnalyzer();
const encoder = clusterEncoder();
const lists = answerEncoder();
const first = analyzeObjects(objects, settings, false, analyzer.analyze);
if (!first.ok) throw new Error('analysis failed');
analyzer.send(first.analysis.graph);
const firstCluster = encoder.encode(first.analysis.cluster).cluster;
lists.encode(first.analysis);
const next = analyzeObjects(toggled, settings, false, analyzer.analyze);
if (!next.ok) throw new Error('analysis failed');
const delta = analyzer.send(next.analysis.graph);
const encoded = encoder.encode(next.analysis.cluster);
const view: ScaleView = { focus: null, overview: 'auto', groupBy: null, filters: NO_FILTERS };

console.log('the request');
time('copy all objects (first toggle after a text import)', () => structuredClone(toggled));
time('encode + copy the objects patch', () => structuredClone(encodeObjects(toggled, objects)));
console.log('the answer');
const listed = time('encode the lists (worker side)', () => lists.encode({ ...next.analysis, objects: [], cluster: encoded.cluster, graph: { ...next.analysis.graph, pairs: delta ? [] : next.analysis.graph.pairs } }));
const message = { response: listed.analysis, pairs: delta, same: encoded.same, lists: listed.lists };
const copied = time('copy the answer (structured clone)', () => structuredClone(message));
console.log(`    lists sent as deltas: ${Object.entries(listed.lists).map(([k, d]) => `${k} ${d.added.length}/${d.from.length}`).join(', ') || 'none'}`);
console.log(`    ${delta ? `${delta.added.length} pairs added of ${delta.from.length}` : `${next.analysis.graph.pairs.length} pairs in full`}; cluster parts the same: ${encoded.same.join(', ') || 'none'}`);
const pairs = time('decode the pairs', () => (copied.pairs ? decodePairs(copied.pairs, first.analysis.graph.pairs) : copied.response.graph.pairs));
const cluster = time('decode the cluster', () => decodeCluster(copied.response.cluster, copied.same, firstCluster))!;
const decoded = time('decode the lists', () => decodeAnswer({ ...copied.response, cluster, graph: { ...copied.response.graph, pairs: pairs! } }, copied.lists, first.analysis))!;
const graph = decoded.graph;
const prevGraph = first.analysis.graph;
console.log('the canvas (per answer)');
// The page drew the graph before the toggle: what derive remembers of it is there.
const memo = deriveMemo();
time('before the toggle: shownGraph + deriveShown (not per answer)', () => deriveShown(shownGraph(prevGraph, view), {}, {}, null, { showCuts: true }, undefined, memo));
const shown = time('shownGraph (filters, overview grouping)', () => shownGraph(graph, view));
console.log(`    mode ${shown.mode}, grouped by ${shown.groupLabel || '-'}: ${shown.graph.namespaces.length} boxes, ${shown.graph.pairs.length} pairs`);
const derived = time('deriveShown (derive + arrange), remembering the last', () => deriveShown(shown, {}, {}, null, { showCuts: true }, undefined, memo));
console.log(`    ${derived.nodes.length} nodes, ${derived.edges.length} edges`);
time('bundleUndrawn', () => bundleUndrawn(derived.nodes, derived.edges, new Set()));
console.log('the panels');
time('Rules panel before: isAllowRuleOn per switch', () => ALLOW_RULES.map((r) => isAllowRuleOn(toggled, r.id, { namespace })));
time('Rules panel: allowRulesOn (one pass)', () => allowRulesOn(toggled, { namespace }));
console.log('after the YAML arrives');
const yaml = emitYaml(toggled);
const added = toggled.find((o) => !objects.includes(o))!;
time('reveal the new policy (lineOfObject)', () => lineOfObject(yaml, added));

// What the answer's copy is made of (top-level parts of the graph and the cluster).
console.log('the answer, part by part (structured clone)');
for (const [k, v] of Object.entries(message.response.graph)) time(`graph.${k}`, () => structuredClone(v));
for (const [k, v] of Object.entries(message.response.cluster)) time(`cluster.${k}`, () => structuredClone(v));
time('diagnostics', () => structuredClone(message.response.diagnostics));
