// What a download holds: everything, the policies only, or one namespace (optionally its policies
// only). Applying the whole design with kubectl also creates its Deployments and Pods; a reviewer
// who only wants the policies in a live cluster downloads those. The file name says which.
import type { KubeObject } from '../../model/types.ts';
import { namespaceOf } from '../objects.ts';

/** The policy kinds the designer evaluates (namespaced NetworkPolicy; the cluster-scoped admin tiers). */
const POLICY_KINDS = new Set(['NetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy']);
const CLUSTER_SCOPED = new Set(['Namespace', 'Node', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy']);

export interface ExportChoice {
  /** Undefined: every namespace (and the cluster-scoped objects). */
  namespace?: string;
  policiesOnly: boolean;
}

export const isPolicyKind = (kind: string): boolean => POLICY_KINDS.has(kind);

/** The objects of a choice, in design order. One namespace leaves the cluster-scoped admin policies out (they are not its). */
export function exportObjects(objects: readonly KubeObject[], choice: ExportChoice): KubeObject[] {
  return objects.filter((o) => {
    if (choice.policiesOnly && !isPolicyKind(o.kind)) return false;
    if (choice.namespace === undefined) return true;
    if (o.kind === 'Namespace') return o.metadata.name === choice.namespace;
    return !CLUSTER_SCOPED.has(o.kind) && namespaceOf(o) === choice.namespace;
  });
}

export function exportFileName(choice: ExportChoice, base = 'netpol-design'): string {
  return `${base}${choice.namespace !== undefined ? `-${choice.namespace}` : ''}${choice.policiesOnly ? '-policies' : ''}.yaml`;
}

/** Counts by kind, for the dialog: "3 NetworkPolicy, 1 Namespace". */
export function describeExport(objects: readonly KubeObject[]): string {
  const counts = new Map<string, number>();
  for (const o of objects) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
  return counts.size === 0 ? 'nothing' : [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}
