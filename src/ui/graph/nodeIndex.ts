// What derive() reads of the graph's namespaces before it draws them: each namespace's workloads
// (the objects of this answer) with its isolation counts, and the maps from a graph key to the node
// that shows it and to its title. At 20,000 workloads, building them again on every toggle (a map of
// every workload, each namespace's members looked up in it, 45,000 map entries written, and the
// routing comparing the new map with the last entry by entry) was ~40 ms of the page's toggle task,
// though a toggle changes a few workloads and no namespace. Here the last run is remembered: the
// workloads are walked by identity against the last list, and when no namespace, outside node or
// expanded state changed, the maps are the last run's (the same objects) and only the namespaces of
// the changed workloads are looked up again. Pure: no React, no DOM.
import type { GExternal, GNamespace, GraphData, GWorkload, NodeKey } from '../../workers/analysis.ts';

/** A namespace's workloads found in the graph, and how many of them are isolated. */
export interface NamespaceMembers {
  members: GWorkload[];
  ingressIsolated: number;
  egressIsolated: number;
}

export interface NodeIndexMemo {
  workloads?: { list: readonly GWorkload[]; byKey: Map<NodeKey, GWorkload> };
  structure?: {
    namespaces: readonly GNamespace[];
    externals: readonly GExternal[];
    expanded: readonly boolean[];
    members: NamespaceMembers[];
    /** Workload key -> the index of the namespace that lists it (undefined when one is listed twice). */
    namespaceOf: Map<NodeKey, number> | undefined;
    shownAs?: Map<NodeKey, NodeKey>;
    titles?: Map<NodeKey, string>;
  };
}

export interface NodeIndex {
  /** By the index of the namespace in graph.namespaces. */
  members: readonly NamespaceMembers[];
  expanded: readonly boolean[];
  /** The last run's maps, already right for this graph: derive() fills none. */
  kept?: { shownAs: Map<NodeKey, NodeKey>; titles: Map<NodeKey, string> };
  /** Remembers the maps derive() filled, for the next run. */
  remember(shownAs: Map<NodeKey, NodeKey>, titles: Map<NodeKey, string>): void;
}

const sameElements = <T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean = (x, y) => x === y): boolean => {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !same(a[i]!, b[i]!)) return false;
  return true;
};

/**
 * What the maps and the members read of a namespace: short lists (under 64 elements) come whole in
 * every answer (src/workers/listDelta.ts), so equal namespaces and outside nodes are new objects.
 */
const sameNamespace = (a: GNamespace, b: GNamespace): boolean =>
  a.name === b.name && a.group?.label === b.group?.label && a.group?.value === b.group?.value &&
  a.group?.namespaces.length === b.group?.namespaces.length && sameElements(a.workloads, b.workloads);
const sameExternal = (a: GExternal, b: GExternal): boolean => a.key === b.key && a.title === b.title;

/**
 * The workloads by key, kept in `memo` and updated where the list's elements changed; `changed`
 * lists the workloads that are new objects under a key the last list had at the same place
 * (undefined when the map was built afresh: the keys changed, or there was no last list).
 */
function workloadsByKey(memo: NodeIndexMemo | undefined, list: readonly GWorkload[]): { byKey: Map<NodeKey, GWorkload>; changed: GWorkload[] | undefined } {
  const last = memo?.workloads;
  if (last && last.list.length === list.length) {
    const changed: GWorkload[] = [];
    let sameKeys = true;
    for (let i = 0; i < list.length; i++) {
      const w = list[i]!;
      const before = last.list[i]!;
      if (w === before) continue;
      if (w.key !== before.key) {
        sameKeys = false;
        break;
      }
      changed.push(w);
    }
    if (sameKeys) {
      // The map is the memo's own (never handed out): updated in place.
      for (const w of changed) last.byKey.set(w.key, w);
      last.list = list;
      return { byKey: last.byKey, changed };
    }
  }
  const byKey = new Map<NodeKey, GWorkload>();
  for (const w of list) byKey.set(w.key, w);
  if (memo) memo.workloads = { list, byKey };
  return { byKey, changed: undefined };
}

function membersOf(ns: GNamespace, byKey: ReadonlyMap<NodeKey, GWorkload>): NamespaceMembers {
  const members: GWorkload[] = [];
  let ingressIsolated = 0;
  let egressIsolated = 0;
  for (const k of ns.workloads) {
    const w = byKey.get(k);
    if (w === undefined) continue;
    members.push(w);
    if (w.ingressIsolated) ingressIsolated++;
    if (w.egressIsolated) egressIsolated++;
  }
  return { members, ingressIsolated, egressIsolated };
}

/** What derive() needs of the graph's namespaces, from `memo`'s last run where nothing changed. */
export function nodeIndex(memo: NodeIndexMemo | undefined, graph: GraphData, isExpanded: (ns: GNamespace) => boolean): NodeIndex {
  const { byKey, changed } = workloadsByKey(memo, graph.workloads);
  const expanded = graph.namespaces.map(isExpanded);
  const last = memo?.structure;
  if (
    memo && last && changed !== undefined && last.namespaceOf !== undefined &&
    sameElements(last.namespaces, graph.namespaces, sameNamespace) && sameElements(last.externals, graph.externals, sameExternal) && sameElements(last.expanded, expanded)
  ) {
    const dirty = new Set<number>();
    for (const w of changed) {
      const i = last.namespaceOf.get(w.key);
      if (i !== undefined) dirty.add(i);
    }
    const members = dirty.size === 0 ? last.members : last.members.slice();
    for (const i of dirty) members[i] = membersOf(graph.namespaces[i]!, byKey);
    const structure = { ...last, members };
    memo.structure = structure;
    return {
      members,
      expanded,
      ...(last.shownAs && last.titles ? { kept: { shownAs: last.shownAs, titles: last.titles } } : {}),
      remember: (shownAs, titles) => Object.assign(structure, { shownAs, titles }),
    };
  }
  const members = graph.namespaces.map((ns) => membersOf(ns, byKey));
  let namespaceOf: Map<NodeKey, number> | undefined = new Map();
  graph.namespaces.forEach((ns, i) => {
    for (const k of ns.workloads) {
      if (namespaceOf?.has(k)) namespaceOf = undefined;
      namespaceOf?.set(k, i);
    }
  });
  const structure: NonNullable<NodeIndexMemo['structure']> = { namespaces: graph.namespaces, externals: graph.externals, expanded, members, namespaceOf };
  if (memo) memo.structure = structure;
  return { members, expanded, remember: (shownAs, titles) => Object.assign(structure, { shownAs, titles }) };
}
