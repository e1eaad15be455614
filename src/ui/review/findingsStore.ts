// The review's findings for the text of record, computed in the analysis worker whenever the design
// or the settings change. They are computed from the text (not the objects) so that their locations
// are lines of the YAML the editor shows.
import { create } from 'zustand';
import { applyFindingFix, FINDING_SEVERITIES, type Finding, type FindingFix, type FindingSeverity } from '../core.ts';
import { reviewTextAsync } from '../../workers/client.ts';
import { commitObjects, notify, setPanel, useStore } from '../store.ts';

export const FINDINGS_FILE = 'design.yaml';

interface FindingsState {
  findings: Finding[] | null;
  /** The text the findings were computed for; when it is not the text of record they are stale. */
  reviewedText: string | null;
  failed: boolean;
}

export const useFindings = create<FindingsState>()(() => ({ findings: null, reviewedText: null, failed: false }));

export type SeverityCounts = Record<FindingSeverity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts = Object.fromEntries(FINDING_SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Findings whose severity is shown and whose title, risk, rule or object name contain the query. */
export function filterFindings(findings: readonly Finding[], shown: ReadonlySet<FindingSeverity>, query: string): Finding[] {
  const q = query.trim().toLowerCase();
  return findings.filter((f) =>
    shown.has(f.severity)
    && (q === '' || [f.title, f.risk, f.rule, f.object?.name ?? '', f.object?.namespace ?? ''].some((t) => t.toLowerCase().includes(q))));
}

let started = false;

/** Keeps the findings in step with the design: reviews the text of record shortly after it settles. */
export function startFindingsSync(): void {
  if (started) return;
  started = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  const run = () => {
    const { validText, settings } = useStore.getState();
    const mine = ++latest;
    void reviewTextAsync(validText, FINDINGS_FILE, settings).then((findings) => {
      if (mine !== latest) return;
      // A failed review keeps the last findings (marked stale by their text) rather than showing none.
      useFindings.setState((s) => (findings ? { findings, reviewedText: validText, failed: false } : { ...s, failed: true }));
    });
  };
  useStore.subscribe((s, prev) => {
    if (s.validText === prev.validText && s.settings === prev.settings) return;
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  run();
}

/** Applies a fix to the manifests the findings were computed for, as one undoable change. */
export function applyFix(fix: FindingFix): boolean {
  const { validText, textObjects } = useStore.getState();
  if (useFindings.getState().reviewedText !== validText) return false;
  commitObjects(applyFindingFix(textObjects, fix));
  notify({ kind: 'success', title: `Applied: ${fix.title}`, details: [fix.description], undoable: true });
  return true;
}

export function openFindings(): void {
  const s = useStore.getState();
  if (s.sideCollapsed) useStore.setState({ sideCollapsed: false });
  setPanel('findings');
}
