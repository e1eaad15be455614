// Lists of an analysis answer sent element by element as a change against the same list sent
// before: a toggle changes a few policies and the isolation of a few workloads, yet the whole
// lists (3,000 policies, 5,000 graph workloads) crossed to the page on every toggle, and decoding
// them (structured clone) was the largest part of the page's answer task. An element equal to one
// sent before travels as its index; the page takes its own copy of that element, so unchanged
// elements keep their identity there and memoised consumers (derive, React) skip them.
// Pure: the worker encodes (answerEncoder), the page decodes (decodeAnswer).
import type { Analysis } from './analysis.ts';
import { modelJson } from './clusterDelta.ts';

/** The list as indices into the list sent before (-1: the next of `added`). */
export interface ListDelta<T> {
  /** How many elements the base had: a check that the page decodes against the right one. */
  baseLength: number;
  from: Int32Array;
  added: T[];
}

/** The lists of an answer sent this way (the rest of the cluster goes by clusterDelta.ts). */
export const LIST_PARTS = ['graph.workloads', 'graph.namespaces', 'graph.externals', 'cluster.policies', 'cluster.adminPolicies'] as const;
export type ListPart = (typeof LIST_PARTS)[number];
export type ListDeltas = Partial<Record<ListPart, ListDelta<object>>>;

const getPart = (a: Analysis, part: ListPart): readonly object[] => {
  switch (part) {
    case 'graph.workloads': return a.graph.workloads;
    case 'graph.namespaces': return a.graph.namespaces;
    case 'graph.externals': return a.graph.externals;
    case 'cluster.policies': return a.cluster.policies;
    case 'cluster.adminPolicies': return a.cluster.adminPolicies;
  }
};

/** The analysis with these parts replaced (the element types are those of the same part). */
function withParts(a: Analysis, parts: Partial<Record<ListPart, readonly object[]>>): Analysis {
  const graph = { ...a.graph };
  const cluster = { ...a.cluster };
  const p = parts as Partial<Record<ListPart, never[]>>;
  if (p['graph.workloads']) graph.workloads = p['graph.workloads'];
  if (p['graph.namespaces']) graph.namespaces = p['graph.namespaces'];
  if (p['graph.externals']) graph.externals = p['graph.externals'];
  if (p['cluster.policies']) cluster.policies = p['cluster.policies'];
  if (p['cluster.adminPolicies']) cluster.adminPolicies = p['cluster.adminPolicies'];
  return { ...a, graph, cluster };
}

/** Whether two JSON-like values (plain objects, arrays, primitives) are equal, as the page would see them. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/**
 * Encodes `list` against `base`. The same object is the same element: neither model elements
 * (src/model/cluster.ts ClusterMemo) nor the graph's workloads an incremental analysis keeps
 * (src/workers/analysis.ts puts changed peers on a copy) are changed in place once sent. Without
 * `identity`, a new object equal in data to the base's at its place (the graph keeps its order) or
 * anywhere (by JSON) is that element too.
 * Equal elements at several places are matched one to one, so the page's list has as many
 * distinct objects as the worker's.
 */
export function encodeList<T extends object>(list: readonly T[], base: readonly T[], identity: boolean, text: (x: T) => string = (x) => JSON.stringify(x), textFrom = TEXT_MATCH_FROM): ListDelta<T> {
  const from = new Int32Array(list.length).fill(-1);
  const used = new Uint8Array(base.length);
  let byIdentity: Map<T, number> | undefined;
  const misses: number[] = [];
  // By identity, or by data at the same place.
  for (let k = 0; k < list.length; k++) {
    const x = list[k]!;
    const here = k < base.length && !used[k] ? base[k]! : undefined;
    let at: number | undefined;
    if (identity) {
      if (here === x) at = k;
      else {
        if (!byIdentity) {
          byIdentity = new Map();
          base.forEach((y, i) => byIdentity!.set(y, i));
        }
        at = byIdentity.get(x);
        if (at !== undefined && used[at]) at = undefined;
      }
    } else if (here !== undefined && (here === x || sameData(x, here))) at = k;
    if (at === undefined) misses.push(k);
    else {
      used[at] = 1;
      from[k] = at;
    }
  }
  // By JSON anywhere, when enough were missed to pay for writing the base's (a list rebuilt by
  // another path, or shifted by an insertion); a few misses (a toggle's new policy) are sent.
  if (misses.length > textFrom) {
    const byText = new Map<string, number[]>();
    for (let i = base.length - 1; i >= 0; i--) {
      if (used[i]) continue;
      const t = text(base[i]!);
      const slots = byText.get(t);
      if (slots) slots.push(i);
      else byText.set(t, [i]);
    }
    for (const k of misses) {
      const slots = byText.get(text(list[k]!));
      const at = slots?.pop();
      if (at !== undefined) {
        used[at] = 1;
        from[k] = at;
      }
    }
  }
  const added: T[] = [];
  for (let k = 0; k < list.length; k++) if (from[k]! < 0) added.push(list[k]!);
  return { baseLength: base.length, from, added };
}

/** Misses past which elements are matched by their JSON too. */
export const TEXT_MATCH_FROM = 16;

/** The list a delta stands for; undefined when `base` is not the one it was encoded against. */
export function decodeList<T>(delta: ListDelta<T>, base: readonly T[] | undefined): T[] | undefined {
  if (!base || base.length !== delta.baseLength) return undefined;
  const out = new Array<T>(delta.from.length);
  let next = 0;
  for (let k = 0; k < delta.from.length; k++) {
    const at = delta.from[k]!;
    if (at >= base.length) return undefined;
    out[k] = at < 0 ? delta.added[next++]! : base[at]!;
  }
  return next === delta.added.length ? out : undefined;
}

/**
 * The worker's side: remembers the lists of the last answer sent. `encode` returns the analysis
 * with the lists that changed little emptied, and their deltas; the first answer (or one that
 * changed most of a list) goes whole. `forget` when the page forgets (a failed answer is not sent).
 */
export function answerEncoder() {
  let sent: Partial<Record<ListPart, readonly object[]>> = {};
  const modelText = modelJson();
  return {
    encode(analysis: Analysis): { analysis: Analysis; lists: ListDeltas } {
      const lists: ListDeltas = {};
      const emptied: Partial<Record<ListPart, readonly object[]>> = {};
      const now: typeof sent = {};
      for (const part of LIST_PARTS) {
        const list = getPart(analysis, part);
        now[part] = list;
        const base = sent[part];
        // Short lists cost nothing to send whole.
        if (!base || list.length < 64) continue;
        // The graph's elements are new objects when an analysis builds them again: compared by their data too.
        const model = part.startsWith('cluster.');
        const delta = model ? encodeList(list, base, true, modelText) : encodeList(list, base, false);
        if (delta.added.length > list.length / 2) continue;
        lists[part] = delta;
        emptied[part] = [];
      }
      sent = now;
      return { analysis: Object.keys(lists).length > 0 ? withParts(analysis, emptied) : analysis, lists };
    },
    forget() {
      sent = {};
    },
  };
}

/**
 * The page's side: the analysis with the lists sent as deltas rebuilt from `base` (the last
 * analysis decoded); undefined when a delta does not fit its base (the two sides lost step).
 */
export function decodeAnswer(analysis: Analysis, lists: ListDeltas | undefined, base: Analysis | undefined): Analysis | undefined {
  if (!lists) return analysis;
  const parts: Partial<Record<ListPart, readonly object[]>> = {};
  for (const part of LIST_PARTS) {
    const delta = lists[part];
    if (!delta) continue;
    const list = decodeList(delta, base ? getPart(base, part) : undefined);
    if (!list) return undefined;
    parts[part] = list;
  }
  return withParts(analysis, parts);
}
