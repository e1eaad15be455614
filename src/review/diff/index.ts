// Public API of the design diff: what changed between a baseline and the current design.
import { withAssumedServices } from '../../cluster/assumed/index.ts';
import { DEFAULT_SETTINGS, type DesignSettings } from '../../design/types.ts';
import { compile, type NetworkProfileId } from '../../engine/index.ts';
import type { Design } from '../../model/types.ts';
import { diffConnections, type AddressNode, type DiffPairFilter } from './connections.ts';
import { diffPolicies } from './policies.ts';
import type { DesignDiff } from './types.ts';

export type * from './types.ts';
export { fieldChanges, policyObjects, policyRef, POLICY_KINDS } from './policies.ts';
export { portIntervals, type PortInterval } from '../../engine/intervals.ts';
export { connectionSetOf, pairConnections, pairTable, type PairTable } from './connectivity.ts';
export { unionEndpoints, type DiffPairFilter } from './connections.ts';
export { formatDiff, DIFF_FORMATS, type DiffFormat } from './format.ts';

export interface DiffOptions {
  /** Where the outside world's nodes are (API server address, DNS pods); defaults as in the page. */
  settings?: DesignSettings;
  /** Report only some of the changed pairs (the rest are counted in `totals`). */
  only?: DiffPairFilter;
  /** Address nodes to compare besides the outside world's (the page's address blocks). */
  addresses?: readonly AddressNode[];
  /** Judge the current design under this profile (the baseline under `settings.profile`). */
  compareProfile?: NetworkProfileId;
}

export function diffDesigns(baseline: Design, current: Design, options: DiffOptions = {}): DesignDiff {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  // Both designs sit in the same cluster: its services (the DNS pods, ...) are in both models. The
  // current design may be judged under another profile: the diff then says what moving the design to
  // that network plugin opens and closes.
  const a = compile(withAssumedServices(baseline.cluster, settings), { profile: settings.profile });
  const b = compile(withAssumedServices(current.cluster, settings), { profile: options.compareProfile ?? settings.profile });
  const connections = diffConnections(a, b, settings, options.only, options.addresses);
  const size = connections.endpoints;
  return {
    policies: diffPolicies(baseline.manifests, current.manifests),
    workloads: {
      added: b.workloads.filter((w) => !a.workloadIndex.has(w.id)).map((w) => w.id),
      removed: a.workloads.filter((w) => !b.workloadIndex.has(w.id)).map((w) => w.id),
    },
    connections: connections.changes,
    ...(options.only ? { totals: { pairs: connections.pairs, opened: connections.opened, closed: connections.closed } } : {}),
    compared: { endpoints: size, pairs: size * size, portIntervals: connections.portIntervals },
  };
}

export function isEmptyDiff(diff: DesignDiff): boolean {
  const p = diff.policies;
  return p.added.length + p.removed.length + p.changed.length + diff.workloads.added.length + diff.workloads.removed.length + diff.connections.length === 0;
}
