// A design with a held part (a large import) must evaluate and review exactly like the same
// objects in one text, with locations in the held file for held objects and in the editor for
// the rest.
import { describe, expect, it } from 'vitest';
import { kubectlDump } from '../../scripts/kubectl-dump.ts';
import { importLarge } from '../import/index.ts';
import { DEFAULT_SETTINGS } from '../design/types.ts';
import { clusterMemo, emitYaml } from '../model/index.ts';
import { setAllowRule } from '../design/allowRules.ts';
import { reviewDesign } from '../review/findings/index.ts';
import { analyzeObjects } from './analysis.ts';
import { analyzeTextForReview } from './findings.ts';
import { analyzeHeldObjects, analyzeHeldText, emitHeldText, reviewHeld, type HeldPayload } from './held.ts';

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
    const first = analyzeHeldText(d.text, 'editor.yaml', DEFAULT_SETTINGS, held, undefined, memo).result;
    if (!first.ok) throw new Error('analysis failed');
    const untimed = <T extends { ok: true; analysis: { graph: { ms: number } } }>(r: T) => ({ ...r, analysis: { ...r.analysis, graph: { ...r.analysis.graph, ms: 0 } } });
    const plain = analyzeHeldText(d.text, 'editor.yaml', DEFAULT_SETTINGS, held).result;
    if (!plain.ok) throw new Error('analysis failed');
    expect(untimed(first)).toEqual(untimed(plain));
    let objects = first.analysis.objects;
    const namespace = objects.find((o) => o.kind === 'Namespace' && o.metadata.name !== 'kube-system')!.metadata.name;
    for (const on of [true, false, true]) {
      objects = setAllowRule(objects, 'nonPrivateIPs', { namespace }, on, DEFAULT_SETTINGS);
      const remembered = analyzeHeldObjects(objects, DEFAULT_SETTINGS, held, undefined, memo);
      expect(untimed(remembered)).toEqual(untimed(analyzeHeldObjects(objects, DEFAULT_SETTINGS, held)));
    }
  });
});
