// Check 2: policyTypes surprises. Without policyTypes Kubernetes infers Ingress always and Egress only
// for a non-empty egress list; with policyTypes, rules of a direction it leaves out are ignored.
import type { NetworkPolicy, PolicyType } from '../../model/types.ts';
import type { Finding, FindingFix } from '../types.ts';
import { editSpec, finding, isRecord, listNames, membersOf, policyLabel, rawObject, replaceFix, type ReviewContext } from './context.ts';

function setPolicyTypes(ctx: ReviewContext, policy: NetworkPolicy, types: PolicyType[], title: string, description: string): FindingFix | undefined {
  const raw = rawObject(ctx, policy.ref);
  if (!raw) return undefined;
  const fixed = editSpec(raw, (spec) => {
    spec['policyTypes'] = types;
  });
  return replaceFix(title, description, policy.ref, fixed);
}

function removeRules(ctx: ReviewContext, policy: NetworkPolicy, direction: PolicyType, title: string, description: string): FindingFix | undefined {
  const raw = rawObject(ctx, policy.ref);
  if (!raw) return undefined;
  const fixed = editSpec(raw, (spec) => {
    delete spec[direction === 'Ingress' ? 'ingress' : 'egress'];
  });
  return replaceFix(title, description, policy.ref, fixed);
}

const present = <T>(items: (T | undefined)[]): T[] => items.filter((x): x is T => x !== undefined);

/** Workloads (ids) the policy selects that no other policy isolates in that direction: they change when it stops isolating. */
function onlyIsolatedBy(ctx: ReviewContext, index: number, direction: PolicyType): string[] {
  const { compiled } = ctx;
  const compiledPolicy = compiled.policies[index];
  if (!compiledPolicy) return [];
  const isolating = direction === 'Ingress' ? compiled.ingressPolicies : compiled.egressPolicies;
  return membersOf(compiledPolicy.selected)
    .filter((w) => isolating[w]!.every((pi) => pi === index))
    .map((w) => compiled.workloads[w]!.id);
}

function selectedIds(ctx: ReviewContext, index: number): string[] {
  const compiledPolicy = ctx.compiled.policies[index];
  return compiledPolicy ? membersOf(compiledPolicy.selected).map((w) => ctx.compiled.workloads[w]!.id) : [];
}

/**
 * A default deny paired with allows (another egress policy with rules isolates each of its pods) is
 * the usual design, and whether DNS gets through is egress-blocks-dns's to say: nothing to learn here.
 */
function complemented(ctx: ReviewContext, index: number): boolean {
  const cp = ctx.compiled.policies[index];
  if (!cp || cp.selected.isEmpty()) return false;
  // Only the selected ones: a scan of every workload per policy made this policies x pods.
  return membersOf(cp.selected).every((w) => ctx.compiled.egressPolicies[w]!.some((q) => q !== index && ctx.compiled.policies[q]!.egress.length > 0));
}

export function checkPolicyTypes(ctx: ReviewContext): Finding[] {
  const out: Finding[] = [];
  ctx.cluster.policies.forEach((policy, index) => {
    const raw = rawObject(ctx, policy.ref);
    const rawSpec = raw && isRecord(raw['spec']) ? raw['spec'] : {};
    const name = policyLabel(policy);
    const typesPath = 'policyTypes' in rawSpec ? 'spec.policyTypes' : 'spec';
    // Only computed when a finding needs it: most policies have none.
    let podsText: string | undefined;
    const pods = () => {
      if (podsText === undefined) {
        const selected = selectedIds(ctx, index);
        podsText = selected.length > 0 ? listNames(selected) : 'the pods it selects';
      }
      return podsText;
    };

    if (policy.policyTypesInferred && policy.ingress.length === 0 && policy.egress.length > 0 && !('ingress' in rawSpec)) {
      const reopened = onlyIsolatedBy(ctx, index, 'Ingress');
      out.push(finding(ctx, {
        rule: 'policy-types-implicit-ingress',
        subject: name,
        // When other policies isolate the same pods for ingress anyway, the inference changes nothing today.
        severity: reopened.length > 0 ? 'medium' : 'low',
        title: `NetworkPolicy ${name}: only egress rules, but it also isolates ingress`,
        risk: `Without policyTypes Kubernetes infers Ingress for every policy, so this egress policy also denies all ingress to ${pods()} unless another policy allows it. If only egress was meant, say policyTypes: [Egress].`,
        object: policy.ref,
        path: typesPath,
        fixes: present([
          setPolicyTypes(ctx, policy, ['Egress'], 'Set policyTypes: [Egress]',
            reopened.length > 0
              ? `Stops isolating for ingress: ${listNames(reopened)} accept${reopened.length === 1 ? 's' : ''} all ingress again (no other policy isolates ${reopened.length === 1 ? 'it' : 'them'} for ingress).`
              : 'Stops this policy isolating for ingress; other policies still isolate its pods, so nothing else changes.'),
          setPolicyTypes(ctx, policy, ['Ingress', 'Egress'], 'Set policyTypes: [Ingress, Egress]',
            'Keeps today\'s behaviour (all ingress to its pods denied unless another policy allows it) and says so explicitly.'),
        ]),
      }));
    }

    const rawEgress = rawSpec['egress'];
    if (policy.policyTypesInferred && Array.isArray(rawEgress) && rawEgress.length === 0) {
      out.push(finding(ctx, {
        rule: 'policy-types-empty-egress',
        subject: name,
        title: `NetworkPolicy ${name}: egress: [] does not deny egress`,
        risk: `An empty egress list reads like "deny all egress", but without policyTypes Kubernetes infers Egress only when egress rules exist, so ${pods()} keep all their egress${policy.ingress.length === 0 ? ' (and lose all ingress, as Ingress is always inferred)' : ''}.`,
        object: policy.ref,
        path: 'spec.egress',
        fixes: present([
          setPolicyTypes(ctx, policy, ['Ingress', 'Egress'], 'Set policyTypes: [Ingress, Egress]',
            `Isolates ${pods()} for egress as the empty list suggests: every connection they open, DNS included, is denied unless another policy allows it. Ingress stays as it is.`),
          ...(policy.ingress.length === 0
            ? [setPolicyTypes(ctx, policy, ['Egress'], 'Set policyTypes: [Egress]',
              `Denies all egress of ${pods()} (DNS included) unless another policy allows it, and stops denying their ingress.`)]
            : []),
        ]),
      }));
    }

    for (const direction of ['Ingress', 'Egress'] as const) {
      const rules = direction === 'Ingress' ? policy.ingress : policy.egress;
      if (policy.policyTypesInferred || policy.policyTypes.includes(direction) || rules.length === 0) continue;
      const verb = direction === 'Ingress' ? 'ingress' : 'egress';
      const field = direction === 'Ingress' ? 'spec.ingress' : 'spec.egress';
      out.push(finding(ctx, {
        rule: 'policy-types-rules-ignored',
        subject: `${name}:${verb}`,
        title: `NetworkPolicy ${name}: its ${verb} rules are ignored`,
        risk: `policyTypes is [${policy.policyTypes.join(', ')}], so Kubernetes ignores the ${rules.length} ${verb} rule${rules.length === 1 ? '' : 's'} and ${pods()} are not restricted by them: ${verb} stays ${direction === 'Egress' ? 'open unless another policy isolates them' : 'as other policies leave it'}.`,
        object: policy.ref,
        path: field,
        fixes: present([
          setPolicyTypes(ctx, policy, [...policy.policyTypes, direction], `Add ${direction} to policyTypes`,
            `The ${verb} rules take effect: ${pods()} become isolated for ${verb}, so only what these rules (or other policies) allow gets ${direction === 'Egress' ? 'out — DNS included, if no rule allows it it is denied' : 'in'}.`),
          removeRules(ctx, policy, direction, `Remove the ignored ${verb} rules`,
            `Deletes spec.${verb}, which has no effect today: behaviour does not change, the YAML stops promising a restriction it does not make.`),
        ]),
      }));
    }

    if (policy.policyTypes.includes('Egress') && policy.egress.length === 0 && !complemented(ctx, index)) {
      out.push(finding(ctx, {
        rule: 'policy-denies-all-egress',
        subject: name,
        title: `NetworkPolicy ${name}: denies all egress of its pods`,
        risk: `policyTypes lists Egress and there are no egress rules, so ${pods()} may connect nowhere unless another policy allows it. That is usually intended (a default deny), but DNS needs its own allow (UDP and TCP 53 to the cluster DNS pods).`,
        object: policy.ref,
        path: typesPath,
      }));
    }
  });
  return out;
}
