import { useMemo, type FormEvent } from 'react';
import { ObservedNote } from '../observed/ObservedNote.tsx';
import { useShallow } from 'zustand/react/shallow';
import {
  compile,
  deniedByAdmin,
  describeRule,
  evaluate,
  scopedCluster,
  suggestFixes,
  type ChainStep,
  type ClusterModel,
  type CompiledCluster,
  type DirectionVerdict,
  type KubeObject,
  type NetworkProfileId,
  type ObjectRef,
  type Probe,
  type Verdict,
} from '../core.ts';
import { EndpointSelect } from '../components/EndpointSelect.tsx';
import { ProfileNotes } from './ProfileNotes.tsx';
import { commitObjects, setProbe, useStore, type ProbeDraft } from '../store.ts';
import { keyLabel, keyToEndpoint } from '../endpoints.ts';
import type { AdminRef, GCut, GraphData } from '../../workers/analysis.ts';
import { connectionLabel, EDGE_KIND_TEXT, unionConnections, type PathEdgeData } from '../graph/derive.ts';
import { policyOrigin } from '../admin/origin.ts';
import { useGraphOptions } from '../admin/viewOptions.ts';
import { useGraphChanges } from '../graph/changes.ts';
import { PinInvariant } from '../invariants/PinInvariant.tsx';
import { shownGraph } from '../scale/shown.ts';
import { deriveShownOnce } from '../graph/shownDerive.ts';
import { useScaleView } from '../scale/viewState.ts';
import { ADDRESS_KEY, addressEndpoints, addressText, evaluateRange, isAddressKey, type RangeVerdict } from '../explain/addressEnd.ts';

// Per cluster and network-plugin profile (Settings), so switching the profile re-judges at once.
const compiledCache = new WeakMap<ClusterModel, Map<string, CompiledCluster>>();
function compiledOf(cluster: ClusterModel, profile?: NetworkProfileId): CompiledCluster {
  let byProfile = compiledCache.get(cluster);
  if (!byProfile) compiledCache.set(cluster, (byProfile = new Map()));
  const key = profile ?? 'spec';
  let c = byProfile.get(key);
  if (!c) {
    c = compile(cluster, { profile });
    byProfile.set(key, c);
  }
  return c;
}

/**
 * For one probe between two workloads, only their namespaces' policies are compiled (src/engine/
 * scoped.ts): on a 5,000-pod design the whole compile takes hundreds of ms of the page's thread, this
 * a few. Cached per cluster, profile and pair, so typing a port re-judges without compiling again.
 */
const scopedCache = new WeakMap<ClusterModel, Map<string, CompiledCluster>>();
function compiledFor(cluster: ClusterModel, profile: NetworkProfileId | undefined, ends: Pick<Probe, 'from' | 'to'>): CompiledCluster {
  const scoped = scopedCluster(cluster, ends);
  if (!scoped) return compiledOf(cluster, profile);
  let byPair = scopedCache.get(cluster);
  if (!byPair) scopedCache.set(cluster, (byPair = new Map()));
  const key = `${profile ?? 'spec'}\u0000${ends.from.kind === 'workload' ? ends.from.id : ''}\u0000${ends.to.kind === 'workload' ? ends.to.id : ''}`;
  let c = byPair.get(key);
  if (!c) {
    if (byPair.size > 64) byPair.clear();
    c = compile(scoped, { profile });
    byPair.set(key, c);
  }
  return c;
}

/** Where a policy came from: the switch or the drawn flow that generated it, if any. */
const origin = (objects: readonly KubeObject[], ref: ObjectRef): string | undefined => policyOrigin(objects[ref.manifest]);

const OUTCOME_TEXT: Record<ChainStep['outcome'], string> = { Allow: 'Allow', Deny: 'Deny', Pass: 'Pass', NotIsolated: 'not isolated' };

/** One tier's part: badge, outcome, and for admin steps the policy, rule, priority and origin. */
function StepText({ step, objects }: { step: ChainStep; objects: readonly KubeObject[] }) {
  const outcome = <span className={`outcome outcome-${step.outcome.toLowerCase()}`}>{step.actionWord ?? OUTCOME_TEXT[step.outcome]}</span>;
  if ((step.tier === 'Admin' || step.tier === 'Baseline') && step.policy) {
    const o = origin(objects, step.policy);
    return (
      <>
        {outcome} by <code>{step.policy.kind}/{step.policy.name}</code>
        <span className="chain-detail">
          {' '}· rule “{step.ruleName || `#${step.ruleIndex ?? 0}`}”
          {step.tier === 'Admin' || step.policy.kind === 'ClusterNetworkPolicy' ? ` · priority ${step.priority ?? 0}` : ''}
        </span>
        {o && <span className="origin"> · from {o}</span>}
      </>
    );
  }
  // A pod reaching itself, or its own node: allowed whatever the policies say.
  if (step.tier === 'Default' && step.text.startsWith('[Exception]')) return <>{outcome}: {step.text.replace(/^\[[^\]]+\] /, '')}</>;
  if (step.tier === 'Default') return <>{outcome}: nothing else decides, so the default applies</>;
  if (step.tier === 'NetworkPolicy' && step.outcome === 'NotIsolated') return <>{outcome}: no NetworkPolicy selects it for this direction</>;
  return (
    <>
      {outcome}: {step.text.replace(/^\[[^\]]+\] /, '')}
    </>
  );
}

/** The tiers in the order they were asked: admin, NetworkPolicy, baseline, default; then the answer. */
function Chain({ d, objects }: { d: DirectionVerdict; objects: readonly KubeObject[] }) {
  return (
    <ol className="verdict-chain" aria-label={`${d.direction} decision chain`}>
      {d.chain.map((step, i) => (
        <li key={i} className={`chain-step chain-${step.outcome.toLowerCase()}`}>
          <span className={`tier tier-${step.tier.toLowerCase()}`}>{step.tier}</span> <StepText step={step} objects={objects} />
        </li>
      ))}
      <li className={`chain-step chain-end ${d.allowed ? 'ok' : 'denied'}`}>
        <strong>{d.allowed ? 'allowed' : 'denied'}</strong>
        {d.decidedBy !== 'Default' && <span> (decided by the {d.decidedBy} tier)</span>}
      </li>
    </ol>
  );
}

function Direction({ d, objects, withChain }: { d: DirectionVerdict; objects: readonly KubeObject[]; withChain: boolean }) {
  const name = d.direction === 'Egress' ? 'Egress (leaving the source)' : 'Ingress (entering the destination)';
  // With cluster-scoped policies the NetworkPolicy details matter only when that tier was asked.
  const npAsked = !withChain || d.chain.some((s) => s.tier === 'NetworkPolicy');
  return (
    <section className={`verdict-dir ${d.allowed ? 'ok' : 'denied'}`} aria-label={`${d.direction} verdict`}>
      <h4>
        {name}: <strong>{d.allowed ? 'allowed' : 'denied'}</strong>
      </h4>
      {withChain ? (
        <p className="chain-line">{`${d.chain.map((step) => step.text).join(' -> ')} -> ${d.allowed ? 'allowed' : 'denied'}`}</p>
      ) : (
        <p>{d.summary}</p>
      )}
      {withChain && <Chain d={d} objects={objects} />}
      {npAsked && d.isolatingPolicies.length > 0 && (
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
      {npAsked && d.allowedBy.length > 0 && (
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
      {npAsked && !d.allowed && d.decidedBy === 'NetworkPolicy' && d.misses.length > 0 && (
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

/** An admin rule, in one line: `AdminNetworkPolicy/x rule “y” · priority 30 · from admin switch “Z”`. */
function AdminRefText({ by }: { by: AdminRef }) {
  return (
    <>
      <code>{by.policy}</code> rule “{by.rule}”{by.priority !== undefined ? ` · priority ${by.priority}` : ' · baseline'}
      {by.origin && <span className="origin"> · from {by.origin}</span>}
    </>
  );
}

/** What the selected edge stands for, with the admin rules behind it. */
function EdgeInfo({ data, since }: { data: PathEdgeData; since: string }) {
  const adminPairs = data.pairs.filter((p) => p.admin);
  const byPolicy = new Map(adminPairs.map((p) => [p.admin!.policy, p.admin!]));
  const adminFlows = data.flows.filter((f) => f.admin);
  return (
    <section className="edge-info" aria-label="Selected path">
      <h3>
        {data.fromTitle} → {data.toTitle}
      </h3>
      <p>
        <span className={`chip chip-${data.kind}`}>{EDGE_KIND_TEXT[data.kind]}</span>{' '}
        {data.pairs.length > 0 && <>Allowed: {connectionLabel(unionConnections(data.pairs.map((p) => p.conn)))}</>}
      </p>
      {data.pairs.length > 1 && <p className="hint">{data.pairs.length} workload pairs are aggregated on this edge.</p>}
      {data.change && (
        <ul className="edge-changes" aria-label={`Changes ${since}`}>
          {data.change.opened && <li className="diff-opened">Opened {since}: {data.change.opened}</li>}
          {data.change.closed && <li className="diff-closed">Closed {since}: {data.change.closed}</li>}
        </ul>
      )}
      {data.kind === 'unintended' && (
        <p className="hint">No drawn flow or switch accounts for this path: a policy you did not generate here opens it.</p>
      )}
      {byPolicy.size > 0 && (
        <div className="edge-admin">
          Opened at the admin tier by:
          <ul>
            {[...byPolicy.values()].map((by) => (
              <li key={by.policy}>
                <span className={`tier tier-${by.tier.toLowerCase()}`}>{by.tier}</span> {by.action} · <AdminRefText by={by} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {adminFlows.length > 0 && (
        <div className="edge-admin">
          Admin flows:
          <ul>
            {adminFlows.map((f) => (
              <li key={f.flow.id}>
                <span className={`tier tier-${f.admin!.tier.toLowerCase()}`}>{f.admin!.tier}</span> {f.admin!.action}
                {f.admin!.tier === 'Admin' ? ` · priority ${f.admin!.priority}` : ''} · <code>{f.admin!.policy}</code> ({f.allowed} of {f.checked} pairs get
                through)
              </li>
            ))}
          </ul>
        </div>
      )}
      {data.cuts.length > 0 && (
        <div className="edge-admin">
          Denied at the admin tier by:
          <ul>
            {data.cuts.map((cut) => (
              <li key={`${cut.by.policy}/${cut.by.rule}`}>
                <span className="tier tier-admin">Admin</span> Deny{cut.ports ? ` ${cut.ports}` : ''} · <AdminRefText by={cut.by} /> ({cut.pairs} connection
                {cut.pairs === 1 ? '' : 's'})
              </li>
            ))}
          </ul>
          <p className="hint">No NetworkPolicy can open what an admin Deny closes: only an admin Allow with a lower priority number can.</p>
        </div>
      )}
    </section>
  );
}

/** A port at which the cut's rule denies the example connection (not one an earlier admin rule decides). */
function cutProbe(compiled: CompiledFor, graph: GraphData, cut: GCut): ProbeDraft {
  const base = { from: cut.example.from, to: cut.example.to };
  const named = /^(TCP|UDP|SCTP) (\d+)/.exec(cut.ports);
  if (named) return { ...base, protocol: named[1] as ProbeDraft['protocol'], port: named[2]! };
  const from = keyToEndpoint(graph, base.from);
  const to = keyToEndpoint(graph, base.to);
  const candidates: [ProbeDraft['protocol'], number][] = [['TCP', 80], ['TCP', 443], ['TCP', 8080], ['TCP', 22], ['UDP', 53], ['TCP', 1]];
  if (from && to) {
    const c = compiled({ from, to });
    for (const [protocol, port] of candidates) {
      try {
        const v = evaluate(c, { from, to, protocol, port });
        const hit = [...v.egress.chain, ...v.ingress.chain].some((s) => s.outcome === 'Deny' && s.policy && `${s.policy.kind}/${s.policy.name}` === cut.by.policy);
        if (hit) return { ...base, protocol, port: String(port) };
      } catch {
        break;
      }
    }
  }
  return { ...base, protocol: 'TCP', port: '80' };
}

/** The answer in one line, naming the end and tier that decided (the chains below give the reasons). */
function verdictLine(v: Verdict): string {
  if (v.resolvedPort === undefined && typeof v.probe.port === 'string') return v.summary;
  const side = (d: DirectionVerdict) => `${d.direction === 'Egress' ? "the source's egress" : "the destination's ingress"} (${d.decidedBy} tier)`;
  if (v.allowed) return `Both ends let it through: ${side(v.egress)} and ${side(v.ingress)}.`;
  const denied = [v.egress, v.ingress].filter((d) => !d.allowed);
  return `Denied by ${denied.map(side).join(' and by ')}.`;
}

/** Ports people ask about first; an edge open on a whole range is explained at the first of them it allows. */
const USUAL_PORTS = [443, 80, 8080, 53, 22];

function representativePort(ranges: readonly { from: number; to: number }[]): number | undefined {
  return USUAL_PORTS.find((p) => ranges.some((r) => r.from <= p && p <= r.to)) ?? ranges[0]?.from;
}

/** A probe for a selected edge: a member pair of it, and a port that matters. */
/** `compiled(ends)`: compiled for a probe between those ends (a small part of the cluster), or for any probe. */
type CompiledFor = (ends?: Pick<Probe, 'from' | 'to'>) => CompiledCluster;

function probeForEdge(graph: GraphData, data: PathEdgeData, compiled: CompiledFor): ProbeDraft | undefined {
  // A path that closed: why it is closed now, at a port it lost.
  const example = data.change?.example;
  if (data.kind === 'closed' && example) return { from: example.from, to: example.to, protocol: example.protocol, port: String(example.port) };
  for (const f of data.flows) {
    if (f.firstBlocked) {
      const p = f.ports[0];
      return { from: f.firstBlocked.from, to: f.firstBlocked.to, protocol: p?.protocol ?? 'TCP', port: String(p?.port ?? 80) };
    }
  }
  const pair = data.pairs[0];
  if (pair) {
    const proto = (['TCP', 'UDP', 'SCTP'] as const).find((p) => pair.conn.byProtocol[p].length > 0) ?? 'TCP';
    const flowPort = data.flows[0]?.ports.find((p) => p.protocol === proto)?.port;
    return { from: pair.from, to: pair.to, protocol: proto, port: String(flowPort ?? representativePort(pair.conn.byProtocol[proto]) ?? 80) };
  }
  const f = data.flows[0];
  if (f) {
    // A flow between namespaces: explain a member pair that gets through (a named port may exist on
    // some workloads only), else the first pair.
    const membersOf = (k: string) => (k.startsWith('ns:') ? graph.namespaces.find((n) => n.name === k.slice(3))?.workloads ?? [] : [k]);
    const p = f.ports[0];
    const protocol = p?.protocol ?? 'TCP';
    const port = p?.port ?? 80;
    const pairs = membersOf(f.from).flatMap((from) => membersOf(f.to).filter((to) => to !== from).map((to) => ({ from, to })));
    const c = pairs.length > 0 ? compiled() : undefined;
    const through = c && pairs.find(({ from, to }) => {
      const a = keyToEndpoint(graph, from);
      const b = keyToEndpoint(graph, to);
      try {
        return a !== undefined && b !== undefined && evaluate(c, { from: a, to: b, protocol, port }).allowed;
      } catch {
        return false;
      }
    });
    const pair = through || pairs[0];
    if (pair) return { ...pair, protocol, port: String(port) };
  }
  const cut = data.cuts[0];
  if (cut) return cutProbe(compiled, graph, cut);
  return undefined;
}

const ADDRESS_OPTION = [{ key: ADDRESS_KEY, label: 'Address or CIDR…' }];
const endLabel = (graph: GraphData | undefined, key: string) => (isAddressKey(key) ? addressText(key).trim() : keyLabel(graph, key));

function AddressInput({ label, value, onChange }: { label: string; value: string; onChange: (text: string) => void }) {
  return (
    <label>
      {label}
      <input type="text" value={value} onChange={(e) => onChange(e.target.value)} placeholder="203.0.113.7 or 203.0.113.0/24" spellCheck={false} autoComplete="off" />
    </label>
  );
}

/** Each piece of a CIDR the design tells apart, with its outcome; the chain below is the first denied piece's. */
function RangeList({ range }: { range: RangeVerdict }) {
  const mixed = range.pieces.some((p) => p.allowed) && range.pieces.some((p) => !p.allowed);
  return (
    <div className="range-verdict">
      <p className="hint">
        {range.pieces.length === 1
          ? `The design treats every address of ${range.cidr} alike.`
          : `The design's ipBlocks cut ${range.cidr} into ${range.pieces.length} pieces${range.partial ? ' (the first shown)' : ''}, each answered by its first address${mixed ? '; the chain below is the first denied one' : ''}:`}
      </p>
      {range.pieces.length > 1 && (
        <ul aria-label={`Pieces of ${range.cidr}`}>
          {range.pieces.map((p) => (
            <li key={p.address}>
              from {p.address}: <strong className={p.allowed ? 'ok' : 'denied'}>{p.allowed ? 'allowed' : 'denied'}</strong>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ExplainPanel() {
  const { analysis, selection, probe, expanded, positions, settings } = useStore(
    useShallow((s) => ({ analysis: s.analysis, selection: s.selection, probe: s.probe, expanded: s.expanded, positions: s.positions, settings: s.settings })),
  );
  const graph = analysis?.graph;

  const options = useGraphOptions();
  const changes = useGraphChanges();
  // The edges of the view on screen (overview, focus, filters: src/ui/scale), where the edge was picked.
  const scaleView = useScaleView();
  // The canvas's derive when it is on screen (the same inputs: shownDerive.ts), its own otherwise.
  const edge = useMemo(() => {
    if (!graph || selection?.kind !== 'edge') return undefined;
    return deriveShownOnce(shownGraph(graph, scaleView), expanded, positions, options, changes).edges.find((e) => e.id === selection.id);
  }, [graph, scaleView, selection, expanded, positions, options, changes]);

  const edgeProbe = useMemo(
    () => (edge?.data && graph && analysis ? probeForEdge(graph, edge.data, (ends) => (ends ? compiledFor(analysis.cluster, settings.profile, ends) : compiledOf(analysis.cluster, settings.profile))) : undefined),
    [edge, graph, analysis, settings.profile],
  );
  const draft: ProbeDraft = probe ?? edgeProbe ?? { from: '', to: '', protocol: 'TCP', port: '80' };
  const withChain = graph?.hasAdmin ?? false;
  const update = (patch: Partial<ProbeDraft>) => setProbe({ ...draft, ...patch });

  const result = useMemo((): { verdict: Verdict; range?: RangeVerdict } | { error: string } | undefined => {
    if (!analysis || !draft.from || !draft.to) return undefined;
    // An end typed as an address or a CIDR (several probes for a CIDR, one per piece).
    const ends = (key: string) => (isAddressKey(key) ? addressEndpoints(key, analysis.objects) : { endpoints: [keyToEndpoint(graph, key)].filter((e) => e !== undefined) });
    const fromEnds = ends(draft.from);
    const toEnds = ends(draft.to);
    if ('error' in fromEnds) return { error: `Source: ${fromEnds.error}` };
    if ('error' in toEnds) return { error: `Destination: ${toEnds.error}` };
    const from = fromEnds.endpoints[0];
    const to = toEnds.endpoints[0];
    if (!from || !to) return { error: 'Choose a workload or an outside node for both ends.' };
    const port = /^\d+$/.test(draft.port.trim()) ? Number(draft.port.trim()) : draft.port.trim();
    if (port === '' || (typeof port === 'number' && (port < 1 || port > 65535))) return { error: 'Enter a port number (1-65535) or a container port name.' };
    try {
      const cidr = 'cidr' in fromEnds && fromEnds.cidr ? fromEnds : 'cidr' in toEnds && toEnds.cidr ? toEnds : undefined;
      if (cidr?.cidr) {
        const c = compiledOf(analysis.cluster, settings.profile);
        return evaluateRange((p) => evaluate(c, p), { port, protocol: draft.protocol }, fromEnds.endpoints, toEnds.endpoints, cidr.cidr, cidr.partial === true);
      }
      return { verdict: evaluate(compiledFor(analysis.cluster, settings.profile, { from, to }), { from, to, port, protocol: draft.protocol }) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [analysis, graph, draft.from, draft.to, draft.port, draft.protocol, settings.profile]);

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
      {edge?.data && <EdgeInfo data={edge.data} since={changes?.since ?? ''} />}
      {edge?.data && <PinInvariant source={edge.source} target={edge.target} fromTitle={edge.data.fromTitle} toTitle={edge.data.toTitle} />}
      <form className="form probe-form" onSubmit={(e: FormEvent) => e.preventDefault()} aria-label="Probe a connection">
        <EndpointSelect label="Source" value={isAddressKey(draft.from) ? ADDRESS_KEY : draft.from} onChange={(from) => update({ from: from === ADDRESS_KEY && isAddressKey(draft.from) ? draft.from : from })} graph={graph} withNamespaces={false} nodes={analysis?.cluster.nodes} extra={ADDRESS_OPTION} />
        {isAddressKey(draft.from) && <AddressInput label="Source address or CIDR" value={addressText(draft.from)} onChange={(t) => update({ from: ADDRESS_KEY + t })} />}
        <EndpointSelect label="Destination" value={isAddressKey(draft.to) ? ADDRESS_KEY : draft.to} onChange={(to) => update({ to: to === ADDRESS_KEY && isAddressKey(draft.to) ? draft.to : to })} graph={graph} withNamespaces={false} nodes={analysis?.cluster.nodes} extra={ADDRESS_OPTION} />
        {isAddressKey(draft.to) && <AddressInput label="Destination address or CIDR" value={addressText(draft.to)} onChange={(t) => update({ to: ADDRESS_KEY + t })} />}
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
      {!probe && edgeProbe && (
        <p className="hint">
          Explained at {edgeProbe.protocol}/{edgeProbe.port}, one connection of this path; change the port or the ends to ask about another.
        </p>
      )}
      <ObservedNote probe={draft} />
      {!result && <p className="empty">Click an edge in the graph, or choose a source, destination and port.</p>}
      {result && 'error' in result && <p className="error-text">{result.error}</p>}
      {result && 'verdict' in result && analysis && (
        <section className="verdict" aria-label="Verdict" aria-live="polite">
          <p className={`verdict-summary ${result.verdict.allowed ? 'ok' : 'denied'}`}>
            <strong>{result.range ? (result.range.pieces.every((p) => p.allowed) ? 'Allowed' : result.range.pieces.some((p) => p.allowed) ? 'Partly allowed' : 'Denied') : result.verdict.allowed ? 'Allowed' : 'Denied'}</strong>: {endLabel(graph, draft.from)} → {endLabel(graph, draft.to)}{' '}
            {draft.protocol}/{draft.port}
          </p>
          {result.range && <RangeList range={result.range} />}
          {/* An allowed verdict's summary only repeats the heading above. */}
          {withChain ? <p>{verdictLine(result.verdict)}</p> : !result.verdict.allowed && <p>{result.verdict.summary}</p>}
          <Direction d={result.verdict.egress} objects={analysis.objects} withChain={withChain} />
          <Direction d={result.verdict.ingress} objects={analysis.objects} withChain={withChain} />
          <ProfileNotes cluster={analysis.cluster} probe={result.verdict.probe} notes={result.verdict.notes ?? []} profile={settings.profile} />
          {[result.verdict.probe.from, result.verdict.probe.to].map((e) => {
            const w = e.kind === 'workload' ? analysis.cluster.workloads.find((x) => x.id === e.id) : undefined;
            return w?.assumed ? (
              <p key={w.id} className="hint assumed-note">
                {w.id} is assumed: the cluster has it ({w.assumed.source}), the YAML does not declare it. Change it in Settings.
              </p>
            ) : null;
          })}
          {deniedByAdmin(result.verdict) && (
            <p className="hint">
              An admin Deny decides this connection, so no NetworkPolicy can open it. Change that admin policy (or its switch), or
              allow the connection with an admin rule of a lower priority number: draw it as a flow and enforce it as an admin rule.
            </p>
          )}
          {fixes.length > 0 && (
            <div className="fixes">
              <h4>Fix</h4>
              {fixes.map((fix) => (
                <div key={fix.id} className="fix">
                  <button type="button" className="primary" aria-disabled={fix.unavailable !== undefined}
                    onClick={fix.unavailable !== undefined ? undefined : () => commitObjects(fix.apply(useStore.getState().objects))}>
                    {fix.title}
                  </button>
                  <p className="hint">{fix.unavailable ? <strong>{fix.unavailable} </strong> : null}{fix.description}</p>
                </div>
              ))}
            </div>
          )}
        </section>
      )}
    </div>
  );
}
