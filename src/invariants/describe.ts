// Invariants in words, for people: the page, reports, PR comments and SARIF rule descriptions.
import { describeEndpoint } from './check.ts';
import type { EndpointSelector, Invariant, InvariantPort } from './types.ts';

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

