// Public API of the design layer: pure actions on the manifest set (toggles, flows, samples, fixes).
export * from './types.ts';
export {
  ALLOW_RULES, allowRuleDefinition, generateAllowRule, isAllowRuleObject, isAllowRuleOn, listAllowRules, parseTargetKey, setAllowRule,
  targetKey, type AllowRuleInstance,
} from './allowRules.ts';
export {
  addFlow, describeEnd, effectivePorts, flowObjects, generateFlowPolicies, isClusterEnd, listFlows, parseFlowSpec, removeFlow, updateFlow,
} from './flows.ts';
export {
  classifyIp, dnsPeer, dnsWorkloadId, EXTERNAL_NODES, externalEndpoint, externalPeers, hostCidr, INTERNET_BLOCK, METADATA_CIDR, METADATA_IP,
  PRIVATE_CIDRS, type ExternalNode,
} from './external.ts';
export { suggestFixes, type Fix } from './fixes.ts';
export { SAMPLES, auditedCacheObjects, fixAuditedCache, homelabObjects, jupyterhubObjects, type Sample } from './samples.ts';
export { DesignError, findWorkload, listWorkloads, workloadSelector, type NetworkPolicyObject, type WorkloadInfo } from './objects.ts';
export { dnsLabel, shortHash, uniquePolicyName } from './names.ts';
