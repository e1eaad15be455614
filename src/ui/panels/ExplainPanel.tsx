import { useMemo, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  ADMIN_RULES,
  ALLOW_RULES,
  ANNOTATION_FLOW,
  ANNOTATION_RULE,
  compile,
  describeRule,
  evaluate,
  suggestFixes,
  type ClusterModel,
  type CompiledCluster,
  type DirectionVerdict,
  type KubeObject,
  type ObjectRef,
  type Verdict,
} from '../core.ts';
import { EndpointSelect } from '../components/EndpointSelect.tsx';
import { commitObjects, setProbe, useStore, type ProbeDraft } from '../store.ts';
import { keyLabel, keyToEndpoint } from '../endpoints.ts';
import type { GraphData } from '../../workers/analysis.ts';
import { derive, connectionLabel, unionConnections, type PathEdgeData } from '../graph/derive.ts';

const compiledCache = new WeakMap<ClusterModel, CompiledCluster>();
function compiledOf(cluster: ClusterModel): CompiledCluster {
  let c = compiledCache.get(cluster);
  if (!c) {
    c = compile(cluster);
    compiledCache.set(cluster, c);
  }
  return c;
}

/** Where a policy came from: the switch or the drawn flow that generated it, if any. */
function origin(objects: readonly KubeObject[], ref: ObjectRef): string | undefined {
  const a = objects[ref.manifest]?.metadata.annotations ?? {};
  const rule = a[ANNOTATION_RULE];
  if (rule) {
    const admin = ADMIN_RULES.find((r) => r.id === rule);
    if (admin) return `admin switch “${admin.title}”`;
    return `switch “${ALLOW_RULES.find((r) => r.id === rule)?.title ?? rule}”`;
  }
  if (a[ANNOTATION_FLOW]) return 'a drawn flow';
  return undefined;
}

/** The tiers in the order they decided: admin, NetworkPolicy, baseline, default. */
function Chain({ d, objects }: { d: DirectionVerdict; objects: readonly KubeObject[] }) {
  return (
    <ol className="verdict-chain" aria-label={`${d.direction} decision chain`}>
      {d.chain.map((step, i) => {
        const o = step.policy ? origin(objects, step.policy) : undefined;
        return (
          <li key={i} className={`chain-step chain-${step.outcome.toLowerCase()}`}>
            <span className={`tier tier-${step.tier.toLowerCase()}`}>{step.tier}</span>{' '}
            <span>{step.text.replace(/^\[[^\]]+\] /, '')}</span>
            {o && <span className="origin"> (from {o})</span>}
          </li>
        );
      })}
      <li className={`chain-step chain-end ${d.allowed ? 'ok' : 'denied'}`}>
        <strong>{d.allowed ? 'allowed' : 'denied'}</strong>
        {d.decidedBy !== 'Default' && <span> (decided by the {d.decidedBy} tier)</span>}
      </li>
    </ol>
  );
}

function Direction({ d, objects }: { d: DirectionVerdict; objects: readonly KubeObject[] }) {
  const name = d.direction === 'Egress' ? 'Egress (leaving the source)' : 'Ingress (entering the destination)';
  return (
    <section className={`verdict-dir ${d.allowed ? 'ok' : 'denied'}`} aria-label={`${d.direction} verdict`}>
      <h4>
        {name}: <strong>{d.allowed ? 'allowed' : 'denied'}</strong>
      </h4>
      <p>{d.summary}</p>
      {d.chain.some((step) => step.tier === 'Admin' || step.tier === 'Baseline') && <Chain d={d} objects={objects} />}
      {d.isolatingPolicies.length > 0 && (
        <div>
          Isolated by:
          <ul>
            {d.isolatingPolicies.map((p) => {
              const o = origin(objects, p);
              return (
                <li key={`${p.namespace}/${p.name}`}>
                  <code>
                    {p.namespace}/{p.name}
                  </code>
                  {o && <span className="origin"> (from {o})</span>}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {d.allowedBy.length > 0 && (
        <div>
          Allowed by:
          <ul>
            {d.allowedBy.map((m) => {
              const o = origin(objects, m.policy);
              return (
                <li key={describeRule(m)}>
                  <code>{describeRule(m)}</code>
                  {o && <span className="origin"> (from {o})</span>}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {!d.allowed && d.misses.length > 0 && (
        <div>
          Rules that did not match:
          <ul>
            {d.misses.map((m) => (
              <li key={describeRule(m)}>
                <code>{describeRule(m)}</code>:{' '}
                {!m.peerMatched && !m.portMatched ? 'neither peer nor port matches' : m.peerMatched ? 'peer matches, port does not' : 'port matches, peer does not'}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** A probe for a selected edge: a member pair of it, and a port that matters. */
function probeForEdge(graph: GraphData, data: PathEdgeData): ProbeDraft | undefined {
  for (const f of data.flows) {
    if (f.firstBlocked) {
      const p = f.flow.ports[0];
      return { from: f.firstBlocked.from, to: f.firstBlocked.to, protocol: p?.protocol ?? 'TCP', port: String(p?.port ?? 80) };
    }
  }
  const pair = data.pairs[0];
  if (pair) {
    const proto = (['TCP', 'UDP', 'SCTP'] as const).find((p) => pair.conn.byProtocol[p].length > 0) ?? 'TCP';
    const flowPort = data.flows[0]?.flow.ports.find((p) => p.protocol === proto)?.port;
    return { from: pair.from, to: pair.to, protocol: proto, port: String(flowPort ?? pair.conn.byProtocol[proto][0]?.from ?? 80) };
  }
  const f = data.flows[0];
  if (f) {
    const memberOf = (k: string) => (k.startsWith('ns:') ? graph.namespaces.find((n) => n.name === k.slice(3))?.workloads[0] : k);
    const from = memberOf(f.from);
    const to = memberOf(f.to);
    const p = f.flow.ports[0];
    if (from && to) return { from, to, protocol: p?.protocol ?? 'TCP', port: String(p?.port ?? 80) };
  }
  return undefined;
}

export function ExplainPanel() {
  const { analysis, selection, probe, expanded, positions, settings } = useStore(
    useShallow((s) => ({ analysis: s.analysis, selection: s.selection, probe: s.probe, expanded: s.expanded, positions: s.positions, settings: s.settings })),
  );
  const graph = analysis?.graph;

  const edge = useMemo(() => {
    if (!graph || selection?.kind !== 'edge') return undefined;
    return derive(graph, expanded, positions, null).edges.find((e) => e.id === selection.id);
  }, [graph, selection, expanded, positions]);

  const draft: ProbeDraft = probe ?? (edge?.data && graph ? probeForEdge(graph, edge.data) : undefined) ?? { from: '', to: '', protocol: 'TCP', port: '80' };
  const update = (patch: Partial<ProbeDraft>) => setProbe({ ...draft, ...patch });

  const result = useMemo((): { verdict: Verdict } | { error: string } | undefined => {
    if (!analysis || !draft.from || !draft.to) return undefined;
    const from = keyToEndpoint(graph, draft.from);
    const to = keyToEndpoint(graph, draft.to);
    if (!from || !to) return { error: 'Choose a workload or an outside node for both ends.' };
    const port = /^\d+$/.test(draft.port.trim()) ? Number(draft.port.trim()) : draft.port.trim();
    if (port === '' || (typeof port === 'number' && (port < 1 || port > 65535))) return { error: 'Enter a port number (1-65535) or a container port name.' };
    try {
      return { verdict: evaluate(compiledOf(analysis.cluster), { from, to, port, protocol: draft.protocol }) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [analysis, graph, draft.from, draft.to, draft.port, draft.protocol]);

  const fixes = useMemo(() => {
    if (!analysis || !result || !('verdict' in result) || result.verdict.allowed) return [];
    try {
      return suggestFixes(result.verdict, analysis.objects, settings);
    } catch {
      return [];
    }
  }, [analysis, result, settings]);

  return (
    <div className="panel-content">
      {edge?.data && (
        <section className="edge-info" aria-label="Selected path">
          <h3>
            {edge.data.fromTitle} → {edge.data.toTitle}
          </h3>
          <p>
            <span className={`chip chip-${edge.data.kind}`}>
              {{ 'flow-allowed': 'drawn flow · allowed', 'flow-blocked': 'drawn flow · blocked', intended: 'allowed by your rules', unintended: 'allowed, not intended' }[edge.data.kind]}
            </span>{' '}
            {edge.data.pairs.length > 0 && <>Allowed: {connectionLabel(unionConnections(edge.data.pairs.map((p) => p.conn)))}</>}
          </p>
          {edge.data.pairs.length > 1 && <p className="hint">{edge.data.pairs.length} workload pairs are aggregated on this edge.</p>}
          {edge.data.kind === 'unintended' && (
            <p className="hint">No drawn flow or switch accounts for this path: a policy you did not generate here opens it.</p>
          )}
        </section>
      )}
      <form className="form probe-form" onSubmit={(e: FormEvent) => e.preventDefault()} aria-label="Probe a connection">
        <EndpointSelect label="Source" value={draft.from} onChange={(from) => update({ from })} graph={graph} withNamespaces={false} />
        <EndpointSelect label="Destination" value={draft.to} onChange={(to) => update({ to })} graph={graph} withNamespaces={false} />
        <div className="field-row">
          <div className="field">
            <label htmlFor="probe-protocol">Protocol</label>
            <select id="probe-protocol" value={draft.protocol} onChange={(e) => update({ protocol: e.target.value as ProbeDraft['protocol'] })}>
              <option>TCP</option>
              <option>UDP</option>
              <option>SCTP</option>
            </select>
          </div>
          <label>
            Port
            <input type="text" value={draft.port} onChange={(e) => update({ port: e.target.value })} spellCheck={false} autoComplete="off" />
          </label>
        </div>
      </form>
      {!result && <p className="empty">Click an edge in the graph, or choose a source, destination and port.</p>}
      {result && 'error' in result && <p className="error-text">{result.error}</p>}
      {result && 'verdict' in result && analysis && (
        <section className="verdict" aria-label="Verdict" aria-live="polite">
          <p className={`verdict-summary ${result.verdict.allowed ? 'ok' : 'denied'}`}>
            <strong>{result.verdict.allowed ? 'Allowed' : 'Denied'}</strong>: {keyLabel(graph, draft.from)} → {keyLabel(graph, draft.to)}{' '}
            {draft.protocol}/{draft.port}
          </p>
          <p>{result.verdict.summary}</p>
          <Direction d={result.verdict.egress} objects={analysis.objects} />
          <Direction d={result.verdict.ingress} objects={analysis.objects} />
          {fixes.length > 0 && (
            <div className="fixes">
              <h4>Fix</h4>
              {fixes.map((fix) => (
                <div key={fix.id} className="fix">
                  <button type="button" className="primary" onClick={() => commitObjects(fix.apply(useStore.getState().objects))}>
                    {fix.title}
                  </button>
                  <p className="hint">{fix.description}</p>
                </div>
              ))}
            </div>
          )}
        </section>
      )}
    </div>
  );
}
