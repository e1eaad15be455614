// A design with a held part (a large import) must evaluate and review exactly like the same
// objects in one text, with locations in the held file for held objects and in the editor for
// the rest.
import { describe, expect, it } from 'vitest';
import { kubectlDump } from '../../scripts/kubectl-dump.ts';
import { importLarge } from '../import/index.ts';
import { DEFAULT_SETTINGS } from '../design/types.ts';
import { clusterMemo, emitYaml } from '../model/index.ts';
import { setAllowRule } from '../design/allowRules.ts';
import { validateManifest } from '../model/validate.ts';
import { reviewDesign } from '../review/findings/index.ts';
import { analyzeCluster, analyzeObjects, type GraphAnalyzer } from './analysis.ts';
import { analyzeTextForReview } from './findings.ts';
import { analyzeHeldObjects, analyzeHeldText, emitHeldText, reviewHeld, type HeldPayload } from './held.ts';
import { incrementalAnalyzer } from './incremental.ts';

/** The graph without the time it took. */
const timeless = <T extends { ms: number }>(g: T): T => ({ ...g, ms: 0 });

function imported(pods: number) {
  const r = importLarge(kubectlDump({ pods, seed: 5 }).text, 'cluster.yaml');
  if (!r.ok) throw new Error('import failed');
  const d = r.design;
  const held: HeldPayload = { count: d.held.length, file: 'cluster.yaml', lines: d.heldLines, header: d.header, objects: d.held };
  return { d, held };
}

describe('held designs', () => {
  it('analyze the editor text with the held objects like the whole design in one text', () => {
    const { d, held } = imported(60);
    const { result, design } = analyzeHeldText(d.text, 'editor.yaml', DEFAULT_SETTINGS, held);
    if (!result.ok || !design) throw new Error(JSON.stringify(result));
    const whole = analyzeTextForReview(emitYaml([...d.held, ...d.shown]), 'all.yaml', DEFAULT_SETTINGS);
    if (!whole.result.ok || !whole.design) throw new Error('whole design failed');
    expect(result.analysis.objects).toEqual([...d.held, ...d.shown]);
    expect(result.analysis.graph.pairs).toEqual(whole.result.analysis.graph.pairs);
    expect(result.analysis.graph.workloads.length).toBe(whole.result.analysis.graph.workloads.length);
    const findings = reviewDesign(design, DEFAULT_SETTINGS);
    expect(findings.map((f) => f.id)).toEqual(reviewDesign(whole.design, DEFAULT_SETTINGS).map((f) => f.id));
  });

  it('say when the cluster is built, before the graph is analyzed (the progress of an import), once per analysis', () => {
    const { d, held } = imported(20);
    const events: string[] = [];
    const analyze: GraphAnalyzer = (objects, cluster, settings) => {
      events.push('analyze');
      return analyzeCluster(objects, cluster, settings);
    };
    const built = () => events.push('built');
    analyzeHeldText(d.text, 'editor.yaml', DEFAULT_SETTINGS, held, analyze, { built });
    expect(events).toEqual(['built', 'analyze']);
    events.length = 0;
    analyzeHeldObjects([...d.held, ...d.shown], DEFAULT_SETTINGS, held, analyze, { built });
    expect(events).toEqual(['built', 'analyze']);
    // A design with errors is not analyzed, and says nothing of a build for the graph.
    events.length = 0;
    const broken = analyzeHeldText(`${d.text}\n---\nkind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata: {}\n`, 'editor.yaml', DEFAULT_SETTINGS, held, analyze, { built });
    expect(broken.result.ok).toBe(false);
    expect(events).toEqual([]);
  });

  it('locate problems of held objects in the held file, at their lines', () => {
    const { d, held } = imported(20);
    const dup = d.held.findIndex((o) => o.kind === 'Service');
    const svc = d.held[dup]!;
    // The same Service written again in the editor: a duplicate, reported in both places.
    const text = `${d.text}---\n${emitYaml([svc])}`;
    const { result } = analyzeHeldText(text, 'editor.yaml', DEFAULT_SETTINGS, held);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.diagnostics.find((x) => x.code === 'duplicate-object')!;
    expect(problem.file).toBe('editor.yaml');
    expect(problem.message).toContain(`cluster.yaml:${d.heldLines[dup]}`);
  });

  it('write the header and the objects after the held ones, and review located in that text', () => {
    const { d, held } = imported(20);
    const objects = [...d.held, ...d.shown];
    const text = emitHeldText(objects, held);
    expect(text.startsWith(d.header)).toBe(true);
    expect(text).toBe(d.text);
    const built = analyzeHeldObjects(objects, DEFAULT_SETTINGS, held);
    const plain = analyzeObjects(objects, DEFAULT_SETTINGS, false);
    if (!plain.ok) throw new Error('plain analysis failed');
    expect(built.analysis.graph.pairs).toEqual(plain.analysis.graph.pairs);
    const findings = reviewHeld(objects, held, text, 'design.yaml', DEFAULT_SETTINGS, built.analysis, true);
    expect(findings).toBeDefined();
    for (const f of findings ?? []) {
      if (!f.location) continue;
      expect(['cluster.yaml', 'design.yaml']).toContain(f.location.file);
    }
    expect(reviewHeld(objects, held, text, 'design.yaml', DEFAULT_SETTINGS, built.analysis, false)?.map((f) => f.id)).toEqual(findings?.map((f) => f.id));
  });

  it('build the same design with the worker cluster memory, after a text and after a toggle', () => {
    const { d, held } = imported(60);
    const memo = clusterMemo();
    const first = analyzeHeldText(d.text, 'editor.yaml', DEFAULT_SETTINGS, held, undefined, { memo }).result;
    if (!first.ok) throw new Error('analysis failed');
    const untimed = <T extends { ok: true; analysis: { graph: { ms: number } } }>(r: T) => ({ ...r, analysis: { ...r.analysis, graph: { ...r.analysis.graph, ms: 0 } } });
    const plain = analyzeHeldText(d.text, 'editor.yaml', DEFAULT_SETTINGS, held).result;
    if (!plain.ok) throw new Error('analysis failed');
    expect(untimed(first)).toEqual(untimed(plain));
    let objects = first.analysis.objects;
    const namespace = objects.find((o) => o.kind === 'Namespace' && o.metadata.name !== 'kube-system')!.metadata.name;
    for (const on of [true, false, true]) {
      objects = setAllowRule(objects, 'nonPrivateIPs', { namespace }, on, DEFAULT_SETTINGS);
      const remembered = analyzeHeldObjects(objects, DEFAULT_SETTINGS, held, undefined, { memo });
      expect(untimed(remembered)).toEqual(untimed(analyzeHeldObjects(objects, DEFAULT_SETTINGS, held)));
    }
  });

  it('the objects the import wrote, taken as validated and without a parse, analyze and review like the parsed text', () => {
    const { d, held } = imported(80);
    expect(d.shownChecked).toBe(true);
    const checked = new WeakSet(d.held.filter((_, i) => !d.heldUnchecked.includes(i)));
    const objects = [...d.held, ...d.shown];
    const fast = analyzeHeldObjects(objects, DEFAULT_SETTINGS, held, undefined, { memo: clusterMemo(), checked });
    const { result, design } = analyzeHeldText(d.text, 'editor.yaml', DEFAULT_SETTINGS, held);
    if (!result.ok || !design) throw new Error('parsed path failed');
    expect(timeless(fast.analysis.graph)).toEqual(timeless(result.analysis.graph));
    expect(fast.analysis.cluster.workloads.length).toBe(result.analysis.cluster.workloads.length);
    expect(fast.analysis.cluster.policies.map((p) => p.ref)).toEqual(result.analysis.cluster.policies.map((p) => p.ref));
    expect(fast.analysis.diagnostics.map((x) => x.code)).toEqual(result.analysis.diagnostics.map((x) => x.code));
    // Located in the text the import wrote, the findings are those of the parsed text, at the same lines.
    const written = reviewHeld(objects, held, d.text, 'editor.yaml', DEFAULT_SETTINGS, fast.analysis, true);
    const parsed = reviewDesign(design, DEFAULT_SETTINGS);
    expect(written?.map((f) => [f.id, f.location?.file, f.location?.line])).toEqual(parsed.map((f) => [f.id, f.location?.file, f.location?.line]));
  });

  it('an app-only design (one namespace, no kube-system) takes the written objects like the parsed text', () => {
    const all = imported(80).d;
    const ns = all.shown[0]!.metadata.namespace!;
    const own = [...all.held, ...all.shown].filter((o) => o.metadata.namespace === ns);
    expect(own.some((o) => o.metadata.namespace === 'kube-system')).toBe(false);
    const r = importLarge(emitYaml(own), 'app.yaml');
    if (!r.ok) throw new Error('import failed');
    const d = r.design;
    expect(d.shownChecked).toBe(true);
    const held: HeldPayload = { count: d.held.length, file: 'app.yaml', lines: d.heldLines, header: d.header, objects: d.held };
    const checked = new WeakSet(d.held.filter((_, i) => !d.heldUnchecked.includes(i)));
    const fast = analyzeHeldObjects([...d.held, ...d.shown], DEFAULT_SETTINGS, held, undefined, { memo: clusterMemo(), checked });
    const { result } = analyzeHeldText(d.text, 'editor.yaml', DEFAULT_SETTINGS, held);
    if (!result.ok) throw new Error('parsed path failed');
    expect(fast.analysis.graph.pairs.length).toBeGreaterThan(0);
    expect(timeless(fast.analysis.graph)).toEqual(timeless(result.analysis.graph));
  });

  it('every held object the import validated without a diagnostic still validates without one once slimmed', () => {
    const { d, held } = imported(80);
    expect(d.heldUnchecked.length).toBeLessThan(d.held.length);
    const manifests = d.held.map((object, i) => ({ object, source: { file: held.file, line: d.heldLines[i]!, col: 1 }, positions: {} }));
    manifests.forEach((m, i) => {
      if (!d.heldUnchecked.includes(i)) expect(validateManifest(m)).toEqual([]);
    });
  });

  it('a build memo and the validated set change nothing of a held design, from one build to the next', () => {
    const { d, held } = imported(40);
    const objects = [...d.held, ...d.shown];
    const reuse = { memo: clusterMemo(), checked: new WeakSet(d.held) };
    const plain = analyzeHeldObjects(objects, DEFAULT_SETTINGS, held);
    const first = analyzeHeldObjects(objects, DEFAULT_SETTINGS, held, undefined, reuse);
    // A toggle: one policy replaced, the rest the same objects.
    const changed = [...objects];
    const last = changed.length - 1;
    changed[last] = { ...changed[last]!, metadata: { ...changed[last]!.metadata, name: 'renamed' } };
    const next = analyzeHeldObjects(changed, DEFAULT_SETTINGS, held, undefined, reuse);
    const again = analyzeHeldObjects(changed, DEFAULT_SETTINGS, held);
    expect(first.analysis.cluster).toEqual(plain.analysis.cluster);
    expect(timeless(first.analysis.graph)).toEqual(timeless(plain.analysis.graph));
    expect(next.analysis.cluster).toEqual(again.analysis.cluster);
    expect(timeless(next.analysis.graph)).toEqual(timeless(again.analysis.graph));
    expect(next.analysis.diagnostics).toEqual(again.analysis.diagnostics);
  });

  it('toggles with the worker\'s memories (the build resumed after the held part, the incremental analysis) equal fresh analyses', () => {
    const { d, held } = imported(40);
    const reuse = { memo: clusterMemo(), checked: new WeakSet(d.held) };
    const analyzer = incrementalAnalyzer();
    const namespace = d.shown.find((o) => o.metadata.namespace)!.metadata.namespace!;
    let objects = [...d.held, ...d.shown];
    let ref = held;
    const steps: ((o: typeof objects) => typeof objects)[] = [
      (o) => o,
      (o) => setAllowRule(o, 'nonPrivateIPs', { namespace }, true, DEFAULT_SETTINGS),
      (o) => setAllowRule(o, 'defaultDenyEgress', { namespace }, true, DEFAULT_SETTINGS),
      // A held object replaced (a workload relabelled): the held part is no longer the one built before.
      (o) => o.map((x, i) => (i === 3 ? { ...x, metadata: { ...x.metadata, labels: { ...x.metadata.labels, moved: 'yes' } } } : x)),
      (o) => setAllowRule(o, 'nonPrivateIPs', { namespace }, false, DEFAULT_SETTINGS),
      // The held objects read from other lines.
      (o) => {
        ref = { ...held, lines: held.lines.map((l) => l + 1) };
        return o;
      },
      (o) => setAllowRule(o, 'defaultDenyEgress', { namespace }, false, DEFAULT_SETTINGS),
    ];
    for (const step of steps) {
      objects = step(objects);
      const kept = analyzeHeldObjects(objects, DEFAULT_SETTINGS, ref, analyzer.analyze, reuse);
      const fresh = analyzeHeldObjects(objects, DEFAULT_SETTINGS, ref);
      expect(kept.analysis.diagnostics).toEqual(fresh.analysis.diagnostics);
      expect(kept.analysis.cluster).toEqual(fresh.analysis.cluster);
      expect(timeless(kept.analysis.graph)).toEqual(timeless(fresh.analysis.graph));
    }
    expect(analyzer.last()!.reused).toBe(true);
  });
});
