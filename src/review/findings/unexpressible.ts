// Check 8: what the NetworkPolicy API cannot say, and what network plugins implement differently.
// Stated plainly and rated low: these are facts to know, not mistakes in the YAML.
import type { CompiledPolicy } from '../../engine/compile.ts';
import type { KubeObject, ObjectRef, PolicyType } from '../../model/types.ts';
import type { Finding } from '../types.ts';
import { finding, isRecord, listNames, peerPath, policyLabel, rulePath, type ReviewContext } from './context.ts';

const ICMP_WORDS = /\b(icmp(v6)?|ping)\b/i;

/** Paths of `ports[].protocol` values that are ICMP, in a NetworkPolicy as written (the API server rejects them). */
function icmpPorts(object: KubeObject): string[] {
  const spec = isRecord(object['spec']) ? object['spec'] : {};
  const paths: string[] = [];
  for (const field of ['ingress', 'egress'] as const) {
    const rules = spec[field];
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule: unknown, i) => {
      const ports = isRecord(rule) ? rule['ports'] : undefined;
      if (!Array.isArray(ports)) return;
      ports.forEach((port: unknown, k) => {
        const protocol = isRecord(port) ? port['protocol'] : undefined;
        if (typeof protocol === 'string' && /^icmp/i.test(protocol)) paths.push(`spec.${field}[${i}].ports[${k}].protocol`);
      });
    });
  }
  return paths;
}

function mentionsIcmp(object: KubeObject): boolean {
  const annotations = Object.values(object.metadata.annotations ?? {}).filter((v): v is string => typeof v === 'string');
  return [object.metadata.name, ...annotations].some((text) => ICMP_WORDS.test(text));
}

function checkIcmp(ctx: ReviewContext): Finding[] {
  const out: Finding[] = [];
  ctx.design.manifests.forEach((m, index) => {
    const object = m.object;
    if (object.kind !== 'NetworkPolicy' || !isRecord(object.metadata)) return;
    const ports = icmpPorts(object);
    if (ports.length === 0 && !mentionsIcmp(object)) return;
    const namespace = typeof object.metadata.namespace === 'string' ? object.metadata.namespace : 'default';
    const ref: ObjectRef = { kind: 'NetworkPolicy', name: object.metadata.name, namespace, manifest: index };
    const name = `${namespace}/${object.metadata.name}`;
    out.push(finding(ctx, {
      rule: 'icmp-not-expressible',
      subject: name,
      title: `NetworkPolicy ${name}: ICMP cannot be expressed`,
      risk: ports.length > 0
        ? `protocol ICMP is not a NetworkPolicy protocol (only TCP, UDP and SCTP), so the API server rejects the whole policy. Whether a rule without ports lets ping through depends on the network plugin; no field allows or denies ICMP.`
        : `The policy's name or description mentions ICMP or ping, but NetworkPolicy only matches TCP, UDP and SCTP: no field allows or denies ICMP. Whether ICMP passes a rule without ports depends on the network plugin.`,
      object: ref,
      ...(ports[0] ? { path: ports[0] } : {}),
    }));
  });
  return out;
}

interface Hit {
  path: string;
}

/** Hits over the directions the policy enforces (rules of other directions are ignored by Kubernetes). */
function perPolicy(cp: CompiledPolicy, pick: (direction: PolicyType) => Hit[]): Hit[] {
  return (['Ingress', 'Egress'] as const).flatMap((d) => (cp.policy.policyTypes.includes(d) ? pick(d) : []));
}

export function checkUnexpressible(ctx: ReviewContext): Finding[] {
  const out = checkIcmp(ctx);
  for (const cp of ctx.compiled.policies) {
    const policy = cp.policy;
    const name = policyLabel(policy);
    const rulesOf = (d: PolicyType) => (d === 'Ingress' ? cp.ingress : cp.egress);

    const portless = perPolicy(cp, (d) => rulesOf(d)
      .filter((r) => !r.rule.ports?.length && r.rule.peers?.some((p) => p.ipBlock))
      .map((r) => ({ path: rulePath(d, r.index) })));
    if (portless.length > 0) {
      out.push(finding(ctx, {
        rule: 'no-ports-icmp-varies',
        subject: name,
        title: `NetworkPolicy ${name}: ipBlock rule${portless.length === 1 ? '' : 's'} without ports (${listNames(portless.map((h) => h.path))})`,
        risk: 'A rule without ports allows every TCP, UDP and SCTP port to its addresses. Whether it also lets ICMP (ping, "fragmentation needed" messages) through is up to the network plugin: some allow it, some drop it, and no field of the API can say which you want. Nothing to change in the policy: if these pods need ICMP (path MTU discovery through a tunnel or VPN), check it on your plugin with a ping from one of them.',
        object: policy.ref,
        path: portless[0]!.path,
      }));
    }

    const sctp = perPolicy(cp, (d) => rulesOf(d).flatMap((r) => (r.rule.ports ?? [])
      .map((p, k) => ({ p, path: `${rulePath(d, r.index)}.ports[${k}]` })).filter(({ p }) => p.protocol === 'SCTP')));
    if (sctp.length > 0) {
      out.push(finding(ctx, {
        rule: 'sctp-support',
        subject: name,
        title: `NetworkPolicy ${name}: SCTP ports`,
        risk: 'SCTP in NetworkPolicy needs a network plugin that implements it; on one that does not, these ports are not enforced as written. Check your plugin\'s documentation.',
        object: policy.ref,
        path: sctp[0]!.path,
      }));
    }

    const ranges = perPolicy(cp, (d) => rulesOf(d).flatMap((r) => (r.rule.ports ?? [])
      .map((p, k) => ({ p, path: `${rulePath(d, r.index)}.ports[${k}].endPort` })).filter(({ p }) => p.endPort !== undefined)));
    if (ranges.length > 0) {
      out.push(finding(ctx, {
        rule: 'endport-support',
        subject: name,
        title: `NetworkPolicy ${name}: port range${ranges.length === 1 ? '' : 's'} with endPort`,
        risk: 'endPort needs network plugin support: a plugin without it applies the rule to the single port in `port` only, so the rest of the range is denied.',
        object: policy.ref,
        path: ranges[0]!.path,
      }));
    }

    if (policy.policyTypes.includes('Egress')) {
      for (const r of cp.egress) {
        const ipPeers = (r.rule.peers ?? []).map((p, j) => ({ p, j })).filter(({ p }) => p.ipBlock);
        const namedPorts = (r.rule.ports ?? []).filter((p) => typeof p.port === 'string');
        if (ipPeers.length === 0 || namedPorts.length === 0) continue;
        const onlyIp = ipPeers.length === (r.rule.peers ?? []).length;
        out.push(finding(ctx, {
          rule: 'named-port-ipblock',
          subject: `${name}:${rulePath('Egress', r.index)}`,
          title: `NetworkPolicy ${name}: named port${namedPorts.length === 1 ? '' : 's'} ${listNames(namedPorts.map((p) => `"${String(p.port)}"`))} towards ipBlock`,
          risk: `Named ports are resolved on the destination pod's container ports; an address outside the cluster has none, so ${onlyIp ? 'this rule never matches its ipBlock destinations' : 'these ports never match the ipBlock peers of this rule (only its pod peers)'}. Use port numbers for ipBlock peers.`,
          object: policy.ref,
          path: `${peerPath('Egress', r.index, ipPeers[0]!.j)}.ipBlock`,
        }));
      }
    }
  }
  return out;
}
