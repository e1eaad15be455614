// A selected edge or node stands out: the rest of the graph dims, and what it connects stays lit
// (for an edge its two ends; for a node every path in or out of it and the nodes at their other
// ends). Pure styling by node and edge id, so the graph itself is not re-derived for it.
// Ids are those of the graph as drawn (the overview's groups, the focus view): a selection the
// drawn graph does not hold (a group just opened as the focus) dims nothing.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store.ts';
import { useGraphOptions } from '../admin/viewOptions.ts';
import { useChangesView, useGraphChanges } from '../graph/changes.ts';
import { deriveShownOnce } from '../graph/shownDerive.ts';
import { shownGraph, useScaleView } from '../scale/index.ts';

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
  const scaleView = useScaleView();
  const presenting = useChangesView((s) => s.shown !== null);
  // The canvas's edges and nodes (the same derive: src/ui/graph/shownDerive.ts), changes and all.
  const changes = useGraphChanges();
  const css = useMemo(() => {
    if (!analysis || !selection || presenting) return '';
    const d = deriveShownOnce(shownGraph(analysis.graph, scaleView), expanded, positions, options, changes);
    if (selection.kind === 'node' && !d.nodes.some((n) => n.id === selection.id)) return '';
    const parents = new Map(d.nodes.filter((n) => n.parentId).map((n) => [n.id, n.parentId!]));
    const r = relatedIds(d.edges, parents, selection);
    if (!r) return '';
    const scope = '.canvas-editing.has-focus';
    const dim = `${scope} .react-flow__node, ${scope} .react-flow__edge, ${scope} .edge-label { opacity: 0.22; transition: opacity 120ms; }`;
    const nodeSel = [...r.nodes].map((id) => `${scope} .react-flow__node[data-id=${quote(id)}]`);
    const edgeSel = [...r.edges].flatMap((id) => [`${scope} .react-flow__edge[data-id=${quote(id)}]`, `${scope} .edge-label[data-edge-id=${quote(id)}]`]);
    return `${dim}\n${[...nodeSel, ...edgeSel].join(',\n')} { opacity: 1; }`;
  }, [analysis, expanded, positions, selection, options, presenting, scaleView, changes]);
  return css ? <style data-testid="selection-focus">{css}</style> : null;
}
