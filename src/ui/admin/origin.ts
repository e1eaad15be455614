// Where a generated policy came from: core code (src/analysis/admin/origin.ts), re-exported for the panels.
export { isAdminPolicyKind, isGenerated, policyOrigin } from '../../analysis/index.ts';
