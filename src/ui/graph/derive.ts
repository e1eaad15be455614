// One mapping from the analysis to what the canvas draws: which nodes are shown (namespaces
// aggregated or expanded), where they sit, and the edges between shown nodes.
import { MarkerType, type Edge, type Node } from '@xyflow/react';
import { formatConnections, isEmptyConnectionSet, PROTOCOLS, type ConnectionSet, type PortRange, type Protocol } from '../core.ts';
import type { GCut, GExternal, GFlow, GNamespace, GPair, GraphData, GWorkload, NodeKey } from '../../workers/analysis.ts';
import { namespaceKey } from '../../workers/analysis.ts';
import type { XY } from '../store.ts';
import { formatPorts } from '../ports.ts';
import { chipWidth, type AdminPolicyChip } from '../admin/tiers.ts';
import type { GraphChanges } from './changes.ts';
import { PEER_GROUP_LABEL } from '../scale/peers.ts';
import { routePairs, type RoutesMemo, type TargetDelta } from './routes.ts';
import { nodeIndex, type NodeIndexMemo } from './nodeIndex.ts';

/** How a group node of the overview (src/ui/scale) is named in titles and labels. */
const groupTitle = (ns: GNamespace): string =>
  ns.group?.label === PEER_GROUP_LABEL ? `namespaces with the same peers (${ns.group.value})` : `namespaces with ${ns.name}`;

export const POD_W = 190;
export const POD_H = 58;
/** Where the pods of an expanded namespace start: its two-line header (name; workload count and isolation). */
export const NS_HEADER = 56;
export const NS_PAD = 14;
export const GAP = 36;
export const COLLAPSED_W = 220;
export const COLLAPSED_H = 84;
export const EXT_W = 200;
export const EXT_H = 58;

/** Above this many workloads in total, namespaces with more than a few pods start collapsed. */
export const AGGREGATE_TOTAL = 40;
export const AGGREGATE_NAMESPACE = 6;
/** Above this many workloads in total, every namespace starts collapsed. */
export const AGGREGATE_ALL = 300;

/** A chip row under a namespace's header, per row of admin policy chips. */
export const ADMIN_ROW = 21;

/**
 * What an edge means: a drawn flow that holds or not; a path NetworkPolicy rules open (chosen or
 * not); a path an admin or baseline Allow opens (`admin`); a flow passed to the NetworkPolicies by
 * an admin Pass (`admin-pass`); connections an admin Deny decides (`admin-cut`).
 */
export type EdgeKind = 'flow-allowed' | 'flow-blocked' | 'intended' | 'unintended' | 'admin' | 'admin-pass' | 'admin-cut' | 'closed';

const MARKER_COLORS: Record<EdgeKind, string> = {
  'flow-allowed': 'var(--ok)',
  'flow-blocked': 'var(--bad)',
  intended: 'var(--rule)',
  unintended: 'var(--warn)',
  admin: 'var(--admin)',
  'admin-pass': 'var(--admin)',
  'admin-cut': 'var(--admin)',
  closed: 'var(--bad)',
};

export const EDGE_KIND_TEXT: Record<EdgeKind, string> = {
  'flow-allowed': 'drawn flow, allowed',
  'flow-blocked': 'drawn flow, blocked',
  intended: 'allowed by a rule you chose',
  unintended: 'allowed, nobody drew it',
  admin: 'allowed by an admin rule',
  'admin-pass': 'passed to the NetworkPolicies by an admin rule',
  'admin-cut': 'denied by an admin rule',
  closed: 'no longer allowed',
};

export interface DeriveOptions {
  /** Draw the connections admin Deny rules decide (namespace to namespace). */
  showCuts: boolean;
  /**
   * An open namespace with one workload is drawn as that workload titled "namespace / workload"
   * (the focus view: a box holding one box needs twice the room, and the fitted zoom fell to where
   * neither name showed). Its namespace's paths and denies are drawn to that node.
   */
  singleNamespaces?: boolean;
}

/** A namespace drawn as its one workload is wider: its title carries the namespace's name too. */
export const SINGLE_W = 230;

export interface PathEdgeData extends Record<string, unknown> {
  kind: EdgeKind;
  label: string;
  pairs: GPair[];
  flows: GFlow[];
  /** Admin denies between the two (namespace level). */
  cuts: GCut[];
  showLabel: boolean;
  fromTitle: string;
  toTitle: string;
  /** Connections opened or closed between the two, relative to the comparison on show. */
  change?: EdgeChangeText;
  /** A bundle of paths nobody drew (bundle.ts): the ids of the edges it stands for. */
  members?: string[];
}

export interface EdgeChangeText {
  opened?: string;
  closed?: string;
  /** One changed pair (graph keys) at its first changed port: what the explanation probes. */
  example: { from: NodeKey; to: NodeKey; protocol: Protocol; port: number };
}

export interface WorkloadNodeData extends Record<string, unknown> {
  w: GWorkload;
  /** The workload stands for its namespace too (DeriveOptions.singleNamespaces): its title says both. */
  single?: boolean;
  /** The comparison on show does not have this workload. */
  isNew?: boolean;
}
export interface NamespaceNodeData extends Record<string, unknown> {
  ns: GNamespace;
  expanded: boolean;
  /** Where the pods start: the header plus the rows of admin policy chips. */
  headerHeight: number;
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
  // A large design shows its namespaces as boxes: thousands of pods cannot be read (or drawn) at once.
  return graph.workloads.length <= AGGREGATE_TOTAL || (ns.workloads.length <= AGGREGATE_NAMESPACE && graph.workloads.length <= AGGREGATE_ALL);
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
  // Pairs share their sets (one per distinct connection, kept shared through the worker's message):
  // each is merged once, not once per pair of a 400-namespace group.
  for (const s of new Set(sets)) for (const p of PROTOCOLS) byProtocol[p].push(...s.byProtocol[p]);
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

/** Rows of chips a namespace node of this width needs (greedy, like the browser wraps them). */
export function adminChipRows(chips: readonly AdminPolicyChip[], width: number, withNames = true): number {
  if (chips.length === 0) return 0;
  const room = width - 2 * NS_PAD;
  let rows = 1;
  let used = 0;
  for (const chip of chips) {
    const w = Math.min(chipWidth(chip, withNames), room) + 4;
    if (used > 0 && used + w > room) {
      rows++;
      used = 0;
    }
    used += w;
  }
  return rows;
}

/**
 * What the "peers" chip of a workload says: what its own pods (replicas) may send each other, once a
 * policy isolates them. `long` is the tooltip, `short` what screen readers hear with the node.
 */
export function peersText(kind: string, peers: string): { long: string; short: string } {
  if (peers === 'none') {
    return {
      short: 'its pods may not connect to each other',
      long: `Peers: none. The pods of this ${kind} may not connect to each other (replica to replica): the policies that isolate them allow no traffic between them. Apps whose replicas talk to each other (clusters, caches, databases) break.`,
    };
  }
  const on = peers === 'all' ? 'all ports' : peers;
  return {
    short: `its pods may connect to each other on ${on}`,
    long: `Peers: the pods of this ${kind} may connect to each other (replica to replica) on ${on}.`,
  };
}

/** A selected node says so to screen readers (the canvas outlines it). */
const selectedAria = (selected: boolean): string => (selected ? ' (selected)' : '');

const workloadAria = (w: GWorkload, dir: 'ingress' | 'egress'): string => {
  const isolated = dir === 'ingress' ? w.ingressIsolated : w.egressIsolated;
  const baseline = dir === 'ingress' ? w.ingressBaseline : w.egressBaseline;
  return `${dir} ${isolated ? 'isolated' : baseline ? 'decided by the baseline' : 'open'}`;
};

function workloadNode(
  w: GWorkload,
  position: XY,
  width: number,
  parentId: NodeKey | undefined,
  selection: { kind: 'edge' | 'node'; id: string } | null,
  changes: GraphChanges | undefined,
  single: boolean,
): AppNode {
  const isNew = changes?.addedNodes.has(w.key) === true;
  return {
    id: w.key,
    type: 'workload',
    ...(parentId !== undefined ? { parentId, extent: 'parent' as const } : {}),
    position,
    width,
    height: POD_H,
    data: { w, ...(isNew ? { isNew: true } : {}), ...(single ? { single: true } : {}) },
    ariaLabel: `${w.kind} ${w.name} in namespace ${w.namespace}${single ? ' (its only workload shown)' : ''}${w.assumed ? ' (assumed, not in the YAML)' : ''}${isNew ? ` (new ${changes!.since})` : ''}: ${workloadAria(w, 'ingress')}, ${workloadAria(w, 'egress')}${w.peers !== undefined ? `; peers: ${peersText(w.kind, w.peers).short}` : ''}${selectedAria(selection?.kind === 'node' && selection.id === w.key)}`,
    selected: selection?.kind === 'node' && selection.id === w.key,
  };
}

export function derive(
  graph: GraphData,
  expandedOverrides: Record<string, boolean>,
  positions: Record<string, XY>,
  selection: { kind: 'edge' | 'node'; id: string } | null,
  options: DeriveOptions = { showCuts: true },
  changes?: GraphChanges,
  memo?: DeriveMemo,
): Derived {
  return deriveUpTo(graph, expandedOverrides, positions, selection, options, changes, memo, 'edges')!;
}

/** How far a prepare goes (prepareInto): each part includes the ones before it. */
export type PreparePart = 'nodes' | 'routes' | 'tallies';

/**
 * Part of a derive into `memo`, nothing drawn: the namespaces' members and the key maps
 * ('nodes', nodeIndex.ts), then also the pairs routed to the edges they are drawn on ('routes'),
 * then also each edge's pairs tallied ('tallies'). A newly loaded large design's first
 * derive (150,000 pairs routed, then tallied per edge) was one task of ~150 CPU ms; run apart, each
 * part is a task of its own, and the derive after them finds its work in the memo (routePairs the
 * same pairs and shown nodes, pairsSummary the same pairs arrays). The index built from scratch
 * (~65 ms at 5,000 pods under load) and the routing (~110 ms) were one task: 'nodes' parts them.
 * `tallyBudget`: 'tallies' summarises edges until this many pairs were tallied, keeping the rest for
 * the next call (the tallies of pods5000's 150,000 pairs were ~60 CPU ms). Returns whether the part
 * is done (false: call again for the edges left).
 */
export function prepareInto(memo: DeriveMemo, upTo: PreparePart, graph: GraphData, expandedOverrides: Record<string, boolean>, positions: Record<string, XY>, singleNamespaces = false, tallyBudget = Infinity): boolean {
  const progress = { done: true, tallyBudget };
  deriveUpTo(graph, expandedOverrides, positions, null, { showCuts: true, singleNamespaces }, undefined, memo, upTo, progress);
  return progress.done;
}

function deriveUpTo(
  graph: GraphData,
  expandedOverrides: Record<string, boolean>,
  positions: Record<string, XY>,
  selection: { kind: 'edge' | 'node'; id: string } | null,
  options: DeriveOptions,
  changes: GraphChanges | undefined,
  memo: DeriveMemo | undefined,
  upTo: PreparePart | 'edges',
  progress?: { done: boolean; tallyBudget: number },
): Derived | undefined {
  const nodes: AppNode[] = [];
  const singles = options.singleNamespaces === true;
  // The kept key maps below say nothing of namespaces drawn as their workload: another way of
  // drawing them starts the maps afresh.
  if (memo && (memo.singles ?? false) !== singles) {
    memo.nodes.structure = undefined;
    memo.singles = singles;
  }
  // The namespaces' members and the key maps, kept from the last run where nothing changed (nodeIndex.ts).
  const index = nodeIndex(memo?.nodes, graph, (ns) => isExpanded(graph, expandedOverrides, ns));
  const shownAs = index.kept?.shownAs ?? new Map<NodeKey, NodeKey>();
  const titles = index.kept?.titles ?? new Map<NodeKey, string>();
  const fill = index.kept === undefined;
  const nsStats = new Map<string, NamespaceNodeData>();

  // Externals in a column on the left, namespaces packed in rows to the right.
  graph.externals.forEach((e, i) => {
    if (fill) {
      titles.set(e.key, e.title);
      shownAs.set(e.key, e.key);
    }
    nodes.push({
      id: e.key,
      type: 'external',
      position: positions[e.key] ?? { x: 0, y: i * (EXT_H + 24) },
      width: EXT_W,
      height: EXT_H,
      data: { ext: e },
      ariaLabel: `${e.assumed ? `Cluster service, assumed (not in the YAML): ${e.title}` : `Outside the cluster: ${e.title}`} (${e.subtitle})${selectedAria(selection?.kind === 'node' && selection.id === e.key)}`,
      selected: selection?.kind === 'node' && selection.id === e.key,
    });
  });

  const START_X = EXT_W + 90;
  let cursorX = START_X;
  let cursorY = 0;
  let rowHeight = 0;
  const ROW_WIDTH = 560;

  graph.namespaces.forEach((ns, nsIndex) => {
    const key = namespaceKey(ns.name);
    const expanded = index.expanded[nsIndex]!;
    const { members, ingressIsolated, egressIsolated } = index.members[nsIndex]!;
    const stats: NamespaceNodeData = {
      ns,
      expanded,
      headerHeight: NS_HEADER,
      ingressIsolated,
      egressIsolated,
      internalPaths: 0,
      internalFlows: 0,
    };
    nsStats.set(ns.name, stats);
    if (fill) {
      titles.set(key, ns.group ? groupTitle(ns) : `namespace ${ns.name}`);
      shownAs.set(key, key);
    }

    let width = COLLAPSED_W;
    let height = COLLAPSED_H;
    const children: AppNode[] = [];
    const single = singles && expanded && members.length === 1 && !ns.group ? members[0]! : undefined;
    if (single) {
      if (fill) {
        shownAs.set(single.key, single.key);
        shownAs.set(key, single.key);
        titles.set(single.key, single.id);
      }
      const position = positions[single.key] ?? { x: cursorX, y: cursorY };
      if (!positions[single.key]) {
        cursorX += SINGLE_W + 40;
        rowHeight = Math.max(rowHeight, POD_H);
      }
      nodes.push(workloadNode(single, position, SINGLE_W, undefined, selection, changes, true));
      return;
    }
    if (expanded && members.length > 0) {
      // The chip rows depend on the width, which the pods' x positions alone decide.
      const xs = members.map((w, i) => positions[w.key]?.x ?? defaultPodPosition(i, members.length).x);
      const rows = adminChipRows(ns.admin, groupSize(xs.map((x) => ({ x, y: 0 }))).width);
      const header = NS_HEADER + rows * ADMIN_ROW;
      stats.headerHeight = header;
      const childPositions = members.map((w, i) => {
        const saved = positions[w.key];
        if (saved) return { x: saved.x, y: Math.max(saved.y, header) };
        const p = defaultPodPosition(i, members.length);
        return { x: p.x, y: p.y - NS_HEADER + header };
      });
      ({ width, height } = groupSize(childPositions));
      members.forEach((w, i) => {
        if (fill) {
          shownAs.set(w.key, w.key);
          titles.set(w.key, w.id);
        }
        children.push(workloadNode(w, childPositions[i]!, POD_W, key, selection, changes, false));
      });
    } else if (fill) {
      for (const w of members) {
        shownAs.set(w.key, key);
        titles.set(w.key, w.id);
      }
    }
    if (!expanded || members.length === 0) {
      height += adminChipRows(ns.admin, width, false) * ADMIN_ROW;
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
    const adminText = ns.admin.length > 0 ? `; admin policies: ${ns.admin.map((p) => `${p.name} (${p.actions}${p.priority !== undefined ? `, priority ${p.priority}` : ''})`).join(', ')}` : '';
    const ariaBase = `${ns.group ? `${ns.group.namespaces.length} ${groupTitle(ns)}` : `Namespace ${ns.name}`}: ${members.length} workload${members.length === 1 ? '' : 's'}, ${stats.ingressIsolated} ingress-isolated, ${stats.egressIsolated} egress-isolated${ns.drawnApart?.length ? `; its pods shown as ${ns.drawnApart.join(', ')}` : ''}${adminText}`;
    nodes.push({
      id: key,
      type: expanded && members.length > 0 ? 'namespaceGroup' : 'namespace',
      position,
      width,
      height,
      data: stats,
      ariaLabel: `${ariaBase}${selectedAria(selection?.kind === 'node' && selection.id === key)}`,
      selected: selection?.kind === 'node' && selection.id === key,
      ...(expanded && members.length > 0 ? { dragHandle: '.ns-header' } : {}),
    });
    nodes.push(...children);
  });
  index.remember(shownAs, titles);

  placeUnsaved(nodes, positions);
  if (upTo === 'nodes') return undefined;

  // Edges between shown nodes.
  interface Group {
    from: NodeKey;
    to: NodeKey;
    pairs: GPair[];
    flows: GFlow[];
    cuts: GCut[];
    opened: ConnectionSet[];
    closed: ConnectionSet[];
    example?: EdgeChangeText['example'];
  }
  const groups = new Map<string, Group>();
  // By end, then by the other end: no edge id string is built per workload pair (150,000 of them).
  const byEnds = new Map<NodeKey, Map<NodeKey, Group>>();
  const groupOf = (from: NodeKey, to: NodeKey): Group => {
    let byTo = byEnds.get(from);
    if (!byTo) byEnds.set(from, (byTo = new Map()));
    let g = byTo.get(to);
    if (!g) {
      g = { from, to, pairs: [], flows: [], cuts: [], opened: [], closed: [] };
      byTo.set(to, g);
      groups.set(`e:${from}->${to}`, g);
    }
    return g;
  };
  const nsOfKey = (k: NodeKey): string | undefined => (k.startsWith('ns:') ? k.slice(3) : undefined);
  // The pairs by edge, redone only where the answer's pairs changed (routes.ts).
  const routed = routePairs(graph.pairs, shownAs, memo?.routes);
  /** By edge id: how its pairs changed since the last run (for its summary). */
  let deltas: Map<string, TargetDelta> | undefined;
  if (memo) memo.routes = routed;
  if (upTo === 'routes') return undefined;
  for (const t of routed.order) {
    const { from, to } = routed.targets[t]!;
    if (from === to) {
      const ns = nsOfKey(from);
      const st = ns !== undefined ? nsStats.get(ns) : undefined;
      if (st) st.internalPaths += routed.counts[t]!;
      continue;
    }
    groupOf(from, to).pairs = routed.pairsOf[t]!;
    const delta = routed.deltas?.get(t);
    if (delta) (deltas ??= new Map()).set(`e:${from}->${to}`, delta);
  }
  // An edge to or from a group of namespaces (the overview) stands for many paths: its label counts them.
  const groupKeys = new Set(graph.namespaces.filter((ns) => ns.group).map((ns) => namespaceKey(ns.name)));
  if (upTo === 'tallies') {
    if (memo) {
      const t = tallies(groups, groupKeys, memo.summaries, deltas, progress?.tallyBudget);
      memo.summaries = t.summaries;
      if (progress) progress.done = t.done;
    }
    return undefined;
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
  if (options.showCuts) {
    for (const cut of graph.cuts) {
      // A namespace drawn as its one workload takes its denies (singleNamespaces).
      const from = shownAs.get(cut.from);
      const to = shownAs.get(cut.to);
      if (from === undefined || to === undefined) continue;
      groupOf(from, to).cuts.push(cut);
    }
  }

  if (changes) {
    // The DNS pods are drawn as the Cluster DNS node: their changes attach there, like their paths.
    const aliases = new Map<NodeKey, NodeKey>(graph.externals.flatMap((e) => (e.probe.kind === 'workload' ? [[`wl:${e.probe.id}`, e.key]] : [])));
    const graphKey = (k: NodeKey) => aliases.get(k) ?? k;
    const shown = (k: NodeKey) => shownAs.get(graphKey(k));
    for (const c of changes.changes) {
      const from = shown(c.from);
      const to = shown(c.to);
      if (!from || !to || from === to) continue;
      // A pair not drawn before was open by default: what it loses shows as the nodes' chips turning,
      // not as a thicket of ghost lines or "all but" port lists.
      const closed = c.drawnBefore && !isEmptyConnectionSet(c.closed);
      const opened = !isEmptyConnectionSet(c.opened);
      if (!closed && !opened) continue;
      const g = groupOf(from, to);
      if (opened) g.opened.push(c.opened);
      if (closed) g.closed.push(c.closed);
      // A closed pair explains best what a change took away; else the first opened one.
      if (!g.example || (closed && g.closed.length === 1)) g.example = firstPort(graphKey(c.from), graphKey(c.to), closed ? c.closed : c.opened);
    }
  }

  const isCutOnly = (g: Group) => g.flows.length === 0 && g.pairs.length === 0;
  // A group with no path, flow or cut now is either a drawn path that closed (a ghost) or a pair that
  // opened only by default (no policy isolates an end): open paths are not drawn, the chips say it.
  const isClosedOnly = (g: Group) => isCutOnly(g) && g.cuts.length === 0 && g.closed.length > 0;
  const isOpenByDefaultOnly = (g: Group) => isCutOnly(g) && g.cuts.length === 0 && g.closed.length === 0;
  const showAllLabels = [...groups.values()].filter((g) => !isCutOnly(g)).length <= 16;
  const flowEdgeCount = [...groups.values()].filter((g) => g.flows.length > 0).length;
  const changedEdgeCount = [...groups.values()].filter((g) => !isOpenByDefaultOnly(g) && g.opened.length + g.closed.length > 0).length;
  const edges: AppEdge[] = [];
  const summaries = new Map<string, PairsSummary>();
  for (const [id, g] of groups) {
    if (isOpenByDefaultOnly(g)) continue;
    // What the edge's pairs say, computed again only when they changed (pairsSummary).
    const summary = pairsSummary(memo?.summaries.get(id), g.pairs, groupKeys.has(g.from) || groupKeys.has(g.to), deltas?.get(id));
    summaries.set(id, summary);
    g.pairs = summary.pairs;
    const conn = summary.conn;
    const closedOnly = isClosedOnly(g);
    const { kind, label } = closedOnly
      ? { kind: 'closed' as const, label: '' }
      : g.flows.length > 0 ? flowEdge(g.flows, conn) : g.pairs.length > 0 ? summary.edge : cutEdge(g.cuts);
    const change = changeText(g.opened, g.closed, g.example);
    const fromTitle = titles.get(g.from) ?? g.from;
    const toTitle = titles.get(g.to) ?? g.to;
    const selected = selection?.kind === 'edge' && selection.id === id;
    const cutOnly = isCutOnly(g) && !closedOnly;
    const changeAria = change ? `; ${[change.opened && `opened ${change.opened}`, change.closed && `closed ${change.closed}`].filter(Boolean).join(', ')} ${changes?.since ?? ''}`.trimEnd() : '';
    edges.push({
      id,
      source: g.from,
      target: g.to,
      type: 'path',
      // Denies repeat for every namespace a guardrail covers: their label shows on selection only.
      data: {
        kind, label, pairs: g.pairs, flows: g.flows, cuts: g.cuts, fromTitle, toTitle,
        showLabel: selected || (change !== undefined && changedEdgeCount <= 30) || (!cutOnly && !closedOnly && (showAllLabels || (g.flows.length > 0 && flowEdgeCount <= 30))),
        ...(change ? { change } : {}),
      },
      ariaLabel: closedOnly
        ? `Closed path from ${fromTitle} to ${toTitle}${changeAria}`
        : cutOnly
          ? `Admin deny from ${fromTitle} to ${toTitle}: ${label}${changeAria}`
          : `Path from ${fromTitle} to ${toTitle}: ${label} (${EDGE_KIND_TEXT[kind]})${changeAria}`,
      selected,
      className: `edge-${kind}${change?.opened ? ' edge-opened' : ''}${change?.closed ? ' edge-narrowed' : ''}`,
      ...(kind === 'admin-cut' ? {} : { markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: MARKER_COLORS[kind] } }),
      zIndex: kind === 'flow-blocked' ? 3 : kind === 'unintended' ? 2 : kind === 'admin-cut' || kind === 'closed' ? 0 : 1,
    });
  }
  if (memo) memo.summaries = summaries;
  return { nodes, edges, shownAs, titles };
}

/** The summaries of the edges with pairs (prepareInto 'tallies'), by edge id. */
function tallies(
  groups: ReadonlyMap<string, { from: NodeKey; to: NodeKey; pairs: GPair[] }>,
  groupKeys: ReadonlySet<NodeKey>,
  before: ReadonlyMap<string, PairsSummary>,
  deltas: ReadonlyMap<string, TargetDelta> | undefined,
  budget = Infinity,
): { summaries: Map<string, PairsSummary>; done: boolean } {
  const out = new Map<string, PairsSummary>();
  let left = budget;
  let done = true;
  for (const [id, g] of groups) {
    if (g.pairs.length === 0) continue;
    const was = before.get(id);
    const grouped = groupKeys.has(g.from) || groupKeys.has(g.to);
    // Over the budget, only the edges already summarised for these pairs are taken; the others
    // keep their last summary for the next call (it may still take a delta, or be recomputed).
    if (left <= 0 && !(was && !was.spent && was.grouped === grouped && was.pairs === g.pairs)) {
      if (was) out.set(id, was);
      done = false;
      continue;
    }
    const summary = pairsSummary(was, g.pairs, grouped, deltas?.get(id));
    if (summary !== was) left -= g.pairs.length;
    out.set(id, summary);
  }
  return { summaries: out, done };
}

/** What an edge's pairs say (its connections and kind), with the pairs it was computed from. */
interface PairsSummary {
  pairs: GPair[];
  grouped: boolean;
  conn: string;
  edge: { kind: EdgeKind; label: string };
  tally: PairsTally;
  /**
   * Its tally became the next summary's (updated in place: copying an overview edge's thousands of
   * entries per toggle cost more than the update): this summary is not used again.
   */
  spent?: boolean;
}

/**
 * What the summary is made of, kept so that a toggle's few pairs gone and come update it instead of
 * a pass over the edge's 30,000 (a toggle touches every overview edge into the toggled namespace's
 * group): how many pairs carry each connection set, the paths they stand for, and how many are
 * admin or nobody drew.
 */
interface PairsTally {
  /**
   * By the content of a connection set (connKey): one of its sets and how many pairs carry it. Keyed
   * by content, not by set object: pairs decoded from different answers carry different objects of
   * one content (3,000 per overview edge at pods5000), and a toggle copied and walked them all.
   */
  conns: Map<string, { set: ConnectionSet; n: number }>;
  paths: number;
  admin: number;
  unintended: number;
}

/**
 * What a canvas's derive remembers of its last run: the summaries by edge id. A toggle changes the
 * pairs of few edges: an edge whose pairs are the same objects as before (the page keeps unchanged
 * pairs: src/workers/pairsDelta.ts) keeps its summary and its pairs array, so the edge's data is
 * unchanged by identity too. Without a memo, derive computes every edge afresh.
 */
export interface DeriveMemo {
  summaries: Map<string, PairsSummary>;
  /** The pairs by edge of the last run (routes.ts). */
  routes?: RoutesMemo;
  /** The namespaces' members and the key maps of the last run (nodeIndex.ts). */
  nodes: NodeIndexMemo;
  /** Whether the last run drew namespaces as their one workload (DeriveOptions.singleNamespaces). */
  singles?: boolean;
}
export const deriveMemo = (): DeriveMemo => ({ summaries: new Map(), nodes: {} });

const samePairs = (a: readonly GPair[], b: readonly GPair[]): boolean => {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * A tally from scratch (a new design: every edge's pairs, 150,000 at pods5000). Its entries are its
 * own until it returns, so they are counted in place, and each set object is looked up once.
 */
function tallyOf(pairs: readonly GPair[]): PairsTally {
  const conns = new Map<string, { set: ConnectionSet; n: number }>();
  const bySet = new Map<ConnectionSet, { set: ConnectionSet; n: number }>();
  let paths = 0;
  let admin = 0;
  let unintended = 0;
  for (const p of pairs) {
    let entry = bySet.get(p.conn);
    if (entry === undefined) {
      const key = connKey(p.conn);
      entry = conns.get(key);
      if (entry === undefined) conns.set(key, (entry = { set: p.conn, n: 0 }));
      bySet.set(p.conn, entry);
    }
    entry.n++;
    paths += p.members ?? 1;
    if (p.admin) admin++;
    if (p.intent === 'unintended') unintended++;
  }
  return { conns, paths, admin, unintended };
}

function count(t: PairsTally, p: GPair, sign: 1 | -1): void {
  const key = connKey(p.conn);
  const entry = t.conns.get(key);
  const n = (entry?.n ?? 0) + sign;
  if (n === 0) t.conns.delete(key);
  else if (entry) entry.n = n;
  else t.conns.set(key, { set: p.conn, n });
  t.paths += sign * (p.members ?? 1);
  if (p.admin) t.admin += sign;
  if (p.intent === 'unintended') t.unintended += sign;
}

/** A connection set's content as text, once per set object (sets equal in content are merged once). */
const connKeys = new WeakMap<ConnectionSet, string>();
function connKey(c: ConnectionSet): string {
  let k = connKeys.get(c);
  if (k === undefined) {
    // Built by appending (13,000 sets at pods5000: arrays mapped and joined per set cost ~20 ms).
    if (c.all) k = 'all';
    else {
      k = '';
      for (const p of PROTOCOLS) {
        for (const r of c.byProtocol[p]) k += `${r.from}-${r.to},`;
        k += '|';
      }
    }
    connKeys.set(c, k);
  }
  return k;
}

function pairsSummary(before: PairsSummary | undefined, pairs: GPair[], grouped: boolean, delta?: TargetDelta): PairsSummary {
  if (before?.spent) before = undefined;
  if (before && before.grouped === grouped && samePairs(before.pairs, pairs)) return before;
  let tally: PairsTally;
  if (before && delta && before.pairs === delta.before) {
    tally = before.tally;
    before.spent = true;
    for (const p of delta.removed) count(tally, p, -1);
    for (const p of delta.added) count(tally, p, 1);
  } else tally = tallyOf(pairs);
  // Many sets are equal in content (one per policy's rule): the tally holds each content once.
  const distinct = [...tally.conns.values()].map((e) => e.set);
  const paths = grouped ? tally.paths : 0;
  const conn = pairs.length > 0 ? `${connectionLabel(unionConnections(distinct))}${paths > 1 ? ` · ${paths.toLocaleString('en-US')} paths` : ''}` : '';
  // The colour says "admin"; the explanation names the rule.
  const kind: EdgeKind = tally.admin > 0 ? 'admin' : tally.unintended > 0 ? 'unintended' : 'intended';
  return { pairs, grouped, conn, edge: { kind, label: conn }, tally };
}

/** Space between the laid-out design and nodes that arrived after it. */
const ARRIVAL_GAP = 60;

/**
 * Nodes that came after the layout (a namespace written in the YAML, a new outside address) have
 * no saved position: their default spots were computed as if the design were empty and would
 * land on the laid-out nodes. They move, keeping their arrangement, to a band under the design.
 */
export function placeUnsaved(nodes: AppNode[], positions: Record<string, XY>): void {
  const top = nodes.filter((n) => !n.parentId);
  const saved = top.filter((n) => positions[n.id] !== undefined);
  const fresh = top.filter((n) => positions[n.id] === undefined);
  if (saved.length === 0 || fresh.length === 0) return;
  const bottom = Math.max(...saved.map((n) => n.position.y + (n.height ?? 0)));
  const left = Math.min(...saved.map((n) => n.position.x));
  const freshTop = Math.min(...fresh.map((n) => n.position.y));
  const freshLeft = Math.min(...fresh.map((n) => n.position.x));
  const dx = left - freshLeft;
  const dy = bottom + ARRIVAL_GAP - freshTop;
  for (const n of fresh) n.position = { x: n.position.x + dx, y: n.position.y + dy };
}

function firstPort(from: NodeKey, to: NodeKey, set: ConnectionSet): EdgeChangeText['example'] | undefined {
  const protocol = PROTOCOLS.find((p) => set.byProtocol[p].length > 0);
  const range = protocol && set.byProtocol[protocol][0];
  return protocol && range ? { from, to, protocol, port: range.from } : undefined;
}

function changeText(opened: readonly ConnectionSet[], closed: readonly ConnectionSet[], example: EdgeChangeText['example'] | undefined): EdgeChangeText | undefined {
  if (!example || (opened.length === 0 && closed.length === 0)) return undefined;
  return {
    example,
    ...(opened.length > 0 ? { opened: connectionLabel(unionConnections(opened)) } : {}),
    ...(closed.length > 0 ? { closed: connectionLabel(unionConnections(closed)) } : {}),
  };
}

const adminTag = (f: GFlow): string => (f.admin ? `${f.admin.action} ${f.admin.tier === 'Baseline' ? 'baseline' : f.admin.priority}` : '');

/** A flow that does not hold: an Allow (or NetworkPolicy flow) blocked, or a Deny that lets traffic through. */
const flowFails = (f: GFlow): boolean =>
  f.admin?.action === 'Deny' ? f.state === 'allowed' || f.state === 'partial' : f.admin?.action === 'Pass' ? false : f.state === 'blocked' || f.state === 'partial';

/** Drawn flows on an edge: a failing one wins, then admin denies, allows and passes, then NetworkPolicy flows. */
function flowEdge(flows: readonly GFlow[], conn: string): { kind: EdgeKind; label: string } {
  const failing = flows.filter(flowFails);
  if (failing.length > 0) {
    const parts = failing.map((f) => {
      const ports = formatPorts(f.ports);
      if (f.admin?.action === 'Deny') return `${adminTag(f)} not in effect: ${ports} still ${f.state === 'partial' ? 'partly ' : ''}allowed`;
      return `${f.admin ? `${adminTag(f)} ` : ''}${f.state === 'partial' ? 'partly blocked' : 'blocked'}: ${ports}`;
    });
    return { kind: 'flow-blocked', label: `${parts.join('; ')}${conn ? ` · allowed: ${conn}` : ''}` };
  }
  const tagged = (f: GFlow) => `${adminTag(f)}: ${formatPorts(f.ports)}`;
  const denies = flows.filter((f) => f.admin?.action === 'Deny');
  if (denies.length > 0) return { kind: 'admin-cut', label: `${denies.map(tagged).join('; ')}${conn ? ` · allowed: ${conn}` : ''}` };
  const allows = flows.filter((f) => f.admin?.action === 'Allow');
  if (allows.length > 0) return { kind: 'admin', label: allows.map(tagged).join('; ') };
  const passes = flows.filter((f) => f.admin?.action === 'Pass');
  if (passes.length > 0) return { kind: 'admin-pass', label: `${passes.map(tagged).join('; ')} → ${conn ? `allowed: ${conn}` : 'denied'}` };
  return { kind: 'flow-allowed', label: conn || flows.map((f) => formatPorts(f.ports)).join('; ') };
}

function cutEdge(cuts: readonly GCut[]): { kind: EdgeKind; label: string } {
  const names = [...new Set(cuts.map((c) => `${c.by.policy.split('/')[1] ?? c.by.policy}${c.ports ? ` (${c.ports})` : ''}`))];
  return { kind: 'admin-cut', label: `denied by ${names.length <= 2 ? names.join(', ') : `${names.length} admin rules`}` };
}
