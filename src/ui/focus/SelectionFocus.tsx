// A selected edge or node stands out: the rest of the graph dims, and what it connects stays lit
// (for an edge its two ends; for a node every path in or out of it and the nodes at their other
// ends). Pure styling by node and edge id, so the graph itself is not re-derived for it.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store.ts';
import { derive } from '../graph/derive.ts';
import { useGraphOptions } from '../admin/viewOptions.ts';
import { useChangesView } from '../graph/changes.ts';

/** CSS attribute values are quoted; ids hold only names, slashes and arrows, but be safe. */
const quote = (id: string) => `"${id.replace(/["\\]/g, '\\$&')}"`;

export function relatedIds(edges: readonly { id: string; source: string; target: string }[], parents: ReadonlyMap<string, string>, selection: { kind: 'edge' | 'node'; id: string }) {
  const nodes = new Set<string>();
  const lit = new Set<string>();
  const addNode = (id: string) => {
    nodes.add(id);
    const parent = parents.get(id);
    if (parent) nodes.add(parent);
  };
  if (selection.kind === 'edge') {
    const e = edges.find((x) => x.id === selection.id);
    if (!e) return undefined;
    lit.add(e.id);
    addNode(e.source);
    addNode(e.target);
  } else {
    addNode(selection.id);
    // A namespace's paths are its own and its workloads'.
    const inside = new Set([selection.id, ...[...parents].filter(([, p]) => p === selection.id).map(([c]) => c)]);
    for (const e of edges) {
      if (inside.has(e.source) || inside.has(e.target)) {
        lit.add(e.id);
        addNode(e.source);
        addNode(e.target);
      }
    }
  }
  return { nodes, edges: lit };
}

export function SelectionFocus() {
  const { analysis, expanded, positions, selection } = useStore(
    useShallow((s) => ({ analysis: s.analysis, expanded: s.expanded, positions: s.positions, selection: s.selection })),
  );
  const options = useGraphOptions();
  const presenting = useChangesView((s) => s.shown !== null);
  const css = useMemo(() => {
    if (!analysis || !selection || presenting) return '';
    const d = derive(analysis.graph, expanded, positions, null, options);
    const parents = new Map(d.nodes.filter((n) => n.parentId).map((n) => [n.id, n.parentId!]));
    const r = relatedIds(d.edges, parents, selection);
    if (!r) return '';
    const scope = '.canvas-editing.has-focus';
    const nodeSel = [...r.nodes].map((id) => `${scope} .react-flow__node[data-id=${quote(id)}]`);
    const edgeSel = [...r.edges].flatMap((id) => [`${scope} .react-flow__edge[data-id=${quote(id)}]`, `${scope} .edge-label[data-edge-id=${quote(id)}]`]);
    return `${[...nodeSel, ...edgeSel].join(',\n')} { opacity: 1; }`;
  }, [analysis, expanded, positions, selection, options, presenting]);
  return css ? <style data-testid="selection-focus">{css}</style> : null;
}
