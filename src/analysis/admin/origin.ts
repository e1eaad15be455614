// Where a generated policy came from, in words: the switch or the drawn flow (NetworkPolicy or
// admin) named by its annotations. Pure: the analysis worker uses it as well as the panels.
import { ADMIN_RULES, ALLOW_RULES, ANNOTATION_FLOW, ANNOTATION_RULE } from '../../design/index.ts';
import type { KubeObject } from '../../model/types.ts';

const ADMIN_KINDS = new Set(['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy']);

export const isAdminPolicyKind = (kind: string): boolean => ADMIN_KINDS.has(kind);

/** E.g. `admin switch “Isolate tenants”`, `switch “Default deny ingress”`, `admin flow “prometheus-to-tenant-a”`. */
export function policyOrigin(object: KubeObject | undefined): string | undefined {
  const a = object?.metadata.annotations ?? {};
  const rule = a[ANNOTATION_RULE];
  if (rule) {
    const admin = ADMIN_RULES.find((r) => r.id === rule);
    if (admin) return `admin switch “${admin.title}”`;
    return `switch “${ALLOW_RULES.find((r) => r.id === rule)?.title ?? rule}”`;
  }
  const flow = a[ANNOTATION_FLOW];
  if (flow) return object && isAdminPolicyKind(object.kind) ? `admin flow “${flow}”` : `drawn flow “${flow}”`;
  return undefined;
}

/** True when the designer generated the object (a switch or a drawn flow made it). */
export function isGenerated(object: KubeObject | undefined): boolean {
  const a = object?.metadata.annotations ?? {};
  return ANNOTATION_RULE in a || ANNOTATION_FLOW in a;
}
