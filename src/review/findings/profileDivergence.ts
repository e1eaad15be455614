// Connections whose verdict depends on the network plugin. The NetworkPolicy spec leaves some
// behaviour to the plugin (ipBlock over pods and nodes, Service ClusterIPs, hostNetwork pods, a
// pod's own node), and Cilium, Calico and the AWS VPC CNI are documented to differ there (see
// src/engine/profiles). Only the pairs such a difference can touch are judged under every profile,
// so the check stays cheap on large dumps; one finding per documented difference.
import { ALL_DIFFERENCES, PROFILE_IDS, evaluate, profileById, type CompiledCluster, type DifferenceTopic, type Endpoint, type NetworkProfileId, type Probe } from '../../engine/index.ts';
import type { ObjectRef, Protocol, Workload } from '../../model/types.ts';
import type { Finding } from '../types.ts';
import { finding, listNames, membersOf, plural, type ReviewContext } from './context.ts';

/** Candidate probes are capped: past this, the finding says it looked at a sample. */
const MAX_PROBES = 400;

/** What a reviewer does about each kind of difference. */
const ACTION: Record<string, string> = {
  'ipblock-pods': 'Select in-cluster peers with podSelector/namespaceSelector, which every plugin honours.',
  'ipblock-nodes': 'To reach nodes on Cilium, run the agent with policy-cidr-match-mode=nodes or add a CiliumNetworkPolicy with toEntities/fromEntities remote-node or host.',
  'host-network': 'hostNetwork pods take the node\u2019s identity: protect them with the plugin\u2019s host policies, and do not count on pod selectors to match them.',
  'standalone-pods': 'Run the pod from a Deployment (or another controller) so the policies are enforced on it.',
  'own-node-egress': 'If the pods need their node (NodeLocal DNSCache, node exporters, the kubelet), allow the node addresses in an egress rule (or the host entity on Cilium).',
  'service-vip': 'Allow the Service\u2019s backend pods by labels on the targetPort, and (for the AWS VPC CNI) make the rule\u2019s labels include the Service selector and keep port equal to targetPort.',
  'service-selector': 'Make the egress rule\u2019s podSelector carry every label of the Service selector.',
  'service-port': 'Give the Service the same port as the container port (targetPort), or name both ports alike.',
  'sctp-service': 'Give the SCTP Service port the same number as its targetPort.',
};

interface Candidate {
  probe: Probe;
  /** The kinds of difference that may split it: only the profiles documenting one are compiled. */
  topics: DifferenceTopic[];
}

const workloadEnd = (w: Workload): Endpoint => ({ kind: 'workload', id: w.id });
const ipEnd = (ip: string): Endpoint => ({ kind: 'ip', ip });

/** A port the destination serves (its first), or a common one for an address. */
function portFor(c: CompiledCluster, to: Endpoint, rulePorts?: readonly { port?: number | string; protocol: Protocol }[]): { port: number; protocol: Protocol } {
  const numeric = rulePorts?.find((p) => typeof p.port === 'number');
  if (numeric && typeof numeric.port === 'number') return { port: numeric.port, protocol: numeric.protocol };
  if (to.kind === 'workload') {
    const w = c.workloads[c.workloadIndex.get(to.id) ?? -1];
    const first = w?.ports[0];
    if (first) return { port: first.containerPort, protocol: first.protocol };
  }
  return { port: 443, protocol: 'TCP' };
}

function candidates(spec: CompiledCluster): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const add = (from: Endpoint, to: Endpoint, port: { port: number; protocol: Protocol }, topics: DifferenceTopic[]) => {
    if (out.length >= MAX_PROBES) return;
    const key = `${label(from)}>${label(to)}:${port.protocol}/${port.port}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ probe: { from, to, ...port }, topics });
  };
  const nodeIps = spec.cluster.nodes.flatMap((n) => n.addresses.slice(0, 1));
  const selectedOf = (pi: number) => membersOf(spec.policies[pi]!.selected).map((i) => spec.workloads[i]!);

  // ipBlock peers over pods and nodes.
  for (const cp of spec.policies) {
    // Once the cap is reached nothing more is added: a large dump's thousands of policies add only time.
    if (out.length >= MAX_PROBES) break;
    let selected: Workload[] | undefined; // once per policy, and only when it has an ipBlock peer
    for (const [rules, egress] of [[cp.egress, true], [cp.ingress, false]] as const) {
      for (const rule of rules) {
        for (const peer of rule.peers) {
          if (!peer.ipBlock) continue;
          selected ??= selectedOf(cp.index);
          // The block's pods only (walking every workload for each of thousands of ipBlock peers,
          // most of which cover no pod, was most of this check after a toggle at 5,000 pods).
          for (const i of membersOf(peer.workloads)) {
            // (stops at the cap: the rest of a large dump adds nothing but time)
            if (out.length >= MAX_PROBES) break;
            const other = spec.workloads[i]!;
            for (const s of selected) {
              if (s.id === other.id) continue;
              const [from, to] = egress ? [workloadEnd(s), workloadEnd(other)] : [workloadEnd(other), workloadEnd(s)];
              add(from, to, portFor(spec, to, rule.rule.ports), ['ipblock-pods']);
            }
          }
          for (const ip of nodeIps) {
            for (const s of selected) {
              const [from, to] = egress ? [workloadEnd(s), ipEnd(ip)] : [ipEnd(ip), workloadEnd(s)];
              add(from, to, portFor(spec, to, rule.rule.ports), ['ipblock-nodes', 'own-node-egress']);
            }
          }
        }
      }
    }
  }
  const byNamespace = new Map<string, Workload[]>();
  for (const w of spec.workloads) {
    const list = byNamespace.get(w.namespace);
    if (list) list.push(w);
    else byNamespace.set(w.namespace, [w]);
  }
  // hostNetwork pods and bare Pods, which some plugins do not enforce or select.
  for (const w of spec.workloads) {
    if (out.length >= MAX_PROBES) break;
    const bare = w.kind === 'Pod' && !w.owned;
    if (!w.hostNetwork && !bare) continue;
    const topics: DifferenceTopic[] = [...(w.hostNetwork ? ['host-network' as const] : []), ...(bare ? ['standalone-pods' as const] : [])];
    // One neighbour each way is enough to show whether the pod is enforced or selected at all.
    const other = (byNamespace.get(w.namespace) ?? []).find((x) => x.id !== w.id);
    if (other) {
      add(workloadEnd(other), workloadEnd(w), portFor(spec, workloadEnd(w)), topics);
      add(workloadEnd(w), workloadEnd(other), portFor(spec, workloadEnd(other)), topics);
    }
    add(workloadEnd(w), ipEnd('1.1.1.1'), { port: 443, protocol: 'TCP' }, topics);
  }
  // Egress-isolated pods to their node, and to Services' ClusterIPs.
  const isolated = spec.workloads.filter((_, i) => spec.egressPolicies[i]!.length > 0);
  for (const s of isolated) {
    if (out.length >= MAX_PROBES) break;
    for (const ip of nodeIps) add(workloadEnd(s), ipEnd(ip), { port: 10250, protocol: 'TCP' }, ['own-node-egress', 'ipblock-nodes']);
    for (const service of spec.cluster.services) {
      if (out.length >= MAX_PROBES) break;
      const ip = service.clusterIPs[0];
      if (!ip || service.selector === undefined) continue;
      for (const p of service.ports.slice(0, 2)) add(workloadEnd(s), ipEnd(ip), { port: p.port, protocol: p.protocol }, ['service-vip', 'service-selector', 'service-port', 'sctp-service']);
    }
  }
  return out;
}

const label = (e: Endpoint) => (e.kind === 'workload' ? e.id : `ip:${e.ip}`);

export function checkProfileDivergence(ctx: ReviewContext): Finding[] {
  const current = ctx.compiled.profile.id;
  const spec = current === 'spec' ? ctx.compiled : ctx.compileAs('design', ctx.cluster, 'spec');
  const list = candidates(spec);
  if (list.length === 0) return [];
  // Compile only the profiles that document a difference these connections can meet.
  const topics = new Set(list.flatMap((c) => c.topics));
  const needed = PROFILE_IDS.filter((id) => id === 'spec' || id === current || ALL_DIFFERENCES.some((d) => d.profile === id && topics.has(d.topic)));
  const compiled = new Map<NetworkProfileId, CompiledCluster>(needed.map((id) => [id, id === current ? ctx.compiled : id === 'spec' ? spec : ctx.compileAs('design', ctx.cluster, id)]));
  // difference id -> the pairs it splits, with who allows
  const groups = new Map<string, { text: string; allowedOn: NetworkProfileId[]; deniedOn: NetworkProfileId[]; policy?: ObjectRef }[]>();
  for (const { probe } of list) {
    let verdicts;
    try {
      // A profile documenting no difference these connections can meet answers as the spec does.
      const specVerdict = evaluate(spec, probe);
      verdicts = PROFILE_IDS.map((id) => {
        const c = compiled.get(id);
        return { id, v: id === 'spec' ? specVerdict : c ? evaluate(c, probe) : { ...specVerdict, notes: [] } };
      });
    } catch {
      continue; // an endpoint unknown to the engine: nothing to compare
    }
    const allowedOn = verdicts.filter((x) => x.v.allowed).map((x) => x.id);
    if (allowedOn.length === 0 || allowedOn.length === verdicts.length) continue;
    const deniedOn = verdicts.filter((x) => !x.v.allowed).map((x) => x.id);
    // The differences that explain the split: those of the profiles that answer otherwise than the spec.
    const reference = verdicts.find((x) => x.id === 'spec')!.v.allowed;
    const differences = new Set(verdicts.filter((x) => x.v.allowed !== reference)
      .flatMap((x) => (x.v.notes ?? []).flatMap((n) => (n.difference ? [n.difference] : []))));
    const text = `${label(probe.from)} -> ${label(probe.to)} ${probe.protocol}/${probe.port}`;
    const policy = isolatingPolicy(spec, probe);
    for (const id of differences.size > 0 ? differences : new Set(['unexplained'])) {
      const entry = { text, allowedOn, deniedOn, ...(policy ? { policy } : {}) };
      const list = groups.get(id);
      if (list) list.push(entry);
      else groups.set(id, [entry]);
    }
  }
  const names = (ids: readonly NetworkProfileId[]) => listNames(ids.map((id) => profileById(id).name), 4);
  // Differences that split exactly the same connections are one finding (Cilium and Calico both
  // translating a ClusterIP before policy is one thing to act on).
  const merged = new Map<string, { ids: string[]; pairs: (typeof groups extends Map<string, infer V> ? V : never) }>();
  for (const [id, pairs] of groups) {
    if (!ALL_DIFFERENCES.some((x) => x.id === id)) continue;
    const key = pairs.map((p) => p.text).sort().join('\n');
    const entry = merged.get(key);
    if (entry) entry.ids.push(id);
    else merged.set(key, { ids: [id], pairs });
  }
  const out: Finding[] = [];
  for (const { ids, pairs } of merged.values()) {
    const differences = ids.map((id) => ALL_DIFFERENCES.find((x) => x.id === id)!);
    const shown = pairs.slice(0, 4).map((p) => `${p.text} (allowed on ${names(p.allowedOn)}, denied on ${names(p.deniedOn)})`);
    const more = pairs.length > shown.length ? `; and ${pairs.length - shown.length} more` : '';
    const topics = [...new Set(differences.map((d) => TOPIC[d.topic] ?? d.topic))];
    const plugins = [...new Set(differences.map((d) => d.profile))];
    const actions = [...new Set(differences.map((d) => ACTION[d.topic] ?? ''))].filter(Boolean);
    const policy = pairs.find((p) => p.policy)?.policy;
    // Real plugins disagreeing among themselves is a portability risk; when only the spec reading
    // differs (the spec leaves it open), it is a note to set the cluster's plugin.
    const pluginsDisagree = pairs.some((p) => p.allowedOn.some((id) => id !== 'spec') && p.deniedOn.some((id) => id !== 'spec'));
    out.push(finding(ctx, {
      rule: 'profile-divergence',
      subject: ids.join('+'),
      ...(policy ? { object: policy } : {}),
      severity: pluginsDisagree ? 'medium' : 'low',
      title: `${plural(pairs.length, 'connection')} ${pairs.length === 1 ? 'depends' : 'depend'} on the network plugin: ${listNames(topics)} (${names(plugins)})`,
      risk: [
        `${shown.join('; ')}${more}.`,
        ...differences.map((d) => `${profileById(d.profile).name}: ${d.text} (${d.source}, ${d.url})`),
        'Set the cluster\u2019s plugin in Settings (or --profile) to see its verdicts.',
        ...actions,
        ...(list.length >= MAX_PROBES ? [`(A sample of ${MAX_PROBES} connections was compared.)`] : []),
      ].join(' '),
    }));
  }
  return out;
}

/** Short names of the topics, for titles. */
const TOPIC: Record<string, string> = {
  'ipblock-pods': 'ipBlock over pod addresses',
  'ipblock-nodes': 'ipBlock over node addresses',
  'host-network': 'hostNetwork pods',
  'standalone-pods': 'bare Pods',
  'own-node-egress': 'egress to the pod\u2019s own node',
  'service-vip': 'Service ClusterIPs',
  'service-selector': 'Service selector labels',
  'service-port': 'Service port vs targetPort',
  'sctp-service': 'SCTP through Services',
};

/** A NetworkPolicy that isolates one end of the probe under the spec: where the finding points. */
function isolatingPolicy(spec: CompiledCluster, probe: Probe): ObjectRef | undefined {
  const index = (e: Endpoint) => (e.kind === 'workload' ? spec.workloadIndex.get(e.id) : undefined);
  const from = index(probe.from);
  const to = index(probe.to);
  const pi = (from !== undefined ? spec.egressPolicies[from]![0] : undefined) ?? (to !== undefined ? spec.ingressPolicies[to]![0] : undefined);
  return pi === undefined ? undefined : spec.policies[pi]!.policy.ref;
}
