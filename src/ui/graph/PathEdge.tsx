import { BaseEdge, EdgeLabelRenderer, useInternalNode, type EdgeProps } from '@xyflow/react';
import { memo, useContext } from 'react';
import type { AppEdge, PathEdgeData } from './derive.ts';
import { boxOf, edgeCurve } from './edgeCurve.ts';
import { LabelSpots } from './labelLayer.tsx';

/** A bar across the end of a denied path ("stops here"), square to the curve's last stretch. */
function stopBar(cx: number, cy: number, end: { x: number; y: number }): string {
  const dx = end.x - cx;
  const dy = end.y - cy;
  const len = Math.hypot(dx, dy) || 1;
  const [ux, uy] = [dx / len, dy / len];
  const [bx, by] = [end.x - ux * 4, end.y - uy * 4];
  const half = 7;
  return `M ${bx - uy * half},${by + ux * half} L ${bx + uy * half},${by - ux * half}`;
}

type Pt = { x: number; y: number };

/** The label of a path, where the canvas placed it (labelLayer.tsx); none when no spot was clear. */
function PathLabel({ id, kind, data, selected }: { id: string; kind: string; data: PathEdgeData; selected: boolean }) {
  const spot = useContext(LabelSpots).get(id);
  if (!spot) return null;
  return (
    <EdgeLabelRenderer>
      <div
        className={`edge-label label-${kind}${selected ? ' is-selected' : ''}`}
        data-edge-id={id}
        style={{ transform: `translate(-50%, -50%) translate(${spot.x}px, ${spot.y}px)` }}
      >
        {data.change?.opened && <span className="change change-opened">+ {data.change.opened}</span>}
        {data.change?.closed && <span className="change change-closed">− {data.change.closed}</span>}
        {data.label && data.label !== data.change?.opened && <span className="edge-label-text">{data.label}</span>}
      </div>
    </EdgeLabelRenderer>
  );
}

/** How far from each end the edge stops taking the pointer: a node's handles sit on its border. */
const HANDLE_CLEARANCE = 10;

/**
 * The part of the curve `p1 → (c) → p2` that takes clicks: without its ends, so that a line leaving
 * a node at a handle never covers the handle (drawing a flow starts there).
 */
function clickablePart(p1: Pt, c: Pt, p2: Pt): string {
  const approx = (Math.hypot(p2.x - p1.x, p2.y - p1.y) + Math.hypot(c.x - p1.x, c.y - p1.y) + Math.hypot(p2.x - c.x, p2.y - c.y)) / 2 || 1;
  const a = Math.min(0.3, HANDLE_CLEARANCE / approx);
  const b = 1 - a;
  const at = (t: number): Pt => ({
    x: (1 - t) * (1 - t) * p1.x + 2 * (1 - t) * t * c.x + t * t * p2.x,
    y: (1 - t) * (1 - t) * p1.y + 2 * (1 - t) * t * c.y + t * t * p2.y,
  });
  // The control point of the piece between a and b (the blossom of the curve at a, b).
  const q = {
    x: (1 - a) * (1 - b) * p1.x + ((1 - a) * b + a * (1 - b)) * c.x + a * b * p2.x,
    y: (1 - a) * (1 - b) * p1.y + ((1 - a) * b + a * (1 - b)) * c.y + a * b * p2.y,
  };
  const s = at(a);
  const e = at(b);
  return `M ${s.x},${s.y} Q ${q.x},${q.y} ${e.x},${e.y}`;
}

/** An edge between the borders of its nodes (floating), whatever side they face each other on. */
export const PathEdge = memo(function PathEdge(props: EdgeProps<AppEdge>) {
  const { id, source, target, data, markerEnd, selected } = props;
  const s = useInternalNode(source);
  const t = useInternalNode(target);
  if (!s || !t) return null;
  const { p1, c, p2 } = edgeCurve(boxOf(s), boxOf(t));
  const { x: cx, y: cy } = c;
  const path = `M ${p1.x},${p1.y} Q ${cx},${cy} ${p2.x},${p2.y}`;
  const kind = data?.kind ?? 'intended';
  return (
    <>
      {/* The keyboard focus ring: a halo along the curve, drawn only while the edge has :focus-visible. */}
      <path d={path} className="path-focus-ring" aria-hidden="true" />
      <path d={path} className="path-focus-gap" aria-hidden="true" />
      <BaseEdge id={id} path={path} {...(markerEnd ? { markerEnd } : {})} className={`path path-${kind}${selected ? ' path-selected' : ''}`} interactionWidth={0} />
      <path d={clickablePart(p1, { x: cx, y: cy }, p2)} className="react-flow__edge-interaction" fill="none" strokeOpacity={0} strokeWidth={14} />
      {kind === 'admin-cut' && <path d={stopBar(cx, cy, p2)} className="cut-bar" />}
      {data?.showLabel && (data.label || data.change) && <PathLabel id={id} kind={kind} data={data} selected={selected ?? false} />}
    </>
  );
});

export const edgeTypes = { path: PathEdge };
