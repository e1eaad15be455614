// Check 4: egress lockdowns that forget DNS or the API server. Decided by the engine (evaluate), not
// by reading rules: a DNS rule whose namespaceSelector matches nothing looks fine and allows nothing.
import type { CompiledCluster, CompiledPeer } from '../../engine/compile.ts';
import { NODE_LOCAL_DNS_IP } from '../../design/types.ts';
import { parseIp } from '../../engine/cidr.ts';
import { perClass } from '../../engine/classes/index.ts';
import { evaluate } from '../../engine/evaluate.ts';
import type { DirectionVerdict, Endpoint } from '../../engine/types.ts';
import { withAllowRules } from './allowRuleEdit.ts';
import type { KubeObject, ObjectRef, Protocol, Workload } from '../../model/types.ts';
import type { Finding, FindingFix } from '../types.ts';
import {
  finding, fixFromObjects, isRecord, isSystemNamespace, listNames, plural, rawObject, tryAction, workloadsByNamespace, type FindingInput, type ReviewContext,
} from './context.ts';
import { namespaceKeys } from './kept.ts';
import { perClassOrWorkload } from './perWorkload.ts';

/**
 * The DNS endpoint to evaluate against: the DNS pods (declared, or assumed from settings by
 * src/cluster/assumed, so the verdict is the one the real cluster gives), or with NodeLocal DNSCache
 * the node-local address pods send their queries to.
 * https://kubernetes.io/docs/tasks/administer-cluster/nodelocaldns/
 */
function dnsTarget(ctx: ReviewContext): { compiled: CompiledCluster; endpoint: Endpoint; assumed: boolean } {
  if (ctx.settings.nodeLocalDns) return { compiled: ctx.compiled, endpoint: { kind: 'ip', ip: NODE_LOCAL_DNS_IP }, assumed: false };
  const dns = ctx.dnsWorkload === undefined ? undefined : ctx.compiled.workloads[ctx.dnsWorkload];
  return { compiled: ctx.compiled, endpoint: dns ? { kind: 'workload', id: dns.id } : { kind: 'ip', ip: '10.96.0.10' }, assumed: dns?.assumed !== undefined };
}

// A verdict per workload equivalence class instead of per workload (perClass, src/engine/classes):
// these checks read only what the policies decide (allowed, the deciding tier and policy, the
// isolating policies), never the workload's own name, and the workload whose verdict is computed is
// a real member (never the destination itself), so a class's pair with itself stays out of it.

interface Blocked {
  w: number;
  verdict: DirectionVerdict;
}

const adminDecision = (v: DirectionVerdict) => v.chain.find((s) => s.tier === v.decidedBy && s.policy);

/** The policy to point the reviewer at: the one isolating the pod, or the admin policy that denies. */
function blamedPolicy(items: readonly Blocked[]): ObjectRef | undefined {
  for (const { verdict } of items) {
    const admin = verdict.decidedBy === 'NetworkPolicy' ? undefined : adminDecision(verdict)?.policy;
    const ref = admin ?? verdict.isolatingPolicies[0];
    if (ref) return ref;
  }
  return undefined;
}

/**
 * Turns an allow rule on for the workloads: for the whole namespace when every pod there is already
 * isolated for egress (one policy, and new pods get it too), else per workload, so no pod that is open
 * today becomes isolated by the fix.
 */
function allowRuleFix(
  ctx: ReviewContext,
  id: 'dnsPortsKubeSystemNamespace' | 'kubeApiServer',
  namespace: string,
  workloads: readonly Workload[],
  title: string,
  description: string,
): FindingFix | undefined {
  const members = workloadsByNamespace(ctx).get(namespace) ?? [];
  const wholeNamespace = members.length > 0 && members.every((w) => ctx.compiled.egressPolicies[w]!.length > 0);
  const fixed = tryAction(() =>
    withAllowRules(ctx, namespace, wholeNamespace ? [{ id, target: { namespace } }] : workloads.map((w) => ({ id, target: { namespace, workload: w.name } }))),
  );
  if (!fixed) return undefined;
  const scope = wholeNamespace ? `every pod of ${namespace} (all of them are isolated for egress already)` : listNames(workloads.map((w) => w.id));
  return fixFromObjects(ctx, title, `${description} Applies to ${scope}.`, fixed);
}

/** A network of a few hosts (a VM, a NAS) that a pod is configured to reach by address, not "the internet". */
const isAddressPeer = (peer: CompiledPeer) =>
  peer.ipBlock !== undefined && peer.ipBlock.cidr.prefix >= (peer.ipBlock.cidr.bytes.length === 4 ? 24 : 64);

type EgressReach = 'nothing' | 'addresses' | 'names';

/**
 * What a pod's egress rules let it reach, which decides how much losing DNS hurts: other pods,
 * Services and the internet are reached by name; a few fixed addresses work without DNS; a pod
 * that may send nothing at all loses nothing more. Admin tiers count as reaching names.
 */
function egressReach(ctx: ReviewContext, w: number): EgressReach {
  if ((ctx.compiled.admin.adminFor[w]?.length ?? 0) + (ctx.compiled.admin.baselineFor[w]?.length ?? 0) > 0) return 'names';
  const rules = ctx.compiled.egressPolicies[w]!.flatMap((pi) => ctx.compiled.policies[pi]!.egress);
  if (rules.length === 0) return 'nothing';
  return rules.every((r) => !r.allPeers && r.peers.every(isAddressPeer)) ? 'addresses' : 'names';
}

const REACH_SEVERITY: Record<EgressReach, Finding['severity']> = { names: 'high', addresses: 'medium', nothing: 'low' };
const REACH_RANK: readonly EgressReach[] = ['nothing', 'addresses', 'names'];
function reachNote(reach: EgressReach, many: boolean): string {
  if (reach === 'addresses') return ` ${many ? 'Their' : 'Its'} other egress goes only to fixed addresses (ipBlocks of /24 or narrower), which works without DNS as long as ${many ? 'they are' : 'it is'} configured with addresses rather than names.`;
  if (reach === 'nothing') return ` ${many ? 'They' : 'It'} may not send anything else either (a full egress lockdown), so this matters only if ${many ? 'they' : 'it'} should talk to something.`;
  return '';
}

/** One namespace's DNS findings (not yet located): UDP 53 blocked, and TCP 53 blocked where UDP is not. */
interface NamespaceDns {
  /** Position, among the namespace's workloads, of the first with UDP blocked / with only TCP blocked (orders the findings as before). */
  udpAt?: number;
  udp?: FindingInput;
  tcpAt?: number;
  tcp?: FindingInput;
}

function checkDns(ctx: ReviewContext): Finding[] {
  const target = dnsTarget(ctx);
  const { compiled } = target;
  const dnsIndex = target.endpoint.kind === 'workload' ? compiled.workloadIndex.get(target.endpoint.id) : undefined;
  // Created once the namespaces to judge are known: with most namespaces' findings kept from the
  // last review, the few workloads left are judged one by one rather than by class.
  let probeOf: ((w: number, protocol: Protocol) => DirectionVerdict) | undefined;
  let toJudge = 0;
  const probe = (w: number, protocol: Protocol) =>
    (probeOf ??= perClassOrWorkload(compiled, toJudge, (x, p: Protocol) => evaluate(compiled, { from: { kind: 'workload', id: compiled.workloads[x]!.id }, to: target.endpoint, port: 53, protocol: p }).egress))(w, protocol);

  const dnsName = ctx.settings.nodeLocalDns
    ? `NodeLocal DNSCache (${NODE_LOCAL_DNS_IP}, as settings say)`
    : target.assumed
      ? `the cluster DNS pods (${Object.entries(ctx.settings.dns.podLabels).map(([k, v]) => `${k}=${v}`).join(', ')} in ${ctx.settings.dns.namespace}, as settings describe them; not in the YAML but every cluster has them)`
      : `the cluster DNS pods (${compiled.workloads[dnsIndex!]!.id})`;

  // Per namespace: pods that cannot send UDP 53 at all, and pods that can but not TCP 53.
  const judge = (namespace: string, members: readonly number[]): NamespaceDns => {
    const noUdp: Blocked[] = [];
    const noTcp: Blocked[] = [];
    const out: NamespaceDns = {};
    members.forEach((w, at) => {
      if (w === dnsIndex) return;
      // Only pods some tier restricts: an unisolated pod with no admin policy reaches DNS by default.
      if (ctx.compiled.egressPolicies[w]!.length === 0 && (ctx.compiled.admin.adminFor[w]?.length ?? 0) === 0
        && (ctx.compiled.admin.baselineFor[w]?.length ?? 0) === 0) return;
      const udp = probe(w, 'UDP');
      if (!udp.allowed) {
        out.udpAt ??= at;
        noUdp.push({ w, verdict: udp });
        return;
      }
      const tcp = probe(w, 'TCP');
      if (tcp.allowed) return;
      out.tcpAt ??= at;
      noTcp.push({ w, verdict: tcp });
    });
    if (noUdp.length > 0) out.udp = dnsFinding(ctx, namespace, noUdp, false, dnsName);
    if (noTcp.length > 0) out.tcp = dnsFinding(ctx, namespace, noTcp, true, dnsName);
    return out;
  };

  // A namespace's findings depend on its own objects (its pods' egress policies, the fix's edit, the
  // manifests referenced), the DNS pods and their ingress policies (the DNS namespace), namespace
  // labels and admin policies (objects without a namespace) and the settings: kept by those. A DNS
  // target that is an address (NodeLocal DNSCache, a Service address) is judged afresh each time.
  const keys = ctx.kept && target.endpoint.kind === 'workload' ? namespaceKeys(ctx.objects) : undefined;
  const shared = keys
    ? `${JSON.stringify(ctx.settings)}\u0000${target.endpoint.kind === 'workload' ? target.endpoint.id : ''}\u0000${keys.clusterScoped}\u0000${keys.byNamespace.get(ctx.settings.dns.namespace) ?? ''}`
    : '';
  const keyOf = (namespace: string) => `${shared}\u0000${namespace}\u0000${keys?.byNamespace.get(namespace) ?? ''}`;
  const kept = keys ? ctx.kept : undefined;
  for (const [namespace, members] of workloadsByNamespace(ctx)) if (!kept?.has('egress-blocks-dns', keyOf(namespace))) toJudge += members.length;
  const results: { namespace: string; members: readonly number[]; dns: NamespaceDns }[] = [];
  for (const [namespace, members] of workloadsByNamespace(ctx)) {
    const dns = kept ? kept.take('egress-blocks-dns', keyOf(namespace), () => judge(namespace, members)) : judge(namespace, members);
    results.push({ namespace, members, dns });
  }
  // In the order of each kind's first blocked workload, as one pass over all workloads lists them.
  const ordered = (at: (d: NamespaceDns) => number | undefined, input: (d: NamespaceDns) => FindingInput | undefined): Finding[] =>
    results.filter((r) => at(r.dns) !== undefined)
      .map((r) => ({ first: r.members[at(r.dns)!]!, input: input(r.dns)! }))
      .sort((a, b) => a.first - b.first)
      .map((r) => finding(ctx, r.input));
  return [...ordered((d) => d.udpAt, (d) => d.udp), ...ordered((d) => d.tcpAt, (d) => d.tcp)];
}

/** The finding (not yet located) for a namespace's workloads that cannot reach DNS on UDP, or only on UDP. */
function dnsFinding(ctx: ReviewContext, namespace: string, items: readonly Blocked[], tcpOnly: boolean, dnsName: string): FindingInput {
  const workloads = items.map((b) => ctx.compiled.workloads[b.w]!);
  const fixable = items.filter((b) => b.verdict.decidedBy === 'NetworkPolicy').map((b) => ctx.compiled.workloads[b.w]!);
  const tierText = (tier: 'Admin' | 'Baseline') => {
    const decided = items.filter((b) => b.verdict.decidedBy === tier);
    const names = [...new Set(decided.map((b) => adminDecision(b.verdict)?.policy?.name).filter((n): n is string => n !== undefined))];
    if (names.length === 0) return '';
    const whom = decided.length === items.length ? 'them' : 'some';
    return tier === 'Admin'
      ? ` For ${whom} the admin policy ${listNames(names)} denies it, which no NetworkPolicy can override.`
      : ` For ${whom} the baseline policy ${listNames(names)} denies it (no NetworkPolicy isolates them); a NetworkPolicy allowing DNS would take precedence but would also isolate them for egress, so no fix is offered for those.`;
  };
  const who = workloads.length === 1 ? workloads[0]!.id : `${plural(workloads.length, 'workload')} in ${namespace} (${listNames(workloads.map((w) => w.name))})`;
  const ref = blamedPolicy(items);
  const fix = fixable.length > 0
    ? allowRuleFix(ctx, 'dnsPortsKubeSystemNamespace', namespace, fixable, `Allow DNS for ${fixable.length === 1 ? fixable[0]!.id : `${fixable.length} workloads in ${namespace}`}`,
      `Turns on "DNS (cluster DNS pods)": UDP and TCP 53 to the DNS pods only, selected by kubernetes.io/metadata.name=${ctx.settings.dns.namespace} and their pod labels. Nothing else is opened.`)
    : undefined;
  const adminText = `${tierText('Admin')}${tierText('Baseline')}`;
  const reach = items.map((b) => egressReach(ctx, b.w)).reduce((a, b) => (REACH_RANK.indexOf(b) > REACH_RANK.indexOf(a) ? b : a));
  return {
    rule: 'egress-blocks-dns',
    subject: tcpOnly ? `${namespace}:tcp` : namespace,
    severity: tcpOnly ? 'low' : REACH_SEVERITY[reach],
    title: tcpOnly
      ? `${who}: DNS over TCP (53) is blocked`
      : `${who}: egress lockdown blocks DNS`,
    risk: tcpOnly
      ? `UDP 53 to ${dnsName} is allowed but TCP 53 is not: answers too large for UDP are retried over TCP and then fail.${adminText}`
      : `No egress rule lets ${workloads.length === 1 ? 'it' : 'them'} reach ${dnsName} on UDP 53, so every name lookup fails (Service names included).${reachNote(reach, workloads.length > 1)}${adminText}`,
    ...(ref ? { object: ref } : {}),
    ...(ref?.kind === 'NetworkPolicy' ? { path: 'spec.egress' } : {}),
    fixes: fix ? [fix] : [],
  };
}

// ---- API server --------------------------------------------------------------------------------

/**
 * Images of software that talks to the Kubernetes API as part of its normal work (discovery, leader
 * election, watching resources). Matched on the image repository, without registry tag or digest.
 */
const API_CLIENT_IMAGES: readonly RegExp[] = [
  /(^|[/_-])ignite($|[/_-])/, // Apache Ignite's TcpDiscoveryKubernetesIpFinder
  /operator($|[/_-])/, /controller($|[/_-])/, /(^|\/)k8s-hub$/, /cert-manager/, /external-dns/, /kube-state-metrics/,
  /metrics-server/, /(^|\/)coredns$/, /argocd/, /cluster-autoscaler/, /kyverno/, /(^|\/)traefik$/,
];

function podTemplateSpec(object: KubeObject): Record<string, unknown> | undefined {
  const spec = isRecord(object['spec']) ? object['spec'] : undefined;
  if (!spec) return undefined;
  if (object.kind === 'Pod') return spec;
  const jobSpec = object.kind === 'CronJob' && isRecord(spec['jobTemplate']) && isRecord(spec['jobTemplate']['spec']) ? spec['jobTemplate']['spec'] : spec;
  const template = isRecord(jobSpec['template']) ? jobSpec['template'] : undefined;
  return template && isRecord(template['spec']) ? template['spec'] : undefined;
}

const repository = (image: string): string => image.replace(/@.*$/, '').replace(/:[^/]*$/, '').toLowerCase();

/**
 * Why a workload probably needs the API server, or undefined. Conservative on purpose: a service
 * account other than `default` (someone gave it API permissions), an explicit
 * automountServiceAccountToken: true, or an image known to be an API client. A pod that opts out of
 * the token (automountServiceAccountToken: false) cannot authenticate, so it is never flagged.
 */
export function apiServerNeed(object: KubeObject): string | undefined {
  const spec = podTemplateSpec(object);
  if (!spec) return undefined;
  if (spec['automountServiceAccountToken'] === false) return undefined;
  const account = typeof spec['serviceAccountName'] === 'string' ? spec['serviceAccountName'] : typeof spec['serviceAccount'] === 'string' ? spec['serviceAccount'] : '';
  if (account !== '' && account !== 'default') return `it runs as service account ${account}`;
  if (spec['automountServiceAccountToken'] === true) return 'it mounts a service account token explicitly';
  const containers = [...(Array.isArray(spec['containers']) ? spec['containers'] : []), ...(Array.isArray(spec['initContainers']) ? spec['initContainers'] : [])];
  for (const c of containers) {
    const image = isRecord(c) && typeof c['image'] === 'string' ? c['image'] : undefined;
    if (image && API_CLIENT_IMAGES.some((re) => re.test(repository(image)))) return `its image ${image} is a Kubernetes API client`;
  }
  return undefined;
}

/** apiServerNeed per object, remembered: the review after a toggle asks again about thousands of unchanged objects. */
const needs = new WeakMap<KubeObject, string | null>();
function knownApiServerNeed(object: KubeObject): string | undefined {
  let need = needs.get(object);
  if (need === undefined) needs.set(object, (need = apiServerNeed(object) ?? null));
  return need ?? undefined;
}

function checkApiServer(ctx: ReviewContext): Finding[] {
  const out: Finding[] = [];
  if (!ctx.settings.apiServer) return checkApiServerUnset(ctx);
  const { address, port } = ctx.settings.apiServer;
  // A mistyped address in settings is the settings panel's to report; nothing can be probed.
  if (parseIp(address) === undefined) return out;
  const to: Endpoint = { kind: 'ip', ip: address };
  const candidates: { workload: Workload; w: number; need: string }[] = [];
  ctx.compiled.workloads.forEach((workload, w) => {
    if (ctx.compiled.egressPolicies[w]!.length === 0 && (ctx.compiled.admin.adminFor[w]?.length ?? 0) === 0
      && (ctx.compiled.admin.baselineFor[w]?.length ?? 0) === 0) return;
    const raw = rawObject(ctx, workload.ref);
    const need = raw && knownApiServerNeed(raw);
    if (need) candidates.push({ workload, w, need });
  });
  const egressTo = perClassOrWorkload(ctx.compiled, candidates.length, (w) => evaluate(ctx.compiled, { from: { kind: 'workload', id: ctx.compiled.workloads[w]!.id }, to, port, protocol: 'TCP' }).egress);
  candidates.forEach(({ workload, w, need }) => {
    const verdict = egressTo(w, '');
    if (verdict.allowed) return;
    const ref = blamedPolicy([{ w, verdict }]);
    const admin = verdict.decidedBy === 'NetworkPolicy' ? undefined : adminDecision(verdict)?.policy;
    const fix = admin
      ? undefined
      : allowRuleFix(ctx, 'kubeApiServer', workload.namespace, [workload], `Allow ${workload.id} to reach the API server`,
        `Turns on "kube-apiserver": TCP ${port} to ${address}/32 only (the endpoint behind kubernetes.default after translation).`);
    out.push(finding(ctx, {
      rule: 'egress-blocks-apiserver',
      subject: workload.id,
      title: `${workload.kind} ${workload.id}: egress lockdown blocks the API server`,
      risk: `It probably talks to the Kubernetes API (${need}), but its egress does not allow TCP ${port} to ${address}, so discovery, leader election or watches fail.${admin ? (verdict.decidedBy === 'Admin' ? ` The admin policy ${admin.name} denies it; no NetworkPolicy can override that.` : ` The baseline policy ${admin.name} denies it; a NetworkPolicy allowing it would also isolate the pod for egress, so no fix is offered.`) : ''} If it really never calls the API, ignore this.`,
      ...(ref ? { object: ref } : {}),
      ...(ref?.kind === 'NetworkPolicy' ? { path: 'spec.egress' } : {}),
      fixes: fix ? [fix] : [],
    }));
  });
  return out;
}

export function checkEgressLockdown(ctx: ReviewContext): Finding[] {
  return [...checkDns(ctx), ...checkDnsIngress(ctx), ...checkApiServer(ctx)];
}

// ---- DNS at the other end ------------------------------------------------------------------------

const DNS_QUERIES_POLICY = 'allow-dns-queries';

/** A policy letting every pod of the cluster query the DNS pods (UDP and TCP 53), and nothing else. */
function dnsQueriesPolicy(ctx: ReviewContext): KubeObject {
  const { namespace, podLabels } = ctx.settings.dns;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: DNS_QUERIES_POLICY, namespace },
    spec: {
      podSelector: { matchLabels: { ...podLabels } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }],
    },
  };
}

/**
 * DNS pods isolated for ingress that refuse queries from pods whose own egress allows them: every
 * name lookup of those pods fails, and no egress check sees it (a default deny in kube-system does it).
 */
function checkDnsIngress(ctx: ReviewContext): Finding[] {
  const target = dnsTarget(ctx);
  const { compiled } = target;
  if (target.endpoint.kind !== 'workload') return [];
  const dnsId = target.endpoint.id;
  // DNS pods no NetworkPolicy isolates for ingress and no admin tier covers accept every query: "By
  // default, a pod is non-isolated for ingress; all inbound connections are allowed"
  // (https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation).
  // Nothing to probe then, for any of thousands of workloads.
  const dnsIndex = compiled.workloadIndex.get(dnsId);
  if (dnsIndex !== undefined && compiled.ingressPolicies[dnsIndex]!.length === 0
    && (compiled.admin.adminFor[dnsIndex]?.length ?? 0) === 0 && (compiled.admin.baselineFor[dnsIndex]?.length ?? 0) === 0) return [];
  const blocked: Blocked[] = [];
  const query = perClass(compiled, (w) => evaluate(compiled, { from: { kind: 'workload', id: compiled.workloads[w]!.id }, to: target.endpoint, port: 53, protocol: 'UDP' }));
  ctx.compiled.workloads.forEach((workload, w) => {
    if (workload.id === dnsId) return;
    const v = query(w, '');
    if (v.egress.allowed && !v.ingress.allowed) blocked.push({ w, verdict: v.ingress });
  });
  if (blocked.length === 0) return [];
  const names = blocked.map((b) => ctx.compiled.workloads[b.w]!.id);
  const ref = blamedPolicy(blocked);
  const byNetworkPolicy = blocked.every((b) => b.verdict.decidedBy === 'NetworkPolicy');
  const exists = ctx.objects.some((o) => o.kind === 'NetworkPolicy' && o.metadata.name === DNS_QUERIES_POLICY && o.metadata.namespace === ctx.settings.dns.namespace);
  const fix = byNetworkPolicy && !exists
    ? fixFromObjects(ctx, `Let every pod query the DNS pods`,
      `Adds NetworkPolicy ${DNS_QUERIES_POLICY} in ${ctx.settings.dns.namespace}: the DNS pods accept UDP and TCP 53 from every namespace, and nothing else.`,
      [...ctx.objects, dnsQueriesPolicy(ctx)])
    : undefined;
  const everyone = blocked.length === ctx.compiled.workloads.filter((w) => w.id !== dnsId).length;
  const admin = blocked.map((b) => (b.verdict.decidedBy === 'NetworkPolicy' ? undefined : adminDecision(b.verdict)?.policy?.name)).filter((n): n is string => n !== undefined);
  return [finding(ctx, {
    rule: 'dns-ingress-blocked',
    subject: dnsId,
    title: `The cluster DNS pods (${dnsId}) refuse queries from ${everyone ? 'every workload' : plural(blocked.length, 'workload')}`,
    risk: `The DNS pods are isolated for ingress and accept no UDP 53 from ${listNames(names)}, although their own egress allows it, so every name lookup of those pods fails (Service names included).${admin.length > 0 ? ` The admin policy ${listNames([...new Set(admin)])} denies it, which no NetworkPolicy can override.` : ''}`,
    ...(ref ? { object: ref } : {}),
    ...(ref?.kind === 'NetworkPolicy' ? { path: 'spec' } : {}),
    fixes: fix ? [fix] : [],
  })];
}

/** Where an API server endpoint could be: one address in each private range (RFC 1918). */
const SOMEWHERE_PRIVATE = ['10.255.255.254', '172.31.255.254', '192.168.255.254'];

/** Locked-down workloads that look like API clients, while nobody has said where the API server is. */
function apiClientsLockedDown(ctx: ReviewContext): { workload: Workload; need: string }[] {
  const out: { workload: Workload; need: string }[] = [];
  ctx.compiled.workloads.forEach((workload, w) => {
    if (workload.assumed) return;
    if (ctx.compiled.egressPolicies[w]!.length === 0 && (ctx.compiled.admin.adminFor[w]?.length ?? 0) === 0
      && (ctx.compiled.admin.baselineFor[w]?.length ?? 0) === 0) return;
    const raw = rawObject(ctx, workload.ref);
    const need = raw && knownApiServerNeed(raw);
    if (need) out.push({ workload, need });
  });
  return out;
}

/**
 * The endpoint is what policies see (after kube-proxy or the plugin translates the kubernetes.default
 * Service), so an egress lockdown's API access can only be judged against it.
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/ ("cluster ingress and
 * egress mechanisms often require rewriting the source or destination IP of packets")
 */
function checkApiServerUnset(ctx: ReviewContext): Finding[] {
  // Only where the endpoint's address matters: a pod that may reach any private address on 6443 (or
  // anything) reaches the API server wherever it is.
  // Per class (perClass): an egress verdict to an address, the same for every member.
  const locked = apiClientsLockedDown(ctx);
  const reaches = perClassOrWorkload(ctx.compiled, locked.length, (w, ip: string) =>
    evaluate(ctx.compiled, { from: { kind: 'workload', id: ctx.compiled.workloads[w]!.id }, to: { kind: 'ip', ip }, port: 6443, protocol: 'TCP' }).egress.allowed);
  const clients = locked.filter(({ workload }) => SOMEWHERE_PRIVATE.some((ip) => !reaches(ctx.compiled.workloadIndex.get(workload.id)!, ip)));
  if (clients.length === 0) return [];
  const first = clients[0]!;
  const vip = ctx.settings.apiServerVip;
  const system = clients.every((c) => isSystemNamespace(c.workload.namespace, ctx.settings));
  return [finding(ctx, {
    rule: 'apiserver-endpoint-unset',
    subject: 'settings',
    ...(system ? { severity: 'info' as const } : {}),
    title: `API server endpoint not set: cannot judge the API access of ${listNames(clients.map((c) => c.workload.id))}`,
    risk: `${first.workload.id} probably talks to the Kubernetes API (${first.need})${clients.length > 1 ? `, and ${plural(clients.length - 1, 'other workload')} like it` : ''}, and is locked down for egress. `
      + `Policies see the API server's endpoint (often the control plane nodes on 6443), not the Service ${vip.address}:${vip.port}, and the settings do not say where it is. `
      + 'Set it in Settings (or --api-server ADDR:PORT): `kubectl get endpointslices -n default -l kubernetes.io/service-name=kubernetes` lists it. The review then checks that these workloads can reach it, and the kube-apiserver switch can allow it.',
    object: first.workload.ref,
  })];
}
