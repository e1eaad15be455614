import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { effectivePorts, listAdminFlows, listFlows, removeAdminFlow, removeFlow, type AdminFlow, type DesignSettings, type Flow } from '../core.ts';
import { commitObjects, openDialog, select, setPanel, useStore } from '../store.ts';
import { flowEndKey, type GFlow, type GraphData } from '../../workers/analysis.ts';
import { keyLabel } from '../endpoints.ts';
import { formatPorts } from '../ports.ts';

const STATE_TEXT = { allowed: 'allowed', partial: 'partly blocked', blocked: 'blocked', empty: 'no pods' } as const;

/** What a flow's check means for its action: a Deny holds when the traffic is blocked. */
function stateChip(st: GFlow | undefined, flow: Flow | AdminFlow) {
  if (!st) return null;
  if ('action' in flow && flow.action === 'Deny' && st.state !== 'empty') {
    const holds = st.state === 'blocked';
    return <span className={`chip ${holds ? 'chip-admin-cut' : 'chip-blocked'}`}>{holds ? 'denied' : st.state === 'partial' ? 'partly still allowed' : 'still allowed'}</span>;
  }
  if ('action' in flow && flow.action === 'Pass') {
    return <span className="chip chip-admin-pass">{st.state === 'allowed' ? 'passed, allowed' : st.state === 'empty' ? 'no pods' : 'passed, NetworkPolicies deny'}</span>;
  }
  return <span className={`chip chip-${st.state}`}>{STATE_TEXT[st.state]}</span>;
}

const portsText = (f: Flow) => (formatPorts(f.ports) === 'all ports' ? '' : formatPorts(f.ports));

/** The ports the flow's policies use: a flow to DNS or the API server without ports means their own. */
function shownPorts(flow: Flow, settings: DesignSettings): { text: string; implied: boolean } {
  const implied = flow.ports.length === 0;
  const ports = effectivePorts(flow, settings);
  return { text: formatPorts(ports), implied: implied && ports.length > 0 };
}

function FlowItem({ flow, graph, st, admin, settings }: { flow: Flow | AdminFlow; graph: GraphData | undefined; st: GFlow | undefined; admin?: AdminFlow; settings: DesignSettings }) {
  const fk = flowEndKey(flow.from);
  const tk = flowEndKey(flow.to);
  const name = `${keyLabel(graph, fk)} → ${keyLabel(graph, tk)}`;
  const what = admin ? 'admin flow' : 'flow';
  const ports = shownPorts(flow, settings);
  return (
    <li className={`flow${admin ? ' admin-flow' : ''}`}>
      {admin && (
        <span className={`achip achip-${admin.tier.toLowerCase()} act-${admin.action.toLowerCase()}`} title={`${admin.tier} tier, ${admin.flavor === 'cnp' ? 'ClusterNetworkPolicy' : admin.tier === 'Admin' ? 'AdminNetworkPolicy' : 'BaselineAdminNetworkPolicy'}, decided at the ${admin.side === 'Ingress' ? "destination's ingress" : "source's egress"}`}>
          <span className="achip-what">{admin.action}{admin.tier === 'Admin' ? ` · ${admin.priority}` : ' · baseline'}</span>
        </span>
      )}
      <button
        type="button"
        className="link flow-name"
        aria-label={`Explain ${what} ${name}`}
        onClick={() => {
          select({ kind: 'edge', id: `e:${fk}->${tk}` });
          setPanel('explain');
        }}
      >
        {name}
      </button>
      <span className="flow-ports" title={ports.implied ? 'No ports given: the destination\'s own ports' : undefined}>
        {ports.text}
      </span>
      {stateChip(st, flow)}
      <span className="flow-actions">
        <button
          type="button"
          aria-label={`Edit ${what} ${name}`}
          onClick={() => openDialog('flow', { flowId: flow.id, from: fk, to: tk, ports: portsText(flow) })}
        >
          Edit
        </button>
        <button
          type="button"
          aria-label={`Delete ${what} ${name}`}
          onClick={() => {
            const objects = useStore.getState().objects;
            commitObjects(admin ? removeAdminFlow(objects, flow.id) : removeFlow(objects, flow.id));
          }}
        >
          Delete
        </button>
      </span>
    </li>
  );
}

export function FlowsPanel() {
  const { objects, graph, shownFlows, settings } = useStore(
    useShallow((s) => ({ objects: s.objects, graph: s.analysis?.graph, shownFlows: s.analysis?.graph.flows, settings: s.settings })),
  );
  const flows = useMemo(() => listFlows(objects), [objects]);
  const adminFlows = useMemo(() => listAdminFlows(objects), [objects]);
  const status = useMemo(() => new Map((shownFlows ?? []).map((f) => [f.flow.id, f])), [shownFlows]);

  return (
    <div className="panel-content">
      <p className="hint">
        Drag from the right edge of a node to another node to draw a flow, or add one here. A flow generates the least-privilege
        pair of NetworkPolicies (egress at the source, ingress at the destination), or one admin rule (Allow, Deny or Pass with a
        priority) that holds cluster-wide.
      </p>
      <div className="button-row">
        <button type="button" className="primary" onClick={() => openDialog('flow', { from: '', to: '', ports: 'TCP 80' })}>
          New flow…
        </button>
        <button type="button" onClick={() => openDialog('flow', { from: '', to: '', ports: 'TCP 80', enforce: 'admin' })}>
          New admin flow…
        </button>
      </div>
      {flows.length === 0 ? (
        <p className="empty">No flows drawn yet.</p>
      ) : (
        <ul className="flows" aria-label="Drawn flows">
          {flows.map((f) => (
            <FlowItem key={f.id} flow={f} graph={graph} st={status.get(f.id)} settings={settings} />
          ))}
        </ul>
      )}
      {adminFlows.length > 0 && (
        <>
          <h3 className="flows-heading">Admin flows</h3>
          <p className="hint">Cluster-wide rules, in the order evaluated within their tier (lower priority first).</p>
          <ul className="flows" aria-label="Admin flows">
            {[...adminFlows]
              .sort((a, b) => (a.tier === b.tier ? a.priority - b.priority : a.tier === 'Admin' ? -1 : 1))
              .map((f) => (
                <FlowItem key={f.id} flow={f} admin={f} graph={graph} st={status.get(f.id)} settings={settings} />
              ))}
          </ul>
        </>
      )}
    </div>
  );
}
