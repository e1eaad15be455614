// The Traffic tab: import flow logs (file, drop, paste), see what the current design would break,
// explain and fix each with one click, and draw flows from the observed traffic (previewed first).
import { useId, useMemo, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { addFlow } from '../../design/flows.ts';
import type { FlowSpec } from '../../design/types.ts';
import { emitYaml } from '../../model/index.ts';
import {
  applyProposal, connectionsThatWorked, observedEndLabel, observedNamespaces, proposeFlows, type ObservedEnd, type ObservedTraffic, type ProposeOptions, type ReplayGroup, type ReplayItem,
} from '../../observed/index.ts';
import { formatTime, seenText } from '../../review/replay/index.ts';
import { runReviewJobAsync } from '../../workers/client.ts';
import { focusNoticeUndo } from '../components/NoticeBar.tsx';
import { commitObjects, notify, setPanel, setProbe, useStore } from '../store.ts';
import { outsideAliases } from './observedEdges.tsx';
import { downloadFoldedTraffic, FOLDED_FILE } from './trafficPersistence.ts';
import {
  clearFlows, filterConnections, importFlows, setObservedFilter, setShowObservedOnGraph, useObserved,
} from './observedStore.ts';

/** The graph's node key of an observed end (undefined for unknown ends). */
export function observedNodeKey(e: ObservedEnd): string | undefined {
  return e.kind === 'workload' ? `wl:${e.id}` : e.kind === 'external' ? `ext:${e.id}` : undefined;
}

const MB = (n: number) => `${(n / 1e6).toFixed(n < 10e6 ? 1 : 0)} MB`;

function applyFlow(spec: FlowSpec, title: string): void {
  const { objects, settings } = useStore.getState();
  try {
    commitObjects(addFlow(objects, spec, settings).objects);
    notify({ kind: 'success', title, undoable: true });
    focusNoticeUndo();
  } catch (e) {
    notify({ kind: 'error', title: `Could not draw the flow: ${e instanceof Error ? e.message : String(e)}` });
  }
}

function explain(g: ReplayGroup): void {
  const c = g.items[0]!.connection;
  const from = observedNodeKey(c.from);
  const to = observedNodeKey(c.to);
  if (!from || !to) return;
  // The DNS pods are drawn (and explained) as the outside DNS node.
  const aliases = outsideAliases(useStore.getState().analysis?.graph.externals);
  setProbe({ from: aliases.get(from) ?? from, to: aliases.get(to) ?? to, protocol: c.protocol, port: String(c.port) });
  setPanel('explain');
}

/** Rows a list draws at first: a million-line log may fold into tens of thousands of groups. */
const LIST_PAGE = 200;

/** "Show N more" under a list cut at `shown` of `total` rows. */
function ShowMore({ shown, total, onMore, what }: { shown: number; total: number; onMore: () => void; what: string }) {
  if (shown >= total) return null;
  return (
    <p className="hint">
      {shown.toLocaleString('en-US')} of {total.toLocaleString('en-US')} {what} shown.{' '}
      <button type="button" className="link" onClick={onMore}>Show {Math.min(LIST_PAGE, total - shown).toLocaleString('en-US')} more</button>
    </p>
  );
}

function WouldBreak({ groups }: { groups: readonly ReplayGroup[] }) {
  const [limit, setLimit] = useState(LIST_PAGE);
  if (groups.length === 0) return null;
  return (
    <section aria-labelledby="would-break-title">
      <h4 id="would-break-title">Would break ({groups.length.toLocaleString('en-US')})</h4>
      <ul className="observed-list" aria-label="Connections that would break">
        {groups.slice(0, limit).map((g) => (
          <li key={g.key} className="observed-item would-break">
            <strong>{g.from} → {g.to} {g.protocol}/{g.port}</strong>
            <span className="hint">{seenText(g.count, g.last)}{g.items.length > 1 ? ` · ${g.items.length} connections` : ''}</span>
            <p className="observed-why">{g.explanation}</p>
            <div className="button-row">
              <button type="button" onClick={() => explain(g)} aria-label={`Explain ${g.from} to ${g.to} ${g.protocol}/${g.port}`}>Explain</button>
              {g.fix ? (
                <button type="button" className="primary" onClick={() => applyFlow(g.fix!, `Drew a flow: ${g.from} → ${g.to} ${g.protocol}/${g.port} keeps working.`)}
                  aria-label={`Allow ${g.from} to ${g.to} ${g.protocol}/${g.port} with a drawn flow`}>
                  Allow it (draw a flow)
                </button>
              ) : <span className="hint">An admin policy denies it: no NetworkPolicy can allow it.</span>}
            </div>
          </li>
        ))}
      </ul>
      <ShowMore shown={Math.min(limit, groups.length)} total={groups.length} onMore={() => setLimit((n) => n + LIST_PAGE)} what="groups" />
    </section>
  );
}

function DroppedInLog({ items }: { items: readonly ReplayItem[] }) {
  const [limit, setLimit] = useState(LIST_PAGE);
  if (items.length === 0) return null;
  return (
    <details className="observed-dropped">
      <summary>Dropped in the log ({items.length.toLocaleString('en-US')})</summary>
      <ul>
        {items.slice(0, limit).map((i) => (
          <li key={i.connection.key}>{observedEndLabel(i.connection.from)} → {observedEndLabel(i.connection.to)} {i.connection.protocol}/{i.connection.port}: {i.outcome === 'stays-blocked' ? 'the design denies it too' : 'the design would allow it'}</li>
        ))}
      </ul>
      <ShowMore shown={Math.min(limit, items.length)} total={items.length} onMore={() => setLimit((n) => n + LIST_PAGE)} what="connections" />
    </details>
  );
}

function UnknownEndpoints({ unknown }: { unknown: ObservedTraffic['unknown'] }) {
  const [limit, setLimit] = useState(LIST_PAGE);
  if (unknown.length === 0) return null;
  return (
    <details className="observed-unknown">
      <summary>{unknown.length.toLocaleString('en-US')} endpoint(s) not in the design</summary>
      <ul>{unknown.slice(0, limit).map((u) => <li key={u.label}><strong>{u.label}</strong>: {u.reason} ({u.count.toLocaleString('en-US')} record(s), line {u.line})</li>)}</ul>
      <ShowMore shown={Math.min(limit, unknown.length)} total={unknown.length} onMore={() => setLimit((n) => n + LIST_PAGE)} what="endpoints" />
    </details>
  );
}

function toLocalInput(ms: number | undefined): string {
  if (ms === undefined) return '';
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  // To the second: a capture of a few minutes must be cut finer than the minute.
  return d.toISOString().slice(0, 19);
}
const fromLocalInput = (text: string): number | undefined => (text ? new Date(text).getTime() : undefined);
/** The window's end takes in the whole second it names. */
const endOfSecond = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms + 999);

function Proposal() {
  const { traffic, filter } = useObserved();
  const settings = useStore((s) => s.settings);
  const [level, setLevel] = useState<NonNullable<ProposeOptions['level']>>('workload');
  const [outside, setOutside] = useState<NonNullable<ProposeOptions['outside']>>('addresses');
  const [lockdown, setLockdown] = useState(false);
  const [preview, setPreview] = useState<{ text: string; flows: number; objects: ReturnType<typeof applyProposal> } | null>(null);
  const [busy, setBusy] = useState(false);
  /** Connections the user took out of the proposal (by key); the rest of the filtered ones are in. */
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  if (!traffic) return null;
  const candidates = connectionsThatWorked(filterConnections(traffic.connections, filter)).filter((c) => c.from.kind !== 'unknown' && c.to.kind !== 'unknown');
  const chosen = candidates.filter((c) => !excluded.has(c.key));
  const toggle = (key: string, on: boolean) => setExcluded((x) => {
    const next = new Set(x);
    if (on) next.delete(key);
    else next.add(key);
    return next;
  });
  const namespaces = observedNamespaces(chosen, [settings.dns.namespace]);

  const onPreview = async () => {
    setBusy(true);
    const { objects, validText } = useStore.getState();
    const proposal = proposeFlows(chosen, { level, outside, ...(lockdown ? { lockdown: namespaces } : {}) });
    const proposed = applyProposal(objects, proposal, settings);
    const r = await runReviewJobAsync(emitYaml(proposed), settings, { job: 'diff', baselineText: validText, baselineName: 'current design' });
    setBusy(false);
    setPreview({ text: r.ok ? r.text : `Could not compute the diff: ${r.message}`, flows: proposal.flows.length, objects: proposed });
  };

  return (
    <section aria-labelledby="propose-title" className="observed-propose">
      <h4 id="propose-title">Draw flows from observed traffic</h4>
      <p className="hint">{chosen.length} connection(s) that got through, within the filter, become least-privilege flows with the ports seen.</p>
      {candidates.length <= 300 && (
        <details className="observed-choose">
          <summary>Choose connections ({chosen.length} of {candidates.length})</summary>
          <ul aria-label="Connections to draw">
            {candidates.map((c) => (
              <li key={c.key}>
                <label className="check">
                  <input type="checkbox" checked={!excluded.has(c.key)} onChange={(e) => toggle(c.key, e.target.checked)} />{' '}
                  {observedEndLabel(c.from)} → {observedEndLabel(c.to)} {c.protocol}/{c.port}
                </label>
              </li>
            ))}
          </ul>
        </details>
      )}
      <fieldset>
        <legend>Flows per</legend>
        <label className="check"><input type="radio" name="obs-level" checked={level === 'workload'} onChange={() => setLevel('workload')} /> workload pair</label>
        <label className="check"><input type="radio" name="obs-level" checked={level === 'namespace'} onChange={() => setLevel('namespace')} /> namespace pair</label>
      </fieldset>
      <fieldset>
        <legend>Outside addresses</legend>
        <label className="check"><input type="radio" name="obs-outside" checked={outside === 'addresses'} onChange={() => setOutside('addresses')} /> each address (/32)</label>
        <label className="check"><input type="radio" name="obs-outside" checked={outside === 'cidr24'} onChange={() => setOutside('cidr24')} /> its /24</label>
        <label className="check"><input type="radio" name="obs-outside" checked={outside === 'nodes'} onChange={() => setOutside('nodes')} /> its outside node</label>
      </fieldset>
      {namespaces.length > 0 && (
        <label className="check"><input type="checkbox" checked={lockdown} onChange={(e) => setLockdown(e.target.checked)} /> default deny for {namespaces.join(', ')} (nothing unobserved stays open)</label>
      )}
      <div className="button-row">
        <button type="button" disabled={busy || chosen.length === 0} onClick={() => void onPreview()}>Preview the change</button>
      </div>
      {preview && (
        <div className="observed-preview">
          <pre aria-label="Proposed change" tabIndex={0}>{preview.text}</pre>
          <div className="button-row">
            <button type="button" className="primary" onClick={() => {
              commitObjects(preview.objects);
              notify({ kind: 'success', title: `Drew ${preview.flows} flow(s) from observed traffic.`, undoable: true });
              focusNoticeUndo();
              setPreview(null);
            }}>Apply {preview.flows} flow(s)</button>
            <button type="button" onClick={() => setPreview(null)}>Discard</button>
          </div>
        </div>
      )}
    </section>
  );
}

export function ObservedPanel() {
  const { sources, importing, traffic, result, filter, showOnGraph, error } = useObserved();
  const analysis = useStore((s) => s.analysis);
  const replayedFor = useObserved((s) => s.replayedFor);
  const fileRef = useRef<HTMLInputElement>(null);
  const [paste, setPaste] = useState('');
  const pasteId = useId();
  const shown = useMemo(() => (traffic ? filterConnections(traffic.connections, filter) : []), [traffic, filter]);
  const droppedInLog = useMemo(() => result?.items.filter((i) => i.outcome === 'stays-blocked' || i.outcome === 'would-open') ?? [], [result]);
  const times = useMemo(() => {
    // A loop, not Math.min(...all): tens of thousands of arguments overflow the stack.
    let min = Infinity;
    let max = -Infinity;
    for (const c of traffic?.connections ?? []) {
      if (c.first !== undefined && c.first < min) min = c.first;
      if (c.last !== undefined && c.last > max) max = c.last;
    }
    return min <= max ? { min, max } : undefined;
  }, [traffic]);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    for (const file of files) await importFlows(file.name, { file });
  };
  const onDrop = async (e: DragEvent) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    // The page's own drop imports YAML: a log dropped here is traffic.
    e.preventDefault();
    e.stopPropagation();
    for (const file of [...e.dataTransfer.files]) await importFlows(file.name, { file });
  };

  return (
    <div className="panel-content observed-panel" onDragOver={(e) => { if (e.dataTransfer.types.includes('Files')) { e.preventDefault(); e.stopPropagation(); } }} onDrop={(e) => void onDrop(e)}>
      <h3>Observed traffic</h3>
      <p className="hint">
        Replay real traffic against the design before rollout: <code>hubble observe -o json</code>, a <code>from,to,port,protocol[,count]</code> CSV
        or JSON, or the test plan&apos;s output. Everything stays in this browser. Drop a log on this panel, or:
      </p>
      <div className="button-row">
        <button type="button" onClick={() => fileRef.current?.click()} disabled={importing !== null}>Import a flow log…</button>
        <input ref={fileRef} type="file" multiple accept=".json,.jsonl,.log,.csv,.txt,application/json,text/csv,text/plain" className="sr-only" aria-label="Flow log file" tabIndex={-1} onChange={(e) => void onFile(e)} />
        {sources.length > 0 && <button type="button" onClick={downloadFoldedTraffic} title={`${FOLDED_FILE}: the connections with their counts, which this tab and replay --flows import again`}>Download folded traffic</button>}
        {sources.length > 0 && <button type="button" className="link" onClick={clearFlows}>Clear traffic</button>}
      </div>
      <label htmlFor={pasteId}>Paste flow lines</label>
      <textarea id={pasteId} rows={3} value={paste} onChange={(e) => setPaste(e.target.value)} placeholder="jhub/hub,jhub/proxy,8001,TCP" spellCheck={false} />
      <div className="button-row">
        <button type="button" disabled={paste.trim() === '' || importing !== null} onClick={() => { void importFlows('pasted lines', { text: paste }); setPaste(''); }}>Import pasted lines</button>
      </div>
      {importing && (
        <div className="observed-progress">
          <progress aria-label={`Importing ${importing.name}`} max={importing.total || 1} value={importing.bytes} />
          <span className="hint">{MB(importing.bytes)} of {MB(importing.total)}, {importing.lines.toLocaleString('en-US')} lines</span>
        </div>
      )}
      {error && <p role="alert" className="error-text">{error}</p>}
      {sources.length > 0 && <p className="hint">Kept with the design: autosave, and share links when it fits (the folded connections, not the log&apos;s lines).</p>}
      {sources.length > 0 && (
        <ul className="observed-sources" aria-label="Imported logs">
          {sources.map((s, i) => (
            <li key={i}>
              <strong>{s.name}</strong>: {s.flows.format}, {s.flows.lines.toLocaleString('en-US')} lines, {s.flows.records.toLocaleString('en-US')} records
              {s.flows.skipped.length > 0 && <span className="hint"> · skipped {s.flows.skipped.map((k) => `${k.count} ${k.reason}`).join('; ')}</span>}
              {s.flows.problems.length > 0 && (
                <details>
                  <summary>{s.flows.problems.length + s.flows.moreProblems} broken line(s)</summary>
                  <ul>{s.flows.problems.slice(0, 20).map((p) => <li key={p.line}>line {p.line}: {p.message}</li>)}</ul>
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
      {result && (
        <>
          <p role="status" className={`observed-summary${result.wouldBreak.length > 0 ? ' is-bad' : ' is-good'}`}>
            {result.summary}{replayedFor !== analysis ? ' (updating…)' : ''}
          </p>
          <fieldset className="observed-filter">
            <legend>Show</legend>
            {(['forwarded', 'dropped', 'audit'] as const).map((v) => (
              <label key={v} className="check">
                <input type="checkbox" checked={filter.verdicts[v]} onChange={(e) => setObservedFilter({ verdicts: { ...filter.verdicts, [v]: e.target.checked } })} /> {v}
              </label>
            ))}
            <label className="check"><input type="checkbox" checked={showOnGraph} onChange={(e) => setShowObservedOnGraph(e.target.checked)} /> on the graph</label>
            {showOnGraph && <p className="hint observed-legend"><span className="swatch-observed" aria-hidden="true" /> observed (dotted), <span className="swatch-observed breaks" aria-hidden="true" /> would break, grey: dropped in the log. Select one to explain it.</p>}
            {times && (
              <div className="observed-window">
                <label>From <input type="datetime-local" step={1} value={toLocalInput(filter.since ?? times.min)} onChange={(e) => setObservedFilter({ since: fromLocalInput(e.target.value) })} /></label>
                <label>To <input type="datetime-local" step={1} value={toLocalInput(filter.until ?? times.max)} onChange={(e) => setObservedFilter({ until: endOfSecond(fromLocalInput(e.target.value)) })} /></label>
              </div>
            )}
            <p className="hint">{shown.length} of {traffic?.connections.length ?? 0} connections{times ? `, seen ${formatTime(times.min)} to ${formatTime(times.max)}` : ''}.</p>
          </fieldset>
          <WouldBreak groups={result.wouldBreak} />
          {traffic && <UnknownEndpoints unknown={traffic.unknown} />}
          <DroppedInLog items={droppedInLog} />
          <Proposal />
        </>
      )}
    </div>
  );
}
