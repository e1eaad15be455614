// One connection's verdict: the policies' answer (judge.ts), wrapped in what no policy changes (a
// pod reaching itself, a pod and its own node) and in how the chosen network-plugin profile treats
// what the spec leaves open (Service ClusterIPs, ipBlocks over pods and nodes, exempt pods).
import type { Workload } from '../model/types.ts';
import type { CompiledCluster } from './compile.ts';
import { mayRunOn, resolveEndpoint, type ResolvedEndpoint } from './endpoints.ts';
import { judgePolicies } from './judge.ts';
import { undecidedNodeNotes } from './admin.ts';
import { differenceOf } from './profiles/table.ts';
import type { DifferenceTopic, ProfileDifference } from './profiles/types.ts';
import { matchesSelector } from './selectors.ts';
import { ipBlockContains } from './cidr.ts';
import type { DirectionVerdict, Probe, Verdict, VerdictException, VerdictNote } from './types.ts';
import { serviceAtAddress, serviceVipVerdict } from './vip.ts';

export { matchingPeerIndex } from './judge.ts';

const NETPOL_DOC = 'Kubernetes docs, Network Policies';
const NETPOL_URL = 'https://kubernetes.io/docs/concepts/services-networking/network-policies/';

/** A workload that is exactly one pod: traffic to itself is loopback. */
export const isSinglePod = (w: Workload): boolean => w.replicas === 1;

export function noteOf(d: ProfileDifference): VerdictNote {
  return { text: d.text, source: d.source, url: d.url, difference: d.id };
}

/** The verdict for one connection under the compiled profile, with its reasons. */
export function evaluate(c: CompiledCluster, probe: Probe): Verdict {
  const from = resolveEndpoint(c, probe.from);
  const to = resolveEndpoint(c, probe.to);
  const verdict = decide(c, probe, from, to);
  const notes = [...(verdict.notes ?? []), ...profileNotes(c, from, to), ...adminNodeNotes(c, from, to)];
  const unique = notes.filter((n, i) => notes.findIndex((m) => m.text === n.text) === i);
  return { ...verdict, ...(unique.length > 0 ? { notes: unique } : {}), ...(c.profile.id === 'spec' ? {} : { profile: c.profile.id }) };
}

export function decide(c: CompiledCluster, probe: Probe, from: ResolvedEndpoint, to: ResolvedEndpoint): Verdict {
  if (from.kind === 'workload' && to.kind === 'workload' && from.index === to.index) {
    const plain = judgePolicies(c, probe, from, to);
    if (isSinglePod(from.workload)) {
      // "a Pod cannot block access to itself" (Network Policies, the identifiers of an allowed
      // peer); upstream's e2e suite calls reachability.AllowLoopback() for the same reason.
      return exception(plain, 'loopback', "A pod always reaches itself: a NetworkPolicy cannot block a pod's access to itself.");
    }
    return {
      ...plain,
      notes: [{
        text: `${from.workload.id} ${from.workload.replicas === undefined ? `may stand for several pods (${from.workload.kind === 'DaemonSet' ? 'one per node' : 'its replica count is not set, so an autoscaler may scale it'})` : `stands for ${from.workload.replicas} pods`}: each pod always reaches itself, but this verdict is for its replicas reaching each other, which the policies govern.`,
        source: NETPOL_DOC, url: NETPOL_URL,
      }],
    };
  }
  if (from.kind === 'ip' && from.node !== undefined && to.kind === 'workload' && mayRunOn(c, to.workload, from.node)) {
    // "traffic to and from the node where a Pod is running is always allowed, regardless of the IP
    // address of the Pod or the node" (Network Policies, ipBlock identifiers): kubelet probes.
    return exception(
      judgePolicies(c, probe, from, to), 'own-node',
      `Traffic from the node a pod runs on is always allowed (kubelet liveness and readiness probes come from there; Cilium allows it by allow-localhost, the AWS VPC CNI agent allows the node IP)${placement(to.workload, from.node)}.`,
    );
  }
  if (from.kind === 'workload' && to.kind === 'ip' && to.node !== undefined && mayRunOn(c, from.workload, to.node)) {
    const plain = judgePolicies(c, probe, from, to);
    if (c.profile.behaviour.ownNodeEgressAlwaysAllowed) {
      return exception(plain, 'own-node', `Traffic from a pod to the node it runs on is always allowed${placement(from.workload, to.node)}.`);
    }
    const d = differenceOf(c.profile, 'own-node-egress');
    return d ? { ...plain, notes: [noteOf(d)] } : plain;
  }
  if (to.kind === 'ip' && c.profile.behaviour.serviceVip !== 'address') {
    // A Service without a selector (kubernetes.default, manual Endpoints) forwards to addresses the
    // design does not know: its ClusterIP stays a plain address.
    const service = serviceAtAddress(c, to.bytes);
    if (service?.selector !== undefined) return serviceVipVerdict(c, probe, from, to, service, decide);
  }
  return judgePolicies(c, probe, from, to);
}

const placement = (w: Workload, node: string) =>
  w.nodeName !== undefined || w.hostIp !== undefined ? '' : `; ${w.id} may run a pod on ${node} (its placement is not in the manifests), and a pod on another node is governed by the policies`;

/** The policies' verdict overridden by an exception no policy can change. */
function exception(plain: Verdict, kind: VerdictException, text: string): Verdict {
  if (plain.resolvedPort === undefined) return plain; // no such named port: nothing to reach
  const open = (d: DirectionVerdict): DirectionVerdict => ({
    ...d, allowed: true, allowedBy: [], misses: [], decidedBy: 'Default',
    chain: [{ tier: 'Default', outcome: 'Allow', text: kind === 'loopback' ? '[Exception] a pod always reaches itself' : '[Exception] a pod and its own node always reach each other' }],
    summary: `Not up to the policies: ${kind === 'loopback' ? 'a pod always reaches itself' : 'a pod and the node it runs on always reach each other'}.`,
  });
  const p = plain.probe;
  const what = `${plain.egress.subject ?? endpointText(p.from)} -> ${plain.ingress.subject ?? endpointText(p.to)} ${p.protocol}/${p.port}`;
  return {
    ...plain, allowed: true, egress: open(plain.egress), ingress: open(plain.ingress), exception: kind,
    summary: `Allowed: ${what}. ${text} (${NETPOL_DOC})`, notes: [{ text, source: NETPOL_DOC, url: NETPOL_URL }],
  };
}

const endpointText = (e: Probe['from']) => (e.kind === 'workload' ? e.id : `ip:${e.ip}`);

/** The profile's documented differences that touch this connection, whichever way they tipped it. */
function profileNotes(c: CompiledCluster, from: ResolvedEndpoint, to: ResolvedEndpoint): VerdictNote[] {
  if (c.profile.differences.length === 0) return [];
  const notes: VerdictNote[] = [];
  const add = (topic: DifferenceTopic) => {
    const d = differenceOf(c.profile, topic);
    if (d) notes.push(noteOf(d));
  };
  const b = c.profile.behaviour;
  for (const [subject, other, direction] of [[from, to, 'Egress'], [to, from, 'Ingress']] as const) {
    if (subject.kind !== 'workload') continue;
    const exempt = c.exempt.get(subject.index);
    if (exempt !== undefined && wouldSelect(c, subject.workload)) add(exempt);
    const rules = (direction === 'Egress' ? c.egressPolicies : c.ingressPolicies)[subject.index]!
      .flatMap((pi) => (direction === 'Egress' ? c.policies[pi]!.egress : c.policies[pi]!.ingress));
    const blocks = rules.flatMap((r) => r.peers.flatMap((p) => (p.ipBlock ? [p.ipBlock] : [])));
    if (other.kind === 'workload') {
      if (!b.ipBlockMatchesPodIps && c.workloadIps[other.index]!.some((ip) => blocks.some((blk) => ipBlockContains(blk, ip)))) add('ipblock-pods');
      if (c.exempt.get(other.index) === 'host-network' && rules.length > 0) add('host-network');
    } else if (other.ipBlockBlind && blocks.some((blk) => ipBlockContains(blk, other.bytes))) add('ipblock-nodes');
  }
  return notes;
}

/** Admin rules that select nodes by labels and met an assumed node, whose labels nobody knows (admin.ts peerNetworks). */
function adminNodeNotes(c: CompiledCluster, from: ResolvedEndpoint, to: ResolvedEndpoint): VerdictNote[] {
  if (c.admin.policies.length === 0) return [];
  const addresses = (e: ResolvedEndpoint) => (e.kind === 'ip' ? [e.bytes] : c.workloadIps[e.index]!);
  return [
    ...(from.kind === 'workload' ? undecidedNodeNotes(c.admin, from.index, 'Egress', addresses(to)) : []),
    ...(to.kind === 'workload' ? undecidedNodeNotes(c.admin, to.index, 'Ingress', addresses(from)) : []),
  ];
}

/** Some NetworkPolicy's podSelector picks the workload, were the profile not to exempt it. */
function wouldSelect(c: CompiledCluster, w: Workload): boolean {
  return c.cluster.policies.some((p) => p.namespace === w.namespace && matchesSelector(p.podSelector, w.labels));
}
