// Invariants: what a design must keep true ("nothing in tenant-a reaches tenant-b", "only the ingress
// controller reaches shop/web on 8080"), read from `netpol-invariants.yaml` and checked with the engine.
export type * from './types.ts';
export { INVARIANT_KINDS, INVARIANTS_API_VERSION, INVARIANTS_KIND, OUTSIDE_IDS } from './types.ts';
export { parseInvariants, type ParsedInvariants } from './parse.ts';
export { checkInvariants, describeEndpoint, MAX_VIOLATIONS_PER_INVARIANT, type CheckOptions } from './check.ts';
export { formatInvariantsFile } from './emit.ts';
export { describeInvariant, describePorts } from './describe.ts';
