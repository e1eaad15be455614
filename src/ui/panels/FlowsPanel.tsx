import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { listFlows, removeFlow } from '../core.ts';
import { commitObjects, openDialog, select, setPanel, useStore } from '../store.ts';
import { flowEndKey } from '../../workers/analysis.ts';
import { keyLabel } from '../endpoints.ts';
import { formatPorts } from '../ports.ts';

const STATE_TEXT = { allowed: 'allowed', partial: 'partly blocked', blocked: 'blocked', empty: 'no pods' } as const;

export function FlowsPanel() {
  const { objects, graph, shownFlows } = useStore(
    useShallow((s) => ({ objects: s.objects, graph: s.analysis?.graph, shownFlows: s.analysis?.graph.flows })),
  );
  const flows = useMemo(() => listFlows(objects), [objects]);
  const status = useMemo(() => new Map((shownFlows ?? []).map((f) => [f.flow.id, f])), [shownFlows]);

  return (
    <div className="panel-content">
      <p className="hint">
        Drag from the right edge of a node to another node to draw a flow, or add one here. Each flow generates the
        least-privilege pair of policies: egress at the source, ingress at the destination.
      </p>
      <button type="button" className="primary" onClick={() => openDialog('flow', { from: '', to: '', ports: 'TCP 80' })}>
        New flow…
      </button>
      {flows.length === 0 ? (
        <p className="empty">No flows drawn yet.</p>
      ) : (
        <ul className="flows" aria-label="Drawn flows">
          {flows.map((f) => {
            const from = keyLabel(graph, flowEndKey(f.from));
            const to = keyLabel(graph, flowEndKey(f.to));
            const st = status.get(f.id);
            const name = `${from} → ${to}`;
            return (
              <li key={f.id} className="flow">
                <button
                  type="button"
                  className="link flow-name"
                  aria-label={`Explain flow ${name}`}
                  onClick={() => {
                    const fk = flowEndKey(f.from);
                    const tk = flowEndKey(f.to);
                    select({ kind: 'edge', id: `e:${fk}->${tk}` });
                    setPanel('explain');
                  }}
                >
                  {name}
                </button>
                <span className="flow-ports">{formatPorts(f.ports)}</span>
                {st && <span className={`chip chip-${st.state}`}>{STATE_TEXT[st.state]}</span>}
                <span className="flow-actions">
                  <button type="button" aria-label={`Edit flow ${name}`} onClick={() => openDialog('flow', { flowId: f.id, from: flowEndKey(f.from), to: flowEndKey(f.to), ports: formatPorts(f.ports) === 'all ports' ? '' : formatPorts(f.ports) })}>
                    Edit
                  </button>
                  <button type="button" aria-label={`Delete flow ${name}`} onClick={() => commitObjects(removeFlow(useStore.getState().objects, f.id))}>
                    Delete
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
