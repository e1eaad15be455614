// Security review mode: the findings of the YAML on screen, most severe first, with severity and
// text filters, a link to each finding's line, its object on the graph, and one-click fixes.
import { useId, useMemo } from 'react';
import { FINDING_RULES, FINDING_SEVERITIES, type Finding, type FindingFix } from '../core.ts';
import { revealLine } from '../editorBridge.ts';
import { select, setCanvasView, toggleYaml, useStore } from '../store.ts';
import { isExpanded } from '../graph/derive.ts';
import { focusNoticeUndo } from '../components/NoticeBar.tsx';
import { applyFix, setFindingsQuery, toggleSeverity, useFindings, useFindingsFreshness } from '../review/findingsStore.ts';
import { InvariantsSection } from '../invariants/InvariantsSection.tsx';
import {
  countBySeverity,
  filterFindings,
  graphNodeOf,
  groupBySeverity,
  objectLabel,
  SEVERITY_TITLE,
  type FindingsFreshness,
} from '../review/findingsView.ts';

const CHECKED =
  'namespace and workload isolation, policyTypes surprises, rules split by a stray "-", DNS and API server lockdowns, wide CIDRs, selectors that match nothing, redundant and shadowed rules, and admin tiers';

function showLine(line: number, col: number): void {
  if (!useStore.getState().showYaml) toggleYaml();
  // The editor loads lazily and may mount after the YAML panel opens: reveal again once it had a frame.
  revealLine(line, col);
  requestAnimationFrame(() => setTimeout(() => revealLine(line, col), 50));
}

function showOnGraph(node: string): void {
  setCanvasView('graph');
  select({ kind: 'node', id: node });
}

function apply(fix: FindingFix): void {
  if (applyFix(fix)) focusNoticeUndo();
}

function FindingItem({ finding, node, canFix }: { finding: Finding; node: string | undefined; canFix: boolean }) {
  const id = useId();
  const label = objectLabel(finding);
  const rule = (FINDING_RULES as Record<string, { title: string; description: string } | undefined>)[finding.rule];
  const location = finding.location;
  return (
    <li className={`finding finding-${finding.severity}`} aria-labelledby={`${id}-title`}>
      <div className="finding-head">
        <span className={`severity severity-${finding.severity}`}>{SEVERITY_TITLE[finding.severity]}</span>
        <strong id={`${id}-title`} className="finding-title">{finding.title}</strong>
      </div>
      <p className="finding-risk">{finding.risk}</p>
      <p className="finding-meta">
        {label &&
          (node ? (
            <button type="button" className="link finding-object" aria-label={`Show ${label} on the graph`} onClick={() => showOnGraph(node)}>
              {label}
            </button>
          ) : (
            <span className="finding-object">{label}</span>
          ))}
        {finding.path && <code className="finding-path">{finding.path}</code>}
        {location && (
          <button type="button" className="link finding-line" aria-label={`Show line ${location.line} in the YAML`} onClick={() => showLine(location.line, location.col)}>
            line {location.line}
          </button>
        )}
      </p>
      {finding.fixes.length > 0 && (
        <ul className="finding-fixes" aria-label="Fixes">
          {finding.fixes.map((fix, i) => (
            <li key={fix.title} className="finding-fix">
              <button type="button" className="fix-button" disabled={!canFix} onClick={() => apply(fix)} aria-describedby={`${id}-fix-${i}`}>
                Apply: {fix.title}
              </button>
              <p id={`${id}-fix-${i}`} className="hint">{fix.description}</p>
            </li>
          ))}
        </ul>
      )}
      {rule && (
        <p className="finding-rule" title={`${rule.description} (${finding.rule})`}>
          Check: {rule.title}
        </p>
      )}
    </li>
  );
}

const STATUS: Record<FindingsFreshness, string> = {
  current: '',
  updating: '',
  invalid: 'The YAML has errors: these findings are of its last valid version, so line links may be off. Fixes wait until it parses.',
};

export function FindingsPanel() {
  const { findings, failed, shown, query } = useFindings();
  const freshness = useFindingsFreshness();
  const graph = useStore((s) => s.analysis?.graph);
  const expanded = useStore((s) => s.expanded);
  const designEmpty = useStore((s) => s.objects.length === 0);
  const all = useMemo(() => findings ?? [], [findings]);
  const counts = useMemo(() => countBySeverity(all), [all]);
  const shownSet = useMemo(() => new Set(shown), [shown]);
  const visible = useMemo(() => filterFindings(all, shownSet, query), [all, shownSet, query]);
  const groups = useMemo(() => groupBySeverity(visible), [visible]);
  const nodeOf = useMemo(() => {
    if (!graph) return () => undefined;
    const namespaces = new Map(graph.namespaces.map((n) => [n.name, n]));
    const open = (name: string) => {
      const ns = namespaces.get(name);
      return ns !== undefined && isExpanded(graph, expanded, ns);
    };
    return (f: Finding) => graphNodeOf(f, graph, open);
  }, [graph, expanded]);

  if (findings === null) {
    return (
      <div className="panel-content">
        <p className="hint" role="status">Reviewing the design…</p>
      </div>
    );
  }

  const status = failed ? 'The last review failed; these findings may be out of date.' : STATUS[freshness];
  const checks = Object.keys(FINDING_RULES).length;
  return (
    <div className="panel-content findings-panel">
      <p className="hint">
        Security review of the design ({checks} checks), updated as you edit. Each fix is one change you can undo.
      </p>
      <p className="findings-status" role="status">{status}</p>
      <InvariantsSection />
      {all.length === 0 ? (
        <p className="findings-empty">
          <strong>No findings.</strong>{' '}
          {designEmpty ? `The design is empty. Import manifests or load a sample to have them checked for ${CHECKED}.` : `The design passes every check: ${CHECKED}.`}
        </p>
      ) : (
        <>
          <fieldset className="severity-filter">
            <legend>Show</legend>
            {FINDING_SEVERITIES.map((s) => (
              <label key={s} className={`severity-toggle severity-toggle-${s}${counts[s] === 0 ? ' is-empty' : ''}`}>
                <input type="checkbox" checked={shownSet.has(s)} onChange={() => toggleSeverity(s)} />
                <span className={`severity-dot severity-dot-${s}`} aria-hidden="true" />
                {SEVERITY_TITLE[s]} ({counts[s]})
              </label>
            ))}
          </fieldset>
          <div className="field findings-query">
            <label htmlFor="findings-query">Filter findings</label>
            <input
              id="findings-query"
              type="search"
              value={query}
              placeholder="object, namespace, check, field…"
              onChange={(e) => setFindingsQuery(e.target.value)}
            />
          </div>
          {visible.length < all.length && (
            <p className="hint">
              {visible.length} of {all.length} findings shown.
            </p>
          )}
          {visible.length === 0 ? (
            <p className="empty">No finding matches these filters.</p>
          ) : (
            groups.map((g) => (
              <section key={g.severity} className="findings-group" aria-labelledby={`findings-${g.severity}`}>
                <h3 id={`findings-${g.severity}`} className={`findings-group-title severity-text-${g.severity}`}>
                  {SEVERITY_TITLE[g.severity]} ({g.findings.length})
                </h3>
                <ul className="findings" aria-label={`${SEVERITY_TITLE[g.severity]} findings`}>
                  {g.findings.map((f) => (
                    <FindingItem key={f.id} finding={f} node={nodeOf(f)} canFix={freshness === 'current'} />
                  ))}
                </ul>
              </section>
            ))
          )}
        </>
      )}
    </div>
  );
}
