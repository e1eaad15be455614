// Check: an egress rule with ports but no `to`. An empty `to` matches every destination: every pod,
// every address on the internet and the cloud metadata server, on those ports. The classic is "DNS on
// 53 to anywhere", which lets pods use any resolver on the internet (and tunnel data through it)
// instead of the cluster DNS. https://kubernetes.io/docs/concepts/services-networking/network-policies/
// ("If egress rules are empty ... to: ... matches all destinations")
import { externalPeers, METADATA_IP } from '../../design/external.ts';
import { formatRulePort } from '../../engine/ports.ts';
import type { NetworkPolicy, NetworkPolicyPort, NetworkPolicyRule } from '../../model/types.ts';
import type { Finding, FindingFix } from '../types.ts';
import { editSpec, finding, isRecord, policyLabel, rawObject, replaceFix, rulePath, type ReviewContext } from './context.ts';

/** The metadata server answers HTTP on TCP 80. */
const METADATA_PORT = 80;

const hasPeers = (rule: NetworkPolicyRule) => (rule.peers?.length ?? 0) > 0;
const hasPorts = (rule: NetworkPolicyRule) => (rule.ports?.length ?? 0) > 0;

const isDnsPort = (p: NetworkPolicyPort): boolean =>
  (p.protocol === 'UDP' || p.protocol === 'TCP') && p.endPort === undefined && (p.port === 53 || p.port === 'dns' || p.port === 'dns-tcp');

const coversMetadata = (p: NetworkPolicyPort): boolean =>
  p.protocol === 'TCP' && (p.port === undefined || (typeof p.port === 'number' && p.port <= METADATA_PORT && (p.endPort ?? p.port) >= METADATA_PORT));

function dnsFix(ctx: ReviewContext, policy: NetworkPolicy, index: number): FindingFix | undefined {
  const raw = rawObject(ctx, policy.ref);
  if (!raw) return undefined;
  const peers = externalPeers('dns', ctx.settings);
  const fixed = editSpec(raw, (spec) => {
    const rules = spec['egress'];
    const rule: unknown = Array.isArray(rules) ? rules[index] : undefined;
    if (isRecord(rule)) rule['to'] = structuredClone(peers);
  });
  return replaceFix(`Narrow ${rulePath('Egress', index)} to the cluster DNS`,
    `Adds a \`to\` with the cluster DNS pods (kubernetes.io/metadata.name=${ctx.settings.dns.namespace} and their pod labels${ctx.settings.nodeLocalDns ? ', and NodeLocal DNSCache' : ''}): name lookups keep working, other resolvers and every other address lose these ports.`,
    policy.ref, fixed);
}

export function checkPortsToAnywhere(ctx: ReviewContext): Finding[] {
  const out: Finding[] = [];
  ctx.cluster.policies.forEach((policy, pi) => {
    if (!policy.policyTypes.includes('Egress')) return;
    if (ctx.compiled.policies[pi]?.selected.isEmpty()) return; // a dead podSelector, reported on its own
    policy.egress.forEach((rule, i) => {
      if (hasPeers(rule) || !hasPorts(rule)) return;
      // Next to a peers-only rule it is the stray "-" of split-rule, reported there.
      const neighbours = [policy.egress[i - 1], policy.egress[i + 1]];
      if (neighbours.some((n) => n !== undefined && hasPeers(n) && !hasPorts(n))) return;
      const ports = rule.ports!;
      const dns = ports.every(isDnsPort);
      const metadata = ports.some(coversMetadata);
      const name = policyLabel(policy);
      const text = ports.map(formatRulePort).join(', ');
      const fix = dns ? dnsFix(ctx, policy, i) : undefined;
      out.push(finding(ctx, {
        rule: 'ports-to-anywhere',
        subject: `${name}:${rulePath('Egress', i)}`,
        severity: metadata ? 'high' : 'medium',
        title: `NetworkPolicy ${name}: ${rulePath('Egress', i)} opens ${text} to every address`,
        risk: `The rule has ports but no \`to\`, so ${text} is open to every pod, every internet address${metadata ? ` and the cloud metadata server ${METADATA_IP} (TCP ${METADATA_PORT}: the node's cloud credentials)` : ''}. `
          + (dns
            ? 'For DNS that means any resolver on the internet, not only the cluster DNS: queries (and data tunnelled in them) leave the cluster unseen.'
            : `Add a \`to\` naming what these ports are for: pods by selector, or an ipBlock (with except ${METADATA_IP}/32 when it is wide).`),
        object: policy.ref,
        path: rulePath('Egress', i),
        fixes: fix ? [fix] : [],
      }));
    });
  });
  return out;
}
