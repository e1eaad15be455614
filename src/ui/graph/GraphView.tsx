import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore as useFlowStore,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './graph.css';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { select, setPanel, setPositions, useStore, type XY } from '../store.ts';
import { derive, deriveMemo, NS_HEADER, NS_PAD, type AppEdge, type AppNode, type DeriveOptions, type Derived } from './derive.ts';
import { edgeTypes } from './PathEdge.tsx';
import { LabelSpots, useLabelSpots } from './labelLayer.tsx';
import { nodeTypes } from './nodes.tsx';
import { recordRepaint } from '../perf.ts';
import { useGraphOptions } from '../admin/viewOptions.ts';
import { useChangesView, useGraphChanges, type GraphChanges } from './changes.ts';
import { useInvariants } from '../invariants/invariantsStore.ts';
import { markViolations } from '../invariants/graphMarks.ts';
import { explainObservedEdge, ObservedEdge, useObservedEdges, type ObservedEdgeType } from '../observed/observedEdges.tsx';

const allEdgeTypes = { ...edgeTypes, observed: ObservedEdge };
import { isLarge, resetScaleView, setFocus, shownGraph, useScaleView } from '../scale/index.ts';
import { deriveShownOnce, withSelection } from './shownDerive.ts';
import { useDrawnInTurn, type PrepareStep } from './drawnInTurn.ts';
import type { GraphData } from '../../workers/analysis.ts';
import { useRefit, useZoomVariable } from './useRefit.ts';
import { fitOptions, lodBand, MINIMAP_FROM_NODES } from './fit.ts';
import { useKeepFocus } from './useKeepFocus.ts';
import { bundleKey, bundleUndrawn } from './bundle.ts';
import { keepIdentity } from './stable.ts';

const EMPTY: Derived = { nodes: [], edges: [], shownAs: new Map(), titles: new Map() };
/** Props React Flow copies into its store when they change: the same objects every render. */
const FIT_VIEW = fitOptions(200);
const PRO_OPTIONS = { hideAttribution: true };

export interface GraphViewProps {
  onConnectFlow: (from: string, to: string) => void;
}


/** The input's shown graph, as the canvas will ask for it (none in a presentation: it draws its own). */
const preparedView = (input: { analysis: { graph: GraphData } | null | undefined }) =>
  input.analysis && useChangesView.getState().shown === null ? shownGraph(input.analysis.graph, useScaleView.getState()) : undefined;

/** Pairs tallied per task while a new design is prepared (pods5000's 150,000 were one task of ~60 CPU ms). */
const TALLY_STEP = 50_000;

type CanvasInput = { analysis: { graph: GraphData } | null | undefined; expanded: Record<string, boolean>; positions: Record<string, XY>; options: DeriveOptions; changes: GraphChanges | undefined };

/**
 * A newly loaded large design's derive, before the canvas draws it, one task per step
 * (drawnInTurn.ts): its shown graph, its nodes indexed, its pairs routed, its edges tallied, its derive. Each fills the cache the
 * canvas's render reads (shown.ts shownGraph, shownDerive.ts).
 */
const PREPARE: readonly PrepareStep<CanvasInput>[] = [
  preparedView,
  (input) => {
    const view = preparedView(input);
    if (view) deriveShownOnce.prepare('nodes', view, input.expanded, input.positions);
  },
  (input) => {
    const view = preparedView(input);
    if (view) deriveShownOnce.prepare('routes', view, input.expanded, input.positions);
  },
  (input) => {
    const view = preparedView(input);
    return view ? deriveShownOnce.prepare('tallies', view, input.expanded, input.positions, TALLY_STEP) : true;
  },
  (input) => {
    const view = preparedView(input);
    if (view) deriveShownOnce(view, input.expanded, input.positions, input.options, input.changes);
  },
];

function Canvas({ onConnectFlow }: GraphViewProps) {
  const picked = useStore(
    useShallow((s) => ({
      analysis: s.analysis,
      expanded: s.expanded,
      positions: s.positions,
      selection: s.selection,
      theme: s.theme,
      designId: s.designId,
      layoutVersion: s.layoutVersion,
    })),
  );
  const liveOptions = useGraphOptions();
  // A presentation step shows its own graph, read-only; otherwise the design, with the baseline diff.
  const shown = useChangesView((s) => s.shown);
  const liveChanges = useGraphChanges();
  // Paths that break a pinned invariant are marked (not in a presentation, which shows its own steps).
  const liveInvariants = useInvariants((s) => s.results);
  // A newly loaded large design is drawn in a render of its own, after the panels' (drawnInTurn.ts):
  // everything the derive reads moves together, so the urgent render reuses the last derive.
  const live = useMemo(
    () => ({ ...picked, options: liveOptions, changes: liveChanges, invariantResults: liveInvariants, large: picked.analysis ? isLarge(picked.analysis.graph) : false }),
    [picked, liveOptions, liveChanges, liveInvariants],
  );
  const { analysis, expanded, positions, selection, theme, designId, layoutVersion, options, changes, invariantResults } = useDrawnInTurn(live, PREPARE);
  const readOnly = shown !== null;
  const graph = shown?.graph ?? analysis?.graph;
  // A large design opens in the overview; focus and filters narrow what is drawn (src/ui/scale).
  const scaleView = useScaleView();
  const view = useMemo(() => (graph && !readOnly ? shownGraph(graph, scaleView) : undefined), [graph, scaleView, readOnly]);
  const mode = view?.mode ?? 'detail';
  // Nodes and edges the same as before keep their objects, so React Flow and the memoised
  // components skip them (a toggle changes a few of them: stable.ts).
  const kept = useRef<{ nodes?: AppNode[]; edges?: AppEdge[]; paths?: AppEdge[] }>({});
  // A presentation step's graph is the canvas's alone; the design's view is derived once for the page (shownDerive.ts).
  const memo = useMemo(deriveMemo, []);
  const derived = useMemo(() => {
    if (!graph) return EMPTY;
    const d = !view
      ? markViolations(derive(graph, expanded, positions, readOnly ? null : selection, options, changes, memo), readOnly ? null : invariantResults, graph)
      : markViolations(withSelection(deriveShownOnce(view, expanded, positions, options, changes), selection), invariantResults, graph);
    const nodes = (kept.current.nodes = keepIdentity(kept.current.nodes, d.nodes));
    const edges = (kept.current.edges = keepIdentity(kept.current.edges, d.edges));
    return nodes === d.nodes && edges === d.edges ? d : { ...d, nodes, edges };
  }, [graph, view, expanded, positions, selection, options, changes, readOnly, invariantResults, memo]);
  const nodeById = useMemo(() => new Map(derived.nodes.map((n) => [n.id, n])), [derived.nodes]);
  const observed = useObservedEdges(derived.shownAs);
  // Paths nobody drew between the same two boxes are drawn as one until opened (bundle.ts).
  const [openBundles, setOpenBundles] = useState<ReadonlySet<string>>(() => new Set());
  const pathEdges = useMemo(() => (kept.current.paths = keepIdentity(kept.current.paths, bundleUndrawn(derived.nodes, derived.edges, openBundles))), [derived.nodes, derived.edges, openBundles]);
  const edges = useMemo<(AppEdge | ObservedEdgeType)[]>(() => (readOnly || observed.length === 0 ? pathEdges : [...pathEdges, ...observed]), [pathEdges, observed, readOnly]);

  // The handlers read the latest render's values through a ref and stay the same functions: React
  // Flow copies a changed handler prop into its store, and each store update runs every node's and
  // edge's subscription (hundreds of them): a toggle or a focus paid that once more per handler.
  const latest = useRef({ nodeById, readOnly, pathEdges, observed });
  useLayoutEffect(() => {
    latest.current = { nodeById, readOnly, pathEdges, observed };
  });
  const onNodesChange = useCallback(
    (changes: NodeChange<AppNode>[]) => {
      const { nodeById, readOnly } = latest.current;
      const moved: Record<string, XY> = {};
      let any = false;
      for (const c of changes) {
        if (c.type === 'position' && c.position) {
          const node = nodeById.get(c.id);
          let { x, y } = c.position;
          if (node?.parentId) {
            const parent = nodeById.get(node.parentId);
            x = Math.max(NS_PAD, x);
            y = Math.max(parent?.type === 'namespaceGroup' ? parent.data.headerHeight : NS_HEADER, y);
          }
          moved[c.id] = { x: Math.round(x), y: Math.round(y) };
          any = true;
        } else if (c.type === 'select' && c.selected && !readOnly) {
          select({ kind: 'node', id: c.id });
        }
      }
      if (any) setPositions(moved);
    },
    [],
  );

  const onEdgesChange = useCallback((edgeChanges: EdgeChange<AppEdge | ObservedEdgeType>[]) => {
    const { readOnly, pathEdges, observed } = latest.current;
    if (readOnly) return;
    for (const c of edgeChanges) {
      if (c.type !== 'select' || !c.selected) continue;
      const bundle = bundleKey(c.id);
      if (bundle !== undefined) {
        // Opened: its paths are drawn one by one; the keyboard goes on from the first of them.
        const id = c.id;
        const first = pathEdges.find((e) => e.id === id)?.data?.members?.[0];
        setOpenBundles((open) => new Set(open).add(bundle));
        if (first) requestAnimationFrame(() => requestAnimationFrame(() => document.querySelector<SVGElement>(`.react-flow__edge[data-id="${CSS.escape(first)}"]`)?.focus()));
      } else if (c.id.startsWith('obs:')) {
        explainObservedEdge(observed.find((e) => e.id === c.id));
      } else {
        select({ kind: 'edge', id: c.id });
        setPanel('explain');
      }
    }
  }, []);

  const onConnect = useCallback(
    (c: Connection) => {
      if (c.source && c.target && c.source !== c.target) onConnectFlow(c.source, c.target);
    },
    [onConnectFlow],
  );

  const flow = useReactFlow();
  const fittedFor = useRef('');
  // A new design starts on its whole picture (or its overview), without the last one's focus.
  const viewedDesign = useRef(designId);
  useEffect(() => {
    if (viewedDesign.current === designId) return;
    viewedDesign.current = designId;
    resetScaleView();
    setOpenBundles(new Set());
  }, [designId]);
  // Level of detail: as the zoom falls, text grows in graph units to stay readable and the lines
  // that no longer fit give way (graph.css). Bands, not the zoom itself: a re-render per band.
  const lod = useFlowStore((s) => lodBand(s.transform[2]));

  const viewKey = `${mode}:${scaleView.focus ?? ''}:${view?.groupLabel ?? ''}`;
  useEffect(() => {
    const key = `${designId}:${layoutVersion}:${viewKey}`;
    if (derived.nodes.length === 0 || fittedFor.current === key) return;
    fittedFor.current = key;
    // Two frames: the canvas has measured the nodes of a view that just changed (focus, overview).
    let done = false;
    let id = requestAnimationFrame(() => {
      id = requestAnimationFrame(() => {
        done = true;
        void flow.fitView(fitOptions(0));
      });
    });
    return () => {
      cancelAnimationFrame(id);
      // Interrupted before it fitted (the nodes changed again): fit on the next run.
      if (!done) fittedFor.current = '';
    };
  }, [designId, layoutVersion, viewKey, derived.nodes.length, flow]);

  // Presenting widens the canvas (the panels hide), and each step's narration and legend change its
  // height: fit again once the new size is measured, so the whole design stays in view.
  const canvasSize = useFlowStore((s) => `${Math.round(s.width)}x${Math.round(s.height)}`);
  const fittedPresenting = useRef(readOnly);
  useEffect(() => {
    if (!readOnly && fittedPresenting.current === readOnly) return;
    fittedPresenting.current = readOnly;
    const id = setTimeout(() => void flow.fitView({ padding: 0.06, duration: 300, maxZoom: 1.4 }), 150);
    return () => clearTimeout(id);
  }, [readOnly, canvasSize, flow]);

  useRefit(derived.nodes);
  useKeepFocus(selection);
  useZoomVariable();

  useLayoutEffect(() => {
    recordRepaint(derived.nodes.length);
  }, [derived]);

  const labelSpots = useLabelSpots(pathEdges);

  return (
    <LabelSpots.Provider value={labelSpots}>
    <ReactFlow<AppNode, AppEdge | ObservedEdgeType>
      nodes={derived.nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={allEdgeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      onPaneClick={() => select(null)}
      onNodeDoubleClick={readOnly ? undefined : (_, node) => setFocus(node.id)}
      nodesDraggable={!readOnly && mode === 'detail'}
      nodesConnectable={!readOnly}
      colorMode={theme}
      deleteKeyCode={null}
      className={`lod-${lod}`}
      minZoom={0.05}
      maxZoom={2}
      onlyRenderVisibleElements={derived.nodes.length > 150}
      fitViewOptions={FIT_VIEW}
      proOptions={PRO_OPTIONS}
      aria-label="Network graph: namespaces, workloads and the outside world, with the paths the policies allow"
    >
      <Background gap={24} />
      {derived.nodes.length >= MINIMAP_FROM_NODES && <MiniMap pannable zoomable ariaLabel="Minimap" style={{ width: 150, height: 100 }} nodeStrokeWidth={2} />}
      <Controls aria-label="Zoom and fit" />
    </ReactFlow>
    </LabelSpots.Provider>
  );
}

export function GraphView(props: GraphViewProps) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}
