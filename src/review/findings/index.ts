// Public API of the findings engine: review a design, list the checks, apply a fix. Pure (no DOM):
// runs in the analysis worker, the CLI and tests alike.
import type { DesignSettings } from '../../design/types.ts';
import type { Design } from '../../model/types.ts';
import { FINDING_SEVERITIES, type Finding } from '../types.ts';
import { checkAdmin } from './admin.ts';
import { createContext, finding, type ReviewContext } from './context.ts';
import type { CompileMemo } from './compileMemo.ts';
import type { KeptResults } from './kept.ts';
import { checkDeadSelectors } from './deadSelectors.ts';
import { checkEgressLockdown } from './egressLockdown.ts';
import { checkIpBlocksOverCluster } from './ipBlockCoversPods.ts';
import { checkPolicyTypes } from './policyTypes.ts';
import { checkRedundancy } from './redundant.ts';
import { checkSplitRules } from './splitRule.ts';
import { checkSplitPeers } from './splitPeer.ts';
import { checkPortsToAnywhere } from './portsToAnywhere.ts';
import { checkApiServerVip } from './apiServerVip.ts';
import { checkUnexpressible } from './unexpressible.ts';
import { checkUnprotected } from './unprotected.ts';
import { checkWideCidrs } from './wideCidr.ts';
import { checkProfileDivergence } from './profileDivergence.ts';

export { applyFindingFix, diffObjects } from './changes.ts';
export { FINDING_RULES, type FindingRule, type FindingRuleId } from './rules.ts';
export { apiServerNeed } from './egressLockdown.ts';
export { compileMemo, type CompileMemo } from './compileMemo.ts';
export { keptResults, type KeptResults } from './kept.ts';

export const REVIEW_CHECKS: readonly { name: string; run: (ctx: ReviewContext) => Finding[] }[] = [
  { name: 'unprotected', run: checkUnprotected },
  { name: 'policyTypes', run: checkPolicyTypes },
  { name: 'splitRule', run: checkSplitRules },
  { name: 'splitPeer', run: checkSplitPeers },
  { name: 'portsToAnywhere', run: checkPortsToAnywhere },
  { name: 'apiServerVip', run: checkApiServerVip },
  { name: 'egressLockdown', run: checkEgressLockdown },
  { name: 'wideCidr', run: checkWideCidrs },
  { name: 'deadSelectors', run: checkDeadSelectors },
  { name: 'ipBlockCoversPods', run: checkIpBlocksOverCluster },
  { name: 'unexpressible', run: checkUnexpressible },
  { name: 'redundant', run: checkRedundancy },
  { name: 'admin', run: checkAdmin },
  { name: 'profileDivergence', run: checkProfileDivergence },
];

const severityRank = (f: Finding) => FINDING_SEVERITIES.indexOf(f.severity);

/** Most severe first; then by file, line and column (findings without a location last); then by id. */
export function compareFindings(a: Finding, b: Finding): number {
  return severityRank(a) - severityRank(b)
    || (a.location ? 0 : 1) - (b.location ? 0 : 1)
    || (a.location?.file ?? '').localeCompare(b.location?.file ?? '')
    || (a.location?.line ?? 0) - (b.location?.line ?? 0)
    || (a.location?.col ?? 0) - (b.location?.col ?? 0)
    || a.id.localeCompare(b.id);
}

export interface ReviewOptions {
  /**
   * The compilations of the last review, for one that follows it (the review worker after a toggle):
   * the same findings, sooner. Without it every review compiles afresh.
   */
  compile?: CompileMemo;
  /** Check results of the last review, kept where its objects did not change (src/review/findings/kept.ts). */
  kept?: KeptResults;
}

/**
 * Every finding of the design, sorted. Never throws: a check that fails reports itself as a
 * `review-check-failed` finding, and the other checks still run.
 */
export function reviewDesign(design: Design, settings: DesignSettings, options: ReviewOptions = {}): Finding[] {
  let ctx: ReviewContext;
  try {
    options.kept?.nextReview();
    ctx = createContext(design, settings, options.compile, options.kept);
  } catch (error) {
    return [failed(undefined, 'compile', error)];
  }
  const findings: Finding[] = [];
  for (const check of REVIEW_CHECKS) {
    try {
      findings.push(...check.run(ctx));
    } catch (error) {
      findings.push(failed(ctx, check.name, error));
    }
  }
  // Ids are keys in the UI: should two checks ever produce the same id, keep the first.
  const seen = new Set<string>();
  return findings.filter((f) => !seen.has(f.id) && seen.add(f.id)).sort(compareFindings);
}

function failed(ctx: ReviewContext | undefined, check: string, error: unknown): Finding {
  const message = error instanceof Error ? error.message : String(error);
  const text = {
    rule: 'review-check-failed' as const,
    subject: check,
    title: `The ${check} check could not run on this design`,
    risk: `Its findings are missing from this review (${message}). Please report this with the design.`,
  };
  return ctx
    ? finding(ctx, text)
    : { id: `review-check-failed:${check}`, rule: text.rule, severity: 'info', title: text.title, risk: text.risk, fixes: [] };
}
