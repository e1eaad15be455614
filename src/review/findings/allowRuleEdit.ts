// Design switches (src/design/allowRules.ts) applied for a fix without walking the whole manifest set
// per finding: setAllowRule reads only the objects of the target's namespace (the switch's own
// policies, the policy names taken there, the workload's labels), so it runs on that namespace's
// objects and its edit is carried over to the full set. At 5,000 pods the DNS check made ~250 such
// fixes, each scanning ~6,700 objects several times.
import { setAllowRule } from '../../design/allowRules.ts';
import type { AllowRuleId, RuleTarget } from '../../design/types.ts';
import { namespaceOf } from '../../design/objects.ts';
import type { KubeObject } from '../../model/types.ts';
import type { ReviewContext } from './context.ts';

export interface AllowRuleStep {
  id: AllowRuleId;
  target: RuleTarget;
}

const byNamespaceCache = new WeakMap<readonly KubeObject[], Map<string, KubeObject[]> | null>();

/** The objects of each namespace, in order; null when an object appears twice (identity cannot tell them apart). */
function objectsByNamespace(objects: readonly KubeObject[]): Map<string, KubeObject[]> | null {
  const cached = byNamespaceCache.get(objects);
  if (cached !== undefined) return cached;
  let out: Map<string, KubeObject[]> | null = new Map();
  if (new Set(objects).size !== objects.length) out = null;
  else {
    for (const o of objects) {
      const ns = namespaceOf(o);
      const list = out.get(ns);
      if (list) list.push(o);
      else out.set(ns, [o]);
    }
  }
  byNamespaceCache.set(objects, out);
  return out;
}

/**
 * `steps` applied in turn with setAllowRule (switched on), as on the full manifest set: the same
 * result, the same DesignError when a step cannot apply. Every step's target must be in `namespace`.
 */
export function withAllowRules(ctx: Pick<ReviewContext, 'objects' | 'settings'>, namespace: string, steps: readonly AllowRuleStep[]): KubeObject[] {
  const groups = objectsByNamespace(ctx.objects);
  if (!groups || steps.some((s) => s.target.namespace !== namespace)) {
    return steps.reduce<KubeObject[]>((objects, s) => setAllowRule(objects, s.id, s.target, true, ctx.settings), [...ctx.objects]);
  }
  let full: KubeObject[] = [...ctx.objects];
  let local: KubeObject[] = groups.get(namespace) ?? [];
  for (const step of steps) {
    const next = setAllowRule(local, step.id, step.target, true, ctx.settings);
    // setAllowRule appends its policy when the switch is off, else puts it in place of the first of
    // the switch's policies and drops the others: those are the local objects missing from `next`.
    const kept = new Set(next);
    const before = new Set(local);
    const policy = next.find((o) => !before.has(o));
    if (!policy) return steps.reduce<KubeObject[]>((objects, s) => setAllowRule(objects, s.id, s.target, true, ctx.settings), [...ctx.objects]);
    const gone = new Set(local.filter((o) => !kept.has(o)));
    if (gone.size === 0) full = [...full, policy];
    else {
      const at = full.findIndex((o) => gone.has(o));
      full = [...full.slice(0, at), policy, ...full.slice(at + 1).filter((o) => !gone.has(o))];
    }
    local = next;
  }
  return full;
}
