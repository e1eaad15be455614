import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { peersText, type AppNode, type ExternalNodeData, type NamespaceNodeData, type WorkloadNodeData } from './derive.ts';
import { splitName } from './nameCut.ts';
import { setExpanded } from '../store.ts';
import { setFocus } from '../scale/viewState.ts';
import type { Node } from '@xyflow/react';
import { AdminChipRow } from '../admin/AdminChip.tsx';

function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Left} id="in" aria-label="Drop a flow here" />
      <Handle type="source" position={Position.Right} id="out" aria-label="Drag from here to draw a flow" />
    </>
  );
}

function Isolation({ dir, isolated, baseline }: { dir: 'in' | 'out'; isolated: boolean; baseline: boolean }) {
  const what = dir === 'in' ? 'ingress' : 'egress';
  const state = isolated ? 'isolated' : baseline ? 'baseline' : 'open';
  const title = {
    isolated: `${what} isolated: only traffic a NetworkPolicy (or an admin Allow) allows gets ${dir}`,
    baseline: `${what}: no NetworkPolicy isolates it, so the baseline (cluster-wide default) decides what admin rules leave open`,
    open: `${what} open: no policy isolates it`,
  }[state];
  return (
    <span className={`chip chip-${state}`} title={title}>
      {dir}
    </span>
  );
}

/**
 * A name in one line: whole when it fits, else cut in the middle with an ellipsis (the start
 * shrinks, the end stays). The full text is in the `title` of the element around it.
 */
function FitName({ name }: { name: string }) {
  const cut = splitName(name);
  if (!cut) return <span className="fit-name-head">{name}</span>;
  return (
    <span className="fit-name">
      <span className="fit-name-head">{cut[0]}</span>
      <span className="fit-name-tail">{cut[1]}</span>
    </span>
  );
}

/**
 * "app-017 / " before a workload's name (a namespace drawn as its one workload): what tells
 * app-017 from app-018 is the end, so the start gives way first, then the workload's name.
 */
function NamespacePrefix({ name }: { name: string }) {
  const dash = name.lastIndexOf('-');
  const cut = dash > 0 && name.length - dash <= 8 ? dash : name.length;
  return (
    <>
      <span className="ns-prefix-head">{name.slice(0, cut)}</span>
      <span className="ns-prefix-tail">{name.slice(cut)}&nbsp;/&nbsp;</span>
    </>
  );
}

function Peers({ kind, peers }: { kind: string; peers: string }) {
  const text = peersText(kind, peers);
  return (
    <span className={`chip chip-peers ${peers === 'none' ? 'chip-blocked' : 'chip-isolated'}`} title={text.long}>
      peers<span className="sr-only">: {text.short}</span>
    </span>
  );
}

export const WorkloadNode = memo(function WorkloadNode({ data }: NodeProps<Node<WorkloadNodeData, 'workload'>>) {
  const w = data.w;
  const open = (!w.ingressIsolated && !w.ingressBaseline) || (!w.egressIsolated && !w.egressBaseline);
  const guarded = !open && ((!w.ingressIsolated && w.ingressBaseline) || (!w.egressIsolated && w.egressBaseline));
  return (
    <div className={`node-workload ${open ? 'is-open' : guarded ? 'is-baseline' : 'is-isolated'}${data.isNew ? ' is-new' : ''}`}>
      <Handles />
      <div className="node-title" title={`${w.kind} ${w.id}${w.assumed ? `\nAssumed, not in the YAML (${w.assumed}).` : ''}`}>
        {/* Standing for its namespace too: the namespace's name gives way first, the workload's stays. */}
        {data.single && <NamespacePrefix name={w.namespace} />}
        <FitName name={w.name} />
        {data.isNew && <span className="new-badge">new</span>}
        {w.assumed && <span className="assumed-badge" aria-label="assumed: in the cluster, not in the YAML">assumed</span>}
      </div>
      <div className="node-meta">
        <span className="kind">{w.kind}</span>
        <Isolation dir="in" isolated={w.ingressIsolated} baseline={w.ingressBaseline} />
        <Isolation dir="out" isolated={w.egressIsolated} baseline={w.egressBaseline} />
        {w.peers !== undefined && <Peers kind={w.kind} peers={w.peers} />}
      </div>
    </div>
  );
});

function ExpandButton({ data }: { data: NamespaceNodeData }) {
  if (data.ns.workloads.length === 0) return null;
  // A group of namespaces (the overview) opens as the focus view: its namespaces and their neighbours.
  if (data.ns.group) {
    return (
      <button type="button" className="nodrag ns-toggle" aria-label={`Focus on the namespaces with ${data.ns.name}`} onClick={(e) => {
        e.stopPropagation();
        setFocus(`ns:${data.ns.name}`);
      }}>
        +
      </button>
    );
  }
  return (
    <button
      type="button"
      className="nodrag ns-toggle"
      aria-label={`${data.expanded ? 'Collapse' : 'Expand'} namespace ${data.ns.name}`}
      aria-expanded={data.expanded}
      onClick={(e) => {
        e.stopPropagation();
        setExpanded(data.ns.name, !data.expanded);
      }}
    >
      {data.expanded ? '−' : '+'}
    </button>
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The whole summary of a namespace in words: the tooltip of its (shortened) summary line. */
function nsSummary(d: NamespaceNodeData): string {
  const n = d.ns.workloads.length;
  const apart = d.ns.drawnApart?.length ? `pods shown as ${d.ns.drawnApart.join(', ')}` : '';
  if (n === 0) return apart || '0 workloads';
  return `${plural(n, 'workload')}: ${d.ingressIsolated} of ${n} isolated for ingress, ${d.egressIsolated} of ${n} for egress${apart ? `; ${apart}` : ''}`;
}

/** "in 2/3": how many of the namespace's workloads a policy isolates in one direction. */
function IsolatedCount({ dir, isolated, total }: { dir: 'in' | 'out'; isolated: number; total: number }) {
  const what = dir === 'in' ? 'ingress' : 'egress';
  const state = isolated === total ? 'isolated' : 'partial';
  return (
    <span className={`chip chip-${state}`} title={`${what}: ${isolated} of ${plural(total, 'workload')} isolated (only traffic a policy allows gets ${dir})`}>
      {dir} {isolated}/{total}
    </span>
  );
}

/** One line: "2 workloads [in 2/2] [out 1/2]", then the pods drawn elsewhere; the words are in its title. */
function NsSummaryLine({ d }: { d: NamespaceNodeData }) {
  const n = d.ns.workloads.length;
  const apart = d.ns.drawnApart?.length ? `pods shown as ${d.ns.drawnApart.join(', ')}` : '';
  return (
    <div className="node-meta ns-summary" title={nsSummary(d)}>
      {(n > 0 || !apart) && <span className="ns-count">{plural(n, 'workload')}</span>}
      {n > 0 && <IsolatedCount dir="in" isolated={d.ingressIsolated} total={n} />}
      {n > 0 && <IsolatedCount dir="out" isolated={d.egressIsolated} total={n} />}
      {apart && <span className="ns-apart">{apart}</span>}
    </div>
  );
}

/** "namespace NAME [±]": the head of a namespace, collapsed or expanded. */
function NamespaceTitle({ data }: { data: NamespaceNodeData }) {
  return (
    <>
      <span className="ns-label">{data.ns.group ? `${data.ns.group.label} · ${data.ns.group.namespaces.length} namespaces` : 'namespace'}</span>
      <span className="node-title" title={data.ns.group ? `${data.ns.group.namespaces.length} namespaces: ${data.ns.group.namespaces.slice(0, 50).join(', ')}${data.ns.group.namespaces.length > 50 ? ', …' : ''}` : `namespace ${data.ns.name}`}>
        <FitName name={data.ns.group?.value ?? data.ns.name} />
      </span>
      <ExpandButton data={data} />
    </>
  );
}

export const NamespaceNode = memo(function NamespaceNode({ data }: NodeProps<Node<NamespaceNodeData, 'namespace'>>) {
  const n = data.ns.workloads.length;
  const open = data.ingressIsolated < n || data.egressIsolated < n;
  return (
    <div className={`node-namespace ${open && n > 0 ? 'is-open' : 'is-isolated'}`}>
      <Handles />
      <div className="ns-header">
        <NamespaceTitle data={data} />
      </div>
      <NsSummaryLine d={data} />
      {data.internalPaths > 0 && <div className="node-meta">{plural(data.internalPaths, 'path')} inside</div>}
      <AdminChipRow chips={data.ns.admin} withNames={false} />
    </div>
  );
});

export const NamespaceGroupNode = memo(function NamespaceGroupNode({ data }: NodeProps<Node<NamespaceNodeData, 'namespaceGroup'>>) {
  return (
    <div className="node-namespace-group">
      <Handles />
      <div className="ns-header">
        <div className="ns-header-row">
          <NamespaceTitle data={data} />
        </div>
        <NsSummaryLine d={data} />
      </div>
      <AdminChipRow chips={data.ns.admin} />
    </div>
  );
});

export const ExternalNode = memo(function ExternalNode({ data }: NodeProps<Node<ExternalNodeData, 'external'>>) {
  const { title, subtitle, description, assumed } = data.ext;
  // The tooltip has every line in full (the subtitle may be cut); "Address block" only once.
  const lines = [title, subtitle, description, ...(assumed ? [`Assumed, not in the YAML (${assumed}).`] : [])]
    .filter((t, i, all) => t !== '' && all.findIndex((u) => u.toLowerCase() === t.toLowerCase()) === i);
  return (
    <div className={`node-external ext-${data.ext.id.replace(/[^a-z]/g, '')}${assumed ? ' is-assumed' : ''}`} title={lines.join('\n')}>
      <Handles />
      <div className="node-title">
        {title}
        {assumed && <span className="assumed-badge" aria-label="assumed: in the cluster, not in the YAML">assumed</span>}
      </div>
      <div className="node-meta ext-subtitle">{subtitle}</div>
    </div>
  );
});

export const nodeTypes = {
  workload: WorkloadNode,
  namespace: NamespaceNode,
  namespaceGroup: NamespaceGroupNode,
  external: ExternalNode,
} satisfies Record<NonNullable<AppNode['type']>, unknown>;
