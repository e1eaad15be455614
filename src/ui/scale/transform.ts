// What the graph shows of a large design: filters, an overview that groups namespaces by a label,
// and focus on one node with its neighbours. Pure functions from one GraphData to a smaller one, so
// derive() and the canvas stay as they are; no React, no DOM.
import type { GCut, GFlow, GNamespace, GPair, GraphData, NodeKey } from '../../workers/analysis.ts';
import { namespaceKey } from '../../workers/analysis.ts';
import { arrayId, originOf, originRuns, recordOrigin } from '../../workers/pairsDelta.ts';
import { copyByRuns } from '../../workers/originRuns.ts';
import type { Protocol } from '../core.ts';

/** Above these sizes the page opens in the overview (a person cannot read more boxes). */
export const OVERVIEW_WORKLOADS = 300;
export const OVERVIEW_NAMESPACES = 40;

export interface GraphFilters {
  /** Hide paths nobody drew (allowed, but no rule chosen in the designer opened them). */
  hideUnintended: boolean;
  /** Only drawn flows that do not hold (blocked, partly blocked, an admin Deny not in effect). */
  failingFlowsOnly: boolean;
  /** Only paths and flows with an outside node at one end. */
  outsideOnly: boolean;
  /** `443`, `53/UDP`: only what carries that port; empty: every port. */
  port: string;
}

export const NO_FILTERS: GraphFilters = { hideUnintended: false, failingFlowsOnly: false, outsideOnly: false, port: '' };

export const filtersActive = (f: GraphFilters): boolean => f.hideUnintended || f.failingFlowsOnly || f.outsideOnly || f.port.trim() !== '';

const isOutside = (k: NodeKey) => k.startsWith('ext:') || k.startsWith('cidr:');

/** `443`, `443/tcp`, `UDP 53`: a port and protocol (TCP by default); undefined when it is not one. */
export function parsePortFilter(text: string): { port: number; protocol: Protocol } | undefined {
  const t = text.trim();
  const m = /^(?:(tcp|udp|sctp)\s*\/?\s*)?(\d{1,5})(?:\s*\/\s*(tcp|udp|sctp))?$/i.exec(t);
  if (!m) return undefined;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return undefined;
  return { port, protocol: ((m[1] ?? m[3])?.toUpperCase() ?? 'TCP') as Protocol };
}

/** A drawn flow that does not hold: an Allow (or NetworkPolicy flow) blocked, or a Deny that lets traffic through. */
export const flowFails = (f: GFlow): boolean =>
  f.admin?.action === 'Deny' ? f.state === 'allowed' || f.state === 'partial' : f.admin?.action === 'Pass' ? false : f.state === 'blocked' || f.state === 'partial';

function flowCarries(f: GFlow, port: number, protocol: Protocol): boolean {
  if (f.ports.length === 0) return true;
  return f.ports.some((p) => p.protocol === protocol && (p.port === undefined || typeof p.port === 'string' || (p.port <= port && (p.endPort ?? p.port) >= port)));
}

export function filterGraph(graph: GraphData, f: GraphFilters): GraphData {
  if (!filtersActive(f)) return graph;
  const port = parsePortFilter(f.port);
  let pairs: GPair[] = graph.pairs;
  let flows: GFlow[] = graph.flows;
  let cuts: GCut[] = graph.cuts;
  if (f.failingFlowsOnly) {
    pairs = [];
    cuts = [];
    flows = flows.filter(flowFails);
  }
  if (f.hideUnintended) pairs = pairs.filter((p) => p.intent !== 'unintended');
  if (f.outsideOnly) {
    pairs = pairs.filter((p) => isOutside(p.from) || isOutside(p.to));
    flows = flows.filter((x) => isOutside(x.from) || isOutside(x.to));
    cuts = cuts.filter((c) => isOutside(c.from) || isOutside(c.to));
  }
  if (port) {
    pairs = pairs.filter((p) => p.conn.all || p.conn.byProtocol[port.protocol].some((r) => r.from <= port.port && r.to >= port.port));
    flows = flows.filter((x) => flowCarries(x, port.port, port.protocol));
    cuts = [];
  }
  return { ...graph, pairs, flows, cuts };
}

// --- overview: namespaces grouped by a label ---------------------------------------------------------

/** Label keys people group namespaces by, best first. */
const PREFERRED = ['team', 'tenant', 'owner', 'app.kubernetes.io/part-of', 'project', 'group', 'department'];
const IGNORED = new Set(['kubernetes.io/metadata.name']);

/**
 * Namespace label keys worth grouping by: set on at least a third of the namespaces, with at least
 * two values and clearly fewer values than namespaces. Best first (team or tenant, then coverage).
 */
export function groupingLabels(namespaces: readonly GNamespace[]): string[] {
  const values = new Map<string, Set<string>>();
  const counts = new Map<string, number>();
  for (const ns of namespaces) {
    for (const [k, v] of Object.entries(ns.labels)) {
      if (IGNORED.has(k)) continue;
      let set = values.get(k);
      if (!set) values.set(k, (set = new Set()));
      set.add(v);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  const n = namespaces.length;
  const keys = [...values.keys()].filter((k) => {
    const distinct = values.get(k)!.size;
    return counts.get(k)! * 3 >= n && distinct >= 2 && distinct <= Math.max(2, Math.ceil(n / 3));
  });
  const rank = (k: string) => {
    const p = PREFERRED.indexOf(k);
    return p >= 0 ? p : PREFERRED.length;
  };
  return keys.sort((a, b) => rank(a) - rank(b) || counts.get(b)! - counts.get(a)! || values.get(a)!.size - values.get(b)!.size || a.localeCompare(b));
}

/** The name a group of namespaces gets as a node: `team=payments` (no namespace has `=` in its name). */
export const groupName = (label: string, value: string) => `${label}=${value}`;
export const isGroupName = (name: string) => name.includes('=');

/**
 * The overview: every namespace with `label` becomes part of one node per value (with the workloads
 * and admin chips of all of them); namespaces without the label stay as they are. Edges follow.
 */
export function groupGraph(graph: GraphData, label: string): GraphData {
  return groupNamespaces(graph, (ns) => {
    const value = ns.labels[label];
    return value === undefined ? undefined : { label, value };
  });
}

/**
 * Namespaces merged into one node per group `pick` puts them in (undefined: the namespace stays as
 * it is); edges follow. The label grouping above and the grouping by peers (peers.ts) use it.
 */
/** Pairs rekeyed by the last grouping, by the analysis's pair (pairs are never changed in place). */
let rekeyed: {
  signature: string;
  pairs: WeakMap<GPair, GPair>;
  /**
   * The last pairs rekeyed (by arrayId) and what they became, for the next answer's delta: a few,
   * since the page may group another graph between two answers (a presentation, a comparison).
   */
  last: { inId: number; out: GPair[] }[];
} = { signature: '', pairs: new WeakMap(), last: [] };
const KEEP_REKEYED = 3;

/**
 * The last grouping's namespaces, by its input: a toggle keeps every namespace object (listDelta.ts),
 * and building and sorting the groups again (20,000 workloads copied into them) cost ~10 ms a toggle
 * at 20,000 pods; the same groups also let derive() keep what it built for them (derive.ts).
 */
let lastGroups: { input: readonly GNamespace[]; signature: string; namespaces: GNamespace[] } | undefined;

const sameElements = <T>(a: readonly T[], b: readonly T[]): boolean => {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

export function groupNamespaces(graph: GraphData, pick: (ns: GNamespace) => { label: string; value: string } | undefined): GraphData {
  const groupOf = new Map<string, string>();
  const picks = graph.namespaces.map((ns) => {
    const picked = pick(ns);
    if (picked !== undefined) groupOf.set(ns.name, groupName(picked.label, picked.value));
    return picked;
  });
  if (groupOf.size === 0) return graph;
  const signature = JSON.stringify([...groupOf]);
  let namespaces: GNamespace[];
  if (lastGroups && lastGroups.signature === signature && sameElements(lastGroups.input, graph.namespaces)) namespaces = lastGroups.namespaces;
  else {
    const groups = new Map<string, GNamespace>();
    const kept: GNamespace[] = [];
    graph.namespaces.forEach((ns, i) => {
      const picked = picks[i];
      if (picked === undefined) {
        kept.push(ns);
        return;
      }
      const { label, value } = picked;
      const name = groupName(label, value);
      let g = groups.get(name);
      if (!g) {
        g = { name, declared: true, labels: { [label]: value }, workloads: [], admin: [], group: { label, value, namespaces: [] } };
        groups.set(name, g);
      }
      g.workloads.push(...ns.workloads);
      g.group!.namespaces.push(ns.name);
      for (const chip of ns.admin) if (!g.admin.some((c) => c.name === chip.name && c.kind === chip.kind)) g.admin.push(chip);
      if (ns.drawnApart) g.drawnApart = [...new Set([...(g.drawnApart ?? []), ...ns.drawnApart])];
    });
    namespaces = [...[...groups.values()].sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true })), ...kept];
    lastGroups = { input: graph.namespaces, signature, namespaces };
  }
  const rekey = (k: NodeKey): NodeKey => {
    if (!k.startsWith('ns:')) return k;
    const g = groupOf.get(k.slice(3));
    return g ? namespaceKey(g) : k;
  };
  // The same pair grouped the same way is the same object as last time: derive keeps what it
  // computed for an edge whose pairs did not change (src/ui/graph/derive.ts pairsSummary).
  if (rekeyed.signature !== signature) rekeyed = { signature, pairs: new WeakMap(), last: [] };
  const memo = rekeyed.pairs;
  const rekeyPair = (p: GPair): GPair => {
    let out = memo.get(p);
    if (!out) memo.set(p, (out = { ...p, from: rekey(p.from), to: rekey(p.to) }));
    return out;
  };
  const rekeyOne = (p: GPair): GPair => (p.from.startsWith('ns:') || p.to.startsWith('ns:') ? rekeyPair(p) : p);
  // A toggle's pairs are the last answer's but a few (src/workers/pairsDelta.ts originOf): those
  // are taken from the last output by index, without a lookup per pair, and the output records
  // the same origin, so derive() too redoes only what changed.
  const origin = originOf(graph.pairs);
  const inId = arrayId(graph.pairs);
  const same = rekeyed.last.find((x) => x.inId === inId);
  const last = origin && rekeyed.last.find((x) => x.inId === origin.baseId);
  let pairs: GPair[];
  if (same) pairs = same.out;
  else if (origin && last && origin.baseLength === last.out.length) {
    const runs = originRuns(origin);
    const next = graph.pairs;
    pairs = runs ? copyByRuns(next.length, runs, last.out, (k) => rekeyOne(next[k]!)) : mapByOrigin(origin.from, last.out, next, rekeyOne);
    recordOrigin(pairs, last.out, origin.from, runs ?? null);
  } else pairs = graph.pairs.map(rekeyOne);
  if (!same) rekeyed.last = [{ inId, out: pairs }, ...rekeyed.last.slice(0, KEEP_REKEYED - 1)];
  return {
    ...graph,
    namespaces,
    pairs,
    flows: graph.flows.map((f) => (f.from.startsWith('ns:') || f.to.startsWith('ns:') ? { ...f, from: rekey(f.from), to: rekey(f.to) } : f)),
    cuts: graph.cuts.map((c) => ({ ...c, from: rekey(c.from), to: rekey(c.to) })),
  };
}

/**
 * `next` mapped by `map`, taking from `before` (what the same map made of next's base) the elements
 * kept from the base: one small loop, which V8 optimises within its first call.
 */
function mapByOrigin(from: Int32Array, before: readonly GPair[], next: readonly GPair[], map: (p: GPair) => GPair): GPair[] {
  const out = new Array<GPair>(from.length);
  for (let k = 0; k < from.length; k++) {
    const at = from[k]!;
    out[k] = at >= 0 ? before[at]! : map(next[k]!);
  }
  return out;
}

// --- focus: one node and its neighbours ----------------------------------------------------------------

export interface Focused {
  graph: GraphData;
  /**
   * Namespaces drawn with their workloads (the focused one, neighbours when few, and any with one
   * workload shown: drawn as that workload, derive.ts singleNamespaces).
   */
  expanded: Record<string, boolean>;
  /** Neighbour nodes (graph keys), by side: sources of paths into the focus, destinations of paths out. */
  into: Set<NodeKey>;
  outOf: Set<NodeKey>;
  /** What the focus stands for: its workload keys (a namespace or group: all of its workloads). */
  members: Set<NodeKey>;
}

/** Above this many neighbour workloads, neighbour namespaces are drawn collapsed. */
const EXPAND_NEIGHBOURS = 40;
/**
 * A focus on several namespaces (a team, namespaces alike in their peers) with more workloads than
 * this draws them collapsed: a dozen namespaces opened at once fit the pane only at a zoom where
 * nothing is readable. One namespace is always opened.
 */
const EXPAND_FOCUS = 40;

/**
 * The focused node (a workload, a namespace or a group of namespaces) with every node it has a path
 * or flow with, in both directions, and the outside world. A neighbour is shown as its workload inside
 * its namespace (when there are few) or as its namespace.
 */
export function focusGraph(graph: GraphData, focus: NodeKey, groupMembers?: (group: string) => string[] | undefined): Focused | undefined {
  const nsByName = new Map(graph.namespaces.map((ns) => [ns.name, ns]));
  const members = new Set<NodeKey>();
  const focusNamespaces = new Set<string>();
  if (focus.startsWith('ns:')) {
    const name = focus.slice(3);
    const ns = nsByName.get(name);
    if (ns) {
      for (const w of ns.workloads) members.add(w);
      for (const n of ns.group?.namespaces ?? [name]) focusNamespaces.add(n);
    } else if (groupMembers?.(name)) {
      // A group not made of one label value (the grouping by peers): its namespaces by name.
      const names = new Set(groupMembers(name));
      for (const n of graph.namespaces) {
        if (!names.has(n.name)) continue;
        focusNamespaces.add(n.name);
        for (const w of n.workloads) members.add(w);
      }
    } else if (isGroupName(name)) {
      const [label, ...rest] = name.split('=');
      const value = rest.join('=');
      for (const n of graph.namespaces) {
        if (n.labels[label!] === value) {
          focusNamespaces.add(n.name);
          for (const w of n.workloads) members.add(w);
        }
      }
    }
    if (focusNamespaces.size === 0) return undefined;
  } else if (focus.startsWith('wl:')) {
    const w = graph.workloads.find((x) => x.key === focus);
    if (!w) return undefined;
    members.add(focus);
  } else {
    if (!graph.externals.some((e) => e.key === focus)) return undefined;
    members.add(focus);
  }
  const focusNsKeys = new Set([...focusNamespaces].map(namespaceKey));
  const workloadNs = new Map(graph.workloads.map((w) => [w.key, w.namespace]));
  const memberNsKeys = new Set([...members].flatMap((m) => {
    const ns = workloadNs.get(m);
    return ns === undefined ? [] : [namespaceKey(ns)];
  }));
  /** A folded pair's namespace end counts for the focus when the focus is (in) that namespace. */
  const focusKeys = new Set<NodeKey>([...members, ...focusNsKeys, ...memberNsKeys]);
  const inFocus = (k: NodeKey) => focusKeys.has(k);
  const into = new Set<NodeKey>();
  const outOf = new Set<NodeKey>();
  // The worker lists pairs by source: a source's answer is asked once, not once per pair (150,000).
  let lastFrom: NodeKey | undefined;
  let fromIn = false;
  const pairs = graph.pairs.filter((p) => {
    if (p.from !== lastFrom) {
      lastFrom = p.from;
      fromIn = focusKeys.has(p.from);
    }
    const a = fromIn;
    const b = focusKeys.has(p.to);
    if (!a && !b) return false;
    if (a && !b) outOf.add(p.to);
    if (b && !a) into.add(p.from);
    return true;
  });
  const flows = graph.flows.filter((f) => {
    const a = inFocus(f.from);
    const b = inFocus(f.to);
    if (!a && !b) return false;
    if (a && !b) outOf.add(f.to);
    if (b && !a) into.add(f.from);
    return true;
  });
  const cuts = graph.cuts.filter((c) => inFocus(c.from) || inFocus(c.to));
  const neighbours = new Set([...into, ...outOf]);
  const shownWorkloads = new Set<NodeKey>([...members].filter((k) => k.startsWith('wl:')));
  const neighbourNamespaces = new Set<string>();
  for (const k of neighbours) {
    if (k.startsWith('wl:')) {
      shownWorkloads.add(k);
      const ns = workloadNs.get(k);
      if (ns !== undefined) neighbourNamespaces.add(ns);
    } else if (k.startsWith('ns:')) neighbourNamespaces.add(k.slice(3));
  }
  for (const c of cuts) for (const k of [c.from, c.to]) if (k.startsWith('ns:') && nsByName.has(k.slice(3))) neighbourNamespaces.add(k.slice(3));
  for (const m of members) {
    const ns = workloadNs.get(m);
    if (ns !== undefined) focusNamespaces.add(ns);
  }
  const truncated = new Set(graph.truncatedNamespaces);
  const neighbourWorkloads = [...shownWorkloads].filter((k) => !members.has(k)).length;
  const expanded: Record<string, boolean> = {};
  const openFocus = focusNamespaces.size === 1 || members.size <= EXPAND_FOCUS;
  const namespaces: GNamespace[] = [];
  for (const ns of graph.namespaces) {
    const focused = focusNamespaces.has(ns.name);
    if (!focused && !neighbourNamespaces.has(ns.name)) continue;
    // The focused namespace with all of its workloads; a neighbour with the ones that talk to the focus.
    const workloads = focused && focus.startsWith('ns:') ? ns.workloads : ns.workloads.filter((k) => shownWorkloads.has(k));
    const drawn = workloads.length > 0 ? workloads : ns.workloads;
    namespaces.push({ ...ns, workloads: drawn });
    // A namespace with one workload shown is drawn as that workload (derive.ts singleNamespaces):
    // no larger than the namespace's box, and it names both.
    expanded[ns.name] = !truncated.has(ns.name) && (focused ? openFocus : drawn.length === 1 || neighbourWorkloads <= EXPAND_NEIGHBOURS);
  }
  const keepWorkload = new Set(namespaces.flatMap((ns) => ns.workloads));
  return {
    graph: { ...graph, namespaces, workloads: graph.workloads.filter((w) => keepWorkload.has(w.key)), pairs, flows, cuts },
    expanded,
    into,
    outOf,
    members,
  };
}
