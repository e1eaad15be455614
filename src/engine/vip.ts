// Traffic to a Service ClusterIP under a profile that says where the translation to a backend
// happens relative to policy. The spec leaves it open ("it is not defined whether this happens
// before or after NetworkPolicy processing", Kubernetes docs, Network Policies), so the spec
// profile never comes here: it judges the ClusterIP as a plain address.
import type { NetworkPolicyPeer, ServiceModel, ServicePort } from '../model/types.ts';
import { parseIp } from './cidr.ts';
import { ipKey, type CompiledCluster } from './compile.ts';
import { containerPortsOf, type ResolvedEndpoint } from './endpoints.ts';
import { decideDirection, judgePolicies } from './judge.ts';
import { resolveNamedPort } from './ports.ts';
import { differenceOf } from './profiles/table.ts';
import type { DifferenceTopic } from './profiles/types.ts';
import { matchesSelector } from './selectors.ts';
import { classesOf } from './classes/memo.ts';
import type { DirectionVerdict, Probe, Verdict, VerdictNote } from './types.ts';

type Decide = (c: CompiledCluster, probe: Probe, from: ResolvedEndpoint, to: ResolvedEndpoint) => Verdict;
type Ip = Extract<ResolvedEndpoint, { kind: 'ip' }>;
type Pod = Extract<ResolvedEndpoint, { kind: 'workload' }>;

/**
 * ClusterIP -> the first Service (in the design's order) that has it, per compiled cluster: a review
 * of a large dump asks about hundreds of addresses, and parsing every Service's IPs for each was
 * most of its time.
 */
const servicesByIp = new WeakMap<CompiledCluster, Map<string, ServiceModel>>();

export function serviceAtAddress(c: CompiledCluster, bytes: readonly number[]): ServiceModel | undefined {
  let byIp = servicesByIp.get(c);
  if (!byIp) {
    byIp = new Map();
    for (const s of c.cluster.services) {
      for (const ip of s.clusterIPs) {
        const b = parseIp(ip);
        if (b === undefined) continue;
        const key = ipKey(b);
        if (!byIp.has(key)) byIp.set(key, s);
      }
    }
    servicesByIp.set(c, byIp);
  }
  return byIp.get(ipKey(bytes));
}

/** A Service's backends per compiled cluster (read only): each probe of its ClusterIP asks again. */
const backendsByService = new WeakMap<CompiledCluster, Map<ServiceModel, readonly Pod[]>>();

function backendsOf(c: CompiledCluster, service: ServiceModel): readonly Pod[] {
  const selector = service.selector;
  if (selector === undefined) return [];
  let known = backendsByService.get(c);
  if (!known) backendsByService.set(c, (known = new Map()));
  const cached = known.get(service);
  if (cached) return cached;
  const out: Pod[] = [];
  const matchLabels = { ...selector };
  for (const index of workloadsIn(c, service.namespace)) {
    const w = c.workloads[index]!;
    if (matchesSelector({ matchLabels }, w.labels)) out.push({ kind: 'workload', index, workload: w, label: w.id });
  }
  known.set(service, out);
  return out;
}

const byNamespaceOf = new WeakMap<CompiledCluster, Map<string, number[]>>();

/**
 * Workload indices of a namespace, ascending (a Service selects pods of its own namespace only): the
 * review probes hundreds of ClusterIPs under several plugins, and each walked every workload.
 */
function workloadsIn(c: CompiledCluster, namespace: string): readonly number[] {
  let index = byNamespaceOf.get(c);
  if (!index) {
    index = new Map();
    for (let i = 0; i < c.workloads.length; i++) {
      const ns = c.workloads[i]!.namespace;
      const list = index.get(ns);
      if (list) list.push(i);
      else index.set(ns, [i]);
    }
    byNamespaceOf.set(c, index);
  }
  return index.get(namespace) ?? [];
}

export function serviceVipVerdict(c: CompiledCluster, probe: Probe, from: ResolvedEndpoint, to: Ip, service: ServiceModel, decide: Decide): Verdict {
  const notes: VerdictNote[] = [];
  const note = (topic: DifferenceTopic) => {
    const d = differenceOf(c.profile, topic);
    if (d && !notes.some((n) => n.difference === d.id)) notes.push({ text: d.text, source: d.source, url: d.url, difference: d.id });
  };
  note('service-vip');
  const plain = judgePolicies(c, probe, from, to);
  const finish = (allowed: boolean, summary: string, egress = plain.egress, ingress = plain.ingress): Verdict =>
    ({ ...plain, allowed, egress, ingress, summary, notes });
  const servicePort = service.ports.find((p) => p.protocol === probe.protocol && (p.port === probe.port || (p.name !== undefined && p.name === probe.port)));
  const head = `${to.label} is the ClusterIP of Service ${service.id}`;
  if (!servicePort) return finish(false, `Denied: ${head}, which has no ${probe.protocol} port ${probe.port}.`);
  const backends = backendsOf(c, service);
  if (backends.length === 0) return finish(false, `Denied: ${head}, which selects no pod in the design.`);
  const targets = backends.map((b) => ({ backend: b, port: targetPortOn(servicePort, b) }));

  if (probe.protocol === 'SCTP' && !c.profile.behaviour.sctpServicePortRewrite && targets.some((t) => t.port !== servicePort.port)) {
    note('sctp-service');
    return finish(false, `Denied: ${head}; its SCTP port ${servicePort.port} is translated to targetPort ${servicePort.targetPort}, and ${c.profile.name} does not rewrite SCTP ports.`);
  }

  if (c.profile.behaviour.serviceVip === 'backends') {
    const verdict = once((i: number): Verdict | undefined => {
      const t = targets[i]!;
      return t.port === undefined ? undefined : decide(c, { ...probe, to: { kind: 'workload', id: t.backend.workload.id }, port: t.port }, from, t.backend);
    });
    const oks = perBackend(c, from, targets, (i) => verdict(i)?.allowed === true);
    const reachable = oks.filter(Boolean).length;
    const allowed = reachable === oks.length;
    const failingAt = oks.indexOf(false);
    // Only the verdicts the answer shows are computed whole: they name their backend.
    const failing = failingAt === -1 ? undefined : verdict(failingAt);
    const shown = failing ?? verdict(0);
    const detail = failing ? ` ${failing.summary}` : '';
    return finish(
      allowed,
      `${allowed ? 'Allowed' : reachable > 0 ? 'Partly denied' : 'Denied'}: ${head}; ${c.profile.name} translates it to a backend before policy, so the backends decide: ${reachable} of ${oks.length} reachable on targetPort ${servicePort.targetPort}.${detail}`,
      shown?.egress ?? plain.egress, shown?.ingress ?? plain.ingress,
    );
  }

  // 'vip': egress is judged on the ClusterIP and the service port, before translation.
  const query = { port: servicePort.port, protocol: probe.protocol };
  let egress: DirectionVerdict = decideDirection(c, 'Egress', from, to, query, to);
  // Only the NetworkPolicy half is documented to see the ClusterIP; an admin or baseline rule that
  // decides for the backend pods is taken as it reads.
  const first = targets.find((t) => t.port !== undefined);
  if (first) {
    const byBackend = decideDirection(c, 'Egress', from, first.backend, { port: first.port!, protocol: probe.protocol }, first.backend);
    if (byBackend.decidedBy === 'Admin' || byBackend.decidedBy === 'Baseline') egress = byBackend;
  }
  if (!egress.allowed && egress.isolated && from.kind === 'workload') {
    const cover = selectorCover(c, from, service, servicePort, targets.map((t) => t.port));
    if (cover.allowed) {
      egress = { ...egress, allowed: true, decidedBy: 'NetworkPolicy', summary: `${from.workload.id} egress: ${cover.text}` };
    } else if (cover.why) note(cover.why);
  }
  const ingressOf = once((i: number): DirectionVerdict | undefined => {
    const t = targets[i]!;
    return t.port === undefined ? undefined : decideDirection(c, 'Ingress', t.backend, from, { port: t.port, protocol: probe.protocol }, t.backend);
  });
  const deniedAt = perBackend(c, from, targets, (i) => ingressOf(i)?.allowed === true).indexOf(false);
  const ingressDenied = deniedAt === -1 ? undefined : ingressOf(deniedAt);
  const allowed = egress.allowed && ingressDenied === undefined;
  const why = !egress.allowed ? ` ${egress.summary}` : ingressDenied ? ` ${ingressDenied.summary}` : '';
  return finish(
    allowed,
    `${allowed ? 'Allowed' : 'Denied'}: ${head}; ${c.profile.name} judges egress on the ClusterIP and port ${servicePort.port} before translation, ingress at the backend pods.${why}`,
    egress, ingressDenied ?? ingressOf(0) ?? plain.ingress,
  );
}

/** `f` computed at most once per index. */
function once<T>(f: (i: number) => T): (i: number) => T {
  const done = new Map<number, T>();
  return (i) => {
    if (!done.has(i)) done.set(i, f(i));
    return done.get(i) as T;
  };
}

/** VIP verdicts asked of one compiled cluster before its workload classes are worth computing. */
const FEW_VIP_VERDICTS = 64;
const vipVerdicts = new WeakMap<CompiledCluster, number>();

/**
 * Whether each target allows (`ok(i)`), asked once per workload class of its backend and target port
 * rather than once per backend: a Service's backends are mostly replicas the engine cannot tell
 * apart (engine/classes: same answers to and from everything, except a workload and itself, which is
 * asked on its own). A review asks about hundreds of ClusterIPs under several plugins, each with
 * dozens of backends (~0.9 s on a 200-pod dump); a single Explain asks plainly, without classes.
 */
function perBackend(c: CompiledCluster, from: ResolvedEndpoint, targets: readonly { backend: Pod; port: number | undefined }[], ok: (i: number) => boolean): boolean[] {
  const asked = (vipVerdicts.get(c) ?? 0) + 1;
  vipVerdicts.set(c, asked);
  if (asked <= FEW_VIP_VERDICTS || targets.length < 2) return targets.map((_, i) => ok(i));
  const { classOf } = classesOf(c);
  const self = from.kind === 'workload' ? from.index : -1;
  const known = new Map<string, boolean>();
  return targets.map((t, i) => {
    if (t.port === undefined || t.backend.index === self) return ok(i);
    const key = `${classOf[t.backend.index]}:${t.port}`;
    let answer = known.get(key);
    if (answer === undefined) known.set(key, (answer = ok(i)));
    return answer;
  });
}

function targetPortOn(servicePort: ServicePort, backend: Pod): number | undefined {
  return typeof servicePort.targetPort === 'number'
    ? servicePort.targetPort
    : resolveNamedPort(servicePort.targetPort, servicePort.protocol, containerPortsOf(backend));
}

/**
 * The AWS network policy controller puts a Service's ClusterIP into an egress rule only when the
 * rule's podSelector carries every label of the Service's selector, and only when the service
 * port equals the container port (aws/amazon-network-policy-controller-k8s#147, #194).
 */
function selectorCover(
  c: CompiledCluster, from: Pod, service: ServiceModel, servicePort: ServicePort, targetPorts: readonly (number | undefined)[],
): { allowed: boolean; text?: string; why?: DifferenceTopic } {
  const selector = service.selector ?? {};
  const samePort = targetPorts.every((p) => p === servicePort.port);
  let why: DifferenceTopic | undefined;
  for (const pi of c.egressPolicies[from.index]!) {
    const policy = c.policies[pi]!;
    for (const rule of policy.egress) {
      const peers = rule.rule.peers ?? [];
      const portOk = !rule.rule.ports?.length || rule.rule.ports.some((p) => p.protocol === servicePort.protocol && (
        p.port === undefined
        || (typeof p.port === 'number' && servicePort.port >= p.port && servicePort.port <= (p.endPort ?? p.port))
        || (typeof p.port === 'string' && p.port === servicePort.name)));
      for (const peer of peers) {
        if (!peerSelectsNamespace(c, peer, policy.policy.namespace, service.namespace) || peer.podSelector === undefined) continue;
        const labels = peer.podSelector.matchLabels ?? {};
        const covers = Object.entries(selector).every(([k, v]) => labels[k] === v);
        const hitsBackends = matchesSelector(peer.podSelector, selector);
        if (!covers) {
          if (hitsBackends) why ??= 'service-selector';
          continue;
        }
        if (!portOk) continue;
        if (c.profile.behaviour.vipNeedsSamePort && rule.rule.ports?.length && !samePort) {
          why = 'service-port';
          continue;
        }
        return { allowed: true, text: `${policy.policy.namespace}/${policy.policy.name} spec.egress[${rule.index}] selects the Service's pods, so the controller adds its ClusterIP.` };
      }
    }
  }
  return { allowed: false, ...(why ? { why } : {}) };
}

function peerSelectsNamespace(c: CompiledCluster, peer: NetworkPolicyPeer, policyNamespace: string, namespace: string): boolean {
  if (peer.ipBlock) return false;
  if (!peer.namespaceSelector) return policyNamespace === namespace;
  const labels = c.namespaceLabels.get(namespace) ?? { 'kubernetes.io/metadata.name': namespace };
  return matchesSelector(peer.namespaceSelector, labels);
}
