// What the graph toolbar reads of each answer: the search's options and the count of folded paths.
// Pure (no React), so a bench can time them as the toolbar runs them.
import type { GExternal, GNamespace, GPair, GraphData, GWorkload, NodeKey } from '../../workers/analysis.ts';
import { arrayId, originOf, originRuns } from '../../workers/pairsDelta.ts';
import { runsInOrder } from '../../workers/originRuns.ts';
import type { Match } from '../components/MatchList.tsx';

export interface Option extends Match {
  key: NodeKey;
}

/**
 * Each element's option, by element: a toggle's answer keeps the unchanged namespaces and workloads
 * as the same objects (src/workers/listDelta.ts), so the list is rebuilt without writing 5,000
 * label strings again. Analysis elements are never changed in place.
 */
const optionOf = new WeakMap<object, Option>();
const remembered = <T extends object>(x: T, make: (x: T) => Option): Option => {
  let o = optionOf.get(x);
  if (!o) optionOf.set(x, (o = make(x)));
  return o;
};

const namespaceOption = (ns: GNamespace): Option => {
  const labels = Object.entries(ns.labels).map(([k, v]) => `${k}=${v}`).join(' ');
  return { key: `ns:${ns.name}`, title: ns.name, detail: `namespace · ${ns.workloads.length} workloads`, haystack: `${ns.name} ${labels}`.toLowerCase() };
};
const workloadOption = (w: GWorkload): Option => {
  const labels = Object.entries(w.labels).map(([k, v]) => `${k}=${v}`).join(' ');
  return { key: w.key, title: w.name, detail: `${w.kind} in ${w.namespace}${labels ? ` · ${labels}` : ''}`, haystack: `${w.id} ${labels}`.toLowerCase() };
};
const externalOption = (e: GExternal): Option => ({ key: e.key, title: e.title, detail: 'outside the cluster', haystack: `${e.title} ${e.id}`.toLowerCase() });

/**
 * The last lists and their options: an answer's lists are the last one's elements but a few, and a
 * walk by identity against them finds those few without a lookup per element (20,000 workloads at
 * each toggle); when none changed the options are the same array, so the search's ranking is kept.
 */
let last: { lists: readonly (readonly object[])[]; options: Option[] } | undefined;

export function searchOptions(graph: GraphData): Option[] {
  const lists = [graph.namespaces, graph.workloads, graph.externals] as const;
  const before = last;
  if (before && before.lists.every((l, i) => l.length === lists[i]!.length)) {
    // A copy of the last options (native), patched where an element is another object.
    let out: Option[] | undefined;
    let at = 0;
    for (let part = 0; part < 3; part++) {
      const list: readonly object[] = lists[part]!;
      for (const i of changedAt(list, before.lists[part]!)) (out ??= before.options.slice())[at + i] = optionFor(part, list[i]!);
      at += list.length;
    }
    last = { lists, options: out ?? before.options };
    return last.options;
  }
  const options = [
    ...graph.namespaces.map((ns) => remembered(ns, namespaceOption)),
    ...graph.workloads.map((w) => remembered(w, workloadOption)),
    ...graph.externals.map((e) => remembered(e, externalOption)),
  ];
  last = { lists, options };
  return options;
}

/**
 * The search's options made ahead, `budget` elements per call from element `at` (namespaces,
 * workloads, outside nodes in turn), so that the search's first keystroke finds them made: made all
 * at once they were one task of ~40 ms at 5,000 pods (~160 at 20,000) in the render that lands a new
 * design. Returns where the next call starts, or -1 once the options are the graph's
 * (searchOptions then answers from its last list). A toggle's answer keeps the last lists' lengths:
 * its options are patched at once, as the render would.
 */
export function warmSearchOptions(graph: GraphData, at: number, budget: number): number {
  const lists = [graph.namespaces, graph.workloads, graph.externals] as const;
  const before = last;
  if (at === 0 && before && before.lists.every((l, i) => l.length === lists[i]!.length)) {
    searchOptions(graph);
    return -1;
  }
  const end = Math.min(at + Math.max(1, budget), lists[0].length + lists[1].length + lists[2].length);
  let start = 0;
  for (let part = 0; part < 3; part++) {
    const list: readonly object[] = lists[part]!;
    for (let i = Math.max(at, start); i < Math.min(end, start + list.length); i++) optionFor(part, list[i - start]!);
    start += list.length;
  }
  if (end < start) return end;
  searchOptions(graph);
  return -1;
}

/**
 * Where two lists of the same length hold different objects. A small function of its own: V8
 * optimises its loop within the first call, where inside searchOptions it ran unoptimised on every
 * toggle (~7 ms for 22,000 workloads in the page).
 */
function changedAt(list: readonly object[], was: readonly object[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < list.length; i++) if (list[i] !== was[i]) out.push(i);
  return out;
}

/** An element's option by the list it is in (0 namespaces, 1 workloads, 2 outside nodes). */
function optionFor(part: number, x: object): Option {
  if (part === 0) return remembered(x as GNamespace, namespaceOption);
  if (part === 1) return remembered(x as GWorkload, workloadOption);
  return remembered(x as GExternal, externalOption);
}

/**
 * Paths folded past the cap (150,000 pairs: the toolbar renders on every toggle): a toggle's pairs
 * are the last ones but a few (pairsDelta.ts originOf), so the count is the last count with the
 * pairs gone taken off and the new ones added, not a pass that reads every pair.
 */
let lastFolded: { id: number; pairs: readonly GPair[]; count: number } | undefined;

export function foldedPaths(pairs: readonly GPair[]): number {
  const id = arrayId(pairs);
  if (lastFolded?.id === id) return lastFolded.count;
  const origin = originOf(pairs);
  let n = 0;
  const runs = origin && lastFolded && origin.baseId === lastFolded.id && origin.baseLength === lastFolded.pairs.length ? originRuns(origin) : undefined;
  if (lastFolded && runs && runsInOrder(runs)) {
    // Between the stretches: the new pairs (in this array) and the pairs gone (in the last one).
    const base = lastFolded.pairs;
    n = lastFolded.count;
    let k = 0;
    let b = 0;
    for (let r = 0; r <= runs.length; r += 3) {
      const start = r < runs.length ? runs[r]! : pairs.length;
      const at = r < runs.length ? runs[r + 1]! : base.length;
      for (; k < start; k++) n += pairs[k]!.members ?? 0;
      for (; b < at; b++) n -= base[b]!.members ?? 0;
      k = start + (runs[r + 2] ?? 0);
      b = at + (runs[r + 2] ?? 0);
    }
  } else for (const p of pairs) if (p.members !== undefined) n += p.members;
  lastFolded = { id, pairs, count: n };
  return n;
}
