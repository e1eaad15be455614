// Check 10: cluster-scoped policies (AdminNetworkPolicy, BaselineAdminNetworkPolicy,
// ClusterNetworkPolicy). Their rules are first-match in priority order, so the classic mistakes are
// order mistakes: a rule that can never match, two policies whose relative order is undefined, and a
// Pass that hands traffic to nobody.
import type { CompiledAdminPolicy, CompiledAdminRule } from '../../engine/admin.ts';
import { networkContains, type ParsedNetwork } from '../../engine/cidr.ts';
import type { AdminPort, KubeObject, ObjectRef, PolicyType } from '../../model/types.ts';
import type { Finding, FindingFix } from '../types.ts';
import {
  editSpec, finding, isRecord, listNames, plural, rawObject, replaceFix, rulesField, type ReviewContext,
} from './context.ts';
import type { FindingSeverity } from '../types.ts';

const label = (p: CompiledAdminPolicy) => `${p.policy.kind} ${p.policy.name}`;
const rulePathOf = (direction: PolicyType, index: number) => `spec.${rulesField(direction)}[${index}]`;
const ruleLabel = (p: CompiledAdminPolicy, direction: PolicyType, rule: CompiledAdminRule) =>
  `${label(p)} ${rulePathOf(direction, rule.index)}${rule.rule.name ? ` ("${rule.rule.name}")` : ''}`;

function subsetOf(a: { words: Uint32Array }, b: { words: Uint32Array }): boolean {
  for (let i = 0; i < a.words.length; i++) if ((a.words[i]! & ~b.words[i]!) !== 0) return false;
  return true;
}

const networkInside = (inner: ParsedNetwork, outer: ParsedNetwork): boolean =>
  inner.bytes.length === outer.bytes.length && outer.prefix <= inner.prefix && networkContains(outer, inner.bytes);

function portInside(inner: AdminPort, outer: AdminPort): boolean {
  if ('name' in inner || 'name' in outer) return 'name' in inner && 'name' in outer && inner.name === outer.name;
  return inner.protocol === outer.protocol && outer.from <= inner.from && inner.to <= outer.to;
}

/** Whether `earlier` matches every connection `later` matches (in the modelled cluster). */
function ruleCovers(earlier: CompiledAdminRule, later: CompiledAdminRule): boolean {
  if (!subsetOf(later.peerWorkloads, earlier.peerWorkloads)) return false;
  if (!later.networks.every((n) => earlier.networks.some((m) => networkInside(n, m)))) return false;
  if (!earlier.rule.ports) return true;
  if (!later.rule.ports) return false;
  return later.rule.ports.every((p) => earlier.rule.ports!.some((q) => portInside(p, q)));
}

/** True when `a`'s rules are evaluated before `b`'s for the pods both select. */
function evaluatedBefore(a: CompiledAdminPolicy, b: CompiledAdminPolicy): boolean {
  if (a.policy.tier !== b.policy.tier) return a.policy.tier === 'Admin';
  return a.policy.priority < b.policy.priority;
}

function removeAdminRuleFix(ctx: ReviewContext, p: CompiledAdminPolicy, direction: PolicyType, index: number, why: string): FindingFix | undefined {
  const raw = rawObject(ctx, p.policy.ref);
  if (!raw) return undefined;
  const fixed = editSpec(raw, (spec) => {
    const rules = spec[rulesField(direction)];
    if (Array.isArray(rules)) rules.splice(index, 1);
  });
  return replaceFix(`Remove ${rulePathOf(direction, index)} of ${label(p)}`, why, p.policy.ref, fixed);
}

/** The engine's order: the Admin tier first, lower priority first, equal priorities by name. */
const byEvaluationOrder = (a: CompiledAdminPolicy, b: CompiledAdminPolicy): number =>
  (a.policy.tier === b.policy.tier ? 0 : a.policy.tier === 'Admin' ? -1 : 1)
  || a.policy.priority - b.policy.priority
  || a.policy.name.localeCompare(b.policy.name);

function checkShadowed(ctx: ReviewContext): Finding[] {
  const out: Finding[] = [];
  // Candidates in evaluation order, so the shadow named is the rule that really decides first.
  const policies = [...ctx.compiled.admin.policies].sort(byEvaluationOrder);
  for (const b of policies) {
    if (b.subject.isEmpty()) continue;
    for (const direction of ['Ingress', 'Egress'] as const) {
      const laterRules = direction === 'Ingress' ? b.ingress : b.egress;
      for (const later of laterRules) {
        // A rule that matches nothing in the design is not "shadowed"; there is nothing to compare.
        if (later.peerWorkloads.isEmpty() && later.networks.length === 0) continue;
        let shadow: { p: CompiledAdminPolicy; rule: CompiledAdminRule } | undefined;
        for (const a of policies) {
          const sameTierOrder = a === b || evaluatedBefore(a, b);
          if (!sameTierOrder || !subsetOf(b.subject, a.subject)) continue;
          for (const earlier of direction === 'Ingress' ? a.ingress : a.egress) {
            if (a === b && earlier.index >= later.index) break;
            // An admin Pass sends traffic on to the NetworkPolicies and then the baseline: it shadows only admin rules.
            if (a !== b && a.policy.tier !== b.policy.tier && earlier.rule.action === 'Pass') continue;
            if (ruleCovers(earlier, later)) {
              shadow = { p: a, rule: earlier };
              break;
            }
          }
          if (shadow) break;
        }
        if (!shadow) continue;
        const sameAction = shadow.rule.rule.action === later.rule.action;
        const where = rulePathOf(direction, later.index);
        const fix = removeAdminRuleFix(ctx, b, direction, later.index,
          `Deletes the rule, which never decides anything in this design: ${ruleLabel(shadow.p, direction, shadow.rule)} matches all of its traffic first. Check that no pod outside the design depends on it.`);
        out.push(finding(ctx, {
          rule: 'admin-shadowed-rule',
          subject: `${b.policy.kind}/${b.policy.name}:${where}`,
          severity: sameAction ? 'low' : 'medium',
          title: `${label(b)}: ${where} is shadowed by ${ruleLabel(shadow.p, direction, shadow.rule)}`,
          risk: sameAction
            ? `The earlier rule matches every connection this one matches (same or broader subject, peers and ports) with the same action (${later.rule.actionWord}), so this rule is dead weight.`
            : `The earlier rule matches every connection this one matches (same or broader subject, peers and ports) and ${shadow.rule.rule.actionWord}s it first, so this rule's ${later.rule.actionWord} never takes effect.`,
          object: b.policy.ref,
          path: where,
          fixes: fix ? [fix] : [],
        }));
      }
    }
  }
  return out;
}

function checkDuplicatePriorities(ctx: ReviewContext): Finding[] {
  const out: Finding[] = [];
  const groups = new Map<string, CompiledAdminPolicy[]>();
  for (const p of ctx.compiled.admin.policies) {
    // BaselineAdminNetworkPolicy is a singleton without priority.
    if (p.policy.kind === 'BaselineAdminNetworkPolicy') continue;
    const key = `${p.policy.tier}:${p.policy.priority}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  for (const [key, group] of groups) {
    if (group.length < 2) continue;
    // They can only disagree about traffic both have rules for: same direction, common pods.
    const overlapping = group.some((a, i) => group.slice(i + 1).some((b) => {
      const sharedDirection = (a.ingress.length > 0 && b.ingress.length > 0) || (a.egress.length > 0 && b.egress.length > 0);
      if (!sharedDirection) return false;
      const both = a.subject.clone();
      both.andWith(b.subject);
      return !both.isEmpty();
    }));
    const first = group[0]!;
    out.push(finding(ctx, {
      rule: 'admin-duplicate-priority',
      subject: key,
      severity: overlapping ? 'medium' : 'low',
      title: `${plural(group.length, 'policy', 'policies')} of the ${first.policy.tier} tier share priority ${first.policy.priority}: ${listNames(group.map(label))}`,
      risk: overlapping
        ? 'They select some of the same pods, and the order between policies of equal priority is undefined: which rule wins can differ between implementations and even between restarts. Give each a distinct priority.'
        : 'The order between policies of equal priority is undefined. They have no rules for the same pods in the same direction in this design, so it does not matter yet; a distinct priority each keeps it that way.',
      object: first.policy.ref,
      path: 'spec.priority',
    }));
  }
  return out;
}

function checkPassToBaseline(ctx: ReviewContext): Finding[] {
  const out: Finding[] = [];
  const { compiled } = ctx;
  for (const p of compiled.admin.policies) {
    if (p.policy.tier !== 'Admin') continue;
    for (const direction of ['Ingress', 'Egress'] as const) {
      const isolating = direction === 'Ingress' ? compiled.ingressPolicies : compiled.egressPolicies;
      for (const rule of direction === 'Ingress' ? p.ingress : p.egress) {
        if (rule.rule.action !== 'Pass') continue;
        const open = compiled.workloads.filter((_, w) => p.subject.has(w) && isolating[w]!.length === 0);
        if (open.length === 0) continue;
        const withBaseline = open.filter((w) => {
          const i = compiled.workloadIndex.get(w.id)!;
          return (compiled.admin.baselineFor[i] ?? []).some((q) => (direction === 'Ingress' ? compiled.admin.policies[q]!.ingress : compiled.admin.policies[q]!.egress).length > 0);
        });
        const severity: FindingSeverity = withBaseline.length === open.length ? 'low' : 'medium';
        const where = rulePathOf(direction, rule.index);
        const verb = direction === 'Ingress' ? 'ingress' : 'egress';
        out.push(finding(ctx, {
          rule: 'admin-pass-to-baseline',
          subject: `${p.policy.kind}/${p.policy.name}:${where}`,
          severity,
          title: `${label(p)}: ${where} passes ${verb} of ${listNames(open.map((w) => w.id))} to no NetworkPolicy`,
          risk: `Pass defers to the namespaces' NetworkPolicies, but none isolates ${open.length === 1 ? 'this pod' : 'these pods'} for ${verb}, so the decision falls to the baseline${withBaseline.length === open.length ? '' : ', and where no baseline rule matches the traffic is allowed by default'}. If Pass was meant to let the namespace owners decide, they have not yet.`,
          object: p.policy.ref,
          path: where,
        }));
      }
    }
  }
  return out;
}

/** Field paths mentioning ICMP in a port list: a key (v1alpha2 `icmp:`) or a `protocol` value. */
function icmpPaths(value: unknown, path: string, out: string[]): void {
  if (Array.isArray(value)) value.forEach((v, i) => icmpPaths(v, `${path}[${i}]`, out));
  else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) {
      const child = `${path}.${k}`;
      if (/^icmp/i.test(k) || (k === 'protocol' && typeof v === 'string' && /^icmp/i.test(v))) out.push(child);
      else icmpPaths(v, child, out);
    }
  }
}

/** ICMP in the ports (v1alpha1) or protocols (v1alpha2) of any rule; selectors and names are not ports. */
function icmpPathsOfSpec(spec: unknown): string[] {
  const out: string[] = [];
  if (!isRecord(spec)) return out;
  for (const direction of ['ingress', 'egress'] as const) {
    const rules = spec[direction];
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule, i) => {
      if (!isRecord(rule)) return;
      for (const field of ['ports', 'protocols'] as const) {
        if (rule[field] !== undefined) icmpPaths(rule[field], `spec.${direction}[${i}].${field}`, out);
      }
    });
  }
  return out;
}

const ADMIN_KINDS = new Set(['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy']);

function checkIcmp(ctx: ReviewContext): Finding[] {
  const out: Finding[] = [];
  ctx.design.manifests.forEach((m, index) => {
    const object: KubeObject = m.object;
    if (!ADMIN_KINDS.has(object.kind) || !isRecord(object.metadata)) return;
    const paths = icmpPathsOfSpec(object['spec']);
    if (paths.length === 0) return;
    const ref: ObjectRef = { kind: object.kind, name: object.metadata.name, manifest: index };
    out.push(finding(ctx, {
      rule: 'admin-icmp-not-expressible',
      subject: `${object.kind}/${object.metadata.name}`,
      title: `${object.kind} ${object.metadata.name}: ICMP cannot be expressed`,
      risk: `${listNames(paths)} asks for ICMP, but the network-policy-api matches only TCP, UDP and SCTP ports, so the API server rejects the policy. A rule without ports matches all traffic to its peers; whether that includes ICMP is up to the implementation.`,
      object: ref,
      path: paths[0]!,
    }));
  });
  return out;
}

export function checkAdmin(ctx: ReviewContext): Finding[] {
  return [...checkShadowed(ctx), ...checkDuplicatePriorities(ctx), ...checkPassToBaseline(ctx), ...checkIcmp(ctx)];
}
