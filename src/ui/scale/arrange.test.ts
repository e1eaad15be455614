import { describe, expect, it } from 'vitest';
import type { AppNode } from '../graph/derive.ts';
import type { GraphData, NodeKey } from '../../workers/analysis.ts';
import { arrangeFocus, arrangeOverview } from './arrange.ts';
import type { Focused } from './transform.ts';

const box = (id: string, type: 'namespace' | 'external' = 'namespace', width = 240, height = 110): AppNode =>
  ({ id, type, position: { x: 0, y: 0 }, width, height, data: {} as never }) as AppNode;

function focusOn(centre: string, into: string[], outOf: string[], idle: string[]) {
  const nodes = [centre, ...into, ...outOf, ...idle].map((id) => box(id));
  const shownAs = new Map<NodeKey, NodeKey>(nodes.map((n) => [n.id, n.id]));
  const focused: Focused = { graph: {} as GraphData, expanded: {}, members: new Set([centre]), into: new Set(into), outOf: new Set(outOf) };
  arrangeFocus(nodes, focused, shownAs);
  return new Map(nodes.map((n) => [n.id, n]));
}

const extent = (nodes: Iterable<AppNode>) => {
  const all = [...nodes];
  const xs = all.map((n) => n.position.x);
  const ys = all.map((n) => n.position.y);
  return {
    w: Math.max(...all.map((n) => n.position.x + (n.width ?? 0))) - Math.min(...xs),
    h: Math.max(...all.map((n) => n.position.y + (n.height ?? 0))) - Math.min(...ys),
  };
};

describe('arrangeFocus', () => {
  const into = ['src-1', 'src-2'];
  const outOf = Array.from({ length: 13 }, (_, i) => `dst-${i}`);
  const nodes = focusOn('focus', into, outOf, ['internet', 'metadata']);

  it('keeps the sides in order: sources (and idle outside nodes), the focus, destinations', () => {
    const x = (id: string) => nodes.get(id)!.position.x;
    expect(x('src-1')).toBeLessThan(x('focus'));
    expect(x('internet')).toBeLessThan(x('focus'));
    for (const d of outOf) expect(x(d)).toBeGreaterThan(x('focus'));
  });

  it('spreads many neighbours over several columns so the picture is not one tall strip', () => {
    const { w, h } = extent(nodes.values());
    // One column of 13 boxes would be ~2,000 units tall for ~1,300 wide; fitted to a pane about
    // 1.4 times as wide as tall, the zoom (and with it the names) would be much smaller.
    expect(w / h).toBeGreaterThan(1);
    expect(new Set(outOf.map((d) => nodes.get(d)!.position.x)).size).toBeGreaterThan(1);
  });

  it('never overlaps two boxes', () => {
    const all = [...nodes.values()];
    for (const a of all)
      for (const b of all) {
        if (a === b) continue;
        const apart = a.position.x + a.width! <= b.position.x || b.position.x + b.width! <= a.position.x || a.position.y + a.height! <= b.position.y || b.position.y + b.height! <= a.position.y;
        expect(apart, `${a.id} and ${b.id}`).toBe(true);
      }
  });
});

describe('arrangeFocus with many neighbours', () => {
  // tenants400's app-003/api: one source, the focus's namespace (four workloads), 23 neighbour
  // namespaces each drawn as its one workload (230 x 58), two outside nodes it talks to and three
  // it does not.
  const nodes = [
    box('ns:app-003', 'namespace', 444, 258),
    box('wl:monitoring/prometheus', 'namespace', 230, 58),
    ...Array.from({ length: 25 }, (_, i) => box(`dst-${i}`, 'namespace', 230, 58)),
    ...['ext:a', 'ext:b', 'ext:c'].map((id) => box(id, 'external', 200, 58)),
  ];
  const shownAs = new Map<NodeKey, NodeKey>(nodes.map((n) => [n.id, n.id]));
  const outOf = Array.from({ length: 25 }, (_, i) => `dst-${i}`);
  const focused: Focused = { graph: {} as GraphData, expanded: {}, members: new Set(['ns:app-003']), into: new Set(['wl:monitoring/prometheus']), outOf: new Set(outOf) };
  arrangeFocus(nodes, focused, shownAs);

  it('fits a 1280 x 800 window\'s graph pane at a zoom where names show', () => {
    const { w, h } = extent(nodes);
    // The pane beside the side panels, less the fit's padding (fit.ts): about 578 x 394 px. At
    // 0.28 and below the nodes show no names (fit.ts lodBand); a 230-unit node needs ~0.35 for
    // "app-017 / api" at 11 px.
    expect(Math.min(578 / w, 394 / h)).toBeGreaterThan(0.35);
  });
});

describe('arrangeFocus on a namespace with many workloads', () => {
  // A kubectl dump's namespace: 55 workloads (derive draws them 4 wide), a few neighbours a side.
  const group = { id: 'ns:team-0-app-0', type: 'namespaceGroup', position: { x: 0, y: 0 }, width: 896, height: 1350, data: { ns: { admin: [] }, headerHeight: 56 } } as unknown as AppNode;
  const pods = Array.from({ length: 55 }, (_, i) => ({ ...box(`wl:team-0-app-0/w-${i}`, 'namespace', 190, 58), parentId: group.id }) as AppNode);
  const sides = Array.from({ length: 12 }, (_, i) => box(`side-${i}`, 'namespace', 230, 58));
  const nodes = [group, ...pods, ...sides];
  const shownAs = new Map<NodeKey, NodeKey>(nodes.map((n) => [n.id, n.id]));
  const focused: Focused = {
    graph: {} as GraphData, expanded: {}, members: new Set(pods.map((p) => p.id)),
    into: new Set(sides.slice(0, 6).map((n) => n.id)), outOf: new Set(sides.slice(6).map((n) => n.id)),
  };
  arrangeFocus(nodes, focused, shownAs);

  it('shapes the namespace so the whole picture fits larger than a tall block of four columns', () => {
    const { w, h } = extent([group, ...sides]);
    // Four columns: ~0.29 in a 578 x 394 px pane; five: ~0.31.
    expect(Math.min(578 / w, 394 / h)).toBeGreaterThan(0.3);
  });

  it('keeps every workload inside its namespace, below its header, apart from the others', () => {
    for (const p of pods) {
      expect(p.position.y).toBeGreaterThanOrEqual(56);
      expect(p.position.x + p.width!).toBeLessThanOrEqual(group.width!);
      expect(p.position.y + p.height!).toBeLessThanOrEqual(group.height!);
    }
    expect(new Set(pods.map((p) => `${p.position.x},${p.position.y}`)).size).toBe(pods.length);
  });
});

describe('arrangeOverview', () => {
  const groups = Array.from({ length: 23 }, (_, i) => box(`ns:team=team-${i}`));
  const outside = ['ext:internet', 'ext:metadata', 'cidr:10.0.0.0/8'].map((id) => box(id, 'external', 160, 50));
  const nodes = arrangeOverview([...outside, ...groups]);

  it('lays the groups out in a grid about as wide as the pane, not a wide strip', () => {
    const { w, h } = extent(groups);
    // Boxes are about twice as wide as tall: a grid square in count (7 x 4) is ~4 times as wide as tall.
    expect(w / h).toBeGreaterThan(0.8);
    expect(w / h).toBeLessThan(2.2);
  });

  it('keeps the outside nodes in a column left of the grid', () => {
    const gridLeft = Math.min(...groups.map((n) => n.position.x));
    for (const n of nodes.filter((x) => x.type === 'external')) expect(n.position.x + n.width!).toBeLessThan(gridLeft);
  });
});
