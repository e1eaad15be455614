// One mapping from the analysis to what the canvas draws: which nodes are shown (namespaces
// aggregated or expanded), where they sit, and the edges between shown nodes.
import { MarkerType, type Edge, type Node } from '@xyflow/react';
import { formatConnections, PROTOCOLS, type ConnectionSet, type PortRange } from '../core.ts';
import type { GExternal, GFlow, GNamespace, GPair, GraphData, GWorkload, NodeKey } from '../../workers/analysis.ts';
import { namespaceKey } from '../../workers/analysis.ts';
import type { XY } from '../store.ts';
import { formatPorts } from '../ports.ts';

export const POD_W = 190;
export const POD_H = 58;
export const NS_HEADER = 44;
export const NS_PAD = 14;
export const GAP = 36;
export const COLLAPSED_W = 220;
export const COLLAPSED_H = 84;
export const EXT_W = 180;
export const EXT_H = 58;

/** Above this many workloads in total, namespaces with more than a few pods start collapsed. */
export const AGGREGATE_TOTAL = 40;
export const AGGREGATE_NAMESPACE = 6;

export type EdgeKind = 'flow-allowed' | 'flow-blocked' | 'intended' | 'unintended';

const MARKER_COLORS: Record<EdgeKind, string> = {
  'flow-allowed': 'var(--ok)',
  'flow-blocked': 'var(--bad)',
  intended: 'var(--rule)',
  unintended: 'var(--warn)',
};

export interface PathEdgeData extends Record<string, unknown> {
  kind: EdgeKind;
  label: string;
  pairs: GPair[];
  flows: GFlow[];
  showLabel: boolean;
  fromTitle: string;
  toTitle: string;
}

export interface WorkloadNodeData extends Record<string, unknown> {
  w: GWorkload;
}
export interface NamespaceNodeData extends Record<string, unknown> {
  ns: GNamespace;
  expanded: boolean;
  ingressIsolated: number;
  egressIsolated: number;
  internalPaths: number;
  internalFlows: number;
}
export interface ExternalNodeData extends Record<string, unknown> {
  ext: GExternal;
}

export type AppNode =
  | Node<WorkloadNodeData, 'workload'>
  | Node<NamespaceNodeData, 'namespace'>
  | Node<NamespaceNodeData, 'namespaceGroup'>
  | Node<ExternalNodeData, 'external'>;
export type AppEdge = Edge<PathEdgeData, 'path'>;

export function isExpanded(graph: GraphData, expanded: Record<string, boolean>, ns: GNamespace): boolean {
  const explicit = expanded[ns.name];
  if (explicit !== undefined) return explicit;
  return graph.workloads.length <= AGGREGATE_TOTAL || ns.workloads.length <= AGGREGATE_NAMESPACE;
}

const podColumns = (count: number) => Math.max(1, Math.min(4, Math.ceil(Math.sqrt(count))));

/** Where a pod sits in its namespace when nobody moved it. */
export function defaultPodPosition(index: number, count: number): XY {
  const cols = podColumns(count);
  return { x: NS_PAD + (index % cols) * (POD_W + GAP), y: NS_HEADER + Math.floor(index / cols) * (POD_H + GAP) };
}

function groupSize(children: XY[]): { width: number; height: number } {
  let w = 240;
  let h = NS_HEADER + 40;
  for (const c of children) {
    w = Math.max(w, c.x + POD_W + NS_PAD);
    h = Math.max(h, c.y + POD_H + NS_PAD);
  }
  return { width: w, height: h };
}

export interface Derived {
  nodes: AppNode[];
  edges: AppEdge[];
  /** Node key -> the key of the node that shows it (itself, or its collapsed namespace). */
  shownAs: Map<NodeKey, NodeKey>;
  titles: Map<NodeKey, string>;
}

export function unionConnections(sets: readonly ConnectionSet[]): ConnectionSet {
  const byProtocol = { TCP: [] as PortRange[], UDP: [] as PortRange[], SCTP: [] as PortRange[] };
  for (const s of sets) for (const p of PROTOCOLS) byProtocol[p].push(...s.byProtocol[p]);
  for (const p of PROTOCOLS) {
    const sorted = byProtocol[p].sort((a, b) => a.from - b.from);
    const out: PortRange[] = [];
    for (const r of sorted) {
      const last = out[out.length - 1];
      if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
      else out.push({ ...r });
    }
    byProtocol[p] = out;
  }
  const all = PROTOCOLS.every((p) => byProtocol[p].length === 1 && byProtocol[p][0]!.from === 1 && byProtocol[p][0]!.to === 65535);
  return { all, byProtocol };
}

export function connectionLabel(conn: ConnectionSet): string {
  const text = formatConnections(conn);
  return text === 'all' ? 'all ports' : text;
}

export function derive(
  graph: GraphData,
  expandedOverrides: Record<string, boolean>,
  positions: Record<string, XY>,
  selection: { kind: 'edge' | 'node'; id: string } | null,
): Derived {
  const nodes: AppNode[] = [];
  const shownAs = new Map<NodeKey, NodeKey>();
  const titles = new Map<NodeKey, string>();
  const nsStats = new Map<string, NamespaceNodeData>();
  const workloadByKey = new Map(graph.workloads.map((w) => [w.key, w]));

  // Externals in a column on the left, namespaces packed in rows to the right.
  graph.externals.forEach((e, i) => {
    titles.set(e.key, e.title);
    shownAs.set(e.key, e.key);
    nodes.push({
      id: e.key,
      type: 'external',
      position: positions[e.key] ?? { x: 0, y: i * (EXT_H + 24) },
      width: EXT_W,
      height: EXT_H,
      data: { ext: e },
      ariaLabel: `Outside the cluster: ${e.title} (${e.subtitle})`,
      selected: selection?.kind === 'node' && selection.id === e.key,
    });
  });

  const START_X = EXT_W + 90;
  let cursorX = START_X;
  let cursorY = 0;
  let rowHeight = 0;
  const ROW_WIDTH = 560;

  for (const ns of graph.namespaces) {
    const key = namespaceKey(ns.name);
    const expanded = isExpanded(graph, expandedOverrides, ns);
    const members = ns.workloads.map((k) => workloadByKey.get(k)).filter((w): w is GWorkload => w !== undefined);
    const stats: NamespaceNodeData = {
      ns,
      expanded,
      ingressIsolated: members.filter((w) => w.ingressIsolated).length,
      egressIsolated: members.filter((w) => w.egressIsolated).length,
      internalPaths: 0,
      internalFlows: 0,
    };
    nsStats.set(ns.name, stats);
    titles.set(key, `namespace ${ns.name}`);
    shownAs.set(key, key);

    let width = COLLAPSED_W;
    let height = COLLAPSED_H;
    const children: AppNode[] = [];
    if (expanded && members.length > 0) {
      const childPositions = members.map((w, i) => positions[w.key] ?? defaultPodPosition(i, members.length));
      ({ width, height } = groupSize(childPositions));
      members.forEach((w, i) => {
        shownAs.set(w.key, w.key);
        titles.set(w.key, w.id);
        children.push({
          id: w.key,
          type: 'workload',
          parentId: key,
          extent: 'parent',
          position: childPositions[i]!,
          width: POD_W,
          height: POD_H,
          data: { w },
          ariaLabel: `${w.kind} ${w.name} in namespace ${w.namespace}: ingress ${w.ingressIsolated ? 'isolated' : 'open'}, egress ${w.egressIsolated ? 'isolated' : 'open'}${w.peers !== undefined ? `, between its pods: ${w.peers}` : ''}`,
          selected: selection?.kind === 'node' && selection.id === w.key,
        });
      });
    } else {
      for (const w of members) {
        shownAs.set(w.key, key);
        titles.set(w.key, w.id);
      }
    }

    let position = positions[key];
    if (!position) {
      if (cursorX + width > ROW_WIDTH + START_X && cursorX > START_X) {
        cursorX = START_X;
        cursorY += rowHeight + 40;
        rowHeight = 0;
      }
      position = { x: cursorX, y: cursorY };
      cursorX += width + 40;
      rowHeight = Math.max(rowHeight, height);
    }
    const ariaBase = `Namespace ${ns.name}: ${members.length} workload${members.length === 1 ? '' : 's'}, ${stats.ingressIsolated} ingress-isolated, ${stats.egressIsolated} egress-isolated`;
    nodes.push({
      id: key,
      type: expanded && members.length > 0 ? 'namespaceGroup' : 'namespace',
      position,
      width,
      height,
      data: stats,
      ariaLabel: ariaBase,
      selected: selection?.kind === 'node' && selection.id === key,
      ...(expanded && members.length > 0 ? { dragHandle: '.ns-header' } : {}),
    });
    nodes.push(...children);
  }

  // Edges between shown nodes.
  interface Group {
    from: NodeKey;
    to: NodeKey;
    pairs: GPair[];
    flows: GFlow[];
  }
  const groups = new Map<string, Group>();
  const groupOf = (from: NodeKey, to: NodeKey): Group => {
    const id = `e:${from}->${to}`;
    let g = groups.get(id);
    if (!g) {
      g = { from, to, pairs: [], flows: [] };
      groups.set(id, g);
    }
    return g;
  };
  const nsOfKey = (k: NodeKey): string | undefined => (k.startsWith('ns:') ? k.slice(3) : undefined);
  for (const p of graph.pairs) {
    const from = shownAs.get(p.from);
    const to = shownAs.get(p.to);
    if (!from || !to) continue;
    if (from === to) {
      const ns = nsOfKey(from);
      const st = ns !== undefined ? nsStats.get(ns) : undefined;
      if (st) st.internalPaths++;
      continue;
    }
    groupOf(from, to).pairs.push(p);
  }
  for (const f of graph.flows) {
    const from = shownAs.get(f.from) ?? f.from;
    const to = shownAs.get(f.to) ?? f.to;
    if (!shownAs.has(from) || !shownAs.has(to)) continue;
    if (from === to) {
      const ns = nsOfKey(from);
      const st = ns !== undefined ? nsStats.get(ns) : undefined;
      if (st) st.internalFlows++;
      continue;
    }
    groupOf(from, to).flows.push(f);
  }

  const showAllLabels = groups.size <= 16;
  const flowEdgeCount = [...groups.values()].filter((g) => g.flows.length > 0).length;
  const edges: AppEdge[] = [];
  for (const [id, g] of groups) {
    let kind: EdgeKind;
    let label: string;
    const conn = g.pairs.length > 0 ? connectionLabel(unionConnections(g.pairs.map((p) => p.conn))) : '';
    if (g.flows.length > 0) {
      const blocked = g.flows.filter((f) => f.state === 'blocked' || f.state === 'partial');
      kind = blocked.length > 0 ? 'flow-blocked' : 'flow-allowed';
      if (blocked.length > 0) {
        const what = blocked.map((f) => formatPorts(f.flow.ports)).join('; ');
        label = `${blocked.some((f) => f.state === 'partial') ? 'partly blocked' : 'blocked'}: ${what}${conn ? ` · allowed: ${conn}` : ''}`;
      } else label = conn || g.flows.map((f) => formatPorts(f.flow.ports)).join('; ');
    } else {
      kind = g.pairs.some((p) => p.intent === 'unintended') ? 'unintended' : 'intended';
      label = conn;
    }
    const fromTitle = titles.get(g.from) ?? g.from;
    const toTitle = titles.get(g.to) ?? g.to;
    const kindText = { 'flow-allowed': 'drawn flow, allowed', 'flow-blocked': 'drawn flow, blocked', intended: 'allowed by a rule you chose', unintended: 'allowed but not intended' }[kind];
    const selected = selection?.kind === 'edge' && selection.id === id;
    edges.push({
      id,
      source: g.from,
      target: g.to,
      type: 'path',
      data: { kind, label, pairs: g.pairs, flows: g.flows, showLabel: selected || showAllLabels || (g.flows.length > 0 && flowEdgeCount <= 30), fromTitle, toTitle },
      ariaLabel: `Path from ${fromTitle} to ${toTitle}: ${label} (${kindText})`,
      selected,
      className: `edge-${kind}`,
      markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: MARKER_COLORS[kind] },
      zIndex: kind === 'flow-blocked' ? 3 : kind === 'unintended' ? 2 : 1,
    });
  }
  return { nodes, edges, shownAs, titles };
}
