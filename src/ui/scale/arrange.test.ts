import { describe, expect, it } from 'vitest';
import type { AppNode } from '../graph/derive.ts';
import type { GraphData, NodeKey } from '../../workers/analysis.ts';
import { arrangeFocus } from './arrange.ts';
import type { Focused } from './transform.ts';

const box = (id: string): AppNode => ({ id, type: 'namespace', position: { x: 0, y: 0 }, width: 240, height: 110, data: {} as never });

function focusOn(centre: string, into: string[], outOf: string[], idle: string[]) {
  const nodes = [centre, ...into, ...outOf, ...idle].map(box);
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

  it('keeps the sides in order: idle outside nodes, sources, the focus, destinations', () => {
    const x = (id: string) => nodes.get(id)!.position.x;
    expect(x('internet')).toBeLessThan(x('src-1'));
    expect(x('src-1')).toBeLessThan(x('focus'));
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
