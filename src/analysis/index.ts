// The analysis behind the graph that is not UI: what the admin and baseline tiers can change, where
// a generated policy came from. Core code (no React, no DOM): the analysis worker and the panels
// import it from here.
export { isAdminPolicyKind, isGenerated, policyOrigin } from './admin/origin.ts';
export {
  adminPolicyChip,
  adminRefOf,
  adminRefOfRule,
  byEvaluationOrder,
  decidingAdminStep,
  deniedOutright,
  firstPort,
  forEachAdminDeny,
  forEachBit,
  hasBit,
  reaches,
  rulePortsText,
  tierReach,
  type AdminPolicyChip,
  type AdminRef,
  type AdminTierName,
  type DenyMatch,
  type OtherEnd,
  type TierReach,
} from './admin/tiers.ts';
