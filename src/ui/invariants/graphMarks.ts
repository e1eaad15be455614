// Violated invariants on the graph: the edges (and, where no edge is drawn, the nodes) of every
// path that breaks one get a mark and say so to screen readers.
import type { InvariantResult } from '../../invariants/index.ts';
import type { GraphData, NodeKey } from '../../workers/analysis.ts';
import type { AppEdge, AppNode, Derived } from '../graph/derive.ts';
import { violationKeys } from './invariantsStore.ts';

export function markViolations(derived: Derived, results: readonly InvariantResult[] | null, graph: GraphData | undefined): Derived {
  const broken = results?.filter((r) => !r.holds && r.violations.length > 0) ?? [];
  if (broken.length === 0) return derived;
  const shown = (key: NodeKey) => derived.shownAs.get(key) ?? key;
  /** `from>to` of shown nodes -> the names of the invariants a path between them breaks. */
  const pairs = new Map<string, Set<string>>();
  for (const r of broken) {
    for (const v of r.violations) {
      const { from, to } = violationKeys(v, graph);
      const key = `${shown(from)}>${shown(to)}`;
      const set = pairs.get(key) ?? new Set<string>();
      set.add(r.invariant.name);
      pairs.set(key, set);
    }
  }
  const used = new Set<string>();
  const edges = derived.edges.map((e): AppEdge => {
    const key = `${e.source}>${e.target}`;
    const names = pairs.get(key);
    if (!names) return e;
    used.add(key);
    const text = `breaks invariant ${[...names].join(', ')}`;
    return { ...e, className: `${e.className ?? ''} edge-invariant-violated`.trim(), ariaLabel: `${e.ariaLabel ?? ''}; ${text}`, zIndex: 4 };
  });
  // A path open by default has no edge of its own: mark its ends.
  const ends = new Map<NodeKey, Set<string>>();
  for (const [key, names] of pairs) {
    if (used.has(key)) continue;
    for (const end of key.split('>')) {
      const set = ends.get(end) ?? new Set<string>();
      for (const n of names) set.add(n);
      ends.set(end, set);
    }
  }
  if (ends.size === 0) return { ...derived, edges };
  const nodes = derived.nodes.map((n): AppNode => {
    const names = ends.get(n.id);
    if (!names) return n;
    return { ...n, className: `${n.className ?? ''} node-invariant-violated`.trim(), ariaLabel: `${n.ariaLabel ?? ''}; on a path that breaks invariant ${[...names].join(', ')}` } as AppNode;
  });
  return { ...derived, nodes, edges };
}
