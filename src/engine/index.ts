// Public API of the policy engine. Pure: runs in Node, the browser and workers.
export type * from './types.ts';
export { compile, type CompiledCluster, type CompileOptions } from './compile.ts';
export { evaluate } from './evaluate.ts';
export { scopedCluster } from './scoped.ts';
export { evaluateService, type ServiceVerdict, type ServiceBackendVerdict } from './services.ts';
export { computeMatrix, type MatrixOptions, type ReachabilityMatrix } from './matrix.ts';
export { allowedConnections, formatConnections, isEmptyConnectionSet, type ConnectionSet, type PortRange } from './connections.ts';
export { parseEndpoint, endpointLabel, describeRule, rulePath, EndpointError, workloadOfEndpoint } from './endpoints.ts';
export { addressOwnerOf } from './addresses.ts';
export { matchesSelector, formatSelector } from './selectors.ts';
export { formatRulePort } from './ports.ts';
export { parseIp, networkContains } from './cidr.ts';
export * from './profiles/index.ts';
