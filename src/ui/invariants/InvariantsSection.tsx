// The invariants of the design in the Findings tab: each with whether it holds and, when broken,
// the paths that break it with their explanation and an Explain button; add, edit (as the file's
// YAML), remove and download them.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { describeInvariant } from '../../pipeline/describe.ts';
import './invariants.css';
import type { EndpointSelector, InvariantKind, InvariantPort, InvariantResult, Violation } from '../../invariants/index.ts';
import { downloadBlob } from '../actions.ts';
import { EndpointSelect } from '../components/EndpointSelect.tsx';
import { notify, select, setCanvasView, setPanel, setProbe, useStore } from '../store.ts';
import type { GraphData } from '../../workers/analysis.ts';
import {
  addInvariant, INVARIANTS_FILE, type NewInvariant, invariantsFileText, keyToSelector, loadInvariantsText, removeInvariant, useInvariants, violationKeys,
} from './invariantsStore.ts';

function explain(v: Violation, graph: GraphData | undefined): void {
  const { from, to } = violationKeys(v, graph);
  setCanvasView('graph');
  select(null);
  setProbe({ from, to, protocol: v.probe.protocol, port: String(v.probe.port) });
  setPanel('explain');
}

function ViolationItem({ v, graph }: { v: Violation; graph: GraphData | undefined }) {
  return (
    <li className="invariant-violation">
      <code>{v.from}</code> → <code>{v.to}</code> <span className="invariant-ports">({v.ports})</span>
      {v.policy && (
        <span className="origin">
          {' '}
          via {v.policy.namespace ? `${v.policy.namespace}/` : ''}
          {v.policy.name}
        </span>
      )}
      <p className="hint">{v.explanation}</p>
      <button type="button" onClick={() => explain(v, graph)} aria-label={`Explain ${v.from} to ${v.to}`}>
        Explain
      </button>
    </li>
  );
}

function InvariantItem({ result, graph }: { result: InvariantResult; graph: GraphData | undefined }) {
  const id = useId();
  const inv = result.invariant;
  return (
    <li className={`invariant ${result.holds ? 'invariant-holds' : 'invariant-violated'}`} aria-labelledby={`${id}-name`}>
      <div className="invariant-head">
        <span className={`invariant-status ${result.holds ? 'ok' : 'denied'}`}>{result.holds ? 'Holds' : `Violated (${result.violationCount})`}</span>
        <strong id={`${id}-name`}>{inv.name}</strong>
        <button type="button" className="link" onClick={() => removeInvariant(inv.name)} aria-label={`Remove invariant ${inv.name}`}>
          Remove
        </button>
      </div>
      <p className="invariant-what">{inv.description ?? describeInvariant(inv)}</p>
      {result.violations.length > 0 && (
        <ul className="invariant-violations" aria-label={`Violations of ${inv.name}`}>
          {result.violations.slice(0, 10).map((v, i) => (
            <ViolationItem key={i} v={v} graph={graph} />
          ))}
          {result.violationCount > 10 && <li className="hint">… and {result.violationCount - 10} more</li>}
        </ul>
      )}
      {result.notes.map((n) => (
        <p key={n} className="hint">
          {n}
        </p>
      ))}
    </li>
  );
}

const KINDS: { kind: InvariantKind; title: string }[] = [
  { kind: 'never', title: 'must never reach' },
  { kind: 'always', title: 'must always reach' },
  { kind: 'only', title: 'is the only source that may reach' },
  { kind: 'isolated', title: 'has a default deny (isolated)' },
];

function parsePortsText(text: string): InvariantPort[] | string {
  const out: InvariantPort[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(part);
    const from = m ? Number(m[1]) : NaN;
    const to = m?.[2] !== undefined ? Number(m[2]) : from;
    if (!m || from < 1 || to > 65535 || to < from) return `"${part}" is not a port (e.g. 443, 53/UDP, 8000-8080/TCP)`;
    out.push({ protocol: (m[3]?.toUpperCase() ?? 'TCP') as InvariantPort['protocol'], from, to });
  }
  return out;
}

function AddInvariantForm({ graph }: { graph: GraphData | undefined }) {
  const [kind, setKind] = useState<InvariantKind>('never');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [ports, setPorts] = useState('');
  const [direction, setDirection] = useState<'Ingress' | 'Egress' | 'Both'>('Ingress');
  const [error, setError] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const target = keyToSelector(to);
    const source = keyToSelector(from);
    if (!target || (kind !== 'isolated' && !source)) {
      setError('Choose both ends.');
      return;
    }
    const parsedPorts = parsePortsText(ports);
    if (typeof parsedPorts === 'string') {
      setError(parsedPorts);
      return;
    }
    if (kind === 'isolated' && target.kind !== 'workloads') {
      setError('Only workloads and namespaces can be isolated.');
      return;
    }
    const base = { severity: 'high' as const };
    const name = kind === 'isolated' ? `isolated-${to.replace(/^\w+:/, '')}` : `${kind}-${from.replace(/^\w+:/, '')}-to-${to.replace(/^\w+:/, '')}`;
    const invariant = kind === 'isolated'
      ? { ...base, name, kind, target: [target], directions: direction === 'Both' ? ['Ingress', 'Egress'] : [direction] }
      : { ...base, name, kind, from: [source as EndpointSelector], to: [target], ports: parsedPorts };
    const added = addInvariant(invariant as NewInvariant);
    setError('');
    notify({ kind: 'success', title: `Added the invariant ${added.name}: ${describeInvariant(added)}` });
  };
  return (
    <form className="form invariant-form" onSubmit={submit} aria-label="Add an invariant">
      {kind !== 'isolated' && <EndpointSelect label="From" value={from} onChange={setFrom} graph={graph} withNamespaces />}
      <div className="field">
        <label htmlFor="invariant-kind">Rule</label>
        <select id="invariant-kind" value={kind} onChange={(e) => setKind(e.target.value as InvariantKind)}>
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.title}
            </option>
          ))}
        </select>
      </div>
      <EndpointSelect label={kind === 'isolated' ? 'Workloads' : 'To'} value={to} onChange={setTo} graph={graph} withNamespaces />
      {kind === 'isolated' ? (
        <div className="field">
          <label htmlFor="invariant-direction">Direction</label>
          <select id="invariant-direction" value={direction} onChange={(e) => setDirection(e.target.value as typeof direction)}>
            <option>Ingress</option>
            <option>Egress</option>
            <option>Both</option>
          </select>
        </div>
      ) : (
        <label>
          Ports (empty: all)
          <input type="text" value={ports} onChange={(e) => setPorts(e.target.value)} placeholder="443, 53/UDP" spellCheck={false} autoComplete="off" />
        </label>
      )}
      {error && <p className="error-text" role="alert">{error}</p>}
      <button type="submit" className="primary">
        Add invariant
      </button>
    </form>
  );
}

function EditAsYaml() {
  const invariants = useInvariants((s) => s.invariants);
  const initial = useMemo(() => invariantsFileText(), [invariants]);
  const [text, setText] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const shown = text ?? initial;
  const apply = () => {
    const problems = loadInvariantsText(shown);
    setErrors(problems.map((d) => `line ${d.line ?? '?'}:${d.col ?? '?'}: ${d.message}`));
    if (problems.length === 0) {
      setText(null);
      notify({ kind: 'success', title: 'Applied the invariants file.' });
    }
  };
  return (
    <details className="invariants-yaml">
      <summary>Edit as YAML ({INVARIANTS_FILE})</summary>
      <textarea aria-label={`Invariants file (${INVARIANTS_FILE})`} value={shown} onChange={(e) => setText(e.target.value)} rows={12} spellCheck={false} />
      {errors.length > 0 && (
        <ul className="error-text" role="alert" aria-label="Problems in the invariants file">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      <button type="button" onClick={apply}>
        Apply invariants
      </button>
    </details>
  );
}

export function InvariantsSection() {
  const { invariants, results } = useInvariants();
  const graph = useStore((s) => s.analysis?.graph);
  const broken = results?.filter((r) => !r.holds).length ?? 0;
  const status = invariants.length === 0
    ? 'No invariants yet: pin one from a selected edge (Explain tab) or add one below.'
    : results === null
      ? 'Checking the invariants…'
      : broken === 0
        ? `All ${invariants.length} invariant${invariants.length === 1 ? '' : 's'} hold.`
        : `${broken} of ${invariants.length} invariant${invariants.length === 1 ? '' : 's'} violated.`;
  return (
    <section className="invariants-section" aria-labelledby="invariants-heading">
      <h3 id="invariants-heading">Invariants</h3>
      <p className="hint">What the design must keep true, checked on every change (the same file as <code>check --invariants</code>).</p>
      {/* Live, but not a second role=status in the tab: the findings' status is the tab's status. */}
      <p className={`invariants-status${broken > 0 ? ' denied' : ''}`} aria-live="polite" aria-atomic="true">
        {status}
      </p>
      {results && results.length > 0 && (
        <ul className="invariants" aria-label="Invariants">
          {results.map((r) => (
            <InvariantItem key={r.invariant.name} result={r} graph={graph} />
          ))}
        </ul>
      )}
      <details className="invariants-add">
        <summary>Add an invariant</summary>
        <AddInvariantForm graph={graph} />
      </details>
      <EditAsYaml />
      {invariants.length > 0 && (
        <button type="button" onClick={() => downloadBlob(INVARIANTS_FILE, new Blob([invariantsFileText()], { type: 'application/yaml' }))}>
          Download {INVARIANTS_FILE}
        </button>
      )}
    </section>
  );
}
