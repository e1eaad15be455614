import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../design/types.ts';
import { loadDesign } from '../model/index.ts';
import { clusterYaml } from '../../scripts/synthetic-yaml.ts';
import { syntheticCluster } from '../../bench/synthetic.ts';
import { analyzeObjects, type Analysis } from './analysis.ts';
import { sliceAnalysis, sliceCollector, type SliceMessage } from './slices.ts';

function analysisOf(pods: number): Analysis {
  const objects = loadDesign([{ name: 'd.yaml', text: clusterYaml(syntheticCluster(pods)) }]).manifests.map((m) => m.object);
  const r = analyzeObjects(objects, DEFAULT_SETTINGS, false);
  if (!r.ok) throw new Error('analysis failed');
  return r.analysis;
}

describe('sliceAnalysis / sliceCollector', () => {
  const analysis = analysisOf(200);

  it('sends the long arrays ahead in slices, and the page puts the same analysis back together', () => {
    const size = 20;
    expect(analysis.graph.pairs.length).toBeGreaterThan(size * 2);
    const sent: SliceMessage[] = [];
    const out = sliceAnalysis(7, analysis, (m) => sent.push(structuredClone(m)), size);
    expect(out.sliced).toContain('pairs');
    expect(out.analysis.graph.pairs).toEqual([]);
    expect(sent.every((m) => m.items.length <= size && m.seq === 7)).toBe(true);
    const page = sliceCollector();
    for (const m of sent) page.add(m);
    expect(page.join(7, structuredClone(out.analysis), out.sliced)).toEqual(analysis);
    // The slices are forgotten once joined.
    expect(page.join(7, out.analysis, out.sliced).graph.pairs).toEqual([]);
  });

  it('sends a small analysis whole', () => {
    const sent: SliceMessage[] = [];
    const out = sliceAnalysis(1, analysis, (m) => sent.push(m));
    expect(sent).toEqual([]);
    expect(out.sliced).toEqual([]);
    expect(out.analysis).toBe(analysis);
  });

  it('keeps the slices of different answers apart', () => {
    const page = sliceCollector();
    const a = sliceAnalysis(1, analysis, (m) => page.add(m), 10);
    const b = sliceAnalysis(2, analysis, (m) => page.add(m), 30);
    expect(page.join(2, b.analysis, b.sliced)).toEqual(analysis);
    expect(page.join(1, a.analysis, a.sliced)).toEqual(analysis);
  });
});
