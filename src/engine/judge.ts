import type { ContainerPort, ObjectRef, PolicyType } from '../model/types.ts';
import { adminRuleMatches, rulesOf, type CompiledAdminRule } from './admin.ts';
import { ipBlockContains } from './cidr.ts';
import type { CompiledCluster, CompiledRule } from './compile.ts';
import { containerPortsOf, describeRule, type ResolvedEndpoint } from './endpoints.ts';
import { matchingPortIndex, resolveNamedPort, type PortQuery } from './ports.ts';
import type { ChainStep, DirectionVerdict, Probe, RuleMatch, RuleMiss, Tier, Verdict } from './types.ts';

/** Index of the first peer of the rule matching the other end, `'all'` for a rule without peers, else -1. */
export function matchingPeerIndex(rule: CompiledRule, other: ResolvedEndpoint): number | 'all' {
  if (rule.allPeers) return 'all';
  return rule.peers.findIndex((peer) =>
    other.kind === 'workload'
      ? peer.workloads.has(other.index)
      : peer.ipBlock !== undefined && !other.ipBlockBlind && ipBlockContains(peer.ipBlock, other.bytes),
  );
}

const policyName = (ref: ObjectRef) => (ref.namespace ? `${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`);

interface NetworkPolicyTier {
  isolated: boolean;
  isolatingPolicies: ObjectRef[];
  allowed: boolean;
  allowedBy: RuleMatch[];
  misses: RuleMiss[];
  summary: string;
}

/** The namespaced NetworkPolicies' answer: isolated or not, and which rule allows. */
function networkPolicyTier(
  c: CompiledCluster,
  direction: PolicyType,
  subject: Extract<ResolvedEndpoint, { kind: 'workload' }>,
  other: ResolvedEndpoint,
  query: PortQuery | undefined,
  destinationPorts: readonly ContainerPort[] | undefined,
): NetworkPolicyTier {
  const verb = direction === 'Egress' ? 'egress' : 'ingress';
  const isolating = (direction === 'Egress' ? c.egressPolicies : c.ingressPolicies)[subject.index]!;
  if (isolating.length === 0) {
    return {
      isolated: false, isolatingPolicies: [], allowed: true, allowedBy: [], misses: [],
      summary: `${subject.workload.id} is not isolated for ${verb}: no NetworkPolicy with policyType ${direction} selects it, so all ${verb} is allowed.`,
    };
  }
  const allowedBy: RuleMatch[] = [];
  const misses: RuleMiss[] = [];
  for (const pi of isolating) {
    const compiled = c.policies[pi]!;
    for (const rule of direction === 'Egress' ? compiled.egress : compiled.ingress) {
      const ref = { policy: compiled.policy.ref, direction, ruleIndex: rule.index };
      const peer = matchingPeerIndex(rule, other);
      const port = query ? matchingPortIndex(rule.rule.ports, query, destinationPorts) : rule.rule.ports?.length ? -1 : 'all';
      if (peer !== -1 && port !== -1) {
        allowedBy.push({ ...ref, ...(peer === 'all' ? {} : { peerIndex: peer }), ...(port === 'all' ? {} : { portIndex: port }) });
      } else {
        misses.push({ ...ref, peerMatched: peer !== -1, portMatched: port !== -1 });
      }
    }
  }
  const isolatingPolicies = isolating.map((pi) => c.policies[pi]!.policy.ref);
  const names = isolatingPolicies.map(policyName).join(', ');
  const allowed = allowedBy.length > 0;
  const more = allowedBy.length > 1 ? ` (and ${allowedBy.length - 1} more rule${allowedBy.length > 2 ? 's' : ''})` : '';
  const summary = allowed
    ? `${subject.workload.id} is isolated for ${verb} by ${names}; ${describeRule(allowedBy[0]!)} allows ${other.label}${more}.`
    : `${subject.workload.id} is isolated for ${verb} by ${names}, and none of their ${verb} rules allows ${other.label}${query ? ` on ${query.protocol}/${query.port}` : ''}${misses.length === 0 ? ` (they have no ${verb} rules: deny all)` : ''}.`;
  return { isolated: true, isolatingPolicies, allowed, allowedBy, misses, summary };
}

/** The first rule of a tier that matches, in priority and rule order. */
function firstTierMatch(
  c: CompiledCluster,
  order: readonly number[],
  direction: PolicyType,
  other: ResolvedEndpoint,
  query: PortQuery | undefined,
  destinationPorts: readonly ContainerPort[] | undefined,
): CompiledAdminRule | undefined {
  for (const pi of order) {
    for (const rule of rulesOf(c.admin.policies[pi]!, direction)) {
      if (adminRuleMatches(rule, other, query, destinationPorts)) return rule;
    }
  }
  return undefined;
}

function tierStep(c: CompiledCluster, tier: Tier, rule: CompiledAdminRule): ChainStep {
  const policy = c.admin.policies[rule.policyIndex]!.policy;
  const ruleName = rule.rule.name || `#${rule.index}`;
  return {
    tier, outcome: rule.rule.action, policy: policy.ref, ruleIndex: rule.index, ruleName: rule.rule.name,
    actionWord: rule.rule.actionWord, priority: policy.priority,
    text: `[${tier}] ${rule.rule.actionWord} by ${policyName(policy.ref)}${tier === 'Admin' ? ` (priority ${policy.priority})` : ''} rule "${ruleName}"`,
  };
}

export function decideDirection(
  c: CompiledCluster,
  direction: PolicyType,
  subject: ResolvedEndpoint,
  other: ResolvedEndpoint,
  query: PortQuery | undefined,
  destination: ResolvedEndpoint,
): DirectionVerdict {
  const verb = direction === 'Egress' ? 'egress' : 'ingress';
  if (subject.kind === 'ip') {
    const summary = `${subject.label} is outside the cluster: no policy governs its ${verb}.`;
    return {
      direction, subject: null, isolated: false, isolatingPolicies: [], allowed: true, allowedBy: [], misses: [],
      decidedBy: 'Default', chain: [{ tier: 'Default', outcome: 'Allow', text: summary }], summary,
    };
  }
  const destinationPorts = containerPortsOf(destination);
  const np = networkPolicyTier(c, direction, subject, other, query, destinationPorts);
  const base = { direction, subject: subject.workload.id, isolated: np.isolated, isolatingPolicies: np.isolatingPolicies, allowedBy: np.allowedBy, misses: np.misses };
  const npStep: ChainStep = np.isolated
    ? { tier: 'NetworkPolicy', outcome: np.allowed ? 'Allow' : 'Deny', text: `[NetworkPolicy] ${np.allowed ? `${describeRule(np.allowedBy[0]!)} allows` : 'isolated, no rule allows'}` }
    : { tier: 'NetworkPolicy', outcome: 'NotIsolated', text: '[NetworkPolicy] no policy selects it' };

  if (c.admin.policies.length === 0) {
    const chain: ChainStep[] = np.isolated ? [npStep] : [npStep, { tier: 'Default', outcome: 'Allow', text: '[Default] allowed' }];
    return { ...base, allowed: np.allowed, decidedBy: np.isolated ? 'NetworkPolicy' : 'Default', chain, summary: np.summary };
  }

  const chain: ChainStep[] = [];
  const finish = (allowed: boolean, decidedBy: Tier): DirectionVerdict => {
    const path = `${chain.map((s) => s.text).join(' -> ')} -> ${allowed ? 'allowed' : 'denied'}`;
    return { ...base, allowed, decidedBy, chain, summary: `${subject.workload.id} ${verb}: ${path}.${decidedBy === 'NetworkPolicy' ? ` ${np.summary}` : ''}` };
  };
  const admin = firstTierMatch(c, c.admin.adminFor[subject.index]!, direction, other, query, destinationPorts);
  if (admin) {
    chain.push(tierStep(c, 'Admin', admin));
    if (admin.rule.action !== 'Pass') return finish(admin.rule.action === 'Allow', 'Admin');
  }
  chain.push(npStep);
  if (np.isolated) return finish(np.allowed, 'NetworkPolicy');
  const baseline = firstTierMatch(c, c.admin.baselineFor[subject.index]!, direction, other, query, destinationPorts);
  if (baseline) {
    chain.push(tierStep(c, 'Baseline', baseline));
    if (baseline.rule.action !== 'Pass') return finish(baseline.rule.action === 'Allow', 'Baseline');
  }
  chain.push({ tier: 'Default', outcome: 'Allow', text: '[Default] allowed' });
  return finish(true, 'Default');
}

/**
 * The policies' verdict for one connection, with its reasons. Allowed iff the source's egress and
 * the destination's ingress both allow it; each side is decided by the tiers in order: admin
 * policies, then the NetworkPolicies isolating that pod, then the baseline, then the default.
 * The exceptions no policy can change (loopback, the pod's own node) and Service addresses are
 * handled by `evaluate` around this.
 */
export function judgePolicies(c: CompiledCluster, probe: Probe, from: ResolvedEndpoint, to: ResolvedEndpoint): Verdict {
  const resolvedPort =
    typeof probe.port === 'number' ? probe.port : resolveNamedPort(probe.port, probe.protocol, containerPortsOf(to));
  const query = resolvedPort === undefined ? undefined : { port: resolvedPort, protocol: probe.protocol };
  const egress = decideDirection(c, 'Egress', from, to, query, to);
  const ingress = decideDirection(c, 'Ingress', to, from, query, to);
  const allowed = query !== undefined && egress.allowed && ingress.allowed;
  const what = `${from.label} -> ${to.label} ${probe.protocol}/${probe.port}`;
  let summary: string;
  if (query === undefined) summary = `Denied: ${to.label} has no ${probe.protocol} container port named "${probe.port}".`;
  else if (allowed) summary = `Allowed: ${what}.`;
  else if (!egress.allowed && !ingress.allowed) summary = `Denied on both ends: ${what}. ${egress.summary} ${ingress.summary}`;
  else summary = `Denied: ${what}. ${(egress.allowed ? ingress : egress).summary}`;
  return { probe, ...(resolvedPort === undefined ? {} : { resolvedPort }), allowed, egress, ingress, summary };
}
