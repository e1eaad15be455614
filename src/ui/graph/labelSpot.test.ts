import { describe, expect, it } from 'vitest';
import { labelSize, labelSpot } from './labelSpot.ts';

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
