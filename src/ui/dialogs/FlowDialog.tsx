import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { addFlow, updateFlow } from '../core.ts';
import { Dialog } from '../components/Dialog.tsx';
import { EndpointSelect } from '../components/EndpointSelect.tsx';
import { commitObjects, notify, openDialog, useStore, type FlowDraft } from '../store.ts';
import { keyToFlowEnd } from '../endpoints.ts';
import { parsePorts } from '../ports.ts';

function FlowForm({ draft }: { draft: FlowDraft }) {
  const { graph, settings } = useStore(useShallow((s) => ({ graph: s.analysis?.graph, settings: s.settings })));
  const [from, setFrom] = useState(draft.from);
  const [to, setTo] = useState(draft.to);
  const [ports, setPorts] = useState(draft.ports);
  const parsed = parsePorts(ports);
  const sameEnds = from !== '' && from === to;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const f = keyToFlowEnd(from);
    const t = keyToFlowEnd(to);
    if (!f || !t || !parsed.ok || sameEnds) return;
    const objects = useStore.getState().objects;
    const spec = { from: f, to: t, ports: parsed.ports };
    try {
      commitObjects((draft.flowId ? updateFlow(objects, draft.flowId, spec, settings) : addFlow(objects, spec, settings)).objects);
      openDialog(null);
    } catch (error) {
      notify({ kind: 'error', title: `The flow could not be generated: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return (
    <form onSubmit={submit} className="form">
      <EndpointSelect label="From" value={from} onChange={setFrom} graph={graph} withNamespaces />
      <EndpointSelect label="To" value={to} onChange={setTo} graph={graph} withNamespaces />
      <label>
        Ports
        <input
          type="text"
          value={ports}
          onChange={(e) => setPorts(e.target.value)}
          aria-describedby="flow-ports-help"
          aria-invalid={!parsed.ok}
          placeholder="TCP 80, 443 · UDP 53"
          spellCheck={false}
          autoComplete="off"
        />
      </label>
      <p id="flow-ports-help" className={parsed.ok ? 'hint' : 'error-text'} role={parsed.ok ? undefined : 'alert'}>
        {parsed.ok
          ? parsed.ports.length === 0
            ? 'Empty: every port and protocol.'
            : 'Numbers, ranges (8000-8080) or container port names; TCP unless a protocol (UDP, SCTP) comes first.'
          : parsed.error}
      </p>
      {sameEnds && <p className="error-text">A flow needs two different ends.</p>}
      <div className="dialog-actions">
        <button type="button" onClick={() => openDialog(null)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!from || !to || !parsed.ok || sameEnds}>
          {draft.flowId ? 'Save flow' : 'Create flow'}
        </button>
      </div>
    </form>
  );
}

export function FlowDialog() {
  const { open, draft } = useStore(useShallow((s) => ({ open: s.dialog === 'flow', draft: s.flowDraft })));
  return (
    <Dialog open={open && draft !== null} title={draft?.flowId ? 'Edit flow' : 'New flow'} onClose={() => openDialog(null)}>
      {draft && <FlowForm key={`${draft.flowId ?? ''}${draft.from}${draft.to}`} draft={draft} />}
    </Dialog>
  );
}
