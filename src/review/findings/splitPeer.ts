// Check: a stray `-` at peer level. `- namespaceSelector: ...` and a separate `- podSelector: ...` in
// one from/to are two peers (OR): every pod of those namespaces, plus the labelled pods of the
// policy's own namespace. One peer with both selectors (AND) is usually what was meant.
// https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors
import { formatSelector, isEmptySelector } from '../../engine/selectors.ts';
import type { NetworkPolicy, NetworkPolicyPeer, PolicyType } from '../../model/types.ts';
import type { Finding, FindingFix } from '../types.ts';
import {
  editSpec, finding, isRecord, peerPath, peersField, policyLabel, rawObject, replaceFix, rulePath, rulesField, rulesOf, type ReviewContext,
} from './context.ts';

const namespaceOnly = (p: NetworkPolicyPeer) => p.namespaceSelector !== undefined && p.podSelector === undefined && p.ipBlock === undefined;
/** A podSelector alone that names labels: `podSelector: {}` (the whole own namespace) is written on purpose. */
const podOnly = (p: NetworkPolicyPeer) => p.podSelector !== undefined && p.namespaceSelector === undefined && p.ipBlock === undefined && !isEmptySelector(p.podSelector);

function mergeFix(ctx: ReviewContext, policy: NetworkPolicy, direction: PolicyType, ruleIndex: number, nsAt: number, podAt: number): FindingFix | undefined {
  const raw = rawObject(ctx, policy.ref);
  if (!raw) return undefined;
  const fixed = editSpec(raw, (spec) => {
    const rules = spec[rulesField(direction)];
    const rule: unknown = Array.isArray(rules) ? rules[ruleIndex] : undefined;
    const peers: unknown = isRecord(rule) ? rule[peersField(direction)] : undefined;
    if (!Array.isArray(peers)) return;
    const ns: unknown = peers[nsAt];
    const pod: unknown = peers[podAt];
    if (!isRecord(ns) || !isRecord(pod)) return;
    peers.splice(Math.min(nsAt, podAt), 2, { namespaceSelector: ns['namespaceSelector'], podSelector: pod['podSelector'] });
  });
  return replaceFix(`Merge ${peersField(direction)}[${nsAt}] and [${podAt}] into one peer`,
    'Makes one peer with both selectors: only the pods with those labels in the selected namespaces. The rest of those namespaces, and the labelled pods of the policy\'s own namespace, lose this rule.',
    policy.ref, fixed);
}

export function checkSplitPeers(ctx: ReviewContext): Finding[] {
  const out: Finding[] = [];
  for (const policy of ctx.cluster.policies) {
    for (const direction of policy.policyTypes) {
      rulesOf(policy, direction).forEach((rule, r) => {
        const peers = rule.peers ?? [];
        for (let j = 0; j + 1 < peers.length; j++) {
          const a = peers[j]!;
          const b = peers[j + 1]!;
          const [nsAt, podAt] = namespaceOnly(a) && podOnly(b) ? [j, j + 1] : podOnly(a) && namespaceOnly(b) ? [j + 1, j] : [-1, -1];
          if (nsAt < 0) continue;
          const ns = formatSelector(peers[nsAt]!.namespaceSelector!);
          const pod = formatSelector(peers[podAt]!.podSelector!);
          const name = policyLabel(policy);
          const fix = mergeFix(ctx, policy, direction, r, nsAt, podAt);
          out.push(finding(ctx, {
            rule: 'split-peer',
            subject: `${name}:${rulePath(direction, r)}.${peersField(direction)}[${Math.min(nsAt, podAt)}]`,
            title: `NetworkPolicy ${name}: ${peerPath(direction, r, Math.min(nsAt, podAt))} and [${Math.max(nsAt, podAt)}] look like one peer split in two`,
            risk: `As written they are two peers: every pod of the namespaces matching ${ns}, or the pods matching ${pod} in ${policy.namespace}. `
              + `One peer with both selectors (no "-" before podSelector) would mean only ${pod} pods in those namespaces. If "every pod there" is intended, ignore this.`,
            object: policy.ref,
            path: peerPath(direction, r, podAt),
            fixes: fix ? [fix] : [],
          }));
          j++;
        }
      });
    }
  }
  return out;
}
