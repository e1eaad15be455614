// The review's findings of the YAML on screen. The analysis worker reviews every design it analyzes
// (after the graph's answer) and locates the findings in the text the editor shows; this store keeps
// the latest, with the text and settings they describe. A design that does not parse keeps the last
// findings (the panel marks them out of date). Should a design go without a review (a newer one
// came first, the worker was restarted), a review of the text of record is asked for once idle.
import { create } from 'zustand';
import { applyFindingFix, FINDING_SEVERITIES, type DesignSettings, type Finding, type FindingFix, type FindingSeverity } from '../core.ts';
import { findingsPending, onFindings, reviewTextAsync } from '../../workers/client.ts';
import { commitObjects, notify, setPanel, useStore } from '../store.ts';
import { freshness, sameSettings, textsMatch, type FindingsFreshness } from './findingsView.ts';

export const FINDINGS_FILE = 'design.yaml';

interface FindingsState {
  findings: Finding[] | null;
  /** The text the findings' locations are lines of. */
  reviewedText: string | null;
  reviewedSettings: DesignSettings | null;
  /** The review of the text of record failed; the findings shown are older. */
  failed: boolean;
  /** The panel's filters (kept while other tabs are open). */
  shown: readonly FindingSeverity[];
  query: string;
}

export const useFindings = create<FindingsState>()(() => ({
  findings: null,
  reviewedText: null,
  reviewedSettings: null,
  failed: false,
  shown: FINDING_SEVERITIES,
  query: '',
}));

export function toggleSeverity(severity: FindingSeverity): void {
  useFindings.setState((f) => ({
    shown: f.shown.includes(severity) ? f.shown.filter((s) => s !== severity) : FINDING_SEVERITIES.filter((s) => s === severity || f.shown.includes(s)),
  }));
}

export function setFindingsQuery(query: string): void {
  useFindings.setState({ query });
}

/** Whether the findings describe the YAML on screen (for components: re-renders when that changes). */
export function useFindingsFreshness(): FindingsFreshness {
  const reviewed = useFindings((f) => f.reviewedText);
  const reviewedSettings = useFindings((f) => f.reviewedSettings);
  return useStore((s) => freshness(s, { reviewedText: reviewed, reviewedSettings }));
}

let started = false;

/** Keeps the findings in step with the design. */
export function startFindingsSync(): void {
  if (started) return;
  started = true;
  onFindings((report) => {
    if (report) {
      // The page's own copy of the text when it is that text: the worker's copy is let go (megabytes
      // at a large design) and the page's questions about it are answered by identity (textsMatch).
      const { validText } = useStore.getState();
      const reviewedText = report.text === validText ? validText : report.text;
      useFindings.setState({ findings: report.findings, reviewedText, reviewedSettings: report.settings, failed: false });
      // For the measurement scripts (scripts/pageSteps.ts): when findings reach the page.
      performance.mark('netpol:findings');
    }
    reviewIfMissed();
  });
  useStore.subscribe(reviewIfMissed);
  reviewIfMissed();
}

let fallbackTimer: ReturnType<typeof setTimeout> | undefined;
/** A fallback review is out. */
let asking = false;
/** The text of record whose fallback review failed: not asked again. */
let failedFor: { text: string; settings: DesignSettings } | undefined;

/** True when the page is idle, the text of record parsed, no review is coming and the findings are not its. */
function missed(): boolean {
  const s = useStore.getState();
  const f = useFindings.getState();
  if (asking || s.busy || s.emitting || !s.textValid || s.objects !== s.textObjects || findingsPending()) return false;
  const texts = textsMatch(f.reviewedText, s.validText, s.text);
  if (!texts.shownIsValid) return false;
  if (texts.reviewedIsValid && sameSettings(f.reviewedSettings, s.settings)) return false;
  return !(failedFor && failedFor.text === s.validText && sameSettings(failedFor.settings, s.settings));
}

function reviewIfMissed(): void {
  if (!missed()) return;
  clearTimeout(fallbackTimer);
  fallbackTimer = setTimeout(() => {
    if (!missed()) return;
    const { validText, settings } = useStore.getState();
    asking = true;
    void reviewTextAsync(validText, FINDINGS_FILE, settings).then((findings) => {
      asking = false;
      failedFor = findings ? undefined : { text: validText, settings };
      const now = useStore.getState();
      if (now.validText === validText && sameSettings(now.settings, settings)) {
        useFindings.setState((f) => (findings ? { findings, reviewedText: validText, reviewedSettings: settings, failed: false } : { ...f, failed: true }));
      }
      reviewIfMissed();
    });
  }, 150);
}

/**
 * Applies a fix as one undoable change, when the findings describe the YAML on screen (the fix's
 * object indices are those of the manifests they were computed for). Says what it did, with Undo.
 */
export function applyFix(fix: FindingFix): boolean {
  const s = useStore.getState();
  if (freshness(s, useFindings.getState()) !== 'current') return false;
  commitObjects(applyFindingFix(s.textObjects, fix));
  notify({ kind: 'success', title: `Applied: ${fix.title}`, details: [fix.description], undoable: true });
  return true;
}

/** Shows the Findings tab (unfolding the side panel). */
export function openFindings(): void {
  if (useStore.getState().sideCollapsed) useStore.setState({ sideCollapsed: false });
  setPanel('findings');
}
