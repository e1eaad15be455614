// Public API of the model layer: text <-> Kubernetes objects <-> normalized cluster model.
export * from './types.ts';
export { parseManifests, MAX_DEPTH } from './parse.ts';
export { validateManifest } from './validate.ts';
export { buildCluster, buildClusterFromObjects, clusterMemo, loadDesign, type ClusterMemo } from './cluster.ts';
export { contentOrigin, sameExceptRef } from './origin.ts';
export { emitJson, emitYaml, orderFields } from './emit.ts';
export { yamlCache, type YamlCache } from './emitCache.ts';
export { rememberSourceTexts } from './sourceText.ts';
export { joinIndex, joinKey, parentPath } from './paths.ts';
export { cidrContains, ipInCidr, parseCidr, parseIp, type IpFamily, type ParsedCidr, type ParsedIp, type ParseError } from './net.ts';
export { selectorMatches } from './selector.ts';
export { DEFERRED_KINDS, EVALUATED_KINDS, kindStatus, objectNamespace, type KindStatus } from './kinds.ts';
export {
  dns1035LabelProblems, dns1123LabelProblems, dns1123SubdomainProblems, isPortNumber, labelValueProblems, portNameProblems,
  qualifiedNameProblems,
} from './names.ts';
