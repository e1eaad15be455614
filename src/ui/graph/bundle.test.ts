// Paths nobody drew between the same two boxes are drawn as one edge with their count.
import { describe, expect, it } from 'vitest';
import { jupyterhubObjects } from '../../design/samples.ts';
import { DEFAULT_SETTINGS } from '../../design/types.ts';
import { analyzeObjects } from '../../workers/analysis.ts';
import { bundleKey, bundleUndrawn } from './bundle.ts';
import { derive } from './derive.ts';

function derived() {
  const r = analyzeObjects(jupyterhubObjects(), DEFAULT_SETTINGS, false);
  if (!r.ok) throw new Error('analysis failed');
  return derive(r.analysis.graph, {}, {}, null);
}

describe('bundling the paths nobody drew', () => {
  const { nodes, edges } = derived();
  const parent = new Map(nodes.map((n) => [n.id, n.parentId]));
  const top = (id: string) => parent.get(id) ?? id;

  it('draws two or more undrawn paths between the same two boxes as one edge with their count', () => {
    const shown = bundleUndrawn(nodes, edges, new Set());
    const bundles = shown.filter((e) => bundleKey(e.id) !== undefined);
    expect(bundles.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(edges.length);
    for (const b of bundles) {
      const members = b.data!.members!;
      expect(members.length).toBeGreaterThanOrEqual(2);
      expect(b.data!.label).toBe(`${members.length} paths nobody drew`);
      for (const id of members) {
        const m = edges.find((e) => e.id === id)!;
        expect(m.data!.kind).toBe('unintended');
        expect([top(m.source), top(m.target)]).toEqual([b.source, b.target]);
        expect(shown.some((e) => e.id === id)).toBe(false);
      }
      expect(b.data!.pairs.length).toBe(members.reduce((a, id) => a + edges.find((e) => e.id === id)!.data!.pairs.length, 0));
    }
    // Nothing is lost: every edge is shown, or stands in a bundle.
    const inBundles = new Set(bundles.flatMap((b) => b.data!.members!));
    for (const e of edges) expect(shown.some((s) => s.id === e.id) || inBundles.has(e.id)).toBe(true);
    // Other kinds and paths inside one box are never bundled.
    for (const e of edges.filter((x) => x.data!.kind !== 'unintended' || top(x.source) === top(x.target))) expect(inBundles.has(e.id)).toBe(false);
  });

  it('an opened bundle draws its paths one by one', () => {
    const first = bundleUndrawn(nodes, edges, new Set()).find((e) => bundleKey(e.id) !== undefined)!;
    const opened = bundleUndrawn(nodes, edges, new Set([bundleKey(first.id)!]));
    expect(opened.some((e) => e.id === first.id)).toBe(false);
    for (const id of first.data!.members!) expect(opened.some((e) => e.id === id)).toBe(true);
  });
});
