import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { AppNode, ExternalNodeData, NamespaceNodeData, WorkloadNodeData } from './derive.ts';
import { setExpanded } from '../store.ts';
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

export const WorkloadNode = memo(function WorkloadNode({ data }: NodeProps<Node<WorkloadNodeData, 'workload'>>) {
  const w = data.w;
  const open = (!w.ingressIsolated && !w.ingressBaseline) || (!w.egressIsolated && !w.egressBaseline);
  const guarded = !open && ((!w.ingressIsolated && w.ingressBaseline) || (!w.egressIsolated && w.egressBaseline));
  return (
    <div className={`node-workload ${open ? 'is-open' : guarded ? 'is-baseline' : 'is-isolated'}${data.isNew ? ' is-new' : ''}`}>
      <Handles />
      <div className="node-title" title={w.id}>
        {w.name}
        {data.isNew && <span className="new-badge">new</span>}
      </div>
      <div className="node-meta">
        <span className="kind">{w.kind}</span>
        <Isolation dir="in" isolated={w.ingressIsolated} baseline={w.ingressBaseline} />
        <Isolation dir="out" isolated={w.egressIsolated} baseline={w.egressBaseline} />
        {w.peers !== undefined && (
          <span className={`chip ${w.peers === 'none' ? 'chip-blocked' : 'chip-isolated'}`} title={`Between pods of this ${w.kind}: ${w.peers}`}>
            peers
          </span>
        )}
      </div>
    </div>
  );
});

function ExpandButton({ data }: { data: NamespaceNodeData }) {
  if (data.ns.workloads.length === 0) return null;
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

function nsSummary(d: NamespaceNodeData): string {
  const n = d.ns.workloads.length;
  const apart = d.ns.drawnApart?.length ? `${n > 0 ? ' · ' : ''}pods shown as ${d.ns.drawnApart.join(', ')}` : '';
  if (n === 0 && apart) return apart;
  return `${n} workload${n === 1 ? '' : 's'} · in ${d.ingressIsolated}/${n} · out ${d.egressIsolated}/${n} isolated${apart}`;
}

export const NamespaceNode = memo(function NamespaceNode({ data }: NodeProps<Node<NamespaceNodeData, 'namespace'>>) {
  const n = data.ns.workloads.length;
  const open = data.ingressIsolated < n || data.egressIsolated < n;
  return (
    <div className={`node-namespace ${open && n > 0 ? 'is-open' : 'is-isolated'}`}>
      <Handles />
      <div className="ns-header">
        <span className="ns-label">namespace</span>
        <span className="node-title">{data.ns.name}</span>
        <ExpandButton data={data} />
      </div>
      <div className="node-meta">{nsSummary(data)}</div>
      {data.internalPaths > 0 && <div className="node-meta">{data.internalPaths} paths inside</div>}
      <AdminChipRow chips={data.ns.admin} withNames={false} />
    </div>
  );
});

export const NamespaceGroupNode = memo(function NamespaceGroupNode({ data }: NodeProps<Node<NamespaceNodeData, 'namespaceGroup'>>) {
  return (
    <div className="node-namespace-group">
      <Handles />
      <div className="ns-header">
        <span className="ns-label">namespace</span>
        <span className="node-title">{data.ns.name}</span>
        <span className="node-meta" title={nsSummary(data)}>{nsSummary(data)}</span>
        <ExpandButton data={data} />
      </div>
      <AdminChipRow chips={data.ns.admin} />
    </div>
  );
});

export const ExternalNode = memo(function ExternalNode({ data }: NodeProps<Node<ExternalNodeData, 'external'>>) {
  return (
    <div className={`node-external ext-${data.ext.id.replace(/[^a-z]/g, '')}`} title={data.ext.description}>
      <Handles />
      <div className="node-title">{data.ext.title}</div>
      <div className="node-meta">{data.ext.subtitle}</div>
    </div>
  );
});

export const nodeTypes = {
  workload: WorkloadNode,
  namespace: NamespaceNode,
  namespaceGroup: NamespaceGroupNode,
  external: ExternalNode,
} satisfies Record<NonNullable<AppNode['type']>, unknown>;
