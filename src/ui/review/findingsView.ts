// What the findings panel and the header show: counts, filters, severity groups, labels, and whether
// the findings still describe the YAML on screen. Pure (no React, no store), so it is unit-tested.
import { FINDING_RULES, FINDING_SEVERITIES, type DesignSettings, type Finding, type FindingSeverity, type KubeObject } from '../core.ts';
import { namespaceKey } from '../../workers/analysis.ts';

export type SeverityCounts = Record<FindingSeverity, number>;

export const SEVERITY_TITLE: Record<FindingSeverity, string> = { high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts = Object.fromEntries(FINDING_SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** `Deployment shop/web`, `Namespace db`; undefined for findings about the design as a whole. */
export function objectLabel(f: Finding): string | undefined {
  if (!f.object) return undefined;
  return `${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name}`;
}

const ruleTitle = (rule: string): string | undefined => (FINDING_RULES as Record<string, { title: string } | undefined>)[rule]?.title;

/**
 * Findings whose severity is shown and that contain every word of the query (case-insensitive) in
 * their title, risk, check (id or name), object or field path.
 */
export function filterFindings(findings: readonly Finding[], shown: ReadonlySet<FindingSeverity>, query: string): Finding[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  return findings.filter((f) => {
    if (!shown.has(f.severity)) return false;
    if (words.length === 0) return true;
    const haystack = [f.title, f.risk, f.rule, ruleTitle(f.rule) ?? '', objectLabel(f) ?? '', f.path ?? ''].join('\n').toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

export interface SeverityGroup {
  severity: FindingSeverity;
  findings: Finding[];
}

/** Most severe first; empty groups left out; the findings keep their order within a group. */
export function groupBySeverity(findings: readonly Finding[]): SeverityGroup[] {
  return FINDING_SEVERITIES.map((severity) => ({ severity, findings: findings.filter((f) => f.severity === severity) })).filter(
    (g) => g.findings.length > 0,
  );
}

/** The header's count: visible text and accessible name. */
export function findingsSummary(findings: readonly Finding[]): { text: string; label: string } {
  const high = countBySeverity(findings).high;
  const total = `${findings.length} finding${findings.length === 1 ? '' : 's'}`;
  return {
    text: high > 0 ? `${high} high · ${total}` : total,
    label: `Findings: ${findings.length}${high > 0 ? ` (${high} high)` : ''}`,
  };
}

/** Settings are small plain data: equal when they print the same. */
export const sameSettings = (a: DesignSettings | null, b: DesignSettings): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/** What the page holds that decides whether findings still describe the YAML on screen. */
export interface DesignOnScreen {
  /** What the editor shows. */
  text: string;
  /** The last text that parsed (the objects of record came from it or were written as it). */
  validText: string;
  textValid: boolean;
  objects: readonly KubeObject[];
  textObjects: readonly KubeObject[];
  settings: DesignSettings;
}

export interface ReviewedDesign {
  reviewedText: string | null;
  reviewedSettings: DesignSettings | null;
}

export type FindingsFreshness =
  /** They describe the YAML on screen: line links are right, fixes apply. */
  | 'current'
  /** The YAML does not parse: they are the last valid version's (lines may be off). */
  | 'invalid'
  /** A change is being analyzed: new findings follow. */
  | 'updating';

/** Whether the reviewed text is the text of record, and whether the editor shows the text of record. */
export interface TextsMatch {
  reviewedIsValid: boolean;
  shownIsValid: boolean;
}

/** The texts last compared (the latest copies seen) and how they compared. */
let lastTexts: { reviewed: string | null; valid: string; shown: string; match: TextsMatch } | undefined;

/**
 * `reviewed === valid` and `shown === valid`, remembered for the last three texts. The page asks on
 * every store update (several subscribers each), and two equal multi-MB texts that are different
 * copies (the worker's and the page's) compare character by character, while the same copy compares
 * at once. A new text costs a comparison or two once; the copies seen last are kept, so that the
 * next question about them is answered by identity.
 */
export function textsMatch(reviewed: string | null, valid: string, shown: string): TextsMatch {
  const last = lastTexts;
  if (last && last.reviewed === reviewed && last.valid === valid && last.shown === shown) {
    last.reviewed = reviewed;
    last.valid = valid;
    last.shown = shown;
    return last.match;
  }
  const match = { reviewedIsValid: reviewed === valid, shownIsValid: shown === valid };
  lastTexts = { reviewed, valid, shown, match };
  return match;
}

export function freshness(page: DesignOnScreen, reviewed: ReviewedDesign): FindingsFreshness {
  if (!page.textValid) return 'invalid';
  const texts = textsMatch(reviewed.reviewedText, page.validText, page.text);
  const current = texts.reviewedIsValid
    && texts.shownIsValid
    && page.objects === page.textObjects
    && sameSettings(reviewed.reviewedSettings, page.settings);
  return current ? 'current' : 'updating';
}

/** The graph's nodes, as far as finding an object on it needs them. */
export interface GraphNodes {
  workloads: readonly { key: string; namespace: string; name: string; kind: string }[];
  namespaces: readonly { name: string }[];
}

/**
 * The graph node that shows a finding's object: its workload (or the namespace box when the
 * namespace is collapsed), or the namespace of a namespace or a namespaced policy.
 */
export function graphNodeOf(f: Finding, graph: GraphNodes, expanded: (namespace: string) => boolean): string | undefined {
  const o = f.object;
  if (!o) return undefined;
  const ns = o.kind === 'Namespace' ? o.name : o.namespace;
  if (ns === undefined || !graph.namespaces.some((n) => n.name === ns)) return undefined;
  const workload = graph.workloads.find((w) => w.namespace === ns && w.name === o.name && w.kind === o.kind);
  return workload && expanded(ns) ? workload.key : namespaceKey(ns);
}
