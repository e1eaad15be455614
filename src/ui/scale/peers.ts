// The overview's other grouping: namespaces by what they talk to. Two namespaces fall in one group
// when they have allowed paths with the same kinds of peers, in the same directions: the same outside
// nodes, and namespaces that are themselves in the same groups. That is the coarsest such partition,
// found by refinement (start with one group, split by the set of (direction, peer's group) until
// nothing splits), so 400 tenant namespaces that each reach DNS, the ingress controller and the
// internet are one box, while the platform namespaces they reach stay apart. Pure: no React, no DOM.
import type { GNamespace, GPair, GraphData, NodeKey } from '../../workers/analysis.ts';
import { formatConnections } from '../core.ts';
import { groupName, groupNamespaces } from './transform.ts';

/** The `groupBy` value of the view that asks for this grouping (no label key has an `@`). */
export const PEER_GROUPING = '@peers';
/** The label a group of this kind carries on its node (`same peers · 12 namespaces`). */
export const PEER_GROUP_LABEL = 'same peers';

const IGNORED_LABELS = new Set(['kubernetes.io/metadata.name']);
/** Refinement ends in at most as many rounds as there are namespaces; this bounds a pathological case. */
const MAX_ROUNDS = 64;

/** Namespace -> the name of its group (only namespaces in a group of two or more). */
export function peerGroups(graph: GraphData): Map<string, string> {
  const names = graph.namespaces.map((ns) => ns.name);
  const index = new Map(names.map((n, i) => [n, i]));
  const workloadNs = new Map(graph.workloads.map((w) => [w.key, w.namespace]));
  /** A path end: a namespace's index, or an outside node's key. */
  const endOf = (k: NodeKey): number | string | undefined => {
    if (k.startsWith('wl:')) {
      const ns = workloadNs.get(k);
      return ns === undefined ? undefined : index.get(ns);
    }
    if (k.startsWith('ns:')) return index.get(k.slice(3));
    return k;
  };
  // The distinct namespace-level edges with the ports they carry (pairs repeat them once per
  // workload pair): the ingress controller and Prometheus both reach every app, on other ports.
  const out: Map<number | string, Set<string>>[] = names.map(() => new Map());
  const into: Map<number | string, Set<string>>[] = names.map(() => new Map());
  const add = (m: Map<number | string, Set<string>>, e: number | string, ports: string) => {
    const set = m.get(e);
    if (set) set.add(ports);
    else m.set(e, new Set([ports]));
  };
  const portText = new Map<GPair['conn'], string>();
  for (const p of graph.pairs) {
    const a = endOf(p.from);
    const b = endOf(p.to);
    if (a === undefined || b === undefined || a === b) continue;
    let ports = portText.get(p.conn);
    if (ports === undefined) portText.set(p.conn, (ports = formatConnections(p.conn)));
    if (typeof a === 'number') add(out[a]!, b, ports);
    if (typeof b === 'number') add(into[b]!, a, ports);
  }
  const edgeText = (m: Map<number | string, Set<string>>) => [...m].map(([e, ports]) => [e, [...ports].sort().join(';')] as const);
  const outText = out.map(edgeText);
  const intoText = into.map(edgeText);
  let cls = names.map(() => 0);
  let count = 1;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const peer = (e: number | string) => (typeof e === 'number' ? `n${cls[e]}` : `x${e}`);
    const side = (edges: readonly (readonly [number | string, string])[], dir: string) => [...new Set(edges.map(([e, ports]) => `${dir}${peer(e)} ${ports}`))].sort().join(',');
    const ids = new Map<string, number>();
    const next = names.map((_, i) => {
      const sig = `${cls[i]}|${side(outText[i]!, '>')}|${side(intoText[i]!, '<')}`;
      let id = ids.get(sig);
      if (id === undefined) ids.set(sig, (id = ids.size));
      return id;
    });
    cls = next;
    if (ids.size === count) break;
    count = ids.size;
  }
  const members = new Map<number, GNamespace[]>();
  graph.namespaces.forEach((ns, i) => {
    const list = members.get(cls[i]!);
    if (list) list.push(ns);
    else members.set(cls[i]!, [ns]);
  });
  const groupOf = new Map<string, string>();
  const used = new Set<string>();
  for (const list of members.values()) {
    if (list.length < 2) continue;
    let name = groupTitle(list, graph.namespaces);
    for (let i = 2; used.has(name); i++) name = `${groupTitle(list, graph.namespaces)} (${i})`;
    used.add(name);
    for (const ns of list) groupOf.set(ns.name, name);
  }
  return groupOf;
}

/**
 * A group's name: the label all its namespaces share and no other namespace has (`tier=app`), else
 * its first namespace and how many more (`app-001 +399`).
 */
function groupTitle(list: readonly GNamespace[], all: readonly GNamespace[]): string {
  const inGroup = new Set(list.map((ns) => ns.name));
  const first = list[0]!;
  for (const [k, v] of Object.entries(first.labels).sort(([a], [b]) => a.localeCompare(b))) {
    if (IGNORED_LABELS.has(k)) continue;
    if (list.every((ns) => ns.labels[k] === v) && all.every((ns) => inGroup.has(ns.name) || ns.labels[k] !== v)) return `${k}=${v}`;
  }
  const sorted = list.map((ns) => ns.name).sort();
  return `${sorted[0]} +${sorted.length - 1}`;
}

/** The overview grouped by what namespaces talk to (see peerGroups); the graph itself when no two are alike. */
export function groupByPeers(graph: GraphData): { graph: GraphData; groups: Map<string, string> } {
  const groups = peerGroups(graph);
  return { graph: groupNamespaces(graph, (ns) => {
    const value = groups.get(ns.name);
    return value === undefined ? undefined : { label: PEER_GROUP_LABEL, value };
  }), groups };
}

/** The group's name on its node (`same peers=app-001 +399`) -> its value; undefined for other names. */
export function peerGroupValue(name: string): string | undefined {
  const prefix = `${PEER_GROUP_LABEL}=`;
  return name.startsWith(prefix) ? name.slice(prefix.length) : undefined;
}

/** The namespaces of a group named like a node of this grouping, for the focus view. */
export function peerGroupMembers(graph: GraphData): (group: string) => string[] | undefined {
  let groups: Map<string, string> | undefined;
  return (group) => {
    const value = peerGroupValue(group);
    if (value === undefined) return undefined;
    groups ??= peerGroups(graph);
    const out = [...groups].filter(([, v]) => groupName(PEER_GROUP_LABEL, v) === group).map(([ns]) => ns);
    return out.length > 0 ? out : undefined;
  };
}
