// Lists of an analysis answer sent element by element as a change against the same list sent
// before: a toggle changes a few policies and the isolation of a few workloads, yet the whole
// lists (3,000 policies, 5,000 graph workloads) crossed to the page on every toggle, and decoding
// them (structured clone) was the largest part of the page's answer task. An element equal to one
// sent before travels as its index; the page takes its own copy of that element, so unchanged
// elements keep their identity there and memoised consumers (derive, React) skip them.
// Pure: the worker encodes (answerEncoder), the page decodes (decodeAnswer).
import type { Analysis } from './analysis.ts';

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

/**
 * Encodes `list` against `base`: by identity first when `identity` holds (model elements are never
 * changed in place: src/model/cluster.ts ClusterMemo), else by the element's JSON (`text(k)` of the
 * k-th element of the list, `baseText(i)` of the base's as it was sent). Equal elements at several
 * places are matched one to one, so the page's list has as many distinct objects as the worker's.
 */
export function encodeList<T extends object>(list: readonly T[], base: readonly T[], text: (k: number) => string, baseText: (i: number) => string, identity: boolean): ListDelta<T> {
  const from = new Int32Array(list.length);
  const added: T[] = [];
  const byIdentity = new Map<T, number>();
  if (identity) base.forEach((x, i) => byIdentity.set(x, i));
  const used = new Uint8Array(base.length);
  let byText: Map<string, number[]> | undefined;
  for (let k = 0; k < list.length; k++) {
    let at = identity ? byIdentity.get(list[k]!) : undefined;
    if (at !== undefined && used[at]) at = undefined;
    if (at === undefined) {
      if (!byText) {
        byText = new Map();
        for (let i = base.length - 1; i >= 0; i--) {
          const t = baseText(i);
          const slots = byText.get(t);
          if (slots) slots.push(i);
          else byText.set(t, [i]);
        }
      }
      const slots = byText.get(text(k));
      while (slots && slots.length > 0 && used[slots[slots.length - 1]!]) slots.pop();
      at = slots?.pop();
    }
    if (at === undefined) {
      from[k] = -1;
      added.push(list[k]!);
    } else {
      used[at] = 1;
      from[k] = at;
    }
  }
  return { baseLength: base.length, from, added };
}

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
  let sent: Partial<Record<ListPart, { list: readonly object[]; texts?: string[] }>> = {};
  // Model elements (the cluster's) are never changed in place: their JSON is written once.
  const modelTexts = new WeakMap<object, string>();
  const modelText = (x: object): string => {
    let text = modelTexts.get(x);
    if (text === undefined) modelTexts.set(x, (text = JSON.stringify(x)));
    return text;
  };
  return {
    encode(analysis: Analysis): { analysis: Analysis; lists: ListDeltas } {
      const lists: ListDeltas = {};
      const emptied: Partial<Record<ListPart, readonly object[]>> = {};
      const now: typeof sent = {};
      for (const part of LIST_PARTS) {
        const list = getPart(analysis, part);
        const model = part.startsWith('cluster.');
        // The graph's elements are built by each analysis and may be reused by the next: compared
        // as they were when sent (their JSON then), never by identity.
        const texts = model ? undefined : list.map((x) => JSON.stringify(x));
        now[part] = { list, ...(texts ? { texts } : {}) };
        const base = sent[part];
        // Short lists cost nothing to send whole.
        if (!base || list.length < 64) continue;
        const baseTexts = base.texts;
        const delta = texts && baseTexts
          ? encodeList(list, base.list, (k) => texts[k]!, (i) => baseTexts[i]!, false)
          : encodeList(list, base.list, (k) => modelText(list[k]!), (i) => modelText(base.list[i]!), true);
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
