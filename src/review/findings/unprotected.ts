// Check 1: pods no policy isolates. Kubernetes allows everything to and from a pod until a policy
// with that policyType selects it, so an unselected namespace (or workload) is wide open.
import type { CompiledAdminPolicy, CompiledAdminRule } from '../../engine/admin.ts';
import type { PolicyType } from '../../model/types.ts';
import type { Finding, FindingFix } from '../types.ts';
import { withAllowRules } from './allowRuleEdit.ts';
import {
  finding, fixFromObjects, isSystemNamespace, listNames, milder, namespacesOf, plural, tryAction, workloadsByNamespace,
  type ReviewContext,
} from './context.ts';

const DIRECTIONS: readonly PolicyType[] = ['Ingress', 'Egress'];
/** Open ingress exposes the pods to everyone; open egress lets a compromised pod go anywhere. */
const FINDING_SEVERITY = { Ingress: 'high', Egress: 'medium' } as const;

type AdminCover =
  | { kind: 'deny'; policy: string }
  | { kind: 'allow'; policy: string }
  | { kind: 'partial'; policies: string[] }
  | { kind: 'none' };

const adminName = (p: CompiledAdminPolicy) => `${p.policy.kind} ${p.policy.name}`;

/**
 * A rule matching every connection of its direction: no ports, every pod, and a /0 network of each
 * address family the cluster uses. Only egress rules can name networks, so no admin ingress rule
 * covers clients outside the cluster.
 */
function isCatchAll(rule: CompiledAdminRule, direction: PolicyType, workloadCount: number, families: AddressFamilies): boolean {
  if (direction === 'Ingress' || rule.rule.ports) return false;
  if (rule.peerWorkloads.count() < workloadCount) return false;
  const everything = (bytes: number) => rule.networks.some((n) => n.prefix === 0 && n.bytes.length === bytes);
  return (!families.v4 || everything(4)) && (!families.v6 || everything(16));
}

interface AddressFamilies { v4: boolean; v6: boolean }

const familiesCache = new WeakMap<ReviewContext, AddressFamilies>();

/**
 * The address families the cluster uses, from pod IPs and pod CIDRs; IPv4 when nothing says. Once per
 * review: it walks every pod's addresses, and was asked once per open pod (pods x pods at 20,000 pods).
 */
function addressFamilies(ctx: ReviewContext): AddressFamilies {
  const cached = familiesCache.get(ctx);
  if (cached) return cached;
  const ips = ctx.compiled.workloadIps.flat();
  const v6 = ips.some((ip) => ip.length === 16) || ctx.settings.podCidrs.some((c) => c.includes(':'));
  const v4 = ips.some((ip) => ip.length === 4) || ctx.settings.podCidrs.some((c) => !c.includes(':')) || !v6;
  const families = { v4, v6 };
  familiesCache.set(ctx, families);
  return families;
}

/**
 * How the cluster-scoped tiers treat a pod no NetworkPolicy isolates: a catch-all Deny (admin, or
 * baseline, which applies exactly when no NetworkPolicy isolates) means it is not open at all.
 */
function adminCover(ctx: ReviewContext, w: number, direction: PolicyType): AdminCover {
  const admin = ctx.compiled.admin;
  const n = ctx.compiled.workloads.length;
  const families = addressFamilies(ctx);
  const touching: string[] = [];
  // A Pass skips the rest of its tier (the NetworkPolicy tier, which selects nothing here, comes next).
  tiers: for (const order of [admin.adminFor[w] ?? [], admin.baselineFor[w] ?? []]) {
    for (const pi of order) {
      const policy = admin.policies[pi]!;
      const rules = direction === 'Ingress' ? policy.ingress : policy.egress;
      if (rules.length > 0) touching.push(adminName(policy));
      for (const rule of rules) {
        if (!isCatchAll(rule, direction, n, families)) continue;
        if (rule.rule.action === 'Pass') continue tiers;
        return rule.rule.action === 'Deny' ? { kind: 'deny', policy: adminName(policy) } : { kind: 'allow', policy: adminName(policy) };
      }
    }
  }
  return touching.length > 0 ? { kind: 'partial', policies: [...new Set(touching)] } : { kind: 'none' };
}

function adminNote(ctx: ReviewContext, covers: AdminCover[], direction: PolicyType): string {
  const allow = covers.find((c): c is Extract<AdminCover, { kind: 'allow' }> => c.kind === 'allow');
  if (allow) return ` ${allow.policy} allows all of it explicitly, so this looks intended at the cluster level.`;
  const partial = [...new Set(covers.flatMap((c) => (c.kind === 'partial' ? c.policies : [])))];
  if (partial.length > 0) {
    const outside = direction === 'Ingress' ? ' (clients outside the cluster among it: admin ingress rules cannot name addresses)' : '';
    return ` Cluster-scoped policies (${listNames(partial)}) decide part of this traffic first; the rest is allowed${outside}.`;
  }
  if (ctx.cluster.adminPolicies.length > 0) return ' The design\'s cluster-scoped policies do not select these pods in this direction.';
  return '';
}

function denyFixes(ctx: ReviewContext, namespace: string, direction: PolicyType, onlyNewlyIsolated: string[]): FindingFix[] {
  const who = onlyNewlyIsolated.length > 0 ? listNames(onlyNewlyIsolated) : `every pod of ${namespace}`;
  const fixes: FindingFix[] = [];
  if (direction === 'Ingress') {
    const fixed = tryAction(() => withAllowRules(ctx, namespace, [{ id: 'defaultDenyIngress', target: { namespace } }]));
    const fix = fixed && fixFromObjects(ctx, `Default deny ingress in ${namespace}`,
      `Adds a default-deny-ingress policy to ${namespace}. It isolates ${who} for ingress: connections to them that no other policy allows are denied from then on; add allows for the clients they must serve.`,
      fixed);
    if (fix) fixes.push(fix);
    return fixes;
  }
  const deny = { id: 'defaultDenyEgress', target: { namespace } } as const;
  const denied = tryAction(() => withAllowRules(ctx, namespace, [deny]));
  if (!denied) return fixes;
  const withDns = tryAction(() => withAllowRules(ctx, namespace, [deny, { id: 'dnsPortsKubeSystemNamespace', target: { namespace } }]));
  const dnsFix = withDns && fixFromObjects(ctx, `Default deny egress in ${namespace}, allow DNS`,
    `Adds default-deny-egress and allow-dns-kube-system to ${namespace}. It isolates ${who} for egress: they may still query the cluster DNS pods (UDP/TCP 53), but any other connection they open needs an allow.`
    + (onlyNewlyIsolated.length > 0 ? ' Pods already isolated gain DNS if they lacked it.' : ''),
    withDns);
  if (dnsFix) fixes.push(dnsFix);
  const plain = fixFromObjects(ctx, `Default deny egress in ${namespace}`,
    `Adds a default-deny-egress policy to ${namespace}. It isolates ${who} for egress: every connection they open, DNS included, is denied unless another policy allows it.`,
    denied);
  if (plain) fixes.push(plain);
  return fixes;
}

export function checkUnprotected(ctx: ReviewContext): Finding[] {
  const out: Finding[] = [];
  const byNamespace = workloadsByNamespace(ctx);
  const { compiled, settings } = ctx;
  for (const ns of namespacesOf(ctx)) {
    const members = byNamespace.get(ns.name) ?? [];
    // Nothing runs there in this design, so nothing is open yet.
    if (members.length === 0) continue;
    const system = isSystemNamespace(ns.name, settings);
    const before = out.length;
    for (const direction of DIRECTIONS) {
      const isolating = direction === 'Ingress' ? compiled.ingressPolicies : compiled.egressPolicies;
      const open = members.filter((w) => isolating[w]!.length === 0);
      if (open.length === 0) continue;
      const covers = open.map((w) => adminCover(ctx, w, direction));
      // A catch-all Deny in the cluster-scoped tiers already closes these pods.
      const stillOpen = open.filter((_, i) => covers[i]!.kind !== 'deny');
      if (stillOpen.length === 0) continue;
      const verb = direction === 'Ingress' ? 'ingress' : 'egress';
      const what = direction === 'Ingress'
        ? 'any pod in the cluster and any address that can route to it may connect to them on every port'
        : 'they may connect to any pod, the internet, private networks and the cloud metadata server';
      const mitigated = covers.some((c) => c.kind === 'allow');
      const base = FINDING_SEVERITY[direction];
      const severity = system || mitigated ? milder(base) : base;
      const systemNote = system
        ? ' It is a system namespace: lock it down only with allows for its components (DNS from every pod, the API server) in place, so no fix is offered.'
        : '';
      const names = stillOpen.map((w) => compiled.workloads[w]!.name);
      if (stillOpen.length === members.length) {
        out.push(finding(ctx, {
          rule: 'namespace-unprotected',
          subject: `${ns.name}:${verb}`,
          severity,
          title: `Namespace ${ns.name}: no policy isolates its pods for ${verb}`,
          risk: `${members.length === 1 ? `The only workload in ${ns.name} (${names[0]}) is not` : `None of the ${plural(members.length, 'workload')} in ${ns.name} (${listNames(names)}) is`} selected by a NetworkPolicy with policyType ${direction}, so ${what}.${adminNote(ctx, covers, direction)}${systemNote}`,
          ...(ns.ref ? { object: ns.ref } : {}),
          fixes: system ? [] : denyFixes(ctx, ns.name, direction, []),
        }));
        continue;
      }
      for (const w of stillOpen) {
        const workload = compiled.workloads[w]!;
        out.push(finding(ctx, {
          rule: 'workload-unprotected',
          subject: `${workload.id}:${verb}`,
          severity,
          title: `${workload.kind} ${workload.id}: no policy isolates it for ${verb}`,
          risk: `Other pods of ${ns.name} are isolated for ${verb}, but no NetworkPolicy with policyType ${direction} selects ${workload.name}, so ${what}.${adminNote(ctx, [covers[open.indexOf(w)]!], direction)}${systemNote}`,
          object: workload.ref,
          fixes: system ? [] : denyFixes(ctx, ns.name, direction, [workload.id]),
        }));
      }
    }
    if (system) groupSystemNamespace(out, before, ns.name);
  }
  return out;
}

/**
 * A system namespace open both ways is one thing to know, not two findings without a fix: the
 * egress finding folds into the ingress one (its id and severity), which says what to do.
 */
function groupSystemNamespace(out: Finding[], from: number, namespace: string): void {
  const ingress = out.findIndex((f, i) => i >= from && f.id === `namespace-unprotected:${namespace}:ingress`);
  const egress = out.findIndex((f, i) => i >= from && f.id === `namespace-unprotected:${namespace}:egress`);
  if (ingress < 0 || egress < 0) return;
  const first = out[ingress]!;
  out[ingress] = {
    ...first,
    title: `Namespace ${namespace}: no policy isolates its pods for ingress or egress`,
    risk: first.risk.replace(/ It is a system namespace:.*$/, '')
      + ' Nor for egress: they may connect anywhere.'
      + ' It is a system namespace: lock it down only with allows for its components (DNS from every pod, the API server) in place, so no fix is offered. Review it with the cluster\'s operators, or leave it to the add-ons\' own policies.',
  };
  out.splice(egress, 1);
}

