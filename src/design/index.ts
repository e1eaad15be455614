// Public API of the design layer: pure actions on the manifest set (toggles, flows, samples, fixes).
export * from './types.ts';
export {
  ALLOW_RULES, allowRuleDefinition, allowRulesOn, generateAllowRule, isAllowRuleObject, isAllowRuleOn, listAllowRules, parseTargetKey, setAllowRule,
  targetKey, type AllowRuleInstance,
} from './allowRules.ts';
export {
  addFlow, describeEnd, effectivePorts, flowObjects, generateFlowPolicies, isClusterEnd, listFlows, parseFlowSpec, removeFlow, updateFlow,
} from './flows.ts';
export {
  API_SERVER_UNSET, apiServerTarget, ASSUMED_DNS_NAME, assumedDnsWorkloadId, classifyIp, dnsPeer, dnsWorkloadId, requireApiServerEndpoint, EXTERNAL_NODES, externalEndpoint, externalPeers, hostCidr, INTERNET_BLOCK, METADATA_CIDR, METADATA_IP,
  PRIVATE_CIDRS, type ExternalNode,
} from './external.ts';
export { deniedByAdmin, suggestFixes, type Fix } from './fixes.ts';
export { SAMPLES, auditedCacheObjects, fixAuditedCache, homelabObjects, jupyterhubObjects, type Sample } from './samples.ts';
export { DesignError, findWorkload, listWorkloads, workloadSelector, type NetworkPolicyObject, type WorkloadInfo } from './objects.ts';
export { dnsLabel, shortHash, uniquePolicyName } from './names.ts';
export {
  ADMIN_RULES, adminRuleDefinition, DEFAULT_TENANT_LABEL, designNamespaces, generateAdminRule, isAdminRuleObject, isAdminRuleOn,
  listAdminRules, setAdminRule, tenantsOf, type AdminRuleDefinition, type AdminRuleId, type AdminRuleInstance, type AdminRuleOptions,
} from './adminRules.ts';
export {
  addAdminFlow, adminFlowKind, adminFlowObjects, generateAdminFlowPolicy, listAdminFlows, removeAdminFlow, updateAdminFlow,
  type AdminFlow, type AdminFlowOptions,
} from './adminFlows.ts';
export {
  ADMIN_FLAVORS, BANP_NAME, nextFreeAdminPriority, subtractCidrs, type AdminFlavor, type AdminPolicyObject,
} from './adminObjects.ts';
export { multiTenantObjects } from './samples.ts';
export { designStory, storyChapterOf, type StoryChapter, type StoryStep } from './story.ts';
