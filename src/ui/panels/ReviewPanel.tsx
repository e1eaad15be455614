import { useId, useRef, useState, type ChangeEvent } from 'react';
import { observedReplayReport } from '../observed/observedStore.ts';
import { formatConnections, isEmptyConnectionSet, PROTOCOLS, type ConnectionSet } from '../core.ts';
import { downloadBlob, readFile } from '../actions.ts';
import { notify, setPanel, setProbe, useStore } from '../store.ts';
import { setBaseline, snapshotBaseline, useBaseline, type Baseline } from '../review/baselineStore.ts';
import { setShowBaselineDiff, useChangesView } from '../graph/changes.ts';
import { runReviewJobAsync } from '../../workers/client.ts';
import type { ReviewJob, TestPlanScope } from '../../workers/reviewJobs.ts';
import type { ConnectionChange, DesignDiff } from '../../review/diff/types.ts';
import { savedInvariants } from '../invariants/invariantsStore.ts';

const LIST_LIMIT = 40;

async function runJob(job: ReviewJob): Promise<{ text: string; probes?: number } | undefined> {
  const { validText, settings } = useStore.getState();
  const r = await runReviewJobAsync(validText, settings, job);
  if (!r.ok) {
    notify({ kind: 'error', title: r.message });
    return undefined;
  }
  return r;
}

const today = () => new Date().toISOString().slice(0, 10);

async function downloadReport(format: 'html' | 'md'): Promise<void> {
  const { baseline } = useBaseline.getState();
  const invariantsText = savedInvariants();
  const replay = observedReplayReport();
  const r = await runJob({
    job: 'report', format, date: today(),
    ...(baseline ? { baselineText: baseline.text, baselineName: baseline.name } : {}),
    ...(invariantsText ? { invariantsText } : {}),
    ...(replay ? { replay } : {}),
  });
  if (r) downloadBlob(`netpol-review.${format}`, new Blob([r.text], { type: format === 'html' ? 'text/html' : 'text/markdown' }));
}

function svgToPng(svg: string): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    const image = new Image();
    image.onload = () => {
      const scale = 2;
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
      canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
      const ctx = canvas.getContext('2d');
      if (!ctx) return reject(new Error('no canvas'));
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(url);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png');
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('The diagram could not be drawn.'));
    };
    image.src = url;
  });
}

async function exportDiagram(format: 'svg' | 'png'): Promise<void> {
  const r = await runJob({ job: 'diagram' });
  if (!r) return;
  if (format === 'svg') {
    downloadBlob('netpol-diagram.svg', new Blob([r.text], { type: 'image/svg+xml' }));
    return;
  }
  try {
    downloadBlob('netpol-diagram.png', await svgToPng(r.text));
  } catch (error) {
    notify({ kind: 'error', title: error instanceof Error ? error.message : 'The diagram could not be drawn.' });
  }
}

/** Every changed pair, not only those listed: computed on demand (it can be large). */
async function downloadFullDiff(baseline: Baseline): Promise<void> {
  const r = await runJob({ job: 'diff', baselineText: baseline.text, baselineName: baseline.name, full: true });
  if (r) downloadBlob('netpol-diff.md', new Blob([r.text], { type: 'text/markdown' }));
}

/** Explains the pair at the first port that changed: why it is (no longer) allowed now. */
function explainChange(c: ConnectionChange, changed: ConnectionSet): void {
  const protocol = PROTOCOLS.find((p) => changed.byProtocol[p].length > 0);
  const range = protocol && changed.byProtocol[protocol][0];
  if (!protocol || !range) return;
  setProbe({ from: c.from.key, to: c.to.key, protocol, port: String(range.from) });
  setPanel('explain');
}

/** A changed pair; a button that explains it when both ends exist in the design. */
function ChangeItem({ c, kind }: { c: ConnectionChange; kind: 'opened' | 'closed' }) {
  const changed = c[kind];
  const text = `${c.from.label} → ${c.to.label}: ${formatConnections(changed)}`;
  const here = c.from.presentIn !== 'baseline' && c.to.presentIn !== 'baseline';
  return (
    <li className={`diff-${kind}`}>
      <span aria-hidden="true">{kind === 'opened' ? '+ ' : '− '}</span>
      {here ? (
        <button type="button" className="link" title="Explain this pair at the first changed port" onClick={() => explainChange(c, changed)}>
          {text}
        </button>
      ) : (
        text
      )}
    </li>
  );
}

function DiffView({ diff }: { diff: DesignDiff }) {
  const opened = diff.connections.filter((c) => !isEmptyConnectionSet(c.opened));
  const closed = diff.connections.filter((c) => !isEmptyConnectionSet(c.closed));
  const p = diff.policies;
  // A big diff comes filtered: the totals count every pair, the lists hold the ones that matter most.
  const openedCount = diff.totals?.opened ?? opened.length;
  const closedCount = diff.totals?.closed ?? closed.length;
  const partial = diff.totals !== undefined && diff.totals.pairs > diff.connections.length;
  return (
    <div className="diff-view">
      <p role="status" className="diff-summary">
        {openedCount.toLocaleString('en')} connection{openedCount === 1 ? '' : 's'} opened, {closedCount.toLocaleString('en')} closed · policies: {p.added.length} added,{' '}
        {p.removed.length} removed, {p.changed.length} changed
      </p>
      {partial && (
        <p className="hint">Listed: the paths the graph marks and the first others. The Markdown download has every pair.</p>
      )}
      {opened.length > 0 && (
        <>
          <h4>Opened</h4>
          <ul className="diff-list" aria-label="Connections opened">
            {opened.slice(0, LIST_LIMIT).map((c) => <ChangeItem key={`${c.from.key}>${c.to.key}`} c={c} kind="opened" />)}
          </ul>
        </>
      )}
      {closed.length > 0 && (
        <>
          <h4>Closed</h4>
          <ul className="diff-list" aria-label="Connections closed">
            {closed.slice(0, LIST_LIMIT).map((c) => <ChangeItem key={`${c.from.key}>${c.to.key}`} c={c} kind="closed" />)}
          </ul>
        </>
      )}
      {(opened.length > LIST_LIMIT || closed.length > LIST_LIMIT) && <p className="hint">Lists cut at {LIST_LIMIT}; the Markdown download has them all.</p>}
      {p.added.length + p.removed.length + p.changed.length > 0 && (
        <>
          <h4>Policies</h4>
          <ul className="diff-list" aria-label="Policies changed">
            {p.added.map((x) => <li key={`a${x.key}`} className="diff-opened">added {x.key}</li>)}
            {p.removed.map((x) => <li key={`r${x.key}`} className="diff-closed">removed {x.key}</li>)}
            {p.changed.map((x) => <li key={`c${x.policy.key}`}>changed {x.policy.key} ({x.changes.length} field{x.changes.length === 1 ? '' : 's'})</li>)}
          </ul>
        </>
      )}
    </div>
  );
}

function BaselineSection() {
  const { baseline, diff, error } = useBaseline();
  const showOnGraph = useChangesView((s) => s.showBaselineDiff);
  const fileRef = useRef<HTMLInputElement>(null);
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const r = await readFile(file);
    if ('error' in r) {
      notify({ kind: 'error', title: r.error });
      return;
    }
    setBaseline({ name: file.name, text: r.text, savedAt: new Date().toISOString() });
  };
  return (
    <section aria-labelledby="review-baseline-h">
      <h3 id="review-baseline-h">Compare with a baseline</h3>
      <p className="hint">What changed since a snapshot or another file: connections opened and closed on every port, and policies added, removed or changed.</p>
      <div className="button-row">
        <button type="button" onClick={snapshotBaseline}>Save current design as baseline</button>
        <button type="button" onClick={() => fileRef.current?.click()}>Load baseline from file…</button>
        <input ref={fileRef} type="file" accept=".yaml,.yml,.json,text/yaml,application/json" className="sr-only" aria-label="Baseline file" tabIndex={-1} onChange={(e) => void onFile(e)} />
      </div>
      {baseline && (
        <>
          <p>
            Baseline: <strong>{baseline.name}</strong>{' '}
            <button type="button" className="link" onClick={() => setBaseline(null)}>Clear baseline</button>
          </p>
          {error && <p role="alert" className="error-text">{error}</p>}
          {diff && (
            <label className="check-row">
              <input type="checkbox" checked={showOnGraph} onChange={(e) => setShowBaselineDiff(e.target.checked)} /> Mark the changes on the graph
            </label>
          )}
          {diff && <DiffView diff={diff} />}
          {diff && (
            <button type="button" onClick={() => void downloadFullDiff(baseline)}>
              Download diff (Markdown)
            </button>
          )}
        </>
      )}
    </section>
  );
}

function TestPlanSection() {
  const [scope, setScope] = useState<TestPlanScope>('all');
  const [outside, setOutside] = useState(true);
  const [probes, setProbes] = useState<number | null>(null);
  const id = useId();
  const download = async (format: 'sh' | 'md') => {
    const r = await runJob({ job: 'testplan', format, scope, outside });
    if (!r) return;
    setProbes(r.probes ?? null);
    downloadBlob(format === 'sh' ? 'netpol-testplan.sh' : 'netpol-testplan.md', new Blob([r.text], { type: format === 'sh' ? 'text/x-shellscript' : 'text/markdown' }));
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Prove it on the cluster</h3>
      <p className="hint">
        A bash script: one probe pod per source workload (same labels, so the same policies select it), nc/dig per probe, PASS/FAIL
        each, exit 1 on any surprise. Expected outcomes come from this design.
      </p>
      <div className="field">
        <label htmlFor={`${id}-scope`}>Probes</label>
        <select id={`${id}-scope`} value={scope} onChange={(e) => setScope(e.target.value as TestPlanScope)}>
          <option value="all">every pair on its ports</option>
          <option value="allowed">only those expected to connect</option>
          <option value="denied">only those expected to be blocked</option>
        </select>
      </div>
      <label className="check">
        <input type="checkbox" checked={outside} onChange={(e) => setOutside(e.target.checked)} /> Probe outside addresses (internet, metadata server, API server)
      </label>
      <div className="button-row">
        <button type="button" onClick={() => void download('sh')}>Download test script</button>
        <button type="button" onClick={() => void download('md')}>Download test plan (Markdown)</button>
      </div>
      {probes !== null && <p role="status">{probes} probe{probes === 1 ? '' : 's'} in the last plan.</p>}
    </section>
  );
}

export function ReviewPanel() {
  return (
    <div className="panel-content review-panel">
      <BaselineSection />
      <section aria-labelledby="review-report-h">
        <h3 id="review-report-h">Report</h3>
        <p className="hint">One self-contained document: diagram, matrix, findings with fixes, policies, and the diff when there is a baseline.</p>
        <div className="button-row">
          <button type="button" onClick={() => void downloadReport('html')}>Download HTML report</button>
          <button type="button" onClick={() => void downloadReport('md')}>Download Markdown report</button>
        </div>
        <div className="button-row">
          <button type="button" onClick={() => void exportDiagram('svg')}>Export diagram (SVG)</button>
          <button type="button" onClick={() => void exportDiagram('png')}>Export diagram (PNG)</button>
        </div>
      </section>
      <TestPlanSection />
    </div>
  );
}
