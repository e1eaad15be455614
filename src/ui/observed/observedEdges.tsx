// Observed connections as their own edges on the graph: dotted, bowing the other way from the
// policy paths, labelled "seen N times, last 12:03"; red when the design would break them.
import { BaseEdge, EdgeLabelRenderer, MarkerType, useInternalNode, type Edge, type EdgeProps, type InternalNode } from '@xyflow/react';
import { memo, useMemo } from 'react';
import type { ObservedConnection, ReplayResult } from '../../observed/index.ts';
import { formatTime } from '../../review/replay/index.ts';
import { setPanel, setProbe, useStore } from '../store.ts';
import { filterConnections, useObserved } from './observedStore.ts';

export type ObservedEdgeKind = 'observed-ok' | 'observed-breaks' | 'observed-dropped';

export interface ObservedEdgeData extends Record<string, unknown> {
  kind: ObservedEdgeKind;
  label: string;
  connections: ObservedConnection[];
  /** Labels on every edge would bury the graph: only what breaks, and all when there are few. */
  showLabel: boolean;
}
export type ObservedEdgeType = Edge<ObservedEdgeData, 'observed'>;

const keyOf = (e: ObservedConnection['from']): string | undefined =>
  e.kind === 'workload' ? `wl:${e.id}` : e.kind === 'external' ? `ext:${e.id}` : undefined;

const hhmm = (ms: number | undefined) => (ms === undefined ? '' : `, last ${formatTime(ms).slice(11, 16)}`);

/**
 * Workload keys the graph draws as an outside node: the DNS pods (declared or assumed) are the
 * `dns` node, so traffic to them is drawn there (it has no workload node of its own).
 */
export function outsideAliases(externals: readonly { key: string; probe: { kind: string; id?: string } }[] | undefined): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const e of externals ?? []) if (e.probe.kind === 'workload' && e.probe.id) aliases.set(`wl:${e.probe.id}`, e.key);
  return aliases;
}

/** The observed edges between the nodes on show (`shownAs`: a node key -> the node that shows it). */
export function observedEdges(
  connections: readonly ObservedConnection[], result: ReplayResult | null, shownAs: ReadonlyMap<string, string>, aliases: ReadonlyMap<string, string> = new Map(),
): ObservedEdgeType[] {
  const shown = (k: string | undefined) => (k === undefined ? undefined : shownAs.get(aliases.get(k) ?? k));
  const outcome = new Map(result?.items.map((i) => [i.connection.key, i.outcome]) ?? []);
  const groups = new Map<string, { from: string; to: string; connections: ObservedConnection[] }>();
  for (const c of connections) {
    const from = shown(keyOf(c.from));
    const to = shown(keyOf(c.to));
    if (!from || !to || from === to) continue;
    const id = `obs:${from}>${to}`;
    const g = groups.get(id) ?? { from, to, connections: [] };
    g.connections.push(c);
    groups.set(id, g);
  }
  const few = groups.size <= 8;
  return [...groups].map(([id, g]) => {
    const count = g.connections.reduce((n, c) => n + c.count, 0);
    const last = g.connections.reduce<number | undefined>((m, c) => (c.last !== undefined && (m === undefined || c.last > m) ? c.last : m), undefined);
    const breaks = g.connections.some((c) => outcome.get(c.key) === 'would-break');
    const dropped = g.connections.every((c) => c.forwarded + c.audit === 0);
    const kind: ObservedEdgeKind = breaks ? 'observed-breaks' : dropped ? 'observed-dropped' : 'observed-ok';
    const ports = [...new Set(g.connections.map((c) => `${c.protocol}/${c.port}`))].join(', ');
    const label = `${breaks ? 'would break · ' : dropped ? 'dropped · ' : ''}${ports} · seen ${count.toLocaleString('en-US')}×${hhmm(last)}`;
    return {
      id, source: g.from, target: g.to, type: 'observed' as const, data: { kind, label, connections: g.connections, showLabel: few || breaks },
      ariaLabel: `Observed traffic from ${g.from.replace(/^\w+:/, '')} to ${g.to.replace(/^\w+:/, '')}: ${label}`,
      className: `edge-${kind}`, zIndex: 4,
      markerEnd: { type: MarkerType.Arrow, width: 12, height: 12, color: breaks ? '#d33' : '#2b7bd8' },
    };
  });
}

/** The observed edges for the graph, per the panel's filter and switch. */
export function useObservedEdges(shownAs: ReadonlyMap<string, string>): ObservedEdgeType[] {
  const { traffic, result, filter, showOnGraph } = useObserved();
  const externals = useStore((s) => s.analysis?.graph.externals);
  return useMemo(
    () => (traffic && showOnGraph ? observedEdges(filterConnections(traffic.connections, filter), result, shownAs, outsideAliases(externals)) : []),
    [traffic, result, filter, showOnGraph, shownAs, externals],
  );
}

/** Selecting an observed edge explains its first connection. */
export function explainObservedEdge(edge: ObservedEdgeType | undefined): void {
  const c = edge?.data?.connections[0];
  const aliases = outsideAliases(useStore.getState().analysis?.graph.externals);
  const from = c && keyOf(c.from);
  const to = c && keyOf(c.to);
  if (!c || !from || !to) return;
  setProbe({ from: aliases.get(from) ?? from, to: aliases.get(to) ?? to, protocol: c.protocol, port: String(c.port) });
  setPanel('explain');
}

const centre = (n: InternalNode) => ({
  x: n.internals.positionAbsolute.x + (n.measured.width ?? n.width ?? 0) / 2,
  y: n.internals.positionAbsolute.y + (n.measured.height ?? n.height ?? 0) / 2,
});

export const ObservedEdge = memo(function ObservedEdge(props: EdgeProps<ObservedEdgeType>) {
  const { id, source, target, data, markerEnd, selected } = props;
  const s = useInternalNode(source);
  const t = useInternalNode(target);
  if (!s || !t || !data) return null;
  const p1 = centre(s);
  const p2 = centre(t);
  const len = Math.hypot(p2.x - p1.x, p2.y - p1.y) || 1;
  // Bow to the left (policy paths bow right), so the two never hide each other.
  const bow = -Math.min(60, 16 + len * 0.18);
  const cx = (p1.x + p2.x) / 2 + ((p2.y - p1.y) / len) * bow;
  const cy = (p1.y + p2.y) / 2 - ((p2.x - p1.x) / len) * bow;
  const path = `M ${p1.x},${p1.y} Q ${cx},${cy} ${p2.x},${p2.y}`;
  return (
    <>
      <BaseEdge id={id} path={path} {...(markerEnd ? { markerEnd } : {})} className={`observed-path ${data.kind}${selected ? ' is-selected' : ''}`} interactionWidth={14} />
      {(data.showLabel || selected) && <EdgeLabelRenderer>
        <div className={`edge-label observed-label ${data.kind}`} style={{ transform: `translate(-50%, -50%) translate(${0.25 * p1.x + 0.5 * cx + 0.25 * p2.x}px, ${0.25 * p1.y + 0.5 * cy + 0.25 * p2.y}px)` }}>
          {data.label}
        </div>
      </EdgeLabelRenderer>}
    </>
  );
});
