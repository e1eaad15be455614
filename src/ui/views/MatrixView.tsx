import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PROFILES, PROTOCOLS, isProfileId, profileById, type NetworkProfileId, type Protocol } from '../core.ts';
import { downloadBlob } from '../actions.ts';
import { notify, setPanel, setProbe, useStore } from '../store.ts';
import { runReviewJobAsync } from '../../workers/client.ts';
import type { MatrixLevel, MatrixShow } from '../../review/matrixView.ts';
import { cellAt, cellCounts, type CompactMatrix } from '../../review/matrixCompact/index.ts';
import type { CompactMatrixJob } from '../../workers/reviewJobs.ts';
import { seenKey, seenSuffix, useObservedCells } from '../observed/observedMatrix.ts';
import { MatrixTable, REACH_TEXT } from './MatrixTable.tsx';

interface PortSpec {
  port: number;
  protocol: Protocol;
}

/** `80 443/TCP 53/UDP`: numbers with an optional protocol (TCP by default); undefined when a part is not one. */
export function parseMatrixPorts(text: string): PortSpec[] | undefined {
  const parts = text.split(/[\s,]+/).filter((p) => p !== '');
  const out: PortSpec[] = [];
  for (const part of parts) {
    const m = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/i.exec(part);
    if (!m) return undefined;
    const port = Number(m[1]);
    if (port < 1 || port > 65535) return undefined;
    out.push({ port, protocol: (m[2]?.toUpperCase() ?? 'TCP') as Protocol });
  }
  return out;
}


/** Longer Markdown than this (characters) is not put on the clipboard: the download takes any size. */
const COPY_LIMIT = 5_000_000;

export function MatrixView() {
  const { validText, settings, graphNamespaces, externals } = useStore(useShallow((s) => ({
    validText: s.validText, settings: s.settings, graphNamespaces: s.analysis?.graph.namespaces, externals: s.analysis?.graph.externals,
  })));
  // Outside addresses are rows and columns too (job `outside`), named as their graph nodes.
  const titleOf = useMemo(() => {
    // Addresses by the node they probe; the DNS row (`ext:dns`, the DNS pods) by its node's key.
    const titles = new Map<string, string>((externals ?? []).flatMap((e): [string, string][] => [[e.key, e.title], ...(e.probe.kind === 'ip' ? [[`ip:${e.probe.ip}`, e.title] as [string, string]] : [])]));
    return (label: string) => titles.get(label) ?? label;
  }, [externals]);
  const namespaces = useMemo(() => (graphNamespaces ?? []).map((n) => n.name), [graphNamespaces]);
  const observedCells = useObservedCells();
  const [level, setLevel] = useState<MatrixLevel>('namespace');
  const [show, setShow] = useState<MatrixShow>('all');
  const [namespace, setNamespace] = useState('');
  const [portsText, setPortsText] = useState('');
  // The port shown, by what it is (TCP/9000), not by its place: a port chosen from the list of the
  // last answer while a new list of ports is computed must stay that port (by index it became
  // another one, and the list said one port while the table showed another).
  const [portKey, setPortKey] = useState<string | null>(null);
  const [compareProfile, setCompareProfile] = useState<NetworkProfileId | ''>('');
  const [result, setResult] = useState<{ view: CompactMatrix; compare?: CompactMatrix; differing?: number[]; job: CompactMatrixJob; ports: PortSpec[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const ports = useMemo(() => parseMatrixPorts(portsText), [portsText]);
  // Every port of the matrix (the last answer's); the view holds them all, or only the one shown.
  const allPorts = result?.ports ?? [];
  const portIndex = Math.max(0, portKey === null ? 0 : allPorts.findIndex((x) => `${x.protocol}/${x.port}` === portKey));

  useEffect(() => {
    if (ports === undefined) return;
    let live = true;
    // Typed arrays from the worker, not a cell object per pair; the exports are built when asked for.
    const job: CompactMatrixJob = {
      level, show, ...(namespace ? { namespaces: [namespace] } : {}), ...(ports.length > 0 ? { ports } : {}), ...(compareProfile ? { compareProfile } : {}),
    };
    // The port shown only: another port is another (as quick) job.
    const one = { ...job, portIndex };
    void runReviewJobAsync(validText, settings, { job: 'matrixCompact', ...one }).then((r) => {
      if (!live) return;
      if (r.ok && r.compact) {
        setResult({ view: r.compact, ...(r.compactCompare ? { compare: r.compactCompare } : {}), ...(r.differing ? { differing: r.differing } : {}), job, ports: r.matrixPorts ?? r.compact.ports });
        setError(null);
      } else setError(r.ok ? 'No matrix.' : r.message);
    });
    return () => {
      live = false;
    };
  }, [validText, settings, level, show, namespace, ports, compareProfile, portIndex]);

  /** The export of the matrix shown, from the worker in parts; undefined (and said why) when refused. */
  const exportText = async (format: 'csv' | 'md'): Promise<string[] | undefined> => {
    if (!result) return undefined;
    setExporting(true);
    try {
      // The export is of this plugin's matrix, every port.
      const job: CompactMatrixJob = { ...result.job };
      delete job.compareProfile;
      const r = await runReviewJobAsync(validText, settings, { job: 'matrixExport', format, ...job });
      if (r.ok && r.parts) return r.parts;
      notify({ kind: 'error', title: r.ok ? 'No export.' : r.message });
      return undefined;
    } finally {
      setExporting(false);
    }
  };
  const download = (format: 'csv' | 'md') => void exportText(format).then((parts) => {
    if (parts) downloadBlob(format === 'csv' ? 'netpol-matrix.csv' : 'netpol-matrix.md', new Blob(parts, { type: format === 'csv' ? 'text/csv' : 'text/markdown' }));
  });
  const copyMarkdown = () => void exportText('md').then((parts) => {
    if (!parts) return;
    const length = parts.reduce((sum, x) => sum + x.length, 0);
    if (length > COPY_LIMIT) {
      notify({ kind: 'error', title: `The Markdown is ${(length / 1e6).toFixed(1)} MB, too much for the clipboard: use Export Markdown.` });
      return;
    }
    void navigator.clipboard.writeText(parts.join('')).then(() => notify({ kind: 'success', title: 'Copied the matrix as Markdown.' }), () => notify({ kind: 'error', title: 'The browser did not allow copying.' }));
  });

  const view = result?.view;
  const shownPort = portIndex < allPorts.length ? portIndex : 0;
  const p = view && view.ports.length === allPorts.length ? shownPort : 0;
  const port = view?.ports[p];
  // Cells whose count differs under the other network plugin (same labels and ports by construction).
  const other = result?.compare && result.compare.labels.length === view?.labels.length ? result.compare : undefined;
  const otherCell = (r: number, c: number) => (other ? cellAt(other, p, r, c) : undefined);
  const differs = (r: number, c: number) => {
    const o = otherCell(r, c);
    return o !== undefined && o.allowed !== cellCounts(view!, p, r, c).allowed;
  };
  const otherName = compareProfile ? profileById(compareProfile).name : '';
  const differing = result?.differing?.[p] ?? 0;
  // What the table leaves out, said plainly (issue 12: nothing dropped silently).
  const shown = view ? [
    namespace ? `Only ${namespace} (${namespaces.length - 1} other namespace${namespaces.length === 2 ? '' : 's'} left out; choose "all" in Only namespace to see them)` : '',
    view.hidden > 0 ? `${view.hidden} row${view.hidden === 1 ? '' : 's'} and column${view.hidden === 1 ? '' : 's'} with no ${show} cell left out (Show: every cell to see them)` : '',
  ].filter((x) => x !== '') : [];

  const caption = view && port
    ? `Reachability on ${port.protocol}/${port.port}: rows are sources, columns destinations${
      view.level === 'namespace' ? '; a cell counts the workload pairs allowed (click to see the workloads)' : '; click a cell for the explanation'}.`
    : '';

  const openCell = (row: number, col: number) => {
    if (!view || !port) return;
    const from = view.labels[row]!;
    const to = view.labels[col]!;
    if (view.level === 'namespace') {
      // A namespace cell summarizes pairs: zoom into the source namespace's workloads.
      setLevel('workload');
      if (!from.startsWith('ip:') && !from.startsWith('ext:')) setNamespace(from);
      return;
    }
    const key = (label: string) => (label.includes('/') ? `wl:${label}` : label);
    // The DNS row stands for the DNS pods: zoom into their namespace at the namespace level (above).
    setProbe({ from: key(from), to: key(to), protocol: port.protocol, port: String(port.port) });
    setPanel('explain');
  };

  return (
    <div className="matrix-view">
      <form className="matrix-controls" aria-label="Matrix options" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="matrix-level">Level</label>
          <select id="matrix-level" value={level} onChange={(e) => setLevel(e.target.value as MatrixLevel)}>
            <option value="namespace">namespaces</option>
            <option value="workload">workloads</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="matrix-namespace">Only namespace</label>
          <select id="matrix-namespace" value={namespace} onChange={(e) => setNamespace(e.target.value)}>
            <option value="">all</option>
            {namespaces.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="matrix-show">Show</label>
          <select id="matrix-show" value={show} onChange={(e) => setShow(e.target.value as MatrixShow)}>
            <option value="all">every cell</option>
            <option value="allowed">allowed</option>
            <option value="denied">denied</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="matrix-ports">Ports</label>
          <input id="matrix-ports" value={portsText} placeholder="declared" title="Empty: every declared container port. Or list ports, e.g. 80 443 53/UDP" aria-invalid={ports === undefined} onChange={(e) => {
            setPortsText(e.target.value);
            setPortKey(null);
          }} />
        </div>
        <div className="field">
          <label htmlFor="matrix-compare">Compare with plugin</label>
          <select id="matrix-compare" value={compareProfile} onChange={(e) => setCompareProfile(isProfileId(e.target.value) ? e.target.value : '')}>
            <option value="">none</option>
            {PROFILES.filter((x) => x.id !== (settings.profile ?? 'spec')).map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
          </select>
        </div>
        {allPorts.length > 1 && (
          <div className="field">
            <label htmlFor="matrix-port">Port shown</label>
            <select id="matrix-port" value={shownPort} onChange={(e) => {
              const chosen = allPorts[Number(e.target.value)];
              if (chosen) setPortKey(`${chosen.protocol}/${chosen.port}`);
            }}>
              {allPorts.map((x, i) => <option key={`${x.protocol}/${x.port}`} value={i}>{x.protocol}/{x.port}</option>)}
            </select>
          </div>
        )}
        <div className="button-row">
          <button type="button" disabled={!result || exporting} onClick={() => download('csv')}>Export CSV</button>
          <button type="button" disabled={!result || exporting} onClick={() => download('md')}>Export Markdown</button>
          <button type="button" disabled={!result || exporting} onClick={copyMarkdown}>Copy Markdown</button>
        </div>
      </form>
      {ports === undefined && <p role="alert" className="error-text">Ports: write numbers with an optional protocol, e.g. 80 443/TCP 53/UDP.</p>}
      {error && <p role="alert" className="error-text">{error}</p>}
      {shown.length > 0 && <p className="hint matrix-partial" role="status">{shown.join('. ')}.</p>}
      {view && port && (
        <MatrixTable
          view={view}
          portIndex={p}
          port={port}
          caption={caption}
          titleOf={titleOf}
          onOpen={openCell}
          summary={other ? (
            <p className="matrix-compare-summary" role="status">
              {differing === 0
                ? `${otherName} gives the same verdicts on ${port.protocol}/${port.port}.`
                : `${differing} cell${differing === 1 ? '' : 's'} differ${differing === 1 ? 's' : ''} on ${otherName} (marked ≠); the symbols show ${profileById(settings.profile).name}.`}
            </p>
          ) : undefined}
          other={(r, c) => {
            const o = differs(r, c) ? otherCell(r, c) : undefined;
            return o ? { text: `; on ${otherName}: ${REACH_TEXT[o.reach]}${o.total > 1 ? ` (${o.allowed} of ${o.total} pairs)` : ''}` } : undefined;
          }}
          seen={(r, c) => {
            const seen = observedCells.get(seenKey(view.labels[r]!, view.labels[c]!, port.protocol, port.port));
            return seen ? seenSuffix(seen) : undefined;
          }}
        />
      )}
      {!view && !error && <p className="hint">Computing the matrix…</p>}
      <p className="hint">{PROTOCOLS.join(', ')} probes come from the declared container ports unless you list ports. Same data as <code>cli matrix</code>.</p>
    </div>
  );
}
