// Auto-layout with ELK (layered, left to right, namespaces as compound nodes) in a worker.
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { ADMIN_ROW, adminChipRows, derive, NS_HEADER, NS_PAD, POD_W } from './derive.ts';
import { notify, useStore, type XY } from '../store.ts';
import type { GNamespace } from '../../workers/analysis.ts';
import { overviewAsked, shownGraph } from '../scale/shown.ts';
import { useScaleView } from '../scale/viewState.ts';

let worker: Worker | undefined;
let seq = 0;

async function getWorker(): Promise<Worker> {
  if (!worker) {
    const { default: ElkWorker } = await import('../../workers/elk.worker.ts?worker');
    worker = new ElkWorker({ name: 'elk' });
  }
  return worker;
}

function runElk(graph: ElkNode): Promise<ElkNode> {
  return getWorker().then(
    (w) =>
      new Promise((resolve, reject) => {
        const mine = ++seq;
        const timer = setTimeout(() => {
          w.terminate();
          worker = undefined;
          reject(new Error('layout took too long'));
        }, 20_000);
        w.onmessage = (e: MessageEvent<{ seq: number; ok: boolean; result?: ElkNode; error?: string }>) => {
          if (e.data.seq !== mine) return;
          clearTimeout(timer);
          if (e.data.ok && e.data.result) resolve(e.data.result);
          else reject(new Error(e.data.error ?? 'layout failed'));
        };
        w.postMessage({ seq: mine, graph });
      }),
  );
}

function canvasSize(): { width: number; height: number } | undefined {
  const box = document.querySelector('.react-flow')?.getBoundingClientRect();
  return box && box.width > 0 && box.height > 0 ? { width: box.width, height: box.height } : undefined;
}

/** Up to this many nodes the layout is tried both ways (a few milliseconds each in the worker). */
const BOTH_WAYS_UP_TO = 250;

/**
 * The zoom a laid-out design fits the canvas at: the larger it is, the larger the text. ELK's
 * layered layout flows one way; which way fits a canvas better depends on the design's shape as
 * much as on the canvas's, so a small design is laid out both ways and the larger fit wins.
 */
function fittedZoom(result: ElkNode, canvas: { width: number; height: number }): number {
  // The fit never zooms in past 1.2 (fit.ts): above that, both ways are as good.
  return Math.min(1.2, canvas.width / Math.max(1, result.width ?? 1), canvas.height / Math.max(1, result.height ?? 1));
}

export async function autoLayout(): Promise<void> {
  const s = useStore.getState();
  if (!s.analysis || s.analysis.graph.namespaces.length === 0) return;
  // The overview and the focus view arrange themselves (src/ui/scale/arrange.ts): lay out the full
  // picture only when it is the one on screen. A new design's layout is asked for as it lands (in
  // the task that renders it): the overview is known to be asked for without computing the view.
  const scale = useScaleView.getState();
  if (overviewAsked(s.analysis.graph, scale)) return;
  const view = shownGraph(s.analysis.graph, scale);
  if (view.mode !== 'detail') return;
  const designId = s.designId;
  useStore.setState({ layoutBusy: true });
  const { nodes, edges } = derive(view.graph, { ...s.expanded, ...view.expanded }, {}, null, { showCuts: false });
  const byId = new Map<string, ElkNode>();
  const roots: ElkNode[] = [];
  /** Per namespace group: its admin chips and the header height ELK was told. */
  const headers = new Map<string, { chips: GNamespace['admin']; height: number }>();
  for (const n of nodes) {
    // ELK may stack the pods in one column: leave room for the chip rows at that narrowest width
    // (the pods move up again below when the group came out wider).
    const header = n.type === 'namespaceGroup' ? NS_HEADER + adminChipRows(n.data.ns.admin, POD_W + 2 * NS_PAD) * ADMIN_ROW : NS_HEADER;
    if (n.type === 'namespaceGroup') headers.set(n.id, { chips: n.data.ns.admin, height: header });
    const elkNode: ElkNode = n.type === 'namespaceGroup'
      ? {
          id: n.id,
          children: [],
          layoutOptions: {
            'elk.padding': `[top=${header + 6},left=${NS_PAD},bottom=${NS_PAD},right=${NS_PAD}]`,
            'elk.algorithm': 'layered',
            'elk.direction': 'RIGHT',
            'elk.spacing.nodeNode': '36',
            'elk.layered.spacing.nodeNodeBetweenLayers': '70',
            // A long chain of pods wraps into rows instead of one band across the canvas.
            'elk.layered.wrapping.strategy': 'MULTI_EDGE',
            'elk.aspectRatio': '1.4',
          },
        }
      : { id: n.id, width: n.width ?? 200, height: n.height ?? 60 };
    byId.set(n.id, elkNode);
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    if (parent) parent.children!.push(elkNode);
    else roots.push(elkNode);
  }
  // Edges between siblings shape each level: namespaces and outside nodes at the top, pods
  // inside their namespace (an edge between pods of two namespaces counts for the namespaces).
  const parents = new Map(nodes.map((n) => [n.id, n.parentId]));
  const parentOf = (id: string) => parents.get(id);
  const seen = new Set<string>();
  const elkEdges: ElkExtendedEdge[] = [];
  for (const e of edges) {
    let a = e.source;
    let b = e.target;
    if (parentOf(a) !== parentOf(b)) {
      a = parentOf(a) ?? a;
      b = parentOf(b) ?? b;
    }
    if (a === b || seen.has(`${a}>${b}`)) continue;
    seen.add(`${a}>${b}`);
    const owner = parentOf(a);
    const edge: ElkExtendedEdge = { id: `${a}>${b}`, sources: [a], targets: [b] };
    const container = owner ? byId.get(owner) : undefined;
    if (container) (container.edges ??= []).push(edge);
    else elkEdges.push(edge);
  }
  const graphFlowing = (direction: 'RIGHT' | 'DOWN'): ElkNode => ({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction,
      'elk.layered.spacing.nodeNodeBetweenLayers': '110',
      'elk.spacing.nodeNode': '40',
      'elk.hierarchyHandling': 'SEPARATE_CHILDREN',
    },
    // Posted to the worker (a copy): both runs can share the nodes and edges.
    children: roots,
    edges: elkEdges,
  });
  try {
    const canvas = canvasSize();
    // Flow along the canvas's longer side; a small design is tried the other way too, and the
    // way that fits larger is kept.
    const first = canvas && canvas.height > canvas.width ? 'DOWN' : 'RIGHT';
    let result = await runElk(graphFlowing(first));
    if (canvas && nodes.length <= BOTH_WAYS_UP_TO) {
      const other = await runElk(graphFlowing(first === 'RIGHT' ? 'DOWN' : 'RIGHT'));
      if (fittedZoom(other, canvas) > fittedZoom(result, canvas) * 1.02) result = other;
    }
    useStore.setState({ layoutBusy: false });
    if (useStore.getState().designId !== designId) return;
    const positions: Record<string, XY> = {};
    const walk = (n: ElkNode, shift: number) => {
      if (n.id !== 'root') positions[n.id] = { x: Math.round(n.x ?? 0), y: Math.round((n.y ?? 0) - shift) };
      const header = headers.get(n.id);
      const spare = header ? header.height - (NS_HEADER + adminChipRows(header.chips, n.width ?? 0) * ADMIN_ROW) : 0;
      n.children?.forEach((child) => walk(child, spare));
    };
    walk(result, 0);
    useStore.setState({ positions, layoutVersion: useStore.getState().layoutVersion + 1 });
  } catch (error) {
    useStore.setState({ layoutBusy: false });
    notify({ kind: 'error', title: `Auto-layout failed: ${error instanceof Error ? error.message : String(error)}` });
  }
}
