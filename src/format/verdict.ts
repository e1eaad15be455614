import { describeRule, formatRulePort, formatSelector } from '../engine/index.ts';
import type { DirectionVerdict, RuleMiss, Verdict } from '../engine/index.ts';
import type { ClusterModel, NetworkPolicyPeer, NetworkPolicyRule } from '../model/types.ts';

export function formatPeer(peer: NetworkPolicyPeer): string {
  if (peer.ipBlock) {
    const except = peer.ipBlock.except.length ? ` except ${peer.ipBlock.except.join(', ')}` : '';
    return `ipBlock ${peer.ipBlock.cidr}${except}`;
  }
  const parts: string[] = [];
  if (peer.namespaceSelector) parts.push(`namespaces [${formatSelector(peer.namespaceSelector)}]`);
  if (peer.podSelector) parts.push(`pods [${formatSelector(peer.podSelector)}]${peer.namespaceSelector ? '' : ' in the policy namespace'}`);
  return parts.join(' and ');
}

export function formatRule(rule: NetworkPolicyRule): string {
  const peers = rule.peers?.length ? rule.peers.map(formatPeer).join(' or ') : 'any peer';
  const ports = rule.ports?.length ? rule.ports.map(formatRulePort).join(', ') : 'any port';
  return `${peers}; ${ports}`;
}

function ruleOf(cluster: ClusterModel, miss: RuleMiss): NetworkPolicyRule | undefined {
  const policy = cluster.policies.find((p) => p.ref.manifest === miss.policy.manifest);
  return (miss.direction === 'Ingress' ? policy?.ingress : policy?.egress)?.[miss.ruleIndex];
}

function missReason(miss: RuleMiss): string {
  if (!miss.peerMatched && !miss.portMatched) return 'neither peer nor port matches';
  return miss.peerMatched ? 'peer matches, port does not' : 'port matches, peer does not';
}

function directionLines(cluster: ClusterModel, d: DirectionVerdict): string[] {
  const mark = d.allowed ? 'allowed' : 'DENIED';
  const lines = [`${d.direction}: ${mark}`, `  ${d.summary}`];
  for (const m of d.allowedBy) {
    const where = [m.peerIndex !== undefined ? `peer [${m.peerIndex}]` : 'all peers', m.portIndex !== undefined ? `port [${m.portIndex}]` : 'all ports'];
    lines.push(`  + ${describeRule(m)} (${where.join(', ')})`);
  }
  if (!d.allowed) {
    for (const m of d.misses) {
      const rule = ruleOf(cluster, m);
      lines.push(`  - ${describeRule(m)}: ${missReason(m)}${rule ? ` (${formatRule(rule)})` : ''}`);
    }
  }
  return lines;
}

/** The verdict as text, for the CLI and for copying out of the page. */
export function formatVerdict(cluster: ClusterModel, v: Verdict): string {
  const notes = (v.notes ?? []).map((n) => `note: ${n.text}${n.source ? ` (${n.source}${n.url ? `, ${n.url}` : ''})` : ''}`);
  return [v.summary, '', ...directionLines(cluster, v.egress), '', ...directionLines(cluster, v.ingress), ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}
