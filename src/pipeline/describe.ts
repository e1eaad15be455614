// Invariants and their results in words, shared by the text, Markdown and SARIF renderings.
import { describeEndpoint, type EndpointSelector, type Invariant, type InvariantPort } from '../invariants/index.ts';

const ends = (list: readonly EndpointSelector[], empty: string) => (list.length === 0 ? empty : list.map(describeEndpoint).join(', '));

export function describePorts(ports: readonly InvariantPort[]): string {
  if (ports.length === 0) return 'any port';
  return ports.map((p) => `${p.from === p.to ? p.from : `${p.from}-${p.to}`}/${p.protocol}`).join(', ');
}

/** One line: `never: tenant-a -> tenant-b on any port`. */
export function describeInvariant(inv: Invariant): string {
  switch (inv.kind) {
    case 'never': return `never: ${ends(inv.from, 'every workload')} -> ${ends(inv.to, '?')} on ${describePorts(inv.ports)}`;
    case 'only': return `only: ${ends(inv.from, 'nobody')} may reach ${ends(inv.to, '?')} on ${describePorts(inv.ports)}`;
    case 'always': return `always: ${ends(inv.from, 'every workload')} -> ${ends(inv.to, '?')} on ${inv.ports.length === 0 ? 'some port' : describePorts(inv.ports)}`;
    case 'isolated': return `isolated: ${ends(inv.target, '?')} has a default deny for ${inv.directions.join(' and ').toLowerCase()}`;
  }
}

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
