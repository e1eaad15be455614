// The bar above the graph: find a workload or namespace (combobox), what the graph shows (overview
// grouped by a label, or every namespace), focus, filters, and what the current view leaves out.
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store.ts';
import { useChangesView } from '../graph/changes.ts';
import type { GraphData, NodeKey } from '../../workers/analysis.ts';
import { overviewGrouping, shownGraph, type Shown } from './shown.ts';
import { filtersActive, isGroupName, parsePortFilter } from './transform.ts';
import { setFilters, setFocus, setOverview, useScaleView } from './viewState.ts';
import { peerGroupValue, PEER_GROUPING } from './peers.ts';
import { MatchList, moveActive, rankMatches } from '../components/MatchList.tsx';
import { foldedPaths, searchOptions, warmSearchOptions, type Option } from './toolbarData.ts';
import './scale.css';

const MAX_OPTIONS = 30;
/** Elements whose search options are made per task, ahead of the first keystroke (warmSearchOptions). */
const WARM_STEP = 2_000;
const NO_MATCHES = { shown: [], total: 0 };

function GraphSearch({ graph }: { graph: GraphData }) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const id = useId();
  const listId = `${id}-list`;
  const searching = query.trim() !== '';
  // Read only while searching: a new design's options are made after its render, in tasks of their own.
  const options = useMemo(() => (searching ? searchOptions(graph) : undefined), [graph, searching]);
  useEffect(() => {
    let at = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const step = () => {
      at = warmSearchOptions(graph, at, WARM_STEP);
      if (at >= 0) timer = setTimeout(step, 0);
    };
    timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  }, [graph]);
  const { shown, total } = useMemo(() => (options ? rankMatches(options, query, MAX_OPTIONS) : NO_MATCHES), [options, query]);
  const input = useRef<HTMLInputElement>(null);
  const pick = (o: Option) => {
    setFocus(o.key);
    setQuery(o.title);
    setOpen(false);
  };
  const expanded = open && query.trim() !== '';
  return (
    <div className="graph-search">
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label="Find a workload, namespace or label"
        placeholder="Find workload, namespace, label…"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && shown[active] ? `${id}-o${active}` : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setOpen(true);
          if (moveActive(e.key, shown.length, setActive)) e.preventDefault();
          else if (e.key === 'Enter') {
            const o = shown[active];
            if (o) {
              e.preventDefault();
              pick(o);
            }
          } else if (e.key === 'Escape') {
            if (expanded) {
              e.preventDefault();
              setOpen(false);
            }
          }
        }}
      />
      {expanded && <MatchList listId={listId} idPrefix={id} label="Matches" shown={shown} total={total} active={active} setActive={setActive} onPick={pick} />}
    </div>
  );
}

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

function titleOf(graph: GraphData, key: NodeKey): string {
  if (key.startsWith('ns:')) {
    const name = key.slice(3);
    const peers = peerGroupValue(name);
    if (peers !== undefined) return `namespaces with the same peers (${peers})`;
    return isGroupName(name) ? `namespaces with ${name}` : `namespace ${name}`;
  }
  if (key.startsWith('wl:')) return key.slice(3);
  return graph.externals.find((e) => e.key === key)?.title ?? key;
}

/** What the view leaves out, in words, with how to see the rest. */
function Notices({ graph, view }: { graph: GraphData; view: Shown }) {
  const notes: string[] = [];
  if (view.mode === 'overview' && view.large) {
    notes.push(`Large design (${plural(graph.namespaces.length, 'namespace')}, ${plural(graph.workloads.length, 'workload')}): showing the overview${view.groupLabel === PEER_GROUPING ? ', namespaces grouped by what they talk to (the same peers, in the same directions)' : view.groupLabel ? `, namespaces grouped by ${view.groupLabel}` : ''}. Find or double-click a node to see it with its neighbours; choose "Every namespace" to draw them all.`);
  }
  if (graph.truncated) {
    const folded = foldedPaths(graph.pairs);
    notes.push(`${plural(folded, 'more workload path')} than the graph draws one by one: ${plural(graph.truncatedNamespaces.length, 'namespace')} are drawn as boxes with their paths per namespace, nothing is left out. Explain and the Matrix answer for single workloads.`);
  }
  if (view.focusMissing) notes.push('The node in focus is not in the design any more (or a filter hides it): showing the whole design.');
  if (notes.length === 0) return null;
  return (
    <div role="status" className="scale-notices">
      {notes.map((n) => <p key={n}>{n}</p>)}
    </div>
  );
}

export function GraphToolbar() {
  const { liveGraph, selection, designId } = useStore(useShallow((s) => ({ liveGraph: s.analysis?.graph, selection: s.selection, designId: s.designId })));
  const presenting = useChangesView((s) => s.shown !== null);
  const liveScale = useScaleView();
  // A newly loaded design's toolbar (its shown graph alone ~40 ms at 5,000 pods) renders after the
  // urgent render that lands the design, in a deferred render of its own: until then it shows the
  // last design's, as the canvas does (graph/drawnInTurn.ts). A change within a design renders at once.
  const live = useMemo(() => ({ graph: liveGraph, scale: liveScale, designId }), [liveGraph, liveScale, designId]);
  const deferred = useDeferredValue(live);
  const { graph, scale } = deferred.designId === designId ? live : deferred;
  const view = useMemo(() => (graph ? shownGraph(graph, scale) : undefined), [graph, scale]);
  const showId = useId();
  // null: the user has not opened or closed the filters; then they are open on a large design only.
  const [filtersOpen, setFiltersOpen] = useState<boolean | null>(null);
  if (!graph || !view || presenting) return null;
  const f = scale.filters;
  const portBad = f.port.trim() !== '' && !parsePortFilter(f.port);
  // What the view shows without the focus: the overview (by which label) or every namespace.
  const overview = scale.overview === 'on' || (scale.overview === 'auto' && view.large);
  const showValue = overview ? `group:${overviewGrouping(graph, scale, view.groupLabels)}` : 'all';
  const selectedNode = selection?.kind === 'node' ? selection.id : null;
  const focusable = selectedNode !== null && selectedNode !== scale.focus;
  return (
    <div className="graph-toolbar" role="toolbar" aria-label="Graph view">
      <div className="graph-toolbar-row">
        <GraphSearch graph={graph} />
        <span className="graph-toolbar-field">
          <label htmlFor={showId}>Show</label>
          <select
            id={showId}
            value={showValue}
            onChange={(e) => {
              const v = e.target.value;
              if (v === 'all') setOverview('off');
              else setOverview('on', v.slice('group:'.length));
            }}
          >
            {view.groupLabels.map((l) => <option key={l} value={`group:${l}`}>Overview by {l}</option>)}
            <option value={`group:${PEER_GROUPING}`}>Overview by what they talk to</option>
            <option value="group:">Overview: namespaces</option>
            <option value="all">Every namespace</option>
          </select>
        </span>
        {scale.focus ? (
          <span className="graph-focus">
            <span>Focus: <strong>{titleOf(graph, scale.focus)}</strong>{view.focused ? ` · ${plural(view.focused.into.size, 'source')}, ${plural(view.focused.outOf.size, 'destination')}` : ''}</span>
            <button type="button" onClick={() => setFocus(null)}>Show all</button>
          </span>
        ) : focusable ? (
          <button type="button" onClick={() => setFocus(selectedNode)}>Focus on {titleOf(graph, selectedNode)}</button>
        ) : null}
        {/* A small design has room for the canvas only when the filters fold into one line. */}
        <details className="graph-filters-box" open={filtersOpen ?? (view.large || filtersActive(f))} onToggle={(e) => setFiltersOpen(e.currentTarget.open)}>
          <summary>Filters{filtersActive(f) ? ' (on)' : ''}</summary>
          <span className="graph-filters" role="group" aria-label="Filters">
          <label><input type="checkbox" checked={f.hideUnintended} onChange={(e) => setFilters({ hideUnintended: e.target.checked })} /> Hide paths nobody drew</label>
          <label><input type="checkbox" checked={f.failingFlowsOnly} onChange={(e) => setFilters({ failingFlowsOnly: e.target.checked })} /> Only failing drawn flows</label>
          <label><input type="checkbox" checked={f.outsideOnly} onChange={(e) => setFilters({ outsideOnly: e.target.checked })} /> Only paths to the outside</label>
          <label className="graph-toolbar-field">
            Filter by port
            <input type="text" inputMode="numeric" size={8} placeholder="443, 53/UDP" value={f.port} aria-invalid={portBad} onChange={(e) => setFilters({ port: e.target.value })} />
          </label>
          {filtersActive(f) && <button type="button" onClick={() => setFilters({ hideUnintended: false, failingFlowsOnly: false, outsideOnly: false, port: '' })}>Clear filters</button>}
          </span>
        </details>
      </div>
      <Notices graph={graph} view={view} />
    </div>
  );
}
