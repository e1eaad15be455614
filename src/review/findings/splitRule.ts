// Check 3: a stray `-` before `ports:` turns "these peers on these ports" into two rules: the peers on
// every port, and the ports from (or to) everyone. Adjacent rules of that shape are almost always it.
import { formatRulePort } from '../../engine/ports.ts';
import type { NetworkPolicy, NetworkPolicyRule, PolicyType } from '../../model/types.ts';
import type { Finding, FindingFix } from '../types.ts';
import {
  editSpec, finding, isRecord, peersField, policyLabel, rawObject, replaceFix, rulePath, rulesField, rulesOf, type ReviewContext,
} from './context.ts';

const hasPeers = (rule: NetworkPolicyRule) => (rule.peers?.length ?? 0) > 0;
const hasPorts = (rule: NetworkPolicyRule) => (rule.ports?.length ?? 0) > 0;
const peersOnly = (rule: NetworkPolicyRule) => hasPeers(rule) && !hasPorts(rule);
const portsOnly = (rule: NetworkPolicyRule) => hasPorts(rule) && !hasPeers(rule);

function mergeFix(ctx: ReviewContext, policy: NetworkPolicy, direction: PolicyType, peersAt: number, portsAt: number): FindingFix | undefined {
  const raw = rawObject(ctx, policy.ref);
  if (!raw) return undefined;
  const field = rulesField(direction);
  const peerKey = peersField(direction);
  const first = Math.min(peersAt, portsAt);
  const fixed = editSpec(raw, (spec) => {
    const rules = spec[field];
    if (!Array.isArray(rules)) return;
    const withPeers: unknown = rules[peersAt];
    const withPorts: unknown = rules[portsAt];
    if (!isRecord(withPeers) || !isRecord(withPorts)) return;
    // Keep any other fields of both items; peers and ports are what the stray dash separated.
    const merged = { ...withPorts, ...withPeers, [peerKey]: withPeers[peerKey], ports: withPorts['ports'] };
    rules.splice(first, 2, merged);
  });
  const verb = direction === 'Ingress' ? 'from' : 'to';
  return replaceFix(`Merge ${rulePath(direction, peersAt)} and ${rulePath(direction, portsAt)}`,
    `Makes one rule: ${verb} the peers of ${rulePath(direction, peersAt)}, on the ports of ${rulePath(direction, portsAt)}. Those peers lose the other ports, and every other ${direction === 'Ingress' ? 'source' : 'destination'} loses these ports — which is what the YAML was meant to say.`, policy.ref, fixed);
}

export function checkSplitRules(ctx: ReviewContext): Finding[] {
  const out: Finding[] = [];
  for (const policy of ctx.cluster.policies) {
    for (const direction of policy.policyTypes) {
      const rules = rulesOf(policy, direction);
      for (let i = 0; i + 1 < rules.length; i++) {
        const a = rules[i]!;
        const b = rules[i + 1]!;
        let peersAt: number;
        let portsAt: number;
        if (peersOnly(a) && portsOnly(b)) [peersAt, portsAt] = [i, i + 1];
        else if (portsOnly(a) && peersOnly(b)) [peersAt, portsAt] = [i + 1, i];
        else continue;
        const ports = (rules[portsAt]!.ports ?? []).map(formatRulePort).join(', ');
        const everyone = direction === 'Ingress' ? 'from every source (any pod, any namespace, any address)' : 'to every destination (any pod, any address, the internet)';
        const name = policyLabel(policy);
        out.push(finding(ctx, {
          rule: 'split-rule',
          subject: `${name}:${rulesField(direction)}[${i}]`,
          title: `NetworkPolicy ${name}: ${rulePath(direction, Math.min(peersAt, portsAt))} and [${Math.max(peersAt, portsAt)}] look like one rule split in two`,
          risk: `${rulePath(direction, portsAt)} allows ${ports} ${everyone}, and ${rulePath(direction, peersAt)} allows every port ${direction === 'Ingress' ? 'from' : 'to'} its peers. A "-" before "ports:" does this; without it the rule would allow only ${ports} ${direction === 'Ingress' ? 'from' : 'to'} those peers.`,
          object: policy.ref,
          path: rulePath(direction, portsAt),
          fixes: [mergeFix(ctx, policy, direction, peersAt, portsAt)].filter((f): f is FindingFix => f !== undefined),
        }));
        i++; // the pair is reported; do not pair its second rule again
      }
    }
  }
  return out;
}
