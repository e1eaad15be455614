// The page derives the view once, without the selection, and marks the selection on top: what it
// draws must be what a derive with the selection draws.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../design/types.ts';
import { loadDesign } from '../../model/index.ts';
import { tenantDesignYaml } from '../../../bench/tenantDesign.ts';
import { syntheticCluster } from '../../../bench/synthetic.ts';
import { clusterYaml } from '../../../scripts/synthetic-yaml.ts';
import { analyzeObjects } from '../../workers/analysis.ts';
import { deriveShown, prepareShown, shownGraph } from '../scale/shown.ts';
import { deriveMemo } from './derive.ts';
import { NO_FILTERS } from '../scale/transform.ts';
import type { ScaleView } from '../scale/viewState.ts';
import type { Selection } from '../store.ts';
import { shownDeriver, withSelection } from './shownDerive.ts';

const VIEW: ScaleView = { focus: null, overview: 'auto', groupBy: null, filters: NO_FILTERS };
const OPTIONS = { showCuts: true };
const NONE = {};

function graphOf(text: string) {
  const r = analyzeObjects(loadDesign([{ name: 'd.yaml', text }]).manifests.map((m) => m.object), DEFAULT_SETTINGS, false);
  if (!r.ok) throw new Error('analysis failed');
  return r.analysis.graph;
}

describe('withSelection', () => {
  for (const [name, text] of [
    ['a small design in detail', tenantDesignYaml({ namespaces: 6, teams: 2 })],
    ['the overview of 400 pods', clusterYaml(syntheticCluster(400))],
  ] as const) {
    it(`marks what a derive with the selection marks: ${name}`, () => {
      const shown = shownGraph(graphOf(text), VIEW);
      const derive = shownDeriver();
      const d = derive(shown, NONE, NONE, OPTIONS);
      expect(derive(shown, NONE, NONE, OPTIONS)).toBe(d);
      const workload = d.nodes.find((n) => n.type === 'workload');
      const selections: Selection[] = [
        { kind: 'node', id: d.nodes.find((n) => n.type !== 'workload')!.id },
        ...(workload ? [{ kind: 'node' as const, id: workload.id }] : []),
        { kind: 'edge', id: d.edges[0]!.id },
        { kind: 'edge', id: d.edges[d.edges.length - 1]!.id },
        { kind: 'node', id: 'ns:not-there' },
        null,
      ];
      for (const selection of selections) {
        const marked = withSelection(d, selection);
        const whole = deriveShown(shown, {}, {}, selection, OPTIONS);
        expect(marked.nodes).toEqual(whole.nodes);
        expect(marked.edges).toEqual(whole.edges);
      }
      // Only the selected element is a new object.
      const one = withSelection(d, { kind: 'edge', id: d.edges[0]!.id });
      expect(one.edges.filter((e, i) => e !== d.edges[i])).toHaveLength(1);
      expect(one.nodes).toBe(d.nodes);
      expect(d.edges.some((e) => e.selected)).toBe(false);
    });
  }
});

describe('a derive prepared in parts', () => {
  for (const [name, text, expanded] of [
    ['the overview of 400 pods', clusterYaml(syntheticCluster(400)), NONE],
    ['a small design in detail, one namespace collapsed', tenantDesignYaml({ namespaces: 6, teams: 2 }), { 'app-001': false }],
  ] as const) {
    it(`draws what one derive draws, routing and tallying once: ${name}`, () => {
      const shown = shownGraph(graphOf(text), VIEW);
      const memo = deriveMemo();
      prepareShown(shown, 'nodes', expanded, NONE, memo);
      expect(memo.routes).toBeUndefined();
      const indexed = memo.nodes.structure?.shownAs;
      expect(indexed?.size).toBeGreaterThan(0);
      prepareShown(shown, 'routes', expanded, NONE, memo);
      // The routing found the nodes indexed: the same key map, not a second index built.
      expect(memo.nodes.structure?.shownAs).toBe(indexed);
      const routed = memo.routes!;
      expect(routed.order.length).toBeGreaterThan(0);
      prepareShown(shown, 'tallies', expanded, NONE, memo);
      const tallied = new Map(memo.summaries);
      expect(tallied.size).toBeGreaterThan(0);
      const d = deriveShown(shown, expanded, NONE, null, OPTIONS, undefined, memo);
      // The derive found its pairs routed and tallied: the same objects, not a second pass's.
      expect(memo.routes!.routes).toBe(routed.routes);
      for (const [id, summary] of tallied) expect(memo.summaries.get(id)).toBe(summary);
      const whole = deriveShown(shown, expanded, NONE, null, OPTIONS);
      expect(d.nodes).toEqual(whole.nodes);
      expect(d.edges).toEqual(whole.edges);
      // Tallied a few edges per call (a budget of pairs): the same summaries, in more calls.
      const inSteps = deriveMemo();
      prepareShown(shown, 'routes', expanded, NONE, inSteps);
      const budget = Math.ceil(routed.pairs.length / 4);
      let calls = 1;
      while (!prepareShown(shown, 'tallies', expanded, NONE, inSteps, budget)) calls++;
      expect(calls).toBeGreaterThan(1);
      expect(calls).toBeLessThanOrEqual(tallied.size);
      expect(inSteps.summaries.size).toBe(tallied.size);
      const stepped = new Map(inSteps.summaries);
      const s = deriveShown(shown, expanded, NONE, null, OPTIONS, undefined, inSteps);
      for (const [id, summary] of stepped) expect(inSteps.summaries.get(id)).toBe(summary);
      expect(s.edges).toEqual(whole.edges);
      // The page's deriver: its parts, then the derive, give what the derive alone gives.
      const halves = shownDeriver();
      halves.prepare('nodes', shown, expanded, NONE);
      halves.prepare('routes', shown, expanded, NONE);
      halves.prepare('tallies', shown, expanded, NONE);
      expect(halves(shown, expanded, NONE, OPTIONS).edges).toEqual(whole.edges);
    });
  }
});
