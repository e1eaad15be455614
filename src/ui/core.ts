// The one seam between the UI and the pure core modules (model, engine, design). Everything the
// UI needs from them is re-exported here, so a change of core API touches one file.
export {
  compile,
  evaluate,
  scopedCluster,
  allowedConnections,
  formatConnections,
  isEmptyConnectionSet,
  parseIp,
  networkContains,
  endpointLabel,
  describeRule,
  formatSelector,
  formatRulePort,
} from '../engine/index.ts';
export type {
  CompiledCluster,
  ConnectionSet,
  PortRange,
  Endpoint,
  Probe,
  Verdict,
  DirectionVerdict,
  RuleMatch,
  RuleMiss,
  ChainStep,
  Tier,
} from '../engine/index.ts';
export type {
  KubeObject,
  Design,
  Diagnostic,
  ClusterModel,
  Workload,
  NamespaceModel,
  NetworkPolicyPort,
  Protocol,
  SourceFile,
  ObjectRef,
  Severity,
  PolicyType,
} from '../model/types.ts';
export { PROTOCOLS } from '../model/types.ts';
export {
  loadDesign,
  emitYaml,
  buildClusterFromObjects,
  parseCidr,
  parseIp as parseIpAddress,
} from '../model/index.ts';
export {
  ALLOW_RULES,
  setAllowRule,
  isAllowRuleOn,
  allowRulesOn,
  addFlow,
  effectivePorts,
  removeFlow,
  updateFlow,
  listFlows,
  EXTERNAL_NODES,
  externalEndpoint,
  dnsWorkloadId,
  SAMPLES,
  deniedByAdmin,
  suggestFixes,
  DEFAULT_SETTINGS,
  DEFAULT_API_SERVER_VIP,
  NODE_LOCAL_DNS_IP,
  API_SERVER_UNSET,
  type HostPort,
  ANNOTATION_RULE,
  ANNOTATION_FLOW,
  ANNOTATION_TARGET,
  ANNOTATION_DESCRIPTION,
  type ExternalNode,
  type Fix,
  type Sample,
} from '../design/index.ts';
export type * from '../design/types.ts';
export {
  designStory, ADMIN_RULES, setAdminRule, isAdminRuleOn, listAdminRules, ADMIN_FLAVORS,
  type StoryStep, type AdminRuleDefinition, type AdminRuleId, type AdminFlavor,
} from '../design/index.ts';
export {
  addAdminFlow, updateAdminFlow, removeAdminFlow, listAdminFlows, adminFlowKind, nextFreeAdminPriority, DesignError,
  type AdminFlow, type AdminFlowOptions,
} from '../design/index.ts';
export type { AdminAction, AdminTier, AdminKind, AdminPolicy } from '../model/types.ts';
export { reviewDesign, applyFindingFix, compareFindings, FINDING_RULES } from '../review/findings/index.ts';
export { FINDING_SEVERITIES, type Finding, type FindingFix, type FindingSeverity } from '../review/types.ts';
export {
  PROFILES,
  PROFILE_IDS,
  profileById,
  isProfileId,
  compileAll,
  evaluateAcrossProfiles,
  profileDependence,
} from '../engine/index.ts';
export type { NetworkProfileId, NetworkProfile, ProfileDifference, ProfileDependence, VerdictNote } from '../engine/index.ts';
