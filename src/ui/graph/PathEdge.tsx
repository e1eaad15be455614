import { BaseEdge, EdgeLabelRenderer, useInternalNode, type EdgeProps, type InternalNode } from '@xyflow/react';
import { memo } from 'react';
import type { AppEdge } from './derive.ts';

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

function boxOf(node: InternalNode): Box {
  const p = node.internals.positionAbsolute;
  return { x: p.x, y: p.y, w: node.measured.width ?? node.width ?? 0, h: node.measured.height ?? node.height ?? 0 };
}

/** Where the line from the centre of `a` towards the centre of `b` leaves `a`'s rectangle. */
function borderPoint(a: Box, b: Box): { x: number; y: number } {
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

/** A straight edge between the borders of its nodes (floating), nudged aside so A→B and B→A don't overlap. */
export const PathEdge = memo(function PathEdge(props: EdgeProps<AppEdge>) {
  const { id, source, target, data, markerEnd, selected } = props;
  const s = useInternalNode(source);
  const t = useInternalNode(target);
  if (!s || !t) return null;
  const a = boxOf(s);
  const b = boxOf(t);
  // A child inside its own group: leave from the group's header towards the child.
  const p1 = borderPoint(a, b);
  const p2 = borderPoint(b, a);
  const len = Math.hypot(p2.x - p1.x, p2.y - p1.y) || 1;
  const nx = ((p2.y - p1.y) / len) * 4;
  const ny = (-(p2.x - p1.x) / len) * 4;
  const x1 = p1.x + nx;
  const y1 = p1.y + ny;
  const x2 = p2.x + nx;
  const y2 = p2.y + ny;
  const path = `M ${x1},${y1} L ${x2},${y2}`;
  const kind = data?.kind ?? 'intended';
  return (
    <>
      <BaseEdge id={id} path={path} {...(markerEnd ? { markerEnd } : {})} className={`path path-${kind}${selected ? ' path-selected' : ''}`} interactionWidth={14} />
      {data?.showLabel && data.label && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label label-${kind}${selected ? ' is-selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${(x1 + x2) / 2}px, ${(y1 + y2) / 2}px)` }}
          >
            {data.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

export const edgeTypes = { path: PathEdge };
