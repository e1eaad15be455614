// The canvas-editing forms: add a namespace, a workload or a Service; rename or delete with every
// reference listed first. Each is one undo step; problems are said next to the form, in words.
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Dialog } from '../components/Dialog.tsx';
import { setPositions, useStore } from '../store.ts';
import {
  addNamespace, addService, addWorkload, CREATABLE_KINDS, deleteTarget, nameProblems, namespaceNames, parseLabels, parsePorts,
  parseServicePorts, referencesOf, renameNamespace, renameWorkload, workloadFields, type CanvasTarget, type CreatableKind,
} from '../../design/canvas/index.ts';
import { applyToDesign, closeForm, freeSpot, namespaceNodeId, targetText, useCreate, workloadNodeId, type CreateForm } from './createState.ts';

function Problems({ id, problems }: { id: string; problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
    <ul id={id} className="error-text form-problems" role="alert">
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}

function Actions({ submit, disabled }: { submit: string; disabled?: boolean }) {
  return (
    <div className="dialog-actions">
      <button type="button" onClick={closeForm}>
        Cancel
      </button>
      <button type="submit" className="primary" disabled={disabled}>
        {submit}
      </button>
    </div>
  );
}

/** Runs a form's action; a refusal stays in the form (the design is unchanged). */
function useSubmit(run: () => string | undefined) {
  const [error, setError] = useState<string | undefined>();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const problem = run();
    if (problem) setError(problem);
    else closeForm();
  };
  return { error, onSubmit, clear: () => setError(undefined) };
}

function TextField(props: { label: string; value: string; onChange: (v: string) => void; hint: ReactNode; problems: readonly string[]; autoFocus?: boolean; placeholder?: string }) {
  const hintId = useId();
  const problemsId = useId();
  const input = useRef<HTMLInputElement>(null);
  // The native dialog focuses its first control when it opens (the close button): the field the
  // form is about takes the focus right after, with its text selected to type over.
  const autoFocus = props.autoFocus === true;
  useEffect(() => {
    if (!autoFocus) return;
    const id = requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.select();
    });
    return () => cancelAnimationFrame(id);
  }, [autoFocus]);
  return (
    <>
      <label>
        {props.label}
        <input
          type="text"
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          aria-invalid={props.problems.length > 0}
          aria-describedby={`${hintId} ${problemsId}`}
          ref={input}
          placeholder={props.placeholder}
          spellCheck={false}
          autoComplete="off"
        />
      </label>
      <p id={hintId} className="hint">{props.hint}</p>
      <Problems id={problemsId} problems={props.problems} />
    </>
  );
}

function NamespaceForm({ form }: { form: Extract<CreateForm, { kind: 'namespace' }> }) {
  const [name, setName] = useState('');
  const [labels, setLabels] = useState('');
  const [tried, setTried] = useState(false);
  const nameErr = tried || name !== '' ? nameProblems(name, 'namespace') : [];
  const parsedLabels = parseLabels(labels);
  const { error, onSubmit } = useSubmit(() => {
    setTried(true);
    if (nameProblems(name, 'namespace').length > 0 || !parsedLabels.ok) return 'Fix the fields above first.';
    const at = freeSpot(form.at);
    const problem = applyToDesign((o) => addNamespace(o, name, parsedLabels.value), namespaceNodeId(name));
    if (!problem) setPositions({ [namespaceNodeId(name)]: at });
    return problem;
  });
  return (
    <form className="form" onSubmit={onSubmit}>
      <TextField label="Name" value={name} onChange={setName} autoFocus placeholder="shop" hint="Lowercase letters, digits and -, up to 63." problems={nameErr} />
      <TextField label="Labels" value={labels} onChange={setLabels} placeholder="team=web, env=prod" hint="key=value, separated by commas. kubernetes.io/metadata.name is added as the cluster does." problems={parsedLabels.ok ? [] : parsedLabels.problems} />
      {error && <p className="error-text" role="alert">{error}</p>}
      <Actions submit="Add namespace" />
    </form>
  );
}

function WorkloadForm({ form }: { form: Extract<CreateForm, { kind: 'workload' }> }) {
  const objects = useStore((s) => s.objects);
  const namespaces = useMemo(() => namespaceNames(objects), [objects]);
  const [namespace, setNamespace] = useState(form.namespace ?? namespaces[0] ?? '');
  const [kind, setKind] = useState<CreatableKind>(form.workloadKind ?? 'Deployment');
  const [name, setName] = useState('');
  const [labels, setLabels] = useState<string | undefined>(undefined);
  const [ports, setPorts] = useState('');
  const [replicas, setReplicas] = useState('1');
  const [image, setImage] = useState('');
  const [tried, setTried] = useState(false);
  // Until the labels are edited they follow the name: app=<name> is what most charts use.
  const labelText = labels ?? (name ? `app=${name}` : '');
  const parsedLabels = parseLabels(labelText);
  const parsedPorts = parsePorts(ports);
  const nameErr = tried || name !== '' ? nameProblems(name, 'workload') : [];
  const nsErr = tried || namespace !== '' ? nameProblems(namespace, 'namespace') : [];
  const replicaCount = Number(replicas);
  const hasReplicas = kind === 'Deployment' || kind === 'StatefulSet';
  const replicaErr = hasReplicas && !(Number.isInteger(replicaCount) && replicaCount >= 0 && replicaCount <= 10000) ? ['Replicas must be a whole number from 0 to 10000.'] : [];
  const kindId = useId();
  const nsId = useId();
  const { error, onSubmit } = useSubmit(() => {
    setTried(true);
    if (nameProblems(name, 'workload').length > 0 || nameProblems(namespace, 'namespace').length > 0 || !parsedLabels.ok || !parsedPorts.ok || replicaErr.length > 0) {
      return 'Fix the fields above first.';
    }
    return applyToDesign(
      (o) => addWorkload(o, { namespace, name, kind, labels: parsedLabels.value, ports: parsedPorts.value, ...(hasReplicas ? { replicas: replicaCount } : {}), ...(image.trim() ? { image: image.trim() } : {}) }),
      workloadNodeId(namespace, name),
    );
  });
  return (
    <form className="form" onSubmit={onSubmit}>
      {namespaces.length > 0 ? (
        <div className="field">
          <label htmlFor={nsId}>Namespace</label>
          <select id={nsId} value={namespace} onChange={(e) => setNamespace(e.target.value)}>
            {namespaces.map((n) => (
              <option key={n} value={n}>{n}</option>
            ))}
          </select>
        </div>
      ) : (
        <TextField label="Namespace" value={namespace} onChange={setNamespace} hint="A new namespace of that name is added too." problems={nsErr} />
      )}
      <div className="field">
        <label htmlFor={kindId}>Kind</label>
        <select id={kindId} value={kind} onChange={(e) => setKind(CREATABLE_KINDS.find((k) => k === e.target.value) ?? 'Deployment')}>
          {CREATABLE_KINDS.map((k) => (
            <option key={k} value={k}>{k}</option>
          ))}
        </select>
      </div>
      <TextField label="Name" value={name} onChange={setName} autoFocus placeholder="web" hint="Lowercase letters, digits, - and ., up to 63." problems={nameErr} />
      <TextField label="Labels" value={labelText} onChange={setLabels} placeholder="app=web" hint="The pods' labels: policies select pods by them. key=value, separated by commas." problems={parsedLabels.ok ? (tried && Object.keys(parsedLabels.value).length === 0 ? ['A workload needs at least one label.'] : []) : parsedLabels.problems} />
      <TextField label="Container ports" value={ports} onChange={setPorts} placeholder="http=8080, 53/UDP" hint="name=port/PROTOCOL; the name and protocol are optional (TCP)." problems={parsedPorts.ok ? [] : parsedPorts.problems} />
      {hasReplicas && <TextField label="Replicas" value={replicas} onChange={setReplicas} hint="How many pods." problems={replicaErr} />}
      <TextField label="Image" value={image} onChange={setImage} placeholder={name ? `${name}:latest` : 'registry/app:tag'} hint="Optional: the container image (the design does not need it)." problems={[]} />
      {error && <p className="error-text" role="alert">{error}</p>}
      <Actions submit="Add workload" />
    </form>
  );
}

function ServiceForm({ form }: { form: Extract<CreateForm, { kind: 'service' }> }) {
  const objects = useStore((s) => s.objects);
  const namespaces = useMemo(() => namespaceNames(objects), [objects]);
  const [namespace, setNamespace] = useState(form.namespace ?? namespaces[0] ?? '');
  const fields = form.workload ? workloadFields(objects, { namespace, name: form.workload }) : undefined;
  const [name, setName] = useState(form.workload ?? '');
  const [selector, setSelector] = useState(fields ? Object.entries(fields.labels).map(([k, v]) => `${k}=${v}`).join(', ') : '');
  const [ports, setPorts] = useState(fields ? fields.ports.map((p) => `${p.containerPort}:${p.name ?? p.containerPort}${p.protocol === 'TCP' ? '' : `/${p.protocol}`}`).join(', ') : '');
  const [tried, setTried] = useState(false);
  const parsedSelector = parseLabels(selector);
  const parsedPorts = parseServicePorts(ports);
  const nameErr = tried || name !== '' ? nameProblems(name, 'service') : [];
  const nsId = useId();
  const { error, onSubmit } = useSubmit(() => {
    setTried(true);
    if (nameProblems(name, 'service').length > 0 || !parsedSelector.ok || !parsedPorts.ok) return 'Fix the fields above first.';
    return applyToDesign((o) => addService(o, { namespace, name, selector: parsedSelector.value, ports: parsedPorts.value }));
  });
  return (
    <form className="form" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor={nsId}>Namespace</label>
        <select id={nsId} value={namespace} onChange={(e) => setNamespace(e.target.value)}>
          {namespaces.map((n) => (
            <option key={n} value={n}>{n}</option>
          ))}
        </select>
      </div>
      <TextField label="Name" value={name} onChange={setName} autoFocus placeholder="web" hint="Lowercase letters, digits and -, starting with a letter." problems={nameErr} />
      <TextField label="Selector" value={selector} onChange={setSelector} placeholder="app=web" hint="The labels of the pods it sends traffic to." problems={parsedSelector.ok ? (tried && Object.keys(parsedSelector.value).length === 0 ? ['A Service needs a selector.'] : []) : parsedSelector.problems} />
      <TextField label="Ports" value={ports} onChange={setPorts} placeholder="80:http, 53/UDP" hint="port:target (a container port number or name), TCP unless /UDP or /SCTP." problems={tried && !parsedPorts.ok ? parsedPorts.problems : ports !== '' && !parsedPorts.ok ? parsedPorts.problems : []} />
      {error && <p className="error-text" role="alert">{error}</p>}
      <Actions submit="Add Service" />
    </form>
  );
}

function ReferenceList({ target }: { target: CanvasTarget }) {
  const objects = useStore((s) => s.objects);
  const refs = useMemo(() => referencesOf(objects, target), [objects, target]);
  return refs.length === 0 ? (
    <p className="hint">Nothing else in the design refers to {targetText(target)}.</p>
  ) : (
    <>
      <p className="hint">What refers to {targetText(target)}:</p>
      <ul className="reference-list" aria-label={`References to ${targetText(target)}`}>
        {refs.map((r) => (
          <li key={r.text}>{r.text}</li>
        ))}
      </ul>
    </>
  );
}

function RenameForm({ target }: { target: CanvasTarget }) {
  const [name, setName] = useState(target.name);
  const rule = target.kind === 'namespace' ? 'namespace' : 'workload';
  const problems = nameProblems(name, rule);
  const { error, onSubmit } = useSubmit(() => {
    if (problems.length > 0) return problems.join(' ');
    return target.kind === 'namespace'
      ? applyToDesign((o) => renameNamespace(o, target.name, name), namespaceNodeId(name))
      : applyToDesign((o) => renameWorkload(o, target, name), workloadNodeId(target.namespace, name));
  });
  return (
    <form className="form" onSubmit={onSubmit}>
      <ReferenceList target={target} />
      <p className="hint">
        {target.kind === 'namespace'
          ? 'Renaming moves everything in it, and carries drawn flows, switches and selectors on kubernetes.io/metadata.name along. Other label selectors are unchanged.'
          : 'Renaming keeps the labels, so label selectors still select it; drawn flows and switches that name it follow.'}
      </p>
      <TextField label="New name" value={name} onChange={setName} autoFocus hint="" problems={name === target.name ? [] : problems} />
      {error && <p className="error-text" role="alert">{error}</p>}
      <Actions submit="Rename" disabled={name === target.name} />
    </form>
  );
}

function DeleteForm({ target }: { target: CanvasTarget }) {
  const { error, onSubmit } = useSubmit(() => applyToDesign((o) => deleteTarget(o, target)));
  return (
    <form className="form" onSubmit={onSubmit}>
      <ReferenceList target={target} />
      <p className="hint">
        {target.kind === 'namespace' ? 'Everything in the namespace is deleted, ' : 'The workload is deleted, '}
        with the drawn flows and switches that name it. Policies and Services that select by labels stay (listed above). Undo brings it all back.
      </p>
      {error && <p className="error-text" role="alert">{error}</p>}
      <Actions submit={`Delete ${targetText(target)}`} />
    </form>
  );
}

const TITLES: Record<CreateForm['kind'], string> = {
  namespace: 'Add a namespace',
  workload: 'Add a workload',
  service: 'Add a Service',
  rename: 'Rename',
  delete: 'Delete',
};

export function CreateDialogs() {
  const form = useCreate((s) => s.form);
  const title = form ? (form.kind === 'rename' || form.kind === 'delete' ? `${TITLES[form.kind]} ${targetText(form.target)}` : TITLES[form.kind]) : '';
  return (
    <Dialog open={form !== null} title={title} onClose={closeForm}>
      {form?.kind === 'namespace' && <NamespaceForm form={form} />}
      {form?.kind === 'workload' && <WorkloadForm form={form} />}
      {form?.kind === 'service' && <ServiceForm form={form} />}
      {form?.kind === 'rename' && <RenameForm target={form.target} />}
      {form?.kind === 'delete' && <DeleteForm target={form.target} />}
    </Dialog>
  );
}

