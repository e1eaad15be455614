import { describe, expect, it } from 'vitest';
import { labelSize, labelSpot, placeLabels, type LabelItem } from './labelSpot.ts';

describe('labelSpot', () => {
  const p1 = { x: 0, y: 0 };
  const p2 = { x: 400, y: 0 };
  const c = { x: 200, y: 0 };
  const size = labelSize(10, 12);

  it('puts the label in the middle of a clear path', () => {
    expect(labelSpot(p1, c, p2, size, [])).toEqual({ x: 200, y: 0 });
  });

  it('slides along the path off a node that sits on its middle', () => {
    const node = { x: 170, y: -30, w: 60, h: 60 };
    const at = labelSpot(p1, c, p2, size, [node])!;
    expect(at).toBeDefined();
    const box = { x: at.x - size.w / 2, w: size.w };
    expect(box.x + box.w <= node.x || box.x >= node.x + node.w).toBe(true);
  });

  it('gives up when nodes cover every spot', () => {
    expect(labelSpot(p1, c, p2, size, [{ x: 20, y: -30, w: 360, h: 60 }])).toBeUndefined();
  });
});

describe('placeLabels', () => {
  const size = labelSize(20, 12);
  const along = (id: string, y: number, extra: Partial<LabelItem> = {}): LabelItem => ({ id, p1: { x: 0, y }, c: { x: 500, y }, p2: { x: 1000, y }, size, ...extra });
  const boxAt = (p: { x: number; y: number }) => ({ x: p.x - size.w / 2, y: p.y - size.h / 2, w: size.w, h: size.h });
  const apart = (a: { x: number; y: number }, b: { x: number; y: number }) => {
    const [p, q] = [boxAt(a), boxAt(b)];
    return p.x + p.w <= q.x || q.x + q.w <= p.x || p.y + p.h <= q.y || q.y + q.h <= p.y;
  };

  it('keeps labels of paths that run together clear of each other, the first one in the middle', () => {
    const spots = placeLabels([along('a', 0), along('b', 3), along('c', 6)], []);
    expect(spots.get('a')).toEqual({ x: 500, y: 0 });
    const placed = [...spots.values()];
    expect(placed.length).toBe(3);
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(apart(placed[i]!, placed[j]!)).toBe(true);
  });

  it('leaves out a label with no clear spot, unless it must show', () => {
    const short = (id: string, extra: Partial<LabelItem> = {}): LabelItem => ({ id, p1: { x: 150, y: 0 }, c: { x: 200, y: 0 }, p2: { x: 250, y: 0 }, size, ...extra });
    const spots = placeLabels([short('a'), short('b'), short('c', { always: true })], []);
    expect(spots.has('a')).toBe(true);
    expect(spots.has('b')).toBe(false);
    expect(spots.get('c')).toEqual({ x: 200, y: 0 });
  });

  it('keeps clear of nodes as before', () => {
    const node = { x: 470, y: -30, w: 60, h: 60 };
    const at = placeLabels([along('a', 0)], [node]).get('a')!;
    expect(at.x + size.w / 2 <= node.x || at.x - size.w / 2 >= node.x + node.w).toBe(true);
  });
});
