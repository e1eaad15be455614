import { useMemo, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  addAdminFlow,
  addFlow,
  listAdminFlows,
  listAdminRules,
  removeAdminFlow,
  removeFlow,
  updateAdminFlow,
  updateFlow,
  type AdminFlavor,
  type DesignSettings,
  type FlowEnd,
  type AdminFlowOptions,
  type FlowSpec,
  type KubeObject,
} from '../core.ts';
import { Dialog } from '../components/Dialog.tsx';
import { EndpointSelect } from '../components/EndpointSelect.tsx';
import { commitObjects, notify, openDialog, useStore, type FlowDraft } from '../store.ts';
import { keyToFlowEnd } from '../endpoints.ts';
import { parsePorts } from '../ports.ts';
import { AdminFlowFields, adminFlowDefaults, checkPriority, type AdminFlowChoice } from '../admin/AdminFlowFields.tsx';

type Enforce = 'networkPolicy' | 'admin';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What an empty port list generates: the destination's own ports for DNS and the API server. */
function emptyPortsMeaning(to: FlowEnd | undefined, settings: DesignSettings): string {
  if (to?.kind === 'external' && to.id === 'dns') return 'Empty: UDP and TCP 53, the DNS ports.';
  if (to?.kind === 'external' && to.id === 'apiserver') return `Empty: TCP ${(settings.apiServer ?? settings.apiServerVip).port}, the API server's port (Settings).`;
  return 'Empty: every port and protocol.';
}

/** The manifest set with the flow saved as asked: added, updated in place, or changed from one kind to the other. */
function saveFlow(objects: KubeObject[], draft: FlowDraft, spec: FlowSpec, enforce: Enforce, options: AdminFlowOptions | undefined, settings: Parameters<typeof addFlow>[2]): KubeObject[] {
  const wasAdmin = draft.flowId !== undefined && listAdminFlows(objects).some((f) => f.id === draft.flowId);
  if (enforce === 'networkPolicy') {
    if (!draft.flowId) return addFlow(objects, spec, settings).objects;
    if (!wasAdmin) return updateFlow(objects, draft.flowId, spec, settings).objects;
    return addFlow(removeAdminFlow(objects, draft.flowId), spec, settings).objects;
  }
  if (!options) throw new Error('choose the admin rule’s action and priority');
  if (!draft.flowId) return addAdminFlow(objects, spec, options, settings).objects;
  if (wasAdmin) return updateAdminFlow(objects, draft.flowId, spec, options, settings).objects;
  return addAdminFlow(removeFlow(objects, draft.flowId), spec, options, settings).objects;
}

function FlowForm({ draft }: { draft: FlowDraft }) {
  const { graph, settings, objects, adminPolicies } = useStore(
    useShallow((s) => ({ graph: s.analysis?.graph, settings: s.settings, objects: s.objects, adminPolicies: s.analysis?.cluster.adminPolicies })),
  );
  const existing = useMemo(() => (draft.flowId ? listAdminFlows(objects).find((f) => f.id === draft.flowId) : undefined), [draft.flowId, objects]);
  const [from, setFrom] = useState(draft.from);
  const [to, setTo] = useState(draft.to);
  const [ports, setPorts] = useState(draft.ports);
  const [enforce, setEnforce] = useState<Enforce>(existing ? 'admin' : (draft.enforce ?? 'networkPolicy'));
  const [admin, setAdmin] = useState<AdminFlowChoice>(() =>
    existing
      ? { action: existing.action, tier: existing.tier, flavor: existing.flavor, priority: String(existing.priority), side: existing.side === 'Egress' ? 'Egress' : 'auto' }
      : adminFlowDefaults(objects, (listAdminRules(objects)[0]?.flavor ?? 'anp') as AdminFlavor),
  );
  const parsed = parsePorts(ports);
  const sameEnds = from !== '' && from === to;

  const fromEnd = keyToFlowEnd(from);
  const toEnd = keyToFlowEnd(to);
  const toOutside = toEnd !== undefined && (toEnd.kind === 'cidr' || (toEnd.kind === 'external' && toEnd.id !== 'dns'));
  const spec: FlowSpec | undefined = fromEnd && toEnd && parsed.ok && !sameEnds ? { from: fromEnd, to: toEnd, ports: parsed.ports } : undefined;
  const priorityError = enforce === 'admin' ? checkPriority(admin, adminPolicies ?? [], objects, draft.flowId) : undefined;
  const options: AdminFlowOptions | undefined =
    enforce === 'admin' && priorityError === undefined
      ? { action: admin.action, tier: admin.tier, flavor: admin.flavor, priority: Number(admin.priority), ...(admin.side === 'Egress' ? { side: 'Egress' } : toOutside ? {} : { side: 'Ingress' }) }
      : undefined;

  // A dry run: the generator says what the flow would write, or why it cannot be an admin rule.
  let preview: { ok: boolean; text: string } | undefined;
  if (spec && enforce === 'admin' && options) {
    try {
      const before = new Set(objects);
      const added = saveFlow(objects, draft, spec, enforce, options, settings).filter((o) => !before.has(o)).map((o) => `${o.kind} ${o.metadata.name}`);
      preview = { ok: true, text: added.length > 0 ? `Writes ${added.join(', ')}.` : 'This admin flow exists already.' };
    } catch (error) {
      preview = { ok: false, text: message(error) };
    }
  }

  const canSubmit = spec !== undefined && (enforce === 'networkPolicy' || (options !== undefined && preview?.ok === true));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!spec || !canSubmit) return;
    try {
      commitObjects(saveFlow(useStore.getState().objects, draft, spec, enforce, options, settings));
      openDialog(null);
    } catch (error) {
      notify({ kind: 'error', title: `The flow could not be generated: ${message(error)}` });
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
            ? emptyPortsMeaning(toEnd, settings)
            : 'Numbers, ranges (8000-8080) or container port names; TCP unless a protocol (UDP, SCTP) comes first.'
          : parsed.error}
      </p>
      {sameEnds && <p className="error-text">A flow needs two different ends.</p>}
      <fieldset className="enforce">
        <legend>Enforce as</legend>
        <label className="radio">
          <input type="radio" name="enforce" value="networkPolicy" checked={enforce === 'networkPolicy'} onChange={() => setEnforce('networkPolicy')} />
          NetworkPolicies (least privilege, both ends)
        </label>
        <label className="radio">
          <input type="radio" name="enforce" value="admin" checked={enforce === 'admin'} onChange={() => setEnforce('admin')} />
          Admin rule (cluster-wide, before any NetworkPolicy)
        </label>
      </fieldset>
      {enforce === 'admin' && (
        <AdminFlowFields
          value={admin}
          onChange={setAdmin}
          priorityError={priorityError}
          adminPolicies={adminPolicies ?? []}
          objects={objects}
          ownFlowId={draft.flowId}
          toOutside={toOutside}
        />
      )}
      {preview && (
        <p className={preview.ok ? 'hint' : 'error-text'} role={preview.ok ? undefined : 'alert'}>
          {preview.text}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => openDialog(null)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!canSubmit}>
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
      {draft && <FlowForm key={`${draft.flowId ?? ''}${draft.from}${draft.to}${draft.enforce ?? ''}`} draft={draft} />}
    </Dialog>
  );
}
