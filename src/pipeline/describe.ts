// What to do about a violated invariant: the help text of its SARIF rule and PR comment.
import type { Invariant } from '../invariants/index.ts';

export { describeInvariant, describePorts } from '../invariants/index.ts';

/** What to do about a violation of this kind of invariant: the help text of its rule. */
export function invariantHelp(inv: Invariant): string {
  switch (inv.kind) {
    case 'never':
      return 'A policy opens a path this invariant forbids. Narrow the rule named in the result (its peers or ports), or isolate the ends with a default deny so only named traffic is allowed; `explain` shows the decision chain.';
    case 'only':
      return 'A source outside the allowed list reaches the guarded workload. Isolate the target for ingress and allow only the listed sources (and, for a whole namespace, check rules with empty selectors or wide ipBlocks).';
    case 'always':
      return 'A path that must stay open is blocked. Add an allow rule for it on both ends that are isolated (the source\'s egress and the destination\'s ingress), or remove the deny that blocks it.';
    case 'isolated':
      return 'The workload has no default deny in this direction: every connection is allowed. Add a policy selecting it with this policyType and no rules (a default deny), then allow what it needs.';
  }
}
