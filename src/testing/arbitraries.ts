// fast-check generators for random but small clusters and policies: small label and port pools
// make selectors and rules actually hit each other.
import fc from 'fast-check';
import type { AdminPeer, AdminPolicy, AdminPort, AdminRule } from '../model/adminTypes.ts';
import type {
  ClusterModel, LabelSelector, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicyRule, PolicyType, Protocol,
} from '../model/types.ts';
import { cluster, netpol, workload } from './builders.ts';

const NAMESPACES = ['a', 'b', 'c'];
const labelValue = fc.constantFrom('x', 'y', 'z');

export const selectorArb: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: fc.dictionary(fc.constantFrom('app', 'tier'), labelValue, { maxKeys: 2 }) }),
  fc.record({
    matchExpressions: fc.array(
      fc.oneof(
        fc.record({ key: fc.constantFrom('app', 'tier', 'team'), operator: fc.constantFrom('In' as const, 'NotIn' as const), values: fc.array(labelValue, { minLength: 1, maxLength: 2 }) }),
        fc.record({ key: fc.constantFrom('app', 'tier', 'team'), operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
      ),
      { maxLength: 2 },
    ),
  }),
);

const peerArb: fc.Arbitrary<NetworkPolicyPeer> = fc.oneof(
  fc.record({ podSelector: selectorArb }),
  fc.record({ namespaceSelector: selectorArb }),
  fc.record({ podSelector: selectorArb, namespaceSelector: selectorArb }),
  fc.record({
    ipBlock: fc.record({
      cidr: fc.constantFrom('10.0.0.0/16', '10.0.1.0/24', '0.0.0.0/0', '10.0.2.3/32', '192.168.0.0/16'),
      except: fc.subarray(['10.0.1.0/28', '10.0.2.3/32']),
    }),
  }),
);

export const PROTOCOL_ARB: fc.Arbitrary<Protocol> = fc.constantFrom('TCP', 'UDP', 'SCTP');

const portArb: fc.Arbitrary<NetworkPolicyPort> = fc.oneof(
  fc.record({ protocol: PROTOCOL_ARB }),
  fc.record({ protocol: PROTOCOL_ARB, port: fc.constantFrom(53, 80, 443, 8080) }),
  fc.record({ protocol: PROTOCOL_ARB, port: fc.constantFrom(80, 440), endPort: fc.constantFrom(443, 8080) }),
  fc.record({ protocol: PROTOCOL_ARB, port: fc.constantFrom('http', 'dns', 'https') }),
);

export const ruleArb: fc.Arbitrary<NetworkPolicyRule> = fc.record(
  { peers: fc.array(peerArb, { maxLength: 3 }), ports: fc.array(portArb, { maxLength: 3 }) },
  { requiredKeys: [] },
);

export const policyArb: fc.Arbitrary<NetworkPolicy> = fc
  .record({
    namespace: fc.constantFrom(...NAMESPACES),
    podSelector: selectorArb,
    ingress: fc.array(ruleArb, { maxLength: 3 }),
    egress: fc.array(ruleArb, { maxLength: 3 }),
    policyTypes: fc.option(fc.subarray<PolicyType>(['Ingress', 'Egress'], { minLength: 1 }), { nil: undefined }),
  })
  .map((p, ) => netpol(`${p.namespace}/p`, p.podSelector, { ingress: p.ingress, egress: p.egress, ...(p.policyTypes ? { policyTypes: p.policyTypes } : {}) }));

const workloadArb = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  labels: fc.dictionary(fc.constantFrom('app', 'tier', 'team'), labelValue, { maxKeys: 3 }),
  ports: fc.subarray([
    { name: 'http', containerPort: 80, protocol: 'TCP' as const },
    { name: 'https', containerPort: 443, protocol: 'TCP' as const },
    { name: 'dns', containerPort: 53, protocol: 'UDP' as const },
    { name: 'http', containerPort: 8080, protocol: 'SCTP' as const },
  ]),
  ip: fc.option(fc.constantFrom('10.0.1.5', '10.0.2.3', '10.0.3.9', '192.168.1.1'), { nil: undefined }),
});

export const clusterArb: fc.Arbitrary<ClusterModel> = fc
  .record({
    workloads: fc.array(workloadArb, { minLength: 1, maxLength: 7 }),
    policies: fc.array(policyArb, { maxLength: 4 }),
    nsLabels: fc.record({ a: fc.dictionary(fc.constantFrom('team', 'env'), labelValue), b: fc.dictionary(fc.constantFrom('team', 'env'), labelValue), c: fc.constant({}) }),
  })
  .map(({ workloads, policies, nsLabels }) =>
    cluster(
      workloads.map((w, i) => workload(`${w.namespace}/w${i}`, w.labels, w.ports, w.ip ? [w.ip] : [])),
      policies.map((p, i) => ({ ...p, name: `p${i}`, ref: { ...p.ref, name: `p${i}` } })),
      nsLabels,
    ),
  );

export const portProbeArb = fc.record({ port: fc.constantFrom(53, 80, 443, 444, 8080), protocol: PROTOCOL_ARB });

const adminPeerArb: fc.Arbitrary<AdminPeer> = fc.oneof(
  fc.record({ namespaces: selectorArb }),
  fc.record({ pods: fc.record({ namespaceSelector: selectorArb, podSelector: selectorArb }) }),
  fc.record({ networks: fc.subarray(['10.0.0.0/16', '10.0.1.0/24', '0.0.0.0/0', '192.168.0.0/16'], { minLength: 1 }) }),
);

const adminPortArb: fc.Arbitrary<AdminPort> = fc.oneof(
  fc.record({ protocol: PROTOCOL_ARB, from: fc.constantFrom(53, 80, 443) }).map((p) => ({ ...p, to: p.from })),
  fc.record({ protocol: PROTOCOL_ARB, from: fc.constantFrom(80, 440), to: fc.constantFrom(443, 8080) }),
  fc.record({ name: fc.constantFrom('http', 'dns', 'https') }),
);

const adminRuleArb = (actions: readonly AdminRule['action'][]): fc.Arbitrary<AdminRule> =>
  fc.record({
    action: fc.constantFrom(...actions),
    peers: fc.array(adminPeerArb, { minLength: 1, maxLength: 2 }),
    ports: fc.option(fc.array(adminPortArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  }).map((r) => ({ name: '', actionWord: r.action, action: r.action, peers: r.peers, ...(r.ports ? { ports: r.ports } : {}) }));

const adminPolicyArb: fc.Arbitrary<Omit<AdminPolicy, 'name' | 'ref'>> = fc.oneof(
  fc.record({
    kind: fc.constant('AdminNetworkPolicy' as const),
    tier: fc.constant('Admin' as const),
    priority: fc.constantFrom(1, 2, 3),
    subject: fc.oneof(
      fc.record({ namespaces: selectorArb }),
      fc.record({ pods: fc.record({ namespaceSelector: selectorArb, podSelector: selectorArb }) }),
    ),
    ingress: fc.array(adminRuleArb(['Allow', 'Deny', 'Pass']), { maxLength: 3 }),
    egress: fc.array(adminRuleArb(['Allow', 'Deny', 'Pass']), { maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant('BaselineAdminNetworkPolicy' as const),
    tier: fc.constant('Baseline' as const),
    priority: fc.constant(0),
    subject: fc.record({ namespaces: selectorArb }),
    ingress: fc.array(adminRuleArb(['Allow', 'Deny']), { maxLength: 3 }),
    egress: fc.array(adminRuleArb(['Allow', 'Deny']), { maxLength: 3 }),
  }),
);

/** Clusters with NetworkPolicies and admin/baseline policies whose rules hit the same pods and ports. */
export const clusterWithAdminArb: fc.Arbitrary<ClusterModel> = fc
  .record({ base: clusterArb, admin: fc.array(adminPolicyArb, { maxLength: 3 }) })
  .map(({ base, admin }) => ({
    ...base,
    adminPolicies: admin.map((p, i): AdminPolicy => ({ ...p, name: `anp${i}`, ref: { kind: p.kind, name: `anp${i}`, manifest: 2000 + i } })),
  }));
