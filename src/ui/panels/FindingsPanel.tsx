import { useId, useMemo, useState } from 'react';
import { FINDING_RULES, FINDING_SEVERITIES, type Finding, type FindingSeverity } from '../core.ts';
import { revealLine } from '../editorBridge.ts';
import { toggleYaml, useStore } from '../store.ts';
import { applyFix, countBySeverity, filterFindings, useFindings } from '../review/findingsStore.ts';

const SEVERITY_TITLE: Record<FindingSeverity, string> = { high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };

function showLine(line: number, col: number): void {
  if (!useStore.getState().showYaml) toggleYaml();
  // The editor may mount (lazily) after the panel opens: try again once it had a frame.
  revealLine(line, col);
  requestAnimationFrame(() => setTimeout(() => revealLine(line, col), 50));
}

function objectName(f: Finding): string | undefined {
  if (!f.object) return undefined;
  return `${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name}`;
}

function FindingItem({ finding, stale }: { finding: Finding; stale: boolean }) {
  const titleId = useId();
  const name = objectName(finding);
  return (
    <li className={`finding finding-${finding.severity}`} aria-labelledby={titleId}>
      <div className="finding-head">
        <span className={`severity severity-${finding.severity}`}>{SEVERITY_TITLE[finding.severity]}</span>
        <strong id={titleId} className="finding-title">{finding.title}</strong>
      </div>
      <p className="finding-risk">{finding.risk}</p>
      <p className="finding-meta">
        {name && <span>{name}</span>}
        {finding.path && <code>{finding.path}</code>}
        {finding.location && (
          <button
            type="button"
            className="link"
            aria-label={`Show line ${finding.location.line} in the YAML`}
            onClick={() => showLine(finding.location!.line, finding.location!.col)}
          >
            line {finding.location.line}
          </button>
        )}
        <span className="finding-rule" title={FINDING_RULES[finding.rule as keyof typeof FINDING_RULES]?.description}>{finding.rule}</span>
      </p>
      {finding.fixes.length > 0 && (
        <div className="finding-fixes">
          {finding.fixes.map((fix) => (
            <div key={fix.title} className="finding-fix">
              <button type="button" className="primary" disabled={stale} onClick={() => applyFix(fix)} aria-describedby={`${titleId}-fix`}>
                Apply: {fix.title}
              </button>
              <span id={`${titleId}-fix`} className="hint">{fix.description}</span>
            </div>
          ))}
        </div>
      )}
    </li>
  );
}

export function FindingsPanel() {
  const { findings, reviewedText, failed } = useFindings();
  const validText = useStore((s) => s.validText);
  const [shown, setShown] = useState<ReadonlySet<FindingSeverity>>(() => new Set(FINDING_SEVERITIES));
  const [query, setQuery] = useState('');
  const all = findings ?? [];
  const counts = useMemo(() => countBySeverity(all), [all]);
  const visible = useMemo(() => filterFindings(all, shown, query), [all, shown, query]);
  const stale = reviewedText !== validText;

  const toggle = (severity: FindingSeverity) =>
    setShown((prev) => {
      const next = new Set(prev);
      if (next.has(severity)) next.delete(severity);
      else next.add(severity);
      return next;
    });

  if (findings === null) return <div className="panel-content"><p className="hint">Reviewing the design…</p></div>;

  return (
    <div className="panel-content findings-panel">
      <p className="hint">
        Lint with judgement: {Object.keys(FINDING_RULES).length} checks (open namespaces, policyTypes surprises, split rules, DNS and
        API server lockdowns, wide CIDRs, dead selectors, redundant and shadowed rules, admin tiers). Each fix is one undoable change.
      </p>
      {(stale || failed) && (
        <p className="hint" role="status">{failed ? 'The last review failed; these findings may be out of date.' : 'Updating findings…'}</p>
      )}
      <fieldset className="severity-filter">
        <legend>Show severities</legend>
        {FINDING_SEVERITIES.map((s) => (
          <label key={s} className={`severity-toggle severity-${s}`}>
            <input type="checkbox" checked={shown.has(s)} onChange={() => toggle(s)} />
            {SEVERITY_TITLE[s]} ({counts[s]})
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="findings-query">Filter findings</label>
        <input id="findings-query" type="search" value={query} placeholder="name, namespace, check…" onChange={(e) => setQuery(e.target.value)} />
      </div>
      {all.length === 0 ? (
        <p className="empty">No findings: nothing in this design trips any of the checks.</p>
      ) : visible.length === 0 ? (
        <p className="empty">No finding matches the filter ({all.length} hidden).</p>
      ) : (
        <ul className="findings" aria-label="Findings">
          {visible.map((f) => (
            <FindingItem key={f.id} finding={f} stale={stale} />
          ))}
        </ul>
      )}
    </div>
  );
}
