import { BaseEdge, EdgeLabelRenderer, useInternalNode, useStore, type EdgeProps, type InternalNode } from '@xyflow/react';
import { memo } from 'react';
import { NS_HEADER, type AppEdge, type PathEdgeData } from './derive.ts';
import { labelSize, labelSpot, type Box } from './labelSpot.ts';
import { zoomStep } from './useRefit.ts';

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

/** What covers the canvas: every node, but of a namespace drawn as a box around its pods only its header. */
function nodeBoxes(lookup: ReadonlyMap<string, InternalNode>): Box[] {
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

/** The label of a path, on its curve where it covers no node (labelSpot.ts); a selected one always shows. */
function PathLabel({ id, kind, data, selected, p1, c, p2 }: { id: string; kind: string; data: PathEdgeData; selected: boolean; p1: Pt; c: Pt; p2: Pt }) {
  // The label's size in graph units follows the zoom (graph.css: at least 11 px on screen).
  const font = useStore((s) => Math.max(11, 11.2 / zoomStep(s.transform[2])));
  const lookup = useStore((s) => s.nodeLookup);
  const text = [data.change?.opened && `+ ${data.change.opened}`, data.change?.closed && `− ${data.change.closed}`, data.label !== data.change?.opened && data.label].filter(Boolean).join('  ');
  const spot = labelSpot(p1, c, p2, labelSize(text.length, font), nodeBoxes(lookup)) ?? (selected ? { x: 0.25 * p1.x + 0.5 * c.x + 0.25 * p2.x, y: 0.25 * p1.y + 0.5 * c.y + 0.25 * p2.y } : undefined);
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
  const a = boxOf(s);
  const b = boxOf(t);
  // A child inside its own group: leave from the group's header towards the child.
  const p1 = borderPoint(a, b);
  const p2 = borderPoint(b, a);
  // A gentle bow to the right of the direction of travel: A→B and B→A curve apart.
  const len = Math.hypot(p2.x - p1.x, p2.y - p1.y) || 1;
  const bow = Math.min(40, 8 + len * 0.12);
  const ux = (p2.y - p1.y) / len;
  const uy = -(p2.x - p1.x) / len;
  const cx = (p1.x + p2.x) / 2 + ux * bow;
  const cy = (p1.y + p2.y) / 2 + uy * bow;
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
      {data?.showLabel && (data.label || data.change) && <PathLabel id={id} kind={kind} data={data} selected={selected ?? false} p1={p1} c={{ x: cx, y: cy }} p2={p2} />}
    </>
  );
});

export const edgeTypes = { path: PathEdge };
