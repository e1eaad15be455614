// The curve an edge draws between two node boxes: shared by the edge itself (PathEdge.tsx) and by
// the placement of every label at once (labelLayer.tsx), so that both see the same line.
import type { InternalNode } from '@xyflow/react';
import { NS_HEADER } from './derive.ts';
import type { Box, Pt } from './labelSpot.ts';

export function boxOf(node: InternalNode): Box {
  const p = node.internals.positionAbsolute;
  return { x: p.x, y: p.y, w: node.measured.width ?? node.width ?? 0, h: node.measured.height ?? node.height ?? 0 };
}

/** Where the line from the centre of `a` towards the centre of `b` leaves `a`'s rectangle. */
function borderPoint(a: Box, b: Box): Pt {
  const ax = a.x + a.w / 2;
  const ay = a.y + a.h / 2;
  const dx = b.x + b.w / 2 - ax;
  const dy = b.y + b.h / 2 - ay;
  if (dx === 0 && dy === 0) return { x: ax, y: ay };
  const sx = dx === 0 ? Infinity : a.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : a.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: ax + dx * s, y: ay + dy * s };
}

/** From border to border, with a gentle bow to the right of the direction of travel: A→B and B→A curve apart. */
export function edgeCurve(a: Box, b: Box): { p1: Pt; c: Pt; p2: Pt } {
  // A child inside its own group: leave from the group's header towards the child.
  const p1 = borderPoint(a, b);
  const p2 = borderPoint(b, a);
  const len = Math.hypot(p2.x - p1.x, p2.y - p1.y) || 1;
  const bow = Math.min(40, 8 + len * 0.12);
  const ux = (p2.y - p1.y) / len;
  const uy = -(p2.x - p1.x) / len;
  return { p1, c: { x: (p1.x + p2.x) / 2 + ux * bow, y: (p1.y + p2.y) / 2 + uy * bow }, p2 };
}

/** What covers the canvas: every node, but of a namespace drawn as a box around its pods only its header. */
export function nodeBoxes(lookup: ReadonlyMap<string, InternalNode>): Box[] {
  const out: Box[] = [];
  for (const n of lookup.values()) {
    const b = boxOf(n);
    if (n.type === 'namespaceGroup') {
      const header = n.data['headerHeight'];
      b.h = typeof header === 'number' ? header : NS_HEADER;
    }
    out.push(b);
  }
  return out;
}
