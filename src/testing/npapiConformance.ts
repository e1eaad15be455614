// Cases of the network-policy-api conformance suite (github.com/kubernetes-sigs/network-policy-api,
// folder conformance/), translated for our engine: the house model of conformance/base/manifests.yaml,
// each upstream base policy in our accepted shape, and the probes the Go tests in conformance/tests
// assert ("should be able to connect" = allowed: true).
//
// How the translation works:
// - Upstream tests run their t.Run subtests in order against one cluster and mutate the applied
//   policy in place (swap rules, change an action or a priority, rewrite ports, prepend a rule,
//   delete a NetworkPolicy). Mutations are cumulative: a later subtest sees every earlier change.
//   Each distinct policy state is one case here: the base state keeps the upstream ShortName, the
//   n-th state is `<ShortName>-step<n>`, and its policies are the YAML after every mutation so far.
// - Older upstream v1alpha1 manifests were written against a pre-release peer shape
//   (`namespaces: {namespaceSelector: S}` and `pods: {namespaces: {namespaceSelector: S}, podSelector: P}`).
//   They are translated to the released v1alpha1 shape our model accepts (`namespaces: S` and
//   `pods: {namespaceSelector: S, podSelector: P}`); the selectors themselves are unchanged.
// - The newest upstream ClusterNetworkPolicy manifests are policy.networking.k8s.io/v1beta1 and some
//   v1alpha2 ones still use the v1alpha1 `ports: [{portNumber: ...}]` form. Both are translated to
//   v1alpha2 with `protocols: [{tcp|udp|sctp: {destinationPort: {number|range}}}]`; v1alpha1 `Allow`
//   is v1alpha2 `Accept`.
// - Upstream probes go pod to pod at the server pod's status.podIP; here they are workload probes.
//   CIDR rules need pod IPs, so every pod gets a synthetic one (see podIp below).
// - Upstream code is not copied: policies are rebuilt with the helpers below, probes transcribed.
import { stringify } from 'yaml';
import type { Protocol } from '../model/types.ts';

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type Json = { [key: string]: JsonValue };

// ---- the base model (conformance/base/manifests.yaml) ------------------------------------------

/** Namespaces in the order that fixes their pods' IPs (third octet = index + 1). */
export const NAMESPACE_HOUSES = ['gryffindor', 'slytherin', 'hufflepuff', 'ravenclaw', 'hogwarts-staff'] as const;
export type House = (typeof NAMESPACE_HOUSES)[number];

/**
 * The StatefulSets (2 replicas each, as the suite's helper waits for). The four houses come from
 * manifests.yaml. hogwarts-staff is not in any stored manifests.yaml version, but the v1alpha1 Go
 * tests of the same commits probe from/to professor-dumbledore-0 and professor-quirrell-0 in
 * network-policy-conformance-hogwarts-staff and the policies select them by
 * statefulset.kubernetes.io/pod-name; it is reconstructed here with the same pod template (its
 * `conformance-house: hogwarts-staff` label is an assumption no ported probe depends on).
 * The hostNetwork forbidden-forrest namespace (node-peer tests) is left out: we do not model
 * host-network pods.
 */
const STATEFULSETS: readonly { house: House; set: string }[] = [
  { house: 'gryffindor', set: 'harry-potter' },
  { house: 'slytherin', set: 'draco-malfoy' },
  { house: 'hufflepuff', set: 'cedric-diggory' },
  { house: 'ravenclaw', set: 'luna-lovegood' },
  { house: 'hogwarts-staff', set: 'professor-dumbledore' },
  { house: 'hogwarts-staff', set: 'professor-quirrell' },
];
const REPLICAS = 2;

export const namespaceOf = (house: House): string => `network-policy-conformance-${house}`;

function statefulSetOf(pod: string) {
  const match = /^(.*)-(\d+)$/.exec(pod);
  const set = STATEFULSETS.find((s) => s.set === match?.[1]);
  const ordinal = Number(match?.[2]);
  if (!match || !set || !(ordinal >= 0 && ordinal < REPLICAS)) throw new Error(`no such conformance pod: ${pod}`);
  return { ...set, ordinal };
}

/** Every pod of the model, by upstream name (harry-potter-0, ...). */
export const ALL_PODS: readonly string[] = STATEFULSETS.flatMap((s) => Array.from({ length: REPLICAS }, (_, i) => `${s.set}-${i}`));

/** The workload id of a pod (`<namespace>/<pod>`). */
export function podId(pod: string): string {
  return `${namespaceOf(statefulSetOf(pod).house)}/${pod}`;
}

/**
 * The synthetic pod IP: 10.244.<namespace index + 1>.<10 + 10 * (StatefulSet index within its
 * namespace) + ordinal>, e.g. harry-potter-0 = 10.244.1.10, luna-lovegood-1 = 10.244.4.11,
 * professor-quirrell-0 = 10.244.5.20. Upstream reads status.podIP from the live pod; any distinct
 * IPv4 per pod works, since only the CIDR tests look at it (they add <podIP>/32).
 */
export function podIp(pod: string): string {
  const { house, set, ordinal } = statefulSetOf(pod);
  const inNamespace = STATEFULSETS.filter((s) => s.house === house).findIndex((s) => s.set === set);
  return `10.244.${NAMESPACE_HOUSES.indexOf(house) + 1}.${10 + 10 * inNamespace + ordinal}`;
}

/**
 * The model as manifests: each namespace labelled `conformance-house: <house>` (our model adds
 * kubernetes.io/metadata.name), and the StatefulSet replicas as Pods carrying the template label
 * plus the controller's statefulset.kubernetes.io/pod-name and apps.kubernetes.io/pod-index. The
 * containers mirror the template: only the 80/TCP ("web") and 53/UDP ("dns") servers declare ports,
 * as upstream's do (the named-port tests resolve those two).
 */
export function npapiClusterYaml(): string {
  const docs: unknown[] = NAMESPACE_HOUSES.map((house) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespaceOf(house), labels: { 'conformance-house': house } },
  }));
  for (const pod of ALL_PODS) {
    const { house, set, ordinal } = statefulSetOf(pod);
    const server = (port: number, ports?: Json[]): Json => ({ name: `${set}-${port}`, image: 'registry.k8s.io/e2e-test-images/agnhost:2.43', ...(ports ? { ports } : {}) });
    docs.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: pod,
        namespace: namespaceOf(house),
        labels: { 'conformance-house': house, 'statefulset.kubernetes.io/pod-name': pod, 'apps.kubernetes.io/pod-index': String(ordinal) },
      },
      spec: {
        containers: [
          { name: `${set}-client`, image: 'registry.k8s.io/e2e-test-images/agnhost:2.43' },
          server(80, [{ containerPort: 80, protocol: 'TCP', name: 'web' }]),
          server(8080),
          server(5353),
          server(53, [{ containerPort: 53, protocol: 'UDP', name: 'dns' }]),
          server(9003),
          server(9005),
        ],
      },
      status: { phase: 'Running', podIP: podIp(pod) },
    });
  }
  return docs.map((d) => stringify(d)).join('---\n');
}

// ---- cases ---------------------------------------------------------------------------------------

export interface NpapiProbe {
  /** Client pod (upstream runs `agnhost connect` in it). */
  from: string;
  /** Server pod (upstream dials its status.podIP). */
  to: string;
  protocol: Protocol;
  port: number;
  /** Upstream's shouldConnect. */
  allowed: boolean;
  /** Set when our engine is known to disagree: the test then expects the assertion to fail. */
  engineDisagreement?: string;
}

export interface NpapiCheck {
  /** The upstream t.Run name. */
  subtest: string;
  probes: NpapiProbe[];
}

export interface NpapiCase {
  /** Upstream ConformanceTest ShortName, `-step<n>` for the n-th policy state. */
  name: string;
  /** Upstream files (repo path @ commit of the stored copy read) this case is translated from. */
  upstream: string[];
  /** The cumulative mutations the Go test applied before these probes, or `none`. */
  mutation: string;
  /** The policies in effect, as YAML (our accepted shape). */
  policies: string;
  checks: NpapiCheck[];
}

/** A probe in upstream's PokeServer argument order: client, protocol, server, port, shouldConnect. */
const poke = (from: string, protocol: Protocol, to: string, port: number, allowed: boolean): NpapiProbe => ({ from, to, protocol, port, allowed });
const check = (subtest: string, ...probes: NpapiProbe[]): NpapiCheck => ({ subtest, probes });

// ---- policy builders -----------------------------------------------------------------------------

type AdminKindName = 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy' | 'ClusterNetworkPolicy';
type Direction = 'ingress' | 'egress';

interface AdminSpec {
  tier?: 'Admin' | 'Baseline';
  priority?: number;
  subject: Json;
  ingress?: Json[];
  egress?: Json[];
}
interface AdminObject {
  apiVersion: string;
  kind: AdminKindName;
  metadata: { name: string };
  spec: AdminSpec;
}
interface NetworkPolicyObject {
  apiVersion: 'networking.k8s.io/v1';
  kind: 'NetworkPolicy';
  metadata: { name: string; namespace: string };
  spec: Json;
}
type Manifest = AdminObject | NetworkPolicyObject;

const V1ALPHA1 = 'policy.networking.k8s.io/v1alpha1';
const V1ALPHA2 = 'policy.networking.k8s.io/v1alpha2';

const yamlOf = (...manifests: Manifest[]): string => manifests.map((m) => stringify(m)).join('---\n');

/** Selects the namespace of a house by its automatic kubernetes.io/metadata.name label. */
const byName = (house: House): Json => ({ matchLabels: { 'kubernetes.io/metadata.name': namespaceOf(house) } });
/** Selects namespaces or pods by `conformance-house`. */
const byHouse = (house: House): Json => ({ matchLabels: { 'conformance-house': house } });

const subjectNamespace = (house: House): Json => ({ namespaces: byName(house) });
const subjectNamespaceByHouse = (house: House): Json => ({ namespaces: byHouse(house) });
const subjectHousePods = (house: House): Json => ({ pods: { namespaceSelector: byHouse(house), podSelector: byHouse(house) } });

const namespacePeer = (house: House): Json => ({ namespaces: byName(house) });
const namespacePeerByHouse = (house: House): Json => ({ namespaces: byHouse(house) });
const housePodsPeer = (house: House): Json => ({ pods: { namespaceSelector: byHouse(house), podSelector: byHouse(house) } });
const staffPodPeer = (pod: string): Json => ({
  pods: { namespaceSelector: byName('hogwarts-staff'), podSelector: { matchLabels: { 'statefulset.kubernetes.io/pod-name': pod } } },
});
const linuxNodesPeer: Json = { nodes: { matchLabels: { 'kubernetes.io/os': 'linux' } } };
const networksPeer = (...cidrs: string[]): Json => ({ networks: cidrs });

/** v1alpha1 `ports` entries. */
const portNumber = (protocol: Protocol, port: number): Json => ({ portNumber: { protocol, port } });
const namedPort = (name: string): Json => ({ namedPort: name });
/** v1alpha2 `protocols` entries. */
const destinationPort = (protocol: Protocol, port: number): Json => ({ [protocol.toLowerCase()]: { destinationPort: { number: port } } });
const destinationRange = (protocol: Protocol, start: number, end: number): Json => ({ [protocol.toLowerCase()]: { destinationPort: { range: { start, end } } } });

/** A v1alpha1 rule (`ports`). */
function rule(direction: Direction, name: string, action: string, peers: Json[], ports?: Json[]): Json {
  return { name, action, [direction === 'ingress' ? 'from' : 'to']: peers, ...(ports ? { ports } : {}) };
}
/** A v1alpha2 rule (`protocols`). */
function rule2(direction: Direction, name: string, action: string, peers: Json[], protocols?: Json[]): Json {
  return { name, action, [direction === 'ingress' ? 'from' : 'to']: peers, ...(protocols ? { protocols } : {}) };
}

function anp(name: string, priority: number, subject: Json, rules: { ingress?: Json[]; egress?: Json[] }): AdminObject {
  return { apiVersion: V1ALPHA1, kind: 'AdminNetworkPolicy', metadata: { name }, spec: { priority, subject, ...rules } };
}
function banp(subject: Json, rules: { ingress?: Json[]; egress?: Json[] }): AdminObject {
  return { apiVersion: V1ALPHA1, kind: 'BaselineAdminNetworkPolicy', metadata: { name: 'default' }, spec: { subject, ...rules } };
}
function cnp(name: string, tier: 'Admin' | 'Baseline', priority: number, subject: Json, rules: { ingress?: Json[]; egress?: Json[] }): AdminObject {
  return { apiVersion: V1ALPHA2, kind: 'ClusterNetworkPolicy', metadata: { name }, spec: { tier, priority, subject, ...rules } };
}

// ---- mutations, as the Go tests apply them --------------------------------------------------------

type Mutation = (spec: AdminSpec) => void;

function mutate(policy: AdminObject, ...mutations: Mutation[]): AdminObject {
  const copy = structuredClone(policy);
  for (const m of mutations) m(copy.spec);
  return copy;
}
function rulesOf(spec: AdminSpec, direction: Direction): Json[] {
  const rules = spec[direction];
  if (!rules) throw new Error(`policy has no ${direction} rules`);
  return rules;
}
function ruleAt(rules: Json[], i: number): Json {
  const r = rules[i];
  if (!r) throw new Error(`no rule at index ${i}`);
  return r;
}
/** `Spec.<Direction>[i], Spec.<Direction>[j] = [j], [i]`. */
const swap = (direction: Direction, i: number, j: number): Mutation => (spec) => {
  const rules = rulesOf(spec, direction);
  const a = ruleAt(rules, i);
  rules[i] = ruleAt(rules, j);
  rules[j] = a;
};
const setAction = (direction: Direction, i: number, action: string): Mutation => (spec) => {
  const rules = rulesOf(spec, direction);
  rules[i] = { ...ruleAt(rules, i), action };
};
const setPorts = (direction: Direction, i: number, ports: Json[]): Mutation => (spec) => {
  const rules = rulesOf(spec, direction);
  rules[i] = { ...ruleAt(rules, i), ports };
};
const prepend = (direction: Direction, r: Json): Mutation => (spec) => {
  spec[direction] = [r, ...rulesOf(spec, direction)];
};
const setPriority = (priority: number): Mutation => (spec) => {
  spec.priority = priority;
};

const TCP: Protocol = 'TCP';
const UDP: Protocol = 'UDP';
const SCTP: Protocol = 'SCTP';

const REPO = 'kubernetes-sigs/network-policy-api';
const src = (path: string, commit: string) => `${REPO} ${path} @ ${commit.slice(0, 8)}`;

/** The rule allowing luna-lovegood-0 and cedric-diggory-0 by IP, as the CIDR tests prepend it. */
const allowSpecificPodIPs = (action: 'Allow' | 'Accept'): Json =>
  (action === 'Allow' ? rule : rule2)('egress', 'allow-egress-to-specific-podIPs', action, [networksPeer(`${podIp('luna-lovegood-0')}/32`, `${podIp('cedric-diggory-0')}/32`)]);

// =================================================================================================
// AdminNetworkPolicy (v1alpha1), core
// =================================================================================================

// conformance/base/admin_network_policy/core-ingress-tcp-rules.yaml
const anpIngressTcp = anp('ingress-tcp', 3, subjectNamespace('gryffindor'), {
  ingress: [
    rule('ingress', 'allow-from-ravenclaw-everything', 'Allow', [namespacePeer('ravenclaw')]),
    rule('ingress', 'deny-from-ravenclaw-everything', 'Deny', [namespacePeer('ravenclaw')]),
    rule('ingress', 'pass-from-ravenclaw-everything', 'Pass', [namespacePeer('ravenclaw')]),
    rule('ingress', 'deny-from-slytherin-at-port-80', 'Deny', [namespacePeer('slytherin')], [portNumber(TCP, 80)]),
    rule('ingress', 'pass-from-slytherin-at-port-80', 'Pass', [namespacePeer('slytherin')], [portNumber(TCP, 80)]),
    rule('ingress', 'allow-from-hufflepuff-at-port-80', 'Allow', [namespacePeer('hufflepuff')], [portNumber(TCP, 80)]),
    rule('ingress', 'deny-from-hufflepuff-everything-else', 'Deny', [namespacePeer('hufflepuff')]),
    rule('ingress', 'deny-from-professor-quirrell-at-port-8080', 'Deny', [staffPodPeer('professor-quirrell-0')], [portNumber(TCP, 8080)]),
    rule('ingress', 'allow-from-professor-dumbledore-at-port-8080', 'Allow', [staffPodPeer('professor-dumbledore-0')], [portNumber(TCP, 8080)]),
    rule('ingress', 'deny-from-dumbledore-everything-else', 'Deny', [staffPodPeer('professor-dumbledore-0')]),
  ],
});

// conformance/base/admin_network_policy/core-ingress-udp-rules.yaml (duplicate rule names as upstream)
const anpIngressUdp = anp('ingress-udp', 4, subjectNamespace('hufflepuff'), {
  ingress: [
    rule('ingress', 'allow-from-ravenclaw-everything', 'Allow', [namespacePeer('ravenclaw')]),
    rule('ingress', 'deny-from-ravenclaw-everything', 'Deny', [namespacePeer('ravenclaw')]),
    rule('ingress', 'pass-from-ravenclaw-everything', 'Pass', [namespacePeer('ravenclaw')]),
    rule('ingress', 'deny-from-slytherin-at-port-5353', 'Deny', [namespacePeer('slytherin')], [portNumber(UDP, 5353)]),
    rule('ingress', 'pass-from-slytherin-at-port-5353', 'Pass', [namespacePeer('slytherin')], [portNumber(UDP, 5353)]),
    rule('ingress', 'allow-from-gryffindor-at-port-53', 'Allow', [namespacePeer('gryffindor')], [portNumber(UDP, 53)]),
    rule('ingress', 'deny-from-gryffindor-everything-else', 'Deny', [namespacePeer('gryffindor')]),
    rule('ingress', 'deny-from-professor-quirrell-port-53', 'Deny', [staffPodPeer('professor-quirrell-0')], [portNumber(UDP, 53)]),
    rule('ingress', 'deny-from-professor-quirrell-port-5353', 'Deny', [staffPodPeer('professor-quirrell-1')], [portNumber(UDP, 5353)]),
    rule('ingress', 'allow-from-professor-dumbledore-at-ports-53', 'Allow', [staffPodPeer('professor-dumbledore-0')], [portNumber(UDP, 53)]),
    rule('ingress', 'allow-from-professor-dumbledore-at-ports-5353', 'Allow', [staffPodPeer('professor-dumbledore-1')], [portNumber(UDP, 5353)]),
    rule('ingress', 'deny-from-dumbledore-everything-else', 'Deny', [staffPodPeer('professor-dumbledore-0')]),
    rule('ingress', 'deny-from-dumbledore-everything-else', 'Deny', [staffPodPeer('professor-dumbledore-1')]),
  ],
});

// conformance/base/admin_network_policy/core-ingress-sctp-rules.yaml
const anpIngressSctp = anp('ingress-sctp', 5, subjectNamespace('ravenclaw'), {
  ingress: [
    rule('ingress', 'allow-from-gryffindor-everything', 'Allow', [namespacePeer('gryffindor')]),
    rule('ingress', 'deny-from-gryffindor-everything', 'Deny', [namespacePeer('gryffindor')]),
    rule('ingress', 'pass-from-gryffindor-everything', 'Pass', [namespacePeer('gryffindor')]),
    rule('ingress', 'deny-from-slytherin-at-port-9003', 'Deny', [namespacePeer('slytherin')], [portNumber(SCTP, 9003)]),
    rule('ingress', 'pass-from-slytherin-at-port-9003', 'Pass', [namespacePeer('slytherin')], [portNumber(SCTP, 9003)]),
    rule('ingress', 'allow-from-hufflepuff-at-port-9003', 'Allow', [namespacePeer('hufflepuff')], [portNumber(SCTP, 9003)]),
    rule('ingress', 'deny-from-hufflepuff-everything-else', 'Deny', [namespacePeer('hufflepuff')]),
    rule('ingress', 'deny-from-professor-quirrell-at-ports-9003', 'Deny', [staffPodPeer('professor-quirrell-0')], [portNumber(SCTP, 9003)]),
    rule('ingress', 'allow-from-professor-dumbledore-at-ports-9003', 'Allow', [staffPodPeer('professor-dumbledore-0')], [portNumber(SCTP, 9003)]),
    rule('ingress', 'deny-from-dumbledore-everything-else', 'Deny', [staffPodPeer('professor-dumbledore-0')]),
  ],
});

// conformance/base/admin_network_policy/core-egress-tcp-rules.yaml
const anpEgressTcp = anp('egress-tcp', 6, subjectNamespace('gryffindor'), {
  egress: [
    rule('egress', 'allow-to-ravenclaw-everything', 'Allow', [namespacePeer('ravenclaw')]),
    rule('egress', 'deny-to-ravenclaw-everything', 'Deny', [namespacePeer('ravenclaw')]),
    rule('egress', 'pass-to-ravenclaw-everything', 'Pass', [namespacePeer('ravenclaw')]),
    rule('egress', 'deny-to-slytherin-at-port-80', 'Deny', [namespacePeer('slytherin')], [portNumber(TCP, 80)]),
    rule('egress', 'pass-to-slytherin-at-port-80', 'Pass', [namespacePeer('slytherin')], [portNumber(TCP, 80)]),
    rule('egress', 'allow-to-hufflepuff-at-port-8080', 'Allow', [namespacePeer('hufflepuff')], [portNumber(TCP, 8080)]),
    rule('egress', 'deny-to-hufflepuff-everything-else', 'Deny', [namespacePeer('hufflepuff')]),
    rule('egress', 'deny-to-professor-quirrell-at-port-8080', 'Deny', [staffPodPeer('professor-quirrell-0')], [portNumber(TCP, 8080)]),
    rule('egress', 'allow-to-professor-dumbledore-at-port-8080', 'Allow', [staffPodPeer('professor-dumbledore-0')], [portNumber(TCP, 8080)]),
    rule('egress', 'deny-to-dumbledore-everything-else', 'Deny', [staffPodPeer('professor-dumbledore-0')]),
  ],
});

// conformance/base/admin_network_policy/core-egress-udp-rules.yaml (duplicate rule names as upstream)
const anpEgressUdp = anp('egress-udp', 7, subjectNamespace('hufflepuff'), {
  egress: [
    rule('egress', 'allow-to-ravenclaw-everything', 'Allow', [namespacePeer('ravenclaw')]),
    rule('egress', 'deny-to-ravenclaw-everything', 'Deny', [namespacePeer('ravenclaw')]),
    rule('egress', 'pass-to-ravenclaw-everything', 'Pass', [namespacePeer('ravenclaw')]),
    rule('egress', 'deny-to-slytherin-at-port-5353', 'Deny', [namespacePeer('slytherin')], [portNumber(UDP, 5353)]),
    rule('egress', 'pass-to-slytherin-at-port-5353', 'Pass', [namespacePeer('slytherin')], [portNumber(UDP, 5353)]),
    rule('egress', 'allow-to-gryffindor-at-port-53', 'Allow', [namespacePeer('gryffindor')], [portNumber(UDP, 53)]),
    rule('egress', 'deny-to-gryffindor-everything-else', 'Deny', [namespacePeer('gryffindor')]),
    rule('egress', 'deny-to-professor-quirrell-at-port-53', 'Deny', [staffPodPeer('professor-quirrell-0')], [portNumber(UDP, 53)]),
    rule('egress', 'deny-to-professor-quirrell-at-port-53', 'Deny', [staffPodPeer('professor-quirrell-0')], [portNumber(UDP, 5353)]),
    rule('egress', 'allow-to-professor-dumbledore-at-port-53', 'Allow', [staffPodPeer('professor-dumbledore-0')], [portNumber(UDP, 53)]),
    rule('egress', 'allow-to-professor-dumbledore-at-port-5353', 'Allow', [staffPodPeer('professor-dumbledore-0')], [portNumber(UDP, 5353)]),
    rule('egress', 'deny-to-dumbledore-everything-else', 'Deny', [staffPodPeer('professor-dumbledore-0')]),
  ],
});

// conformance/base/admin_network_policy/core-egress-sctp-rules.yaml (duplicate rule names as upstream)
const anpEgressSctp = anp('egress-sctp', 8, subjectNamespace('ravenclaw'), {
  egress: [
    rule('egress', 'allow-to-gryffindor-everything', 'Allow', [namespacePeer('gryffindor')]),
    rule('egress', 'deny-to-gryffindor-everything', 'Deny', [namespacePeer('gryffindor')]),
    rule('egress', 'pass-to-gryffindor-everything', 'Pass', [namespacePeer('gryffindor')]),
    rule('egress', 'deny-to-slytherin-at-port-9003', 'Deny', [namespacePeer('slytherin')], [portNumber(SCTP, 9003)]),
    rule('egress', 'pass-to-slytherin-at-port-9003', 'Pass', [namespacePeer('slytherin')], [portNumber(SCTP, 9003)]),
    rule('egress', 'allow-to-hufflepuff-at-port-9003', 'Allow', [namespacePeer('hufflepuff')], [portNumber(SCTP, 9003)]),
    rule('egress', 'deny-to-hufflepuff-everything-else', 'Deny', [namespacePeer('hufflepuff')]),
    rule('egress', 'deny-to-professor-quirrell-everything', 'Deny', [staffPodPeer('professor-quirrell-0')]),
    rule('egress', 'allow-to-professor-dumbledore', 'Allow', [staffPodPeer('professor-dumbledore-0')], [portNumber(SCTP, 9003)]),
    rule('egress', 'allow-to-professor-dumbledore', 'Allow', [staffPodPeer('professor-dumbledore-0')], [portNumber(SCTP, 9005)]),
    rule('egress', 'deny-to-dumbledore-everything-else', 'Deny', [staffPodPeer('professor-dumbledore-0')]),
  ],
});

// conformance/base/admin_network_policy/core-gress-rules-combined.yaml
const threeProtocols = (tcp: number, udp: number, sctp: number) => [portNumber(TCP, tcp), portNumber(UDP, udp), portNumber(SCTP, sctp)];
const anpGress = anp('gress-rules', 15, subjectNamespace('gryffindor'), {
  egress: [
    rule('egress', 'allow-to-ravenclaw-everything', 'Allow', [namespacePeer('ravenclaw')]),
    rule('egress', 'deny-to-ravenclaw-everything', 'Deny', [namespacePeer('ravenclaw')]),
    rule('egress', 'pass-to-ravenclaw-everything', 'Pass', [namespacePeer('ravenclaw')]),
    rule('egress', 'deny-to-slytherin-at-ports-80-53-9003', 'Deny', [namespacePeer('slytherin')], threeProtocols(80, 53, 9003)),
    rule('egress', 'pass-to-slytherin-at-port-80-53-9003', 'Pass', [namespacePeer('slytherin')], threeProtocols(80, 53, 9003)),
    rule('egress', 'allow-to-hufflepuff-at-ports-8080-5353', 'Allow', [namespacePeer('hufflepuff')], threeProtocols(8080, 5353, 9003)),
    rule('egress', 'deny-to-hufflepuff-everything-else', 'Deny', [namespacePeer('hufflepuff')]),
    rule('egress', 'allow-to-dumbledore-at-tcp-udp-sctp', 'Allow', [staffPodPeer('professor-dumbledore-0')], threeProtocols(8080, 5353, 9003)),
    rule('egress', 'deny-to-dumbledore-everything-else', 'Deny', [staffPodPeer('professor-dumbledore-0')]),
    rule('egress', 'deny-to-quirrell-at-tcp-udp-sctp', 'Deny', [staffPodPeer('professor-quirrell-0')], threeProtocols(8080, 5353, 9003)),
  ],
  ingress: [
    rule('ingress', 'allow-from-ravenclaw-everything', 'Allow', [namespacePeer('ravenclaw')]),
    rule('ingress', 'deny-from-ravenclaw-everything', 'Deny', [namespacePeer('ravenclaw')]),
    rule('ingress', 'pass-from-ravenclaw-everything', 'Pass', [namespacePeer('ravenclaw')]),
    rule('ingress', 'deny-from-slytherin-at-port-80-53-9003', 'Deny', [namespacePeer('slytherin')], threeProtocols(80, 53, 9003)),
    rule('ingress', 'pass-from-slytherin-at-port-80-53-9003', 'Pass', [namespacePeer('slytherin')], threeProtocols(80, 53, 9003)),
    rule('ingress', 'allow-from-hufflepuff-at-port-80-5353-9003', 'Allow', [namespacePeer('hufflepuff')], threeProtocols(80, 5353, 9003)),
    rule('ingress', 'deny-from-hufflepuff-everything-else', 'Deny', [namespacePeer('hufflepuff')]),
    rule('ingress', 'allow-from-dumbledore-at-tcp-udp-sctp', 'Allow', [staffPodPeer('professor-dumbledore-0')], threeProtocols(8080, 5353, 9003)),
    rule('ingress', 'deny-from-dumbledore-everything-else', 'Deny', [staffPodPeer('professor-dumbledore-0')]),
    rule('ingress', 'deny-from-quirrell-at-tcp-udp-sctp', 'Deny', [staffPodPeer('professor-quirrell-0')], threeProtocols(8080, 5353, 9003)),
  ],
});

// conformance/base/admin_network_policy/core-priority-field.yaml
const anpPriority50 = anp('priority-50-example', 50, subjectHousePods('gryffindor'), {
  ingress: [rule('ingress', 'deny-all-ingress-from-slytherin', 'Deny', [housePodsPeer('slytherin')])],
  egress: [rule('egress', 'deny-all-egress-to-slytherin', 'Deny', [housePodsPeer('slytherin')])],
});
const anpPriority60 = anp('old-priority-60-new-priority-40-example', 60, subjectHousePods('gryffindor'), {
  ingress: [rule('ingress', 'pass-all-ingress-from-slytherin', 'Pass', [housePodsPeer('slytherin')])],
  egress: [rule('egress', 'pass-all-egress-to-slytherin', 'Pass', [housePodsPeer('slytherin')])],
});
const banpPriority = banp(subjectHousePods('gryffindor'), {
  ingress: [rule('ingress', 'allow-all-ingress-from-slytherin', 'Allow', [housePodsPeer('slytherin')])],
  egress: [rule('egress', 'allow-all-egress-to-slytherin', 'Allow', [housePodsPeer('slytherin')])],
});

/** conformance/base/api_integration/{core,standard}-anp-np-banp.yaml: the NetworkPolicy (podSelector left null as upstream). */
const integrationNetworkPolicy: NetworkPolicyObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'allow-gress-from-to-slytherin-to-gryffindor', namespace: namespaceOf('gryffindor') },
  spec: {
    podSelector: null,
    policyTypes: ['Ingress', 'Egress'],
    ingress: [{ from: [{ namespaceSelector: byHouse('slytherin') }] }],
    egress: [{ to: [{ namespaceSelector: byHouse('slytherin') }] }],
  },
};
// conformance/base/api_integration/core-anp-np-banp.yaml
const anpPassExample = anp('pass-example', 10, subjectNamespaceByHouse('gryffindor'), {
  ingress: [rule('ingress', 'deny-all-ingress-from-slytherin', 'Deny', [namespacePeerByHouse('slytherin')])],
  egress: [rule('egress', 'deny-all-egress-to-slytherin', 'Deny', [namespacePeerByHouse('slytherin')])],
});
const banpIntegration = banp(subjectNamespaceByHouse('gryffindor'), {
  ingress: [rule('ingress', 'deny-all-ingress-from-slytherin', 'Deny', [namespacePeerByHouse('slytherin')])],
  egress: [rule('egress', 'deny-all-egress-to-slytherin', 'Deny', [namespacePeerByHouse('slytherin')])],
});

// conformance/base/admin_network_policy/extended-egress-selector-rules.yaml (the version with networks)
const anpNodeAndCidr = anp('node-and-cidr-as-peers-example', 75, subjectHousePods('gryffindor'), {
  egress: [
    rule('egress', 'allow-egress-to-36363-on-nodes', 'Allow', [linuxNodesPeer], [portNumber(TCP, 36363)]),
    rule('egress', 'pass-egress-to-5353-on-nodes', 'Pass', [linuxNodesPeer], [portNumber(UDP, 5353)]),
    rule('egress', 'deny-egress-to-slytherin-and-nodes-and-internet', 'Deny', [housePodsPeer('slytherin'), linuxNodesPeer, networksPeer('0.0.0.0/0', '::/0')]),
  ],
});

// =================================================================================================
// BaselineAdminNetworkPolicy (v1alpha1), core
// =================================================================================================

// conformance/base/baseline_admin_network_policy/core-ingress-tcp-rules.yaml
const banpIngressTcp = banp(subjectNamespace('gryffindor'), {
  ingress: [
    rule('ingress', 'allow-from-ravenclaw-everything', 'Allow', [namespacePeer('ravenclaw')]),
    rule('ingress', 'deny-from-ravenclaw-everything', 'Deny', [namespacePeer('ravenclaw')]),
    rule('ingress', 'deny-from-slytherin-at-port-80', 'Deny', [namespacePeer('slytherin')], [portNumber(TCP, 80)]),
    rule('ingress', 'allow-from-hufflepuff-at-port-80', 'Allow', [namespacePeer('hufflepuff')], [portNumber(TCP, 80)]),
    rule('ingress', 'deny-from-hufflepuff-everything-else', 'Deny', [namespacePeer('hufflepuff')]),
    rule('ingress', 'deny-professor-quirrell-at-80', 'Deny', [staffPodPeer('professor-quirrell-0')], [portNumber(TCP, 80)]),
    rule('ingress', 'allow-professor-dumbledore-at-80', 'Allow', [staffPodPeer('professor-dumbledore-0')], [portNumber(TCP, 80)]),
  ],
});

// conformance/base/baseline_admin_network_policy/core-ingress-udp-rules.yaml
const banpIngressUdp = banp(subjectNamespace('hufflepuff'), {
  ingress: [
    rule('ingress', 'allow-from-ravenclaw-everything', 'Allow', [namespacePeer('ravenclaw')]),
    rule('ingress', 'deny-from-ravenclaw-everything', 'Deny', [namespacePeer('ravenclaw')]),
    rule('ingress', 'deny-from-slytherin-at-port-5353', 'Deny', [namespacePeer('slytherin')], [portNumber(UDP, 5353)]),
    rule('ingress', 'allow-from-gryffindor-at-port-53', 'Allow', [namespacePeer('gryffindor')], [portNumber(UDP, 53)]),
    rule('ingress', 'deny-from-gryffindor-everything-else', 'Deny', [namespacePeer('gryffindor')]),
    rule('ingress', 'deny-from-professor-quirrell-at-53', 'Deny', [staffPodPeer('professor-quirrell-0')], [portNumber(UDP, 53)]),
    rule('ingress', 'allow-from-professor-dumbledore-at-80', 'Allow', [staffPodPeer('professor-dumbledore-0')], [portNumber(UDP, 53)]),
  ],
});

// conformance/base/baseline_admin_network_policy/core-ingress-sctp-rules.yaml
const banpIngressSctp = banp(subjectNamespace('ravenclaw'), {
  ingress: [
    rule('ingress', 'allow-from-gryffindor-everything', 'Allow', [namespacePeer('gryffindor')]),
    rule('ingress', 'deny-from-gryffindor-everything', 'Deny', [namespacePeer('gryffindor')]),
    rule('ingress', 'deny-from-slytherin-at-port-9003', 'Deny', [namespacePeer('slytherin')], [portNumber(SCTP, 9003)]),
    rule('ingress', 'allow-from-hufflepuff-at-port-9003', 'Allow', [namespacePeer('hufflepuff')], [portNumber(SCTP, 9003)]),
    rule('ingress', 'deny-from-hufflepuff-everything-else', 'Deny', [namespacePeer('hufflepuff')]),
    rule('ingress', 'deny-from-professor-quirrell-at-port-8080', 'Deny', [staffPodPeer('professor-quirrell-0')], [portNumber(SCTP, 9003)]),
    rule('ingress', 'allow-from-professor-dumbledore-at-port-8080', 'Allow', [staffPodPeer('professor-dumbledore-0')], [portNumber(SCTP, 9003)]),
    rule('ingress', 'deny-from-dumbledore-everything-else', 'Deny', [staffPodPeer('professor-dumbledore-0')]),
  ],
});

// conformance/base/baseline_admin_network_policy/core-egress-tcp-rules.yaml
const banpEgressTcp = banp(subjectNamespace('gryffindor'), {
  egress: [
    rule('egress', 'allow-to-ravenclaw-everything', 'Allow', [namespacePeer('ravenclaw')]),
    rule('egress', 'deny-to-ravenclaw-everything', 'Deny', [namespacePeer('ravenclaw')]),
    rule('egress', 'deny-to-slytherin-at-port-80', 'Deny', [namespacePeer('slytherin')], [portNumber(TCP, 80)]),
    rule('egress', 'allow-to-hufflepuff-at-port-8080', 'Allow', [namespacePeer('hufflepuff')], [portNumber(TCP, 8080)]),
    rule('egress', 'deny-to-hufflepuff-everything-else', 'Deny', [namespacePeer('hufflepuff')]),
    rule('egress', 'deny-to-professor-quirrell', 'Deny', [staffPodPeer('professor-quirrell-0')], [portNumber(TCP, 80)]),
    rule('egress', 'allow-to-professor-dumbledore', 'Allow', [staffPodPeer('professor-dumbledore-0')], [portNumber(TCP, 80)]),
  ],
});

// conformance/base/baseline_admin_network_policy/core-egress-udp-rules.yaml
const banpEgressUdp = banp(subjectNamespace('hufflepuff'), {
  egress: [
    rule('egress', 'allow-to-ravenclaw-everything', 'Allow', [namespacePeer('ravenclaw')]),
    rule('egress', 'deny-to-ravenclaw-everything', 'Deny', [namespacePeer('ravenclaw')]),
    rule('egress', 'deny-to-slytherin-at-port-5353', 'Deny', [namespacePeer('slytherin')], [portNumber(UDP, 5353)]),
    rule('egress', 'allow-to-gryffindor-at-port-53', 'Allow', [namespacePeer('gryffindor')], [portNumber(UDP, 53)]),
    rule('egress', 'deny-to-gryffindor-everything-else', 'Deny', [namespacePeer('gryffindor')]),
    rule('egress', 'deny-to-professor-quirrell', 'Deny', [staffPodPeer('professor-quirrell-0')], [portNumber(UDP, 53)]),
    rule('egress', 'allow-to-professor-dumbledore', 'Allow', [staffPodPeer('professor-dumbledore-0')], [portNumber(UDP, 53)]),
  ],
});

// conformance/base/baseline_admin_network_policy/core-egress-sctp-rules.yaml
const banpEgressSctp = banp(subjectNamespace('ravenclaw'), {
  egress: [
    rule('egress', 'allow-to-gryffindor-everything', 'Allow', [namespacePeer('gryffindor')]),
    rule('egress', 'deny-to-gryffindor-everything', 'Deny', [namespacePeer('gryffindor')]),
    rule('egress', 'deny-to-slytherin-at-port-9003', 'Deny', [namespacePeer('slytherin')], [portNumber(SCTP, 9003)]),
    rule('egress', 'allow-to-hufflepuff-at-port-9003', 'Allow', [namespacePeer('hufflepuff')], [portNumber(SCTP, 9003)]),
    rule('egress', 'deny-to-hufflepuff-everything-else', 'Deny', [namespacePeer('hufflepuff')]),
    rule('egress', 'deny-to-professor-quirrell-at-port-9003', 'Deny', [staffPodPeer('professor-quirrell-0')], [portNumber(SCTP, 9003)]),
    rule('egress', 'allow-to-professor-dumbledore', 'Allow', [staffPodPeer('professor-dumbledore-0')], [portNumber(SCTP, 9003)]),
    rule('egress', 'deny-to-dumbledore-everything-else', 'Deny', [staffPodPeer('professor-dumbledore-0')]),
  ],
});

// conformance/base/baseline_admin_network_policy/core-gress-rules-combined.yaml
const banpGress = banp(subjectNamespace('gryffindor'), {
  egress: [
    rule('egress', 'allow-to-ravenclaw-everything', 'Allow', [namespacePeer('ravenclaw')]),
    rule('egress', 'deny-to-ravenclaw-everything', 'Deny', [namespacePeer('ravenclaw')]),
    rule('egress', 'deny-to-slytherin-at-ports-80-53-9003', 'Deny', [namespacePeer('slytherin')], threeProtocols(80, 53, 9003)),
    rule('egress', 'allow-to-hufflepuff-at-ports-8080-5353', 'Allow', [namespacePeer('hufflepuff')], threeProtocols(8080, 5353, 9003)),
    rule('egress', 'deny-to-hufflepuff-everything-else', 'Deny', [namespacePeer('hufflepuff')]),
    rule('egress', 'allow-from-dumbledore-at-tcp-udp-sctp', 'Allow', [staffPodPeer('professor-dumbledore-0')], threeProtocols(8080, 5353, 9003)),
    rule('egress', 'deny-to-quirrell-at-tcp-udp-sctp', 'Deny', [staffPodPeer('professor-quirrell-0')], threeProtocols(8080, 5353, 9003)),
  ],
  ingress: [
    rule('ingress', 'allow-from-ravenclaw-everything', 'Allow', [namespacePeer('ravenclaw')]),
    rule('ingress', 'deny-from-ravenclaw-everything', 'Deny', [namespacePeer('ravenclaw')]),
    rule('ingress', 'deny-from-slytherin-at-port-80-53-9003', 'Deny', [namespacePeer('slytherin')], threeProtocols(80, 53, 9003)),
    rule('ingress', 'allow-from-hufflepuff-at-port-80-5353-9003', 'Allow', [namespacePeer('hufflepuff')], threeProtocols(80, 5353, 9003)),
    rule('ingress', 'deny-from-hufflepuff-everything-else', 'Deny', [namespacePeer('hufflepuff')]),
  ],
});

// base/baseline_admin_network_policy/standard-egress-inline-cidr-rules.yaml is not in the stored
// copy; reconstructed from its ClusterNetworkPolicy successor conformance/base/baseline_tier/
// standard-egress-inline-cidr-rules.yaml (same rules; Accept written as v1alpha1 Allow).
const banpInlineCidr = banp(subjectNamespace('gryffindor'), {
  egress: [
    rule('egress', 'allow-egress-to-slytherin', 'Allow', [housePodsPeer('slytherin')]),
    rule('egress', 'deny-egress-to-internet', 'Deny', [networksPeer('0.0.0.0/0', '::/0')]),
  ],
});

// =================================================================================================
// ClusterNetworkPolicy (v1alpha2), Admin and Baseline tiers
// =================================================================================================

// conformance/base/admin_tier/standard-ingress-tcp-rules.yaml (ports rewritten as protocols)
const cnpAdminIngressTcp = cnp('ingress-tcp', 'Admin', 3, subjectNamespace('gryffindor'), {
  ingress: [
    rule2('ingress', 'allow-from-ravenclaw-everything', 'Accept', [namespacePeer('ravenclaw')]),
    rule2('ingress', 'deny-from-ravenclaw-everything', 'Deny', [namespacePeer('ravenclaw')]),
    rule2('ingress', 'pass-from-ravenclaw-everything', 'Pass', [namespacePeer('ravenclaw')]),
    rule2('ingress', 'deny-from-slytherin-at-port-80', 'Deny', [namespacePeer('slytherin')], [destinationPort(TCP, 80)]),
    rule2('ingress', 'pass-from-slytherin-at-port-80', 'Pass', [namespacePeer('slytherin')], [destinationPort(TCP, 80)]),
    rule2('ingress', 'allow-from-hufflepuff-at-port-80', 'Accept', [namespacePeer('hufflepuff')], [destinationPort(TCP, 80)]),
    rule2('ingress', 'deny-from-hufflepuff-everything-else', 'Deny', [namespacePeer('hufflepuff')]),
  ],
});

// conformance/base/admin_tier/standard-egress-tcp-rules.yaml (ports rewritten as protocols)
const cnpAdminEgressTcp = cnp('egress-tcp', 'Admin', 6, subjectNamespace('gryffindor'), {
  egress: [
    rule2('egress', 'allow-to-ravenclaw-everything', 'Accept', [namespacePeer('ravenclaw')]),
    rule2('egress', 'deny-to-ravenclaw-everything', 'Deny', [namespacePeer('ravenclaw')]),
    rule2('egress', 'pass-to-ravenclaw-everything', 'Pass', [namespacePeer('ravenclaw')]),
    rule2('egress', 'deny-to-slytherin-at-port-80', 'Deny', [namespacePeer('slytherin')], [destinationPort(TCP, 80)]),
    rule2('egress', 'pass-to-slytherin-at-port-80', 'Pass', [namespacePeer('slytherin')], [destinationPort(TCP, 80)]),
    rule2('egress', 'allow-to-hufflepuff-at-port-8080', 'Accept', [namespacePeer('hufflepuff')], [destinationPort(TCP, 8080)]),
    rule2('egress', 'deny-to-hufflepuff-everything-else', 'Deny', [namespacePeer('hufflepuff')]),
  ],
});

// conformance/base/admin_tier/standard-priority-field.yaml (v1beta1 there)
const cnpPriority50 = cnp('priority-50-example', 'Admin', 50, subjectHousePods('gryffindor'), {
  ingress: [rule2('ingress', 'deny-all-ingress-from-slytherin', 'Deny', [housePodsPeer('slytherin')])],
  egress: [rule2('egress', 'deny-all-egress-to-slytherin', 'Deny', [housePodsPeer('slytherin')])],
});
const cnpPriority60 = cnp('old-priority-60-new-priority-40-example', 'Admin', 60, subjectHousePods('gryffindor'), {
  ingress: [rule2('ingress', 'pass-all-ingress-from-slytherin', 'Pass', [housePodsPeer('slytherin')])],
  egress: [rule2('egress', 'pass-all-egress-to-slytherin', 'Pass', [housePodsPeer('slytherin')])],
});
const cnpPriorityBaseline = cnp('default', 'Baseline', 10, subjectHousePods('gryffindor'), {
  ingress: [rule2('ingress', 'allow-all-ingress-from-slytherin', 'Accept', [housePodsPeer('slytherin')])],
  egress: [rule2('egress', 'allow-all-egress-to-slytherin', 'Accept', [housePodsPeer('slytherin')])],
});

// conformance/base/{admin,baseline}_tier/standard-port-range-rules-combined.yaml (v1beta1 there)
const anyHouseNamespace: Json = { namespaces: { matchExpressions: [{ key: 'conformance-house', operator: 'Exists' }] } };
const portRangeRules = (tier: 'Admin' | 'Baseline', priority: number) =>
  cnp('port-range-rules', tier, priority, subjectNamespace('gryffindor'), {
    egress: [
      rule2('egress', 'allow-to-ravenclaw-tcp-port-range', 'Accept', [namespacePeer('ravenclaw')], [destinationRange(TCP, 80, 8080)]),
      rule2('egress', 'allow-to-hufflepuff-udp-port-range', 'Accept', [namespacePeer('hufflepuff')], [destinationRange(UDP, 53, 5353)]),
      rule2('egress', 'allow-to-slytherin-sctp-port-range', 'Accept', [namespacePeer('slytherin')], [destinationRange(SCTP, 9003, 9005)]),
      rule2('egress', 'deny-all-egress', 'Deny', [anyHouseNamespace]),
    ],
    ingress: [
      rule2('ingress', 'allow-from-ravenclaw-tcp-port-range', 'Accept', [namespacePeer('ravenclaw')], [destinationRange(TCP, 80, 8080)]),
      rule2('ingress', 'allow-from-hufflepuff-udp-port-range', 'Accept', [namespacePeer('hufflepuff')], [destinationRange(UDP, 53, 5353)]),
      rule2('ingress', 'allow-from-slytherin-sctp-port-range', 'Accept', [namespacePeer('slytherin')], [destinationRange(SCTP, 9003, 9005)]),
      rule2('ingress', 'deny-all-ingress', 'Deny', [anyHouseNamespace]),
    ],
  });

// conformance/base/admin_tier/standard-egress-inline-cidr-rules.yaml (v1beta1 there)
const cnpInlineCidr = cnp('inline-cidr-as-peers-example', 'Admin', 85, subjectHousePods('gryffindor'), {
  egress: [
    rule2('egress', 'allow-egress-to-slytherin', 'Accept', [housePodsPeer('slytherin')]),
    rule2('egress', 'deny-egress-to-internet', 'Deny', [networksPeer('0.0.0.0/0', '::/0')]),
  ],
});

// conformance/base/{admin,baseline}_tier/standard-same-priority.yaml
const samePriority = (tier: 'Admin' | 'Baseline', priority: number, prefix: string) => [
  cnp(`${prefix}same-priority-gryffindor-slytherin`, tier, priority, subjectNamespace('gryffindor'), {
    ingress: [rule2('ingress', 'deny-from-slytherin-at-port-80', 'Deny', [namespacePeer('slytherin')], [destinationPort(TCP, 80)])],
    egress: [rule2('egress', 'deny-to-slytherin-at-port-80', 'Deny', [namespacePeer('slytherin')], [destinationPort(TCP, 80)])],
  }),
  cnp(`${prefix}same-priority-gryffindor-hufflepuff`, tier, priority, subjectNamespace('gryffindor'), {
    ingress: [rule2('ingress', 'deny-from-hufflepuff-at-port-80', 'Deny', [namespacePeer('hufflepuff')], [destinationPort(TCP, 80)])],
    egress: [rule2('egress', 'deny-to-hufflepuff-at-port-80', 'Deny', [namespacePeer('hufflepuff')], [destinationPort(TCP, 80)])],
  }),
  cnp(`${prefix}same-priority-hufflepuff-slytherin`, tier, priority, subjectNamespace('hufflepuff'), {
    ingress: [rule2('ingress', 'deny-from-slytherin-at-port-8080', 'Deny', [namespacePeer('slytherin')], [destinationPort(TCP, 8080)])],
    egress: [rule2('egress', 'deny-to-slytherin-at-port-8080', 'Deny', [namespacePeer('slytherin')], [destinationPort(TCP, 8080)])],
  }),
];

// conformance/base/admin_tier/same-priority-{1,2}.yaml
const everyNamespace: Json = { namespaces: { matchLabels: {} } };
const samePriority1 = cnp('same-priority-1', 'Admin', 15, subjectNamespace('gryffindor'), {
  ingress: [rule2('ingress', 'allow-from-ravenclaw', 'Accept', [namespacePeer('ravenclaw')]), rule2('ingress', 'deny-all-else', 'Deny', [everyNamespace])],
});
const samePriority2 = cnp('same-priority-2', 'Admin', 15, subjectNamespace('hufflepuff'), {
  ingress: [rule2('ingress', 'allow-from-slytherin', 'Accept', [namespacePeer('slytherin')]), rule2('ingress', 'deny-all-else', 'Deny', [everyNamespace])],
});

// conformance/base/admin_tier/standard-{ingress,egress}-isolation.yaml
const cnpIngressIsolation = cnp('admin-ingress-isolation', 'Admin', 20, subjectNamespace('gryffindor'), {
  ingress: [rule2('ingress', 'deny-from-slytherin', 'Deny', [namespacePeer('slytherin')])],
});
const cnpEgressIsolation = cnp('admin-egress-isolation', 'Admin', 20, subjectNamespace('gryffindor'), {
  egress: [rule2('egress', 'deny-to-slytherin', 'Deny', [namespacePeer('slytherin')])],
});

// conformance/base/api_integration/standard-anp-np-banp.yaml (v1beta1 there)
const cnpPassExample = cnp('pass-example', 'Admin', 10, subjectNamespaceByHouse('gryffindor'), {
  ingress: [rule2('ingress', 'deny-all-ingress-from-slytherin', 'Deny', [namespacePeerByHouse('slytherin')])],
  egress: [rule2('egress', 'deny-all-egress-to-slytherin', 'Deny', [namespacePeerByHouse('slytherin')])],
});
const cnpIntegrationBaseline = cnp('default', 'Baseline', 10, subjectNamespaceByHouse('gryffindor'), {
  ingress: [rule2('ingress', 'deny-all-ingress-from-slytherin', 'Deny', [namespacePeerByHouse('slytherin')])],
  egress: [rule2('egress', 'deny-all-egress-to-slytherin', 'Deny', [namespacePeerByHouse('slytherin')])],
});

// conformance/base/baseline_tier/standard-ingress-tcp-rules.yaml (ports rewritten as protocols)
const cnpBaselineIngressTcp = cnp('default', 'Baseline', 10, subjectNamespace('gryffindor'), {
  ingress: [
    rule2('ingress', 'allow-from-ravenclaw-everything', 'Accept', [namespacePeer('ravenclaw')]),
    rule2('ingress', 'deny-from-ravenclaw-everything', 'Deny', [namespacePeer('ravenclaw')]),
    rule2('ingress', 'deny-from-slytherin-at-port-80', 'Deny', [namespacePeer('slytherin')], [destinationPort(TCP, 80)]),
    rule2('ingress', 'allow-from-hufflepuff-at-port-80', 'Accept', [namespacePeer('hufflepuff')], [destinationPort(TCP, 80)]),
    rule2('ingress', 'deny-from-hufflepuff-everything-else', 'Deny', [namespacePeer('hufflepuff')]),
  ],
});

// conformance/base/baseline_tier/standard-egress-sctp-rules.yaml (ports rewritten as protocols)
const cnpBaselineEgressSctp = cnp('default', 'Baseline', 10, subjectNamespace('ravenclaw'), {
  egress: [
    rule2('egress', 'allow-to-gryffindor-everything', 'Accept', [namespacePeer('gryffindor')]),
    rule2('egress', 'deny-to-gryffindor-everything', 'Deny', [namespacePeer('gryffindor')]),
    rule2('egress', 'deny-to-slytherin-at-port-9003', 'Deny', [namespacePeer('slytherin')], [destinationPort(SCTP, 9003)]),
    rule2('egress', 'allow-to-hufflepuff-at-port-9003', 'Accept', [namespacePeer('hufflepuff')], [destinationPort(SCTP, 9003)]),
    rule2('egress', 'deny-to-hufflepuff-everything-else', 'Deny', [namespacePeer('hufflepuff')]),
  ],
});

// =================================================================================================
// The cases
// =================================================================================================

/** A Go test whose subtests swap rules 0<->1, then 0<->2, then 3<->4 (the "core" rule-ordering pattern). */
function orderingCases(
  name: string,
  upstream: string[],
  base: AdminObject,
  direction: Direction | 'both',
  steps: { base: NpapiCheck[]; step2: NpapiCheck[]; step3?: NpapiCheck[]; step4?: NpapiCheck[] },
): NpapiCase[] {
  const dirs: Direction[] = direction === 'both' ? ['egress', 'ingress'] : [direction];
  const s2 = mutate(base, ...dirs.map((d) => swap(d, 0, 1)));
  const s3 = mutate(s2, ...dirs.map((d) => swap(d, 0, 2)));
  const s4 = mutate(s3, ...dirs.map((d) => swap(d, 3, 4)));
  const on = dirs.join(' and ');
  const cases: NpapiCase[] = [
    { name, upstream, mutation: 'none', policies: yamlOf(base), checks: steps.base },
    { name: `${name}-step2`, upstream, mutation: `${on}: swap rules 0 and 1`, policies: yamlOf(s2), checks: steps.step2 },
  ];
  if (steps.step3) cases.push({ name: `${name}-step3`, upstream, mutation: `${on}: swap rules 0 and 1, then 0 and 2`, policies: yamlOf(s3), checks: steps.step3 });
  if (steps.step4) cases.push({ name: `${name}-step4`, upstream, mutation: `${on}: swap rules 0 and 1, then 0 and 2, then 3 and 4`, policies: yamlOf(s4), checks: steps.step4 });
  return cases;
}

const ANP_INGRESS_TCP = [src('conformance/tests/admin-network-policy-core-ingress-tcp-rules.go', '107f154e1aef56bb061665d1bc5b4f1cb427bd1c'), src('conformance/base/admin_network_policy/core-ingress-tcp-rules.yaml', '4d5b6932bf8ccda677b9aa171070fe426ab52c40')];
const ANP_INGRESS_UDP = [src('conformance/tests/admin-network-policy-core-ingress-udp-rules.go', '135bf4bf87068173336ca236f413c1eaf0a4f6b9'), src('conformance/base/admin_network_policy/core-ingress-udp-rules.yaml', '107f154e1aef56bb061665d1bc5b4f1cb427bd1c')];
const ANP_INGRESS_SCTP = [src('conformance/tests/admin-network-policy-core-ingress-sctp-rules.go', '107f154e1aef56bb061665d1bc5b4f1cb427bd1c'), src('conformance/base/admin_network_policy/core-ingress-sctp-rules.yaml', '107f154e1aef56bb061665d1bc5b4f1cb427bd1c')];
const ANP_EGRESS_TCP = [src('conformance/tests/admin-network-policy-core-egress-tcp-rules.go', '8c46a567512e2ede4511f6e6a266c8e3290bc66e'), src('conformance/base/admin_network_policy/core-egress-tcp-rules.yaml', '107f154e1aef56bb061665d1bc5b4f1cb427bd1c')];
const ANP_EGRESS_UDP = [src('conformance/tests/admin-network-policy-core-egress-udp-rules.go', '00a979755761dfea953d7bfa7af11f7e89251bf8'), src('conformance/base/admin_network_policy/core-egress-udp-rules.yaml', '4d5b6932bf8ccda677b9aa171070fe426ab52c40')];
const ANP_EGRESS_SCTP = [src('conformance/tests/admin-network-policy-core-egress-sctp-rules.go', '135bf4bf87068173336ca236f413c1eaf0a4f6b9'), src('conformance/base/admin_network_policy/core-egress-sctp-rules.yaml', '4d5b6932bf8ccda677b9aa171070fe426ab52c40')];
const ANP_GRESS = [src('conformance/tests/admin-network-policy-core-gress-rules.go', '107f154e1aef56bb061665d1bc5b4f1cb427bd1c'), src('conformance/base/admin_network_policy/core-gress-rules-combined.yaml', '107f154e1aef56bb061665d1bc5b4f1cb427bd1c')];
const ANP_PRIORITY = [src('conformance/tests/admin-network-policy-core-priority.go', '42095fba9e07c682a8370091f7e780fe75189964'), src('conformance/base/admin_network_policy/core-priority-field.yaml', 'c43707a70534917ae52f953ddcecba685c694ab8')];
const ANP_INTEGRATION = [src('conformance/tests/admin-network-policy-core-integration.go', '135bf4bf87068173336ca236f413c1eaf0a4f6b9'), src('conformance/base/api_integration/core-anp-np-banp.yaml', '42095fba9e07c682a8370091f7e780fe75189964')];
const ANP_EXT_INGRESS = [src('conformance/tests/admin-network-policy-extended-ingress-rules.go', '135bf4bf87068173336ca236f413c1eaf0a4f6b9'), ANP_INGRESS_UDP[1]!];
const ANP_EXT_EGRESS_NAMED = [src('conformance/tests/admin-network-policy-extended-egress-rules.go', '0668b2f7a7c91f65b18c9ad9c2ecba0c133d35fe'), ANP_EGRESS_TCP[1]!];
const ANP_EXT_EGRESS_CIDR = [
  `${REPO} conformance/tests/admin-network-policy-extended-egress-rules.go (stored version with AdminNetworkPolicyEgressInlineCIDRPeers)`,
  src('conformance/base/admin_network_policy/extended-egress-selector-rules.yaml', 'd48faeeb0e0235fce9233fac6fb737cf654e89ed'),
];
const BANP_INGRESS_TCP = [src('conformance/tests/baseline-admin-network-policy-core-ingress-tcp-rules.go', '107f154e1aef56bb061665d1bc5b4f1cb427bd1c'), src('conformance/base/baseline_admin_network_policy/core-ingress-tcp-rules.yaml', '4d5b6932bf8ccda677b9aa171070fe426ab52c40')];
const BANP_INGRESS_UDP = [src('conformance/tests/baseline-admin-network-policy-core-ingress-udp-rules.go', '013a17feff7dc224bfbb5d180fe514da93a79d99'), src('conformance/base/baseline_admin_network_policy/core-ingress-udp-rules.yaml', '4d5b6932bf8ccda677b9aa171070fe426ab52c40')];
const BANP_INGRESS_SCTP = [src('conformance/tests/baseline-admin-network-policy-core-ingress-sctp-rules.go', '1e3b31780db4cb030cf695a38eb81642c4ffd383'), src('conformance/base/baseline_admin_network_policy/core-ingress-sctp-rules.yaml', '4d5b6932bf8ccda677b9aa171070fe426ab52c40')];
const BANP_EGRESS_TCP = [src('conformance/tests/baseline-admin-network-policy-core-egress-tcp-rules.go', '107f154e1aef56bb061665d1bc5b4f1cb427bd1c'), src('conformance/base/baseline_admin_network_policy/core-egress-tcp-rules.yaml', '107f154e1aef56bb061665d1bc5b4f1cb427bd1c')];
const BANP_EGRESS_UDP = [src('conformance/tests/baseline-admin-network-policy-core-egress-udp-rules.go', '107f154e1aef56bb061665d1bc5b4f1cb427bd1c'), src('conformance/base/baseline_admin_network_policy/core-egress-udp-rules.yaml', '4d5b6932bf8ccda677b9aa171070fe426ab52c40')];
const BANP_EGRESS_SCTP = [src('conformance/tests/baseline-admin-network-policy-core-egress-sctp-rules.go', '135bf4bf87068173336ca236f413c1eaf0a4f6b9'), src('conformance/base/baseline_admin_network_policy/core-egress-sctp-rules.yaml', '4d5b6932bf8ccda677b9aa171070fe426ab52c40')];
const BANP_GRESS = [src('conformance/tests/baseline-admin-network-policy-core-gress-rules.go', '135bf4bf87068173336ca236f413c1eaf0a4f6b9'), src('conformance/base/baseline_admin_network_policy/core-gress-rules-combined.yaml', '4d5b6932bf8ccda677b9aa171070fe426ab52c40')];
const BANP_INLINE_CIDR = [src('conformance/tests/baseline-admin-network-policy-standard-egress-inline-cidr-rules.go', '47a85071023b4d6b96eae9dbe19e0934b3cfb626'), src('conformance/base/baseline_tier/standard-egress-inline-cidr-rules.yaml', '562e6e867c1aac16c062bf40ad6624209f834054') + ' (successor; v1alpha1 file not stored)'];

const CNP_ADMIN_INGRESS_TCP = [src('conformance/tests/admin-network-policy-standard-ingress-tcp-rules.go', '2491831360ce313b15144e3326b3f4512cab7b9c'), src('conformance/base/admin_tier/standard-ingress-tcp-rules.yaml', '4d38b37f304ba60129e67fd975d6f5c0def5dbbb')];
const CNP_ADMIN_EGRESS_TCP = [src('conformance/tests/admin-network-policy-standard-egress-tcp-rules.go', '4d38b37f304ba60129e67fd975d6f5c0def5dbbb'), src('conformance/base/admin_tier/standard-egress-tcp-rules.yaml', '295a4ff8f5d9ad1efa82cc900c3f0241ed348ae4')];
const CNP_ADMIN_PRIORITY = [src('conformance/tests/admin-network-policy-standard-priority.go', '295a4ff8f5d9ad1efa82cc900c3f0241ed348ae4'), src('conformance/base/admin_tier/standard-priority-field.yaml', '562e6e867c1aac16c062bf40ad6624209f834054')];
const CNP_ADMIN_PORT_RANGE = [src('conformance/tests/admin-network-policy-standard-port-range-rules.go', 'b9f7a830d80fb85379a3dcdc896ad50e0bfccd89'), src('conformance/base/admin_tier/standard-port-range-rules-combined.yaml', '562e6e867c1aac16c062bf40ad6624209f834054')];
const CNP_BASELINE_PORT_RANGE = [src('conformance/tests/baseline-admin-network-policy-standard-port-range-rules.go', 'e1576bf6adf8770498fbcb6b5eb474189971e065'), src('conformance/base/baseline_tier/standard-port-range-rules-combined.yaml', '30ea168a6e8422b78e490abc0a4df50d6c43cbb6')];
const CNP_ADMIN_CIDR = [src('conformance/tests/admin-network-policy-standard-egress-inline-cidr-rules.go', '295a4ff8f5d9ad1efa82cc900c3f0241ed348ae4'), src('conformance/base/admin_tier/standard-egress-inline-cidr-rules.yaml', '30ea168a6e8422b78e490abc0a4df50d6c43cbb6')];
const CNP_ADMIN_SAME_PRIORITY = [src('conformance/tests/admin-network-policy-standard-same-priority.go', 'efe784ef4b71d0c3a9b2153da741e7af93db8be7'), src('conformance/base/admin_tier/standard-same-priority.yaml', '3004fc78a2dab155d5efc3e83738a7e047946496')];
const CNP_ADMIN_SAME_PRIORITY_12 = [
  src('conformance/tests/admin-network-policy-same-priority.go', 'ca0e307370ef096943b78fb46a46e943d3ae084e'),
  src('conformance/base/admin_tier/same-priority-1.yaml', '7511fdbcf91263096e815c4d244ab51f37bbb21d'),
  src('conformance/base/admin_tier/same-priority-2.yaml', 'ca0e307370ef096943b78fb46a46e943d3ae084e'),
];
const CNP_BASELINE_SAME_PRIORITY = [src('conformance/tests/baseline-admin-network-policy-standard-same-priority.go', '3004fc78a2dab155d5efc3e83738a7e047946496'), src('conformance/base/baseline_tier/standard-same-priority.yaml', '30ea168a6e8422b78e490abc0a4df50d6c43cbb6')];
const CNP_ISOLATION = src('conformance/tests/admin-network-policy-standard-ingress-egress-isolation.go', 'e98949c494555f55b62865b699e0ad3478820e5c');
const CNP_INTEGRATION = [src('conformance/tests/admin-network-policy-standard-integration.go', '25f6bf05425885785cd3c633fd8bd27259a81cdb'), src('conformance/base/api_integration/standard-anp-np-banp.yaml', '30ea168a6e8422b78e490abc0a4df50d6c43cbb6')];
const CNP_BASELINE_INGRESS_TCP = [src('conformance/tests/baseline-admin-network-policy-standard-ingress-tcp-rules.go', '2491831360ce313b15144e3326b3f4512cab7b9c'), src('conformance/base/baseline_tier/standard-ingress-tcp-rules.yaml', '4d38b37f304ba60129e67fd975d6f5c0def5dbbb')];
const CNP_BASELINE_EGRESS_SCTP = [src('conformance/tests/baseline-admin-network-policy-standard-egress-sctp-rules.go', '25f6bf05425885785cd3c633fd8bd27259a81cdb'), src('conformance/base/baseline_tier/standard-egress-sctp-rules.yaml', '3afae2db2e91ca663fcf299c80a60e0d2a3716e4')];

// ---- probe sets shared by tests whose Go bodies assert the same connections --------------------

/** AdminNetworkPolicyPriorityField / CNPAdminTierPriorityField. */
const priorityChecks = (policy: string) => ({
  base: [
    check(`Should Deny traffic from slytherin to gryffindor respecting ${policy}`,
      poke('draco-malfoy-0', TCP, 'harry-potter-0', 80, false), poke('draco-malfoy-1', TCP, 'harry-potter-0', 8080, false)),
    check(`Should Deny traffic to slytherin from gryffindor respecting ${policy}`,
      poke('harry-potter-0', TCP, 'draco-malfoy-0', 80, false), poke('harry-potter-1', TCP, 'draco-malfoy-0', 8080, false)),
  ],
  step2: (baseline: string) => [
    check(`Should respect ${policy} priority field; thus passing both ingress and egress traffic over to ${baseline}`,
      poke('draco-malfoy-0', TCP, 'harry-potter-0', 80, true), poke('draco-malfoy-1', TCP, 'harry-potter-0', 8080, true),
      poke('harry-potter-0', TCP, 'draco-malfoy-0', 80, true), poke('harry-potter-1', TCP, 'draco-malfoy-0', 8080, true)),
  ],
});

/** AdminNetworkPolicyIntegration / CNPAdminTierIntegration: the four policy states. */
function integrationCases(name: string, upstream: string[], admin: AdminObject, baseline: AdminObject, words: { admin: string; baseline: string }): NpapiCase[] {
  const s2 = mutate(admin, setAction('ingress', 0, 'Pass'));
  const s3 = mutate(s2, setAction('egress', 0, 'Pass'));
  return [
    {
      name, upstream, mutation: 'none', policies: yamlOf(admin, integrationNetworkPolicy, baseline),
      checks: [
        check(`Should Deny traffic from slytherin to gryffindor respecting ${words.admin}`,
          poke('draco-malfoy-0', TCP, 'harry-potter-0', 80, false), poke('draco-malfoy-1', TCP, 'harry-potter-0', 8080, false)),
        check(`Should Deny traffic to slytherin from gryffindor respecting ${words.admin}`,
          poke('harry-potter-0', TCP, 'draco-malfoy-0', 80, false), poke('harry-potter-1', TCP, 'draco-malfoy-0', 8080, false)),
      ],
    },
    {
      name: `${name}-step2`, upstream, mutation: 'pass-example ingress[0].action = Pass', policies: yamlOf(s2, integrationNetworkPolicy, baseline),
      checks: [check(`Should support a 'pass-ingress' policy for ${words.admin} and respect the match for network policy`,
        poke('draco-malfoy-0', TCP, 'harry-potter-0', 80, true), poke('draco-malfoy-1', TCP, 'harry-potter-0', 8080, true))],
    },
    {
      name: `${name}-step3`, upstream, mutation: 'pass-example ingress[0] and egress[0] action = Pass', policies: yamlOf(s3, integrationNetworkPolicy, baseline),
      checks: [check(`Should support a 'pass-egress' policy for ${words.admin} and respect the match for network policy`,
        poke('harry-potter-0', TCP, 'draco-malfoy-0', 80, true), poke('harry-potter-1', TCP, 'draco-malfoy-0', 8080, true))],
    },
    {
      name: `${name}-step4`, upstream, mutation: 'both actions = Pass; NetworkPolicy allow-gress-from-to-slytherin-to-gryffindor deleted', policies: yamlOf(s3, baseline),
      checks: [
        check(`Should support a 'pass-ingress' policy for ${words.admin} and respect the match for ${words.baseline}`,
          poke('draco-malfoy-0', TCP, 'harry-potter-0', 80, false), poke('draco-malfoy-1', TCP, 'harry-potter-0', 8080, false)),
        check(`Should support a 'pass-egress' policy for ${words.admin} and respect the match for ${words.baseline}`,
          poke('harry-potter-0', TCP, 'draco-malfoy-0', 80, false), poke('harry-potter-1', TCP, 'draco-malfoy-0', 8080, false)),
      ],
    },
  ];
}

/** CNPAdminTierPortRange / CNPBaselineTierPortRange (identical probes). */
const portRangeChecks = [
  check('Should support egress port range rules across different protocols',
    poke('harry-potter-0', TCP, 'luna-lovegood-0', 80, true), poke('harry-potter-0', TCP, 'luna-lovegood-0', 8080, true),
    poke('harry-potter-1', UDP, 'luna-lovegood-0', 53, false),
    poke('harry-potter-0', UDP, 'cedric-diggory-0', 53, true), poke('harry-potter-0', UDP, 'cedric-diggory-0', 5353, true),
    poke('harry-potter-1', TCP, 'cedric-diggory-0', 80, false),
    poke('harry-potter-0', SCTP, 'draco-malfoy-0', 9003, true), poke('harry-potter-0', SCTP, 'draco-malfoy-0', 9005, true),
    poke('harry-potter-1', TCP, 'draco-malfoy-0', 80, false)),
  check('Should support ingress port range rules across different protocols',
    poke('luna-lovegood-0', TCP, 'harry-potter-0', 80, true), poke('luna-lovegood-0', TCP, 'harry-potter-0', 8080, true),
    poke('luna-lovegood-1', UDP, 'harry-potter-0', 53, false),
    poke('cedric-diggory-0', UDP, 'harry-potter-0', 53, true), poke('cedric-diggory-0', UDP, 'harry-potter-0', 5353, true),
    poke('cedric-diggory-1', TCP, 'harry-potter-0', 80, false),
    poke('draco-malfoy-0', SCTP, 'harry-potter-0', 9003, true), poke('draco-malfoy-0', SCTP, 'harry-potter-0', 9005, true),
    poke('draco-malfoy-1', TCP, 'harry-potter-0', 80, false)),
];

/** The same TCP 80 / UDP 53 / SCTP 9003 probes from harry-potter-1 to one server. */
const threeWays = (to: string, allowed: boolean) => [poke('harry-potter-1', TCP, to, 80, allowed), poke('harry-potter-1', UDP, to, 53, allowed), poke('harry-potter-1', SCTP, to, 9003, allowed)];

/** CNP{Admin,Baseline}TierSamePriority (standard-same-priority.yaml): servers differ per file. */
function samePriorityChecks(server: { g: string; s: string; h: string; r: string }, lastFrom: string): NpapiCheck[] {
  return [
    check('Should deny traffic in both directions for each same-priority policy',
      poke('draco-malfoy-0', TCP, server.g, 80, false), poke('harry-potter-0', TCP, server.s, 80, false),
      poke('cedric-diggory-0', TCP, server.g, 80, false), poke('harry-potter-1', TCP, server.h, 80, false),
      poke('draco-malfoy-1', TCP, server.h, 8080, false), poke('cedric-diggory-1', TCP, server.s, 8080, false)),
    check("Should not apply one same-priority policy's rules to another policy's subject",
      poke('draco-malfoy-0', TCP, server.g, 8080, true), poke('harry-potter-0', TCP, server.s, 8080, true),
      poke('draco-malfoy-1', TCP, server.h, 80, true), poke('cedric-diggory-0', TCP, server.s, 80, true)),
    check('Should not affect traffic matching no same-priority policy',
      poke('luna-lovegood-0', TCP, server.g, 80, true), poke(lastFrom, TCP, server.r, 80, true)),
  ];
}

/** The allow and deny steps of the core gress tests, the same for the ANP and BANP (upstream asserts them alike). */
const GRESS_ALLOW_DENY = {
  base: [
    check("Should support an 'allow-gress' policy across different protocols",
      poke('harry-potter-0', TCP, 'luna-lovegood-0', 80, true), poke('harry-potter-1', UDP, 'luna-lovegood-0', 53, true), poke('harry-potter-0', SCTP, 'luna-lovegood-0', 9003, true),
      poke('luna-lovegood-0', TCP, 'harry-potter-0', 80, true), poke('luna-lovegood-1', UDP, 'harry-potter-0', 53, true), poke('luna-lovegood-1', SCTP, 'harry-potter-0', 9003, true)),
    check("Should support an 'allow-gress' policy across different protocols at the specified ports",
      poke('harry-potter-0', TCP, 'cedric-diggory-1', 8080, true), poke('harry-potter-1', TCP, 'cedric-diggory-1', 80, false),
      poke('harry-potter-0', UDP, 'cedric-diggory-1', 5353, true), poke('harry-potter-1', UDP, 'cedric-diggory-1', 53, false),
      poke('harry-potter-0', SCTP, 'cedric-diggory-1', 9003, true), poke('harry-potter-1', SCTP, 'cedric-diggory-1', 9005, false),
      poke('cedric-diggory-0', TCP, 'harry-potter-1', 80, true), poke('cedric-diggory-1', TCP, 'harry-potter-1', 8080, false),
      poke('cedric-diggory-0', UDP, 'harry-potter-1', 5353, true), poke('cedric-diggory-1', UDP, 'harry-potter-1', 53, false),
      poke('cedric-diggory-0', SCTP, 'harry-potter-1', 9003, true), poke('cedric-diggory-1', SCTP, 'harry-potter-1', 9005, false)),
  ],
  step2: [
    check("Should support an 'deny-gress' policy across different protocols",
      poke('harry-potter-0', TCP, 'luna-lovegood-1', 80, false), poke('harry-potter-1', UDP, 'luna-lovegood-1', 53, false), poke('harry-potter-0', SCTP, 'luna-lovegood-1', 9003, false),
      poke('luna-lovegood-0', TCP, 'harry-potter-1', 80, false), poke('luna-lovegood-1', UDP, 'harry-potter-1', 53, false), poke('luna-lovegood-1', SCTP, 'harry-potter-1', 9003, false)),
    check("Should support a 'deny-gress' policy across different protocols at the specified ports",
      poke('harry-potter-0', TCP, 'draco-malfoy-0', 80, false), poke('harry-potter-1', TCP, 'draco-malfoy-0', 8080, true),
      poke('harry-potter-0', UDP, 'draco-malfoy-0', 53, false), poke('harry-potter-1', UDP, 'draco-malfoy-0', 5353, true),
      poke('harry-potter-0', SCTP, 'draco-malfoy-0', 9003, false), poke('harry-potter-1', SCTP, 'draco-malfoy-0', 9005, true),
      poke('draco-malfoy-0', TCP, 'harry-potter-0', 80, false), poke('draco-malfoy-1', TCP, 'harry-potter-0', 8080, true),
      poke('draco-malfoy-0', UDP, 'harry-potter-0', 53, false), poke('draco-malfoy-1', UDP, 'harry-potter-0', 5353, true),
      poke('draco-malfoy-0', SCTP, 'harry-potter-0', 9003, false), poke('draco-malfoy-1', SCTP, 'harry-potter-0', 9005, true)),
  ],
};

export const NPAPI_CASES: NpapiCase[] = [
  // ---- AdminNetworkPolicy core ------------------------------------------------------------------
  ...orderingCases('AdminNetworkPolicyIngressTCP', ANP_INGRESS_TCP, anpIngressTcp, 'ingress', {
    base: [
      check("Should support an 'allow-ingress' policy for TCP protocol; ensure rule ordering is respected",
        poke('luna-lovegood-0', TCP, 'harry-potter-0', 80, true), poke('luna-lovegood-1', TCP, 'harry-potter-0', 8080, true)),
      check("Should support an 'allow-ingress' policy for TCP protocol at the specified port",
        poke('cedric-diggory-0', TCP, 'harry-potter-1', 80, true), poke('cedric-diggory-1', TCP, 'harry-potter-1', 8080, false)),
    ],
    step2: [
      check("Should support an 'deny-ingress' policy for TCP protocol; ensure rule ordering is respected",
        poke('luna-lovegood-0', TCP, 'harry-potter-1', 80, false), poke('luna-lovegood-1', TCP, 'harry-potter-1', 8080, false)),
      check("Should support a 'deny-ingress' policy for TCP protocol at the specified port",
        poke('draco-malfoy-0', TCP, 'harry-potter-0', 80, false), poke('draco-malfoy-1', TCP, 'harry-potter-0', 8080, true)),
    ],
    step3: [check("Should support an 'pass-ingress' policy for TCP protocol; ensure rule ordering is respected",
      poke('luna-lovegood-0', TCP, 'harry-potter-0', 80, true), poke('luna-lovegood-1', TCP, 'harry-potter-0', 8080, true))],
    step4: [check("Should support a 'pass-ingress' policy for TCP protocol at the specified port",
      poke('draco-malfoy-0', TCP, 'harry-potter-0', 80, true), poke('draco-malfoy-1', TCP, 'harry-potter-0', 8080, true))],
  }),
  {
    name: 'AdminNetworkPolicyIngressPodSelectorTCP', upstream: ANP_INGRESS_TCP, mutation: 'none', policies: yamlOf(anpIngressTcp),
    checks: [
      check("Should support an 'allow-ingress' policy for TCP protocol at the specified pod", poke('professor-dumbledore-0', TCP, 'harry-potter-0', 8080, true)),
      check("Should support a 'deny-ingress' policy for TCP protocol at the specified pod", poke('professor-quirrell-0', TCP, 'harry-potter-0', 8080, false)),
    ],
  },
  ...orderingCases('AdminNetworkPolicyIngressUDP', ANP_INGRESS_UDP, anpIngressUdp, 'ingress', {
    base: [
      check("Should support an 'allow-ingress' policy for UDP protocol; ensure rule ordering is respected",
        poke('luna-lovegood-0', UDP, 'cedric-diggory-0', 53, true), poke('luna-lovegood-1', UDP, 'cedric-diggory-0', 5353, true)),
      check("Should support an 'allow-ingress' policy for UDP protocol at the specified port",
        poke('harry-potter-0', UDP, 'cedric-diggory-1', 53, true), poke('harry-potter-1', UDP, 'cedric-diggory-1', 5353, false)),
    ],
    step2: [
      check("Should support an 'deny-ingress' policy for UDP protocol; ensure rule ordering is respected",
        poke('luna-lovegood-0', UDP, 'cedric-diggory-1', 53, false), poke('luna-lovegood-1', UDP, 'cedric-diggory-1', 5353, false)),
      check("Should support a 'deny-ingress' policy for UDP protocol at the specified port",
        poke('draco-malfoy-0', UDP, 'cedric-diggory-0', 5353, false), poke('draco-malfoy-1', UDP, 'cedric-diggory-0', 53, true)),
    ],
    step3: [check("Should support an 'pass-ingress' policy for UDP protocol; ensure rule ordering is respected",
      poke('luna-lovegood-0', UDP, 'cedric-diggory-1', 5353, true), poke('luna-lovegood-1', UDP, 'cedric-diggory-1', 53, true))],
    step4: [check("Should support a 'pass-ingress' policy for UDP protocol at the specified port",
      poke('draco-malfoy-0', UDP, 'cedric-diggory-0', 5353, true), poke('draco-malfoy-1', UDP, 'cedric-diggory-0', 53, true))],
  }),
  ...orderingCases('AdminNetworkPolicyIngressSCTP', ANP_INGRESS_SCTP, anpIngressSctp, 'ingress', {
    base: [
      check("Should support an 'allow-ingress' policy for SCTP protocol; ensure rule ordering is respected",
        poke('harry-potter-0', SCTP, 'luna-lovegood-0', 9003, true), poke('harry-potter-1', SCTP, 'luna-lovegood-0', 9005, true),
        poke('professor-dumbledore-0', SCTP, 'luna-lovegood-0', 9003, true), poke('professor-dumbledore-0', TCP, 'luna-lovegood-0', 80, false)),
      check("Should support an 'allow-ingress' policy for SCTP protocol at the specified port",
        poke('cedric-diggory-0', SCTP, 'luna-lovegood-1', 9003, true), poke('cedric-diggory-1', SCTP, 'luna-lovegood-1', 9005, false)),
    ],
    step2: [
      check("Should support an 'deny-ingress' policy for SCTP protocol; ensure rule ordering is respected",
        poke('harry-potter-0', SCTP, 'luna-lovegood-1', 9003, false), poke('harry-potter-1', SCTP, 'luna-lovegood-1', 9005, false)),
      check("Should support a 'deny-ingress' policy for SCTP protocol at the specified port",
        poke('draco-malfoy-0', SCTP, 'luna-lovegood-0', 9003, false), poke('draco-malfoy-1', SCTP, 'luna-lovegood-0', 9005, true)),
    ],
    step3: [check("Should support an 'pass-ingress' policy for SCTP protocol; ensure rule ordering is respected",
      poke('harry-potter-0', SCTP, 'luna-lovegood-1', 9003, true), poke('harry-potter-1', SCTP, 'luna-lovegood-1', 9005, true))],
    step4: [check("Should support a 'pass-ingress' policy for SCTP protocol at the specified port",
      poke('draco-malfoy-0', SCTP, 'luna-lovegood-0', 9003, true), poke('draco-malfoy-1', SCTP, 'luna-lovegood-0', 9005, true))],
  }),
  {
    name: 'AdminNetworkPolicyIngressPodSelector', upstream: ANP_INGRESS_SCTP, mutation: 'none', policies: yamlOf(anpIngressSctp),
    checks: [
      check("Should support an 'allow-ingress' policy for the specified pod (SCTP)",
        poke('professor-dumbledore-0', SCTP, 'luna-lovegood-0', 9003, true), poke('professor-dumbledore-0', TCP, 'luna-lovegood-0', 80, false)),
      check("Should support an 'deny-ingress' policy for the specified pod (SCTP)",
        poke('professor-quirrell-0', SCTP, 'luna-lovegood-0', 9003, false), poke('professor-quirrell-0', TCP, 'luna-lovegood-0', 80, true)),
    ],
  },
  ...orderingCases('AdminNetworkPolicyEgressTCP', ANP_EGRESS_TCP, anpEgressTcp, 'egress', {
    base: [
      check("Should support an 'allow-egress' policy for TCP protocol; ensure rule ordering is respected",
        poke('harry-potter-0', TCP, 'luna-lovegood-0', 80, true), poke('harry-potter-1', TCP, 'luna-lovegood-0', 8080, true)),
      check("Should support an 'allow-egress' policy for TCP protocol at the specified port",
        poke('harry-potter-0', TCP, 'cedric-diggory-1', 8080, true), poke('harry-potter-1', TCP, 'cedric-diggory-1', 80, false)),
    ],
    step2: [
      check("Should support an 'deny-egress' policy for TCP protocol; ensure rule ordering is respected",
        poke('harry-potter-0', TCP, 'luna-lovegood-1', 80, false), poke('harry-potter-1', TCP, 'luna-lovegood-1', 8080, false)),
      check("Should support a 'deny-egress' policy for TCP protocol at the specified port",
        poke('harry-potter-0', TCP, 'draco-malfoy-0', 80, false), poke('harry-potter-1', TCP, 'draco-malfoy-0', 8080, true)),
    ],
    step3: [check("Should support an 'pass-egress' policy for TCP protocol; ensure rule ordering is respected",
      poke('harry-potter-0', TCP, 'luna-lovegood-0', 80, true), poke('harry-potter-1', TCP, 'luna-lovegood-0', 8080, true))],
    step4: [check("Should support a 'pass-egress' policy for TCP protocol at the specified port",
      poke('harry-potter-0', TCP, 'draco-malfoy-0', 80, true), poke('harry-potter-1', TCP, 'draco-malfoy-0', 8080, true))],
  }),
  ...orderingCases('AdminNetworkPolicyEgressUDP', ANP_EGRESS_UDP, anpEgressUdp, 'egress', {
    base: [
      check("Should support an 'allow-egress' policy for UDP protocol; ensure rule ordering is respected",
        poke('cedric-diggory-0', UDP, 'luna-lovegood-0', 53, true), poke('cedric-diggory-1', UDP, 'luna-lovegood-0', 5353, true)),
      check("Should support an 'allow-egress' policy for UDP protocol at the specified port",
        poke('cedric-diggory-0', UDP, 'harry-potter-1', 53, true), poke('cedric-diggory-1', UDP, 'harry-potter-1', 5353, false)),
    ],
    step2: [
      check("Should support an 'deny-egress' policy for UDP protocol; ensure rule ordering is respected",
        poke('cedric-diggory-0', UDP, 'luna-lovegood-1', 53, false), poke('cedric-diggory-1', UDP, 'luna-lovegood-1', 5353, false)),
      check("Should support a 'deny-egress' policy for UDP protocol at the specified port",
        poke('cedric-diggory-0', UDP, 'draco-malfoy-0', 5353, false), poke('cedric-diggory-1', UDP, 'draco-malfoy-0', 53, true)),
    ],
    step3: [check("Should support an 'pass-egress' policy for UDP protocol; ensure rule ordering is respected",
      poke('cedric-diggory-0', UDP, 'luna-lovegood-1', 5353, true), poke('cedric-diggory-1', UDP, 'luna-lovegood-1', 53, true))],
    step4: [check("Should support a 'pass-egress' policy for UDP protocol at the specified port",
      poke('cedric-diggory-0', UDP, 'draco-malfoy-0', 5353, true), poke('cedric-diggory-1', UDP, 'draco-malfoy-0', 53, true))],
  }),
  ...orderingCases('AdminNetworkPolicyEgressSCTP', ANP_EGRESS_SCTP, anpEgressSctp, 'egress', {
    base: [
      check("Should support an 'allow-egress' policy for SCTP protocol; ensure rule ordering is respected",
        poke('luna-lovegood-0', SCTP, 'harry-potter-0', 9003, true), poke('luna-lovegood-1', SCTP, 'harry-potter-0', 9005, true)),
      check("Should support an 'allow-egress' policy for SCTP protocol at the specified port",
        poke('luna-lovegood-0', SCTP, 'cedric-diggory-1', 9003, true), poke('luna-lovegood-1', SCTP, 'cedric-diggory-1', 9005, false)),
    ],
    step2: [
      check("Should support an 'deny-egress' policy for SCTP protocol; ensure rule ordering is respected",
        poke('luna-lovegood-0', SCTP, 'harry-potter-1', 9003, false), poke('luna-lovegood-1', SCTP, 'harry-potter-1', 9005, false)),
      check("Should support a 'deny-egress' policy for SCTP protocol at the specified port",
        poke('luna-lovegood-0', SCTP, 'draco-malfoy-0', 9003, false), poke('luna-lovegood-1', SCTP, 'draco-malfoy-0', 9005, true)),
    ],
    step3: [check("Should support an 'pass-egress' policy for SCTP protocol; ensure rule ordering is respected",
      poke('luna-lovegood-0', SCTP, 'harry-potter-1', 9003, true), poke('luna-lovegood-1', SCTP, 'harry-potter-1', 9005, true))],
    step4: [check("Should support a 'pass-egress' policy for SCTP protocol at the specified port",
      poke('luna-lovegood-0', SCTP, 'draco-malfoy-0', 9003, true), poke('luna-lovegood-1', SCTP, 'draco-malfoy-0', 9005, true))],
  }),
  ...orderingCases('AdminNetworkPolicyGress', ANP_GRESS, anpGress, 'both', {
    ...GRESS_ALLOW_DENY,
    step3: [check("Should support an 'pass-gress' policy across different protocols",
      poke('harry-potter-0', TCP, 'luna-lovegood-0', 80, true), poke('harry-potter-0', UDP, 'luna-lovegood-0', 5353, true), poke('harry-potter-0', SCTP, 'luna-lovegood-0', 9003, true),
      poke('luna-lovegood-0', TCP, 'harry-potter-0', 80, true), poke('luna-lovegood-1', UDP, 'harry-potter-0', 53, true), poke('luna-lovegood-1', SCTP, 'harry-potter-0', 9003, true))],
    step4: [check("Should support a 'pass-gress' policy across different protocols at the specified ports",
      poke('harry-potter-0', TCP, 'draco-malfoy-0', 80, true), poke('harry-potter-1', TCP, 'draco-malfoy-0', 8080, true),
      poke('harry-potter-0', UDP, 'draco-malfoy-0', 53, true), poke('harry-potter-1', UDP, 'draco-malfoy-0', 5353, true),
      poke('harry-potter-0', SCTP, 'draco-malfoy-0', 9003, true), poke('harry-potter-1', SCTP, 'draco-malfoy-0', 9005, true),
      poke('draco-malfoy-0', TCP, 'harry-potter-0', 80, true), poke('draco-malfoy-1', TCP, 'harry-potter-0', 8080, true),
      poke('draco-malfoy-0', UDP, 'harry-potter-0', 53, true), poke('draco-malfoy-1', UDP, 'harry-potter-0', 5353, true),
      poke('draco-malfoy-0', SCTP, 'harry-potter-0', 9003, true), poke('draco-malfoy-1', SCTP, 'harry-potter-0', 9005, true))],
  }),
  {
    // ShortName "AdminNetworkPolicyPodSelectorGress" (Go variable AdminNetworkPolicyEgressPodSelectorGress)
    name: 'AdminNetworkPolicyPodSelectorGress', upstream: ANP_GRESS, mutation: 'none', policies: yamlOf(anpGress),
    checks: [
      check("Should support a 'allow-gress' policy across different protocols at the specified ports",
        poke('professor-dumbledore-0', TCP, 'harry-potter-0', 8080, true), poke('professor-dumbledore-0', UDP, 'harry-potter-0', 5353, true),
        poke('professor-dumbledore-0', SCTP, 'harry-potter-0', 9003, true)),
      check("Should support a 'deny-gress' policy across different protocols at the specified ports",
        poke('professor-quirrell-0', TCP, 'harry-potter-0', 8080, false), poke('professor-quirrell-0', UDP, 'harry-potter-0', 5353, false),
        poke('professor-quirrell-0', SCTP, 'harry-potter-0', 9003, false)),
    ],
  },
  (() => {
    const p = priorityChecks('ANP');
    return [
      { name: 'AdminNetworkPolicyPriorityField', upstream: ANP_PRIORITY, mutation: 'none', policies: yamlOf(anpPriority50, anpPriority60, banpPriority), checks: p.base },
      {
        name: 'AdminNetworkPolicyPriorityField-step2', upstream: ANP_PRIORITY, mutation: 'old-priority-60-new-priority-40-example: priority 60 -> 40',
        policies: yamlOf(anpPriority50, mutate(anpPriority60, setPriority(40)), banpPriority), checks: p.step2('BANP'),
      },
    ];
  })(),
  ...integrationCases('AdminNetworkPolicyIntegration', ANP_INTEGRATION, anpPassExample, banpIntegration, { admin: 'ANP', baseline: 'baseline admin network policy' }),

  // ---- AdminNetworkPolicy extended: named ports, inline CIDR peers ------------------------------
  {
    name: 'AdminNetworkPolicyIngressNamedPort-step2', upstream: ANP_EXT_INGRESS, mutation: 'ingress-udp ingress[5].ports = [namedPort: dns]',
    policies: yamlOf(mutate(anpIngressUdp, setPorts('ingress', 5, [namedPort('dns')]))),
    checks: [check("Should support an 'allow-ingress' policy for named port",
      poke('harry-potter-0', UDP, 'cedric-diggory-1', 53, true), poke('harry-potter-1', UDP, 'cedric-diggory-1', 5353, false))],
  },
  {
    name: 'AdminNetworkPolicyEgressNamedPort-step2', upstream: ANP_EXT_EGRESS_NAMED, mutation: 'egress-tcp egress[5].ports = [namedPort: web]',
    policies: yamlOf(mutate(anpEgressTcp, setPorts('egress', 5, [namedPort('web')]))),
    checks: [check("Should support an 'allow-egress' policy for named port",
      poke('harry-potter-0', TCP, 'cedric-diggory-1', 80, true), poke('harry-potter-1', TCP, 'cedric-diggory-1', 8080, false))],
  },
  {
    name: 'AdminNetworkPolicyEgressInlineCIDRPeers', upstream: ANP_EXT_EGRESS_CIDR, mutation: 'none', policies: yamlOf(anpNodeAndCidr),
    checks: [check("Should support a 'deny-egress' rule policy for egress-cidr-peer", ...threeWays('luna-lovegood-0', false), ...threeWays('cedric-diggory-0', false))],
  },
  {
    name: 'AdminNetworkPolicyEgressInlineCIDRPeers-step2', upstream: ANP_EXT_EGRESS_CIDR,
    mutation: 'prepend egress rule allow-egress-to-specific-podIPs (Allow, networks: luna-lovegood-0/32, cedric-diggory-0/32)',
    policies: yamlOf(mutate(anpNodeAndCidr, prepend('egress', allowSpecificPodIPs('Allow')))),
    checks: [check("Should support an 'allow-egress' rule policy for egress-cidr-peer", ...threeWays('luna-lovegood-0', true), ...threeWays('cedric-diggory-0', true))],
  },

  // ---- BaselineAdminNetworkPolicy core ------------------------------------------------------------
  ...orderingCases('BaselineAdminNetworkPolicyIngressTCP', BANP_INGRESS_TCP, banpIngressTcp, 'ingress', {
    base: [
      check("Should support an 'allow-ingress' policy for TCP protocol; ensure rule ordering is respected",
        poke('luna-lovegood-0', TCP, 'harry-potter-0', 80, true), poke('luna-lovegood-1', TCP, 'harry-potter-0', 8080, true)),
      check("Should support an 'allow-ingress' policy for TCP protocol at the specified port",
        poke('cedric-diggory-0', TCP, 'harry-potter-1', 80, true), poke('cedric-diggory-1', TCP, 'harry-potter-1', 8080, false)),
    ],
    step2: [
      check("Should support an 'deny-ingress' policy for TCP protocol; ensure rule ordering is respected",
        poke('luna-lovegood-0', TCP, 'harry-potter-1', 80, false), poke('luna-lovegood-1', TCP, 'harry-potter-1', 8080, false)),
      check("Should support a 'deny-ingress' policy for TCP protocol at the specified port",
        poke('draco-malfoy-0', TCP, 'harry-potter-0', 80, false), poke('draco-malfoy-1', TCP, 'harry-potter-0', 8080, true)),
    ],
  }),
  {
    name: 'BaselineAdminNetworkPolicyIngressPodSelectorTCP', upstream: BANP_INGRESS_TCP, mutation: 'none', policies: yamlOf(banpIngressTcp),
    checks: [
      check("Should support an 'allow-ingress' policy for TCP protocol at the specified pod", poke('professor-dumbledore-0', TCP, 'harry-potter-1', 8080, true)),
      check("Should support an 'deny-ingress' policy for TCP protocol at the specified pod",
        poke('professor-quirrell-0', TCP, 'harry-potter-1', 80, false), poke('professor-quirrell-0', TCP, 'harry-potter-1', 8080, true)),
    ],
  },
  {
    name: 'BaselineAdminNetworkPolicyIngressNamedPort-step2', upstream: BANP_INGRESS_TCP, mutation: 'default ingress[3].ports = [namedPort: web]',
    policies: yamlOf(mutate(banpIngressTcp, setPorts('ingress', 3, [namedPort('web')]))),
    checks: [check("Should support an 'allow-ingress' policy for named port",
      poke('cedric-diggory-0', TCP, 'harry-potter-1', 80, true), poke('cedric-diggory-1', TCP, 'harry-potter-1', 8080, false))],
  },
  ...orderingCases('BaselineAdminNetworkPolicyIngressUDP', BANP_INGRESS_UDP, banpIngressUdp, 'ingress', {
    base: [
      check("Should support an 'allow-ingress' policy for UDP protocol; ensure rule ordering is respected",
        poke('luna-lovegood-0', UDP, 'cedric-diggory-0', 53, true), poke('luna-lovegood-1', UDP, 'cedric-diggory-0', 5353, true)),
      check("Should support an 'allow-ingress' policy for UDP protocol at the specified port",
        poke('harry-potter-0', UDP, 'cedric-diggory-1', 53, true), poke('harry-potter-1', UDP, 'cedric-diggory-1', 5353, false)),
    ],
    step2: [
      check("Should support an 'deny-ingress' policy for UDP protocol; ensure rule ordering is respected",
        poke('luna-lovegood-0', UDP, 'cedric-diggory-1', 53, false), poke('luna-lovegood-1', UDP, 'cedric-diggory-1', 5353, false)),
      check("Should support a 'deny-ingress' policy for UDP protocol at the specified port",
        poke('draco-malfoy-0', UDP, 'cedric-diggory-0', 5353, false), poke('draco-malfoy-1', UDP, 'cedric-diggory-0', 53, true)),
    ],
  }),
  ...orderingCases('BaselineAdminNetworkPolicyIngressSCTP', BANP_INGRESS_SCTP, banpIngressSctp, 'ingress', {
    base: [
      check("Should support an 'allow-ingress' policy for SCTP protocol; ensure rule ordering is respected",
        poke('harry-potter-0', SCTP, 'luna-lovegood-0', 9003, true), poke('harry-potter-1', SCTP, 'luna-lovegood-0', 9005, true)),
      check("Should support an 'allow-ingress' policy for SCTP protocol at the specified port",
        poke('cedric-diggory-0', SCTP, 'luna-lovegood-1', 9003, true), poke('cedric-diggory-1', SCTP, 'luna-lovegood-1', 9005, false)),
    ],
    step2: [
      check("Should support an 'deny-ingress' policy for SCTP protocol; ensure rule ordering is respected",
        poke('harry-potter-0', SCTP, 'luna-lovegood-1', 9003, false), poke('harry-potter-1', SCTP, 'luna-lovegood-1', 9005, false)),
      check("Should support a 'deny-ingress' policy for SCTP protocol at the specified port",
        poke('draco-malfoy-0', SCTP, 'luna-lovegood-0', 9003, false), poke('draco-malfoy-1', SCTP, 'luna-lovegood-0', 9005, true)),
    ],
  }),
  ...orderingCases('BaselineAdminNetworkPolicyEgressTCP', BANP_EGRESS_TCP, banpEgressTcp, 'egress', {
    base: [
      check("Should support an 'allow-egress' policy for TCP protocol; ensure rule ordering is respected",
        poke('harry-potter-0', TCP, 'luna-lovegood-0', 80, true), poke('harry-potter-1', TCP, 'luna-lovegood-0', 8080, true)),
      check("Should support an 'allow-egress' policy for TCP protocol at the specified port",
        poke('harry-potter-0', TCP, 'cedric-diggory-1', 8080, true), poke('harry-potter-1', TCP, 'cedric-diggory-1', 80, false)),
    ],
    step2: [
      check("Should support an 'deny-egress' policy for TCP protocol; ensure rule ordering is respected",
        poke('harry-potter-0', TCP, 'luna-lovegood-1', 80, false), poke('harry-potter-1', TCP, 'luna-lovegood-1', 8080, false)),
      check("Should support a 'deny-egress' policy for TCP protocol at the specified port",
        poke('harry-potter-0', TCP, 'draco-malfoy-0', 80, false), poke('harry-potter-1', TCP, 'draco-malfoy-0', 8080, true)),
    ],
  }),
  {
    name: 'BaselineAdminNetworkPolicyEgressPodSelectorTCP', upstream: BANP_EGRESS_TCP, mutation: 'none', policies: yamlOf(banpEgressTcp),
    checks: [
      check("Should support an 'allow-egress' policy for TCP protocol at the specified pod", poke('harry-potter-0', TCP, 'professor-dumbledore-0', 80, true)),
      check("Should support a 'deny-egress' policy for TCP protocol at the specified pod", poke('harry-potter-0', TCP, 'professor-quirrell-0', 80, false)),
    ],
  },
  ...orderingCases('BaselineAdminNetworkPolicyEgressUDP', BANP_EGRESS_UDP, banpEgressUdp, 'egress', {
    base: [
      check("Should support an 'allow-egress' policy for UDP protocol; ensure rule ordering is respected",
        poke('cedric-diggory-0', UDP, 'luna-lovegood-0', 53, true), poke('cedric-diggory-1', UDP, 'luna-lovegood-0', 5353, true)),
      check("Should support an 'allow-egress' policy for UDP protocol at the specified port",
        poke('cedric-diggory-0', UDP, 'harry-potter-1', 53, true), poke('cedric-diggory-1', UDP, 'harry-potter-1', 5353, false)),
    ],
    step2: [
      check("Should support an 'deny-egress' policy for UDP protocol; ensure rule ordering is respected",
        poke('cedric-diggory-0', UDP, 'luna-lovegood-1', 53, false), poke('cedric-diggory-1', UDP, 'luna-lovegood-1', 5353, false)),
      check("Should support a 'deny-egress' policy for UDP protocol at the specified port",
        poke('cedric-diggory-0', UDP, 'draco-malfoy-0', 5353, false), poke('cedric-diggory-1', UDP, 'draco-malfoy-0', 53, true)),
    ],
  }),
  {
    name: 'BaselineAdminNetworkPolicyEgressPodSelectorUDP', upstream: BANP_EGRESS_UDP, mutation: 'none', policies: yamlOf(banpEgressUdp),
    checks: [
      check("Should support an 'deny-egress' policy for UDP protocol at the specified pod", poke('cedric-diggory-0', UDP, 'professor-quirrell-0', 53, false)),
      check("Should support an 'allow-egress' policy for SCTP protocol at the specified pod", poke('luna-lovegood-0', UDP, 'professor-dumbledore-0', 53, true)),
    ],
  },
  {
    name: 'BaselineAdminNetworkPolicyEgressNamedPort-step2', upstream: BANP_EGRESS_UDP, mutation: 'default egress[3].ports = [namedPort: dns]',
    policies: yamlOf(mutate(banpEgressUdp, setPorts('egress', 3, [namedPort('dns')]))),
    checks: [check("Should support an 'allow-egress' policy for named port",
      poke('cedric-diggory-0', UDP, 'harry-potter-1', 53, true), poke('cedric-diggory-1', UDP, 'harry-potter-1', 5353, false))],
  },
  ...orderingCases('BaselineAdminNetworkPolicyEgressSCTP', BANP_EGRESS_SCTP, banpEgressSctp, 'egress', {
    base: [
      check("Should support an 'allow-egress' policy for SCTP protocol; ensure rule ordering is respected",
        poke('luna-lovegood-0', SCTP, 'harry-potter-0', 9003, true), poke('luna-lovegood-1', SCTP, 'harry-potter-0', 9005, true)),
      check("Should support an 'allow-egress' policy for SCTP protocol at the specified port",
        poke('luna-lovegood-0', SCTP, 'cedric-diggory-1', 9003, true), poke('luna-lovegood-1', SCTP, 'cedric-diggory-1', 9005, false)),
    ],
    step2: [
      check("Should support an 'deny-egress' policy for SCTP protocol; ensure rule ordering is respected",
        poke('luna-lovegood-0', SCTP, 'harry-potter-1', 9003, false), poke('luna-lovegood-1', SCTP, 'harry-potter-1', 9005, false)),
      check("Should support a 'deny-egress' policy for SCTP protocol at the specified port",
        poke('luna-lovegood-0', SCTP, 'draco-malfoy-0', 9003, false), poke('luna-lovegood-1', SCTP, 'draco-malfoy-0', 9005, true)),
    ],
  }),
  ...orderingCases('BaselineAdminNetworkPolicyGress', BANP_GRESS, banpGress, 'both', GRESS_ALLOW_DENY),
  {
    name: 'BaselineAdminNetworkPolicyEgressInlineCIDRPeers', upstream: BANP_INLINE_CIDR, mutation: 'none', policies: yamlOf(banpInlineCidr),
    checks: [check("Should support a 'deny-egress' rule policy for egress-cidr-peer",
      ...threeWays('luna-lovegood-0', false), ...threeWays('cedric-diggory-0', false), ...threeWays('draco-malfoy-0', true))],
  },
  {
    name: 'BaselineAdminNetworkPolicyEgressInlineCIDRPeers-step2', upstream: BANP_INLINE_CIDR,
    mutation: 'prepend egress rule allow-egress-to-specific-podIPs (Allow, networks: luna-lovegood-0/32, cedric-diggory-0/32)',
    policies: yamlOf(mutate(banpInlineCidr, prepend('egress', allowSpecificPodIPs('Allow')))),
    checks: [check("Should support an 'allow-egress' rule policy for egress-cidr-peer",
      ...threeWays('luna-lovegood-0', true), ...threeWays('cedric-diggory-0', true), ...threeWays('luna-lovegood-1', false), ...threeWays('cedric-diggory-1', false))],
  },

  // ---- ClusterNetworkPolicy, Admin tier -------------------------------------------------------------
  ...orderingCases('CNPAdminTierIngressTCP', CNP_ADMIN_INGRESS_TCP, cnpAdminIngressTcp, 'ingress', {
    base: [
      check("Should support an 'allow-ingress' policy for TCP protocol; ensure rule ordering is respected",
        poke('luna-lovegood-0', TCP, 'harry-potter-0', 80, true), poke('luna-lovegood-1', TCP, 'harry-potter-0', 8080, true)),
      check("Should support an 'allow-ingress' policy for TCP protocol at the specified port",
        poke('cedric-diggory-0', TCP, 'harry-potter-1', 80, true), poke('cedric-diggory-1', TCP, 'harry-potter-1', 8080, false)),
      check('Should not affect egress traffic when only ingress rules are specified',
        poke('harry-potter-0', TCP, 'luna-lovegood-0', 80, true), poke('harry-potter-1', TCP, 'draco-malfoy-0', 80, true)),
    ],
    step2: [
      check("Should support an 'deny-ingress' policy for TCP protocol; ensure rule ordering is respected",
        poke('luna-lovegood-0', TCP, 'harry-potter-1', 80, false), poke('luna-lovegood-1', TCP, 'harry-potter-1', 8080, false)),
      check("Should support a 'deny-ingress' policy for TCP protocol at the specified port",
        poke('draco-malfoy-0', TCP, 'harry-potter-0', 80, false), poke('draco-malfoy-1', TCP, 'harry-potter-0', 8080, true)),
    ],
    step3: [check("Should support an 'pass-ingress' policy for TCP protocol; ensure rule ordering is respected",
      poke('luna-lovegood-0', TCP, 'harry-potter-0', 80, true), poke('luna-lovegood-1', TCP, 'harry-potter-0', 8080, true))],
    step4: [check("Should support a 'pass-ingress' policy for TCP protocol at the specified port",
      poke('draco-malfoy-0', TCP, 'harry-potter-0', 80, true), poke('draco-malfoy-1', TCP, 'harry-potter-0', 8080, true))],
  }),
  ...orderingCases('CNPAdminTierEgressTCP', CNP_ADMIN_EGRESS_TCP, cnpAdminEgressTcp, 'egress', {
    base: [
      check("Should support an 'allow-egress' policy for TCP protocol; ensure rule ordering is respected",
        poke('harry-potter-0', TCP, 'luna-lovegood-0', 80, true), poke('harry-potter-1', TCP, 'luna-lovegood-0', 8080, true)),
      check("Should support an 'allow-egress' policy for TCP protocol at the specified port",
        poke('harry-potter-0', TCP, 'cedric-diggory-1', 8080, true), poke('harry-potter-1', TCP, 'cedric-diggory-1', 80, false)),
    ],
    step2: [
      check("Should support an 'deny-egress' policy for TCP protocol; ensure rule ordering is respected",
        poke('harry-potter-0', TCP, 'luna-lovegood-1', 80, false), poke('harry-potter-1', TCP, 'luna-lovegood-1', 8080, false)),
      check("Should support a 'deny-egress' policy for TCP protocol at the specified port",
        poke('harry-potter-0', TCP, 'draco-malfoy-0', 80, false), poke('harry-potter-1', TCP, 'draco-malfoy-0', 8080, true)),
    ],
    step3: [check("Should support an 'pass-egress' policy for TCP protocol; ensure rule ordering is respected",
      poke('harry-potter-0', TCP, 'luna-lovegood-0', 80, true), poke('harry-potter-1', TCP, 'luna-lovegood-0', 8080, true))],
    step4: [check("Should support a 'pass-egress' policy for TCP protocol at the specified port",
      poke('harry-potter-0', TCP, 'draco-malfoy-0', 80, true), poke('harry-potter-1', TCP, 'draco-malfoy-0', 8080, true))],
  }),
  (() => {
    const p = priorityChecks('admin CNP');
    return [
      { name: 'CNPAdminTierPriorityField', upstream: CNP_ADMIN_PRIORITY, mutation: 'none', policies: yamlOf(cnpPriority50, cnpPriority60, cnpPriorityBaseline), checks: p.base },
      {
        name: 'CNPAdminTierPriorityField-step2', upstream: CNP_ADMIN_PRIORITY, mutation: 'old-priority-60-new-priority-40-example: priority 60 -> 40',
        policies: yamlOf(cnpPriority50, mutate(cnpPriority60, setPriority(40)), cnpPriorityBaseline), checks: p.step2('baseline CNP'),
      },
    ];
  })(),
  { name: 'CNPAdminTierPortRange', upstream: CNP_ADMIN_PORT_RANGE, mutation: 'none', policies: yamlOf(portRangeRules('Admin', 9)), checks: portRangeChecks },
  {
    name: 'CNPAdminTierEgressInlineCIDRPeers', upstream: CNP_ADMIN_CIDR, mutation: 'none', policies: yamlOf(cnpInlineCidr),
    checks: [check("Should support a 'deny-egress' rule policy for egress-cidr-peer",
      ...threeWays('luna-lovegood-0', false), ...threeWays('cedric-diggory-0', false), ...threeWays('draco-malfoy-0', true))],
  },
  {
    name: 'CNPAdminTierEgressInlineCIDRPeers-step2', upstream: CNP_ADMIN_CIDR,
    mutation: 'prepend egress rule allow-egress-to-specific-podIPs (Accept, networks: luna-lovegood-0/32, cedric-diggory-0/32)',
    policies: yamlOf(mutate(cnpInlineCidr, prepend('egress', allowSpecificPodIPs('Accept')))),
    checks: [check("Should support an 'allow-egress' rule policy for egress-cidr-peer",
      ...threeWays('luna-lovegood-0', true), ...threeWays('cedric-diggory-0', true), ...threeWays('luna-lovegood-1', false), ...threeWays('cedric-diggory-1', false))],
  },
  {
    name: 'CNPAdminTierSamePriority', upstream: CNP_ADMIN_SAME_PRIORITY, mutation: 'none', policies: yamlOf(...samePriority('Admin', 15, '')),
    checks: samePriorityChecks({ g: 'harry-potter-0', s: 'draco-malfoy-0', h: 'cedric-diggory-0', r: 'luna-lovegood-0' }, 'harry-potter-1'),
  },
  {
    // Same ShortName, older file admin-network-policy-same-priority.go with same-priority-{1,2}.yaml.
    name: 'CNPAdminTierSamePriority (same-priority-1/2)', upstream: CNP_ADMIN_SAME_PRIORITY_12, mutation: 'none', policies: yamlOf(samePriority1, samePriority2),
    checks: [
      check('Should allow traffic matching same priority disjoint policies',
        poke('luna-lovegood-0', TCP, 'harry-potter-0', 80, true), poke('draco-malfoy-0', TCP, 'cedric-diggory-0', 80, true)),
      check('Should deny traffic not matching same priority disjoint policies',
        poke('draco-malfoy-0', TCP, 'harry-potter-0', 80, false), poke('luna-lovegood-0', TCP, 'cedric-diggory-0', 80, false)),
    ],
  },
  {
    name: 'CNPAdminTierIngressRulesEgressUnaffected', upstream: [CNP_ISOLATION, src('conformance/base/admin_tier/standard-ingress-isolation.yaml', 'e98949c494555f55b62865b699e0ad3478820e5c')],
    mutation: 'none', policies: yamlOf(cnpIngressIsolation),
    checks: [
      check('Should enforce the ingress rule: deny ingress from slytherin to gryffindor', poke('draco-malfoy-0', TCP, 'harry-potter-0', 80, false)),
      check('Should not affect egress: gryffindor can still egress to ravenclaw', poke('harry-potter-0', TCP, 'luna-lovegood-0', 80, true)),
      check('Should not affect egress: gryffindor can still egress to hufflepuff', poke('harry-potter-0', TCP, 'cedric-diggory-0', 80, true)),
    ],
  },
  {
    name: 'CNPAdminTierEgressRulesIngressUnaffected', upstream: [CNP_ISOLATION, src('conformance/base/admin_tier/standard-egress-isolation.yaml', 'e98949c494555f55b62865b699e0ad3478820e5c')],
    mutation: 'none', policies: yamlOf(cnpEgressIsolation),
    checks: [
      check('Should enforce the egress rule: deny egress from gryffindor to slytherin', poke('harry-potter-0', TCP, 'draco-malfoy-0', 80, false)),
      check('Should not affect ingress: ravenclaw can still reach gryffindor', poke('luna-lovegood-0', TCP, 'harry-potter-0', 80, true)),
      check('Should not affect ingress: hufflepuff can still reach gryffindor', poke('cedric-diggory-0', TCP, 'harry-potter-0', 80, true)),
    ],
  },
  ...integrationCases('CNPAdminTierIntegration', CNP_INTEGRATION, cnpPassExample, cnpIntegrationBaseline, { admin: 'admin CNP', baseline: 'baseline cluster network policy' }),

  // ---- ClusterNetworkPolicy, Baseline tier -------------------------------------------------------
  ...orderingCases('CNPBaselineTierIngressTCP', CNP_BASELINE_INGRESS_TCP, cnpBaselineIngressTcp, 'ingress', {
    base: [
      check("Should support an 'allow-ingress' policy for TCP protocol; ensure rule ordering is respected",
        poke('luna-lovegood-0', TCP, 'harry-potter-0', 80, true), poke('luna-lovegood-1', TCP, 'harry-potter-0', 8080, true)),
      check("Should support an 'allow-ingress' policy for TCP protocol at the specified port",
        poke('cedric-diggory-0', TCP, 'harry-potter-1', 80, true), poke('cedric-diggory-1', TCP, 'harry-potter-1', 8080, false)),
      check('Should not affect egress traffic when only ingress rules are specified',
        poke('harry-potter-0', TCP, 'luna-lovegood-0', 80, true), poke('harry-potter-1', TCP, 'draco-malfoy-0', 80, true)),
    ],
    step2: [
      check("Should support an 'deny-ingress' policy for TCP protocol; ensure rule ordering is respected",
        poke('luna-lovegood-0', TCP, 'harry-potter-1', 80, false), poke('luna-lovegood-1', TCP, 'harry-potter-1', 8080, false)),
      check("Should support a 'deny-ingress' policy for TCP protocol at the specified port",
        poke('draco-malfoy-0', TCP, 'harry-potter-0', 80, false), poke('draco-malfoy-1', TCP, 'harry-potter-0', 8080, true)),
    ],
  }),
  ...orderingCases('CNPBaselineTierEgressSCTP', CNP_BASELINE_EGRESS_SCTP, cnpBaselineEgressSctp, 'egress', {
    base: [
      check("Should support an 'allow-egress' policy for SCTP protocol; ensure rule ordering is respected",
        poke('luna-lovegood-0', SCTP, 'harry-potter-0', 9003, true), poke('luna-lovegood-1', SCTP, 'harry-potter-0', 9005, true)),
      check("Should support an 'allow-egress' policy for SCTP protocol at the specified port",
        poke('luna-lovegood-0', SCTP, 'cedric-diggory-1', 9003, true), poke('luna-lovegood-1', SCTP, 'cedric-diggory-1', 9005, false)),
    ],
    step2: [
      check("Should support an 'deny-egress' policy for SCTP protocol; ensure rule ordering is respected",
        poke('luna-lovegood-0', SCTP, 'harry-potter-1', 9003, false), poke('luna-lovegood-1', SCTP, 'harry-potter-1', 9005, false)),
      check("Should support a 'deny-egress' policy for SCTP protocol at the specified port",
        poke('luna-lovegood-0', SCTP, 'draco-malfoy-0', 9003, false), poke('luna-lovegood-1', SCTP, 'draco-malfoy-0', 9005, true)),
    ],
  }),
  { name: 'CNPBaselineTierPortRange', upstream: CNP_BASELINE_PORT_RANGE, mutation: 'none', policies: yamlOf(portRangeRules('Baseline', 10)), checks: portRangeChecks },
  {
    name: 'CNPBaselineTierSamePriority', upstream: CNP_BASELINE_SAME_PRIORITY, mutation: 'none', policies: yamlOf(...samePriority('Baseline', 10, 'baseline-')),
    checks: samePriorityChecks({ g: 'harry-potter-1', s: 'draco-malfoy-1', h: 'cedric-diggory-1', r: 'luna-lovegood-1' }, 'harry-potter-0'),
  },
].flat();
