// An audit's egress lockdown that silently breaks Apache Ignite's Kubernetes discovery, and its fix.
import type { KubeObject } from '../../model/types.ts';
import { apiServerTarget, dnsPeer, hostCidr } from '../external.ts';
import { coreDns, deployment, namespace, service } from '../kube.ts';
import { networkPolicy, type NetworkPolicyObject, type RawRule } from '../objects.ts';
import { DEFAULT_SETTINGS, type DesignSettings } from '../types.ts';

export const AUDITED_CACHE_SETTINGS: DesignSettings = {
  // The API server endpoint behind kubernetes.default:443, as policies see it (after DNAT).
  apiServer: { address: '172.18.0.2', port: 6443 },
  ingressControllerNamespace: 'ingress-nginx',
  dns: { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } },
  podCidrs: [],
  apiServerVip: DEFAULT_SETTINGS.apiServerVip,
  serviceCidrs: DEFAULT_SETTINGS.serviceCidrs,
  nodeLocalDns: false,
};

const NS = 'cache-ns';
const ignite = { app: 'ignite' };
const POLICY = 'ignite-lockdown';
const IGNITE_PORTS = [
  { protocol: 'TCP' as const, port: 47100 },
  { protocol: 'TCP' as const, port: 47500 },
];
const DNS_PORTS = [
  { protocol: 'UDP' as const, port: 53 },
  { protocol: 'TCP' as const, port: 53 },
];

function lockdown(egress: RawRule[], description: string): NetworkPolicyObject {
  return networkPolicy(POLICY, NS, {}, description, {
    podSelector: { matchLabels: ignite },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [
      { from: [{ podSelector: { matchLabels: ignite } }], ports: IGNITE_PORTS },
      { from: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: 10800 }] },
    ],
    egress,
  });
}

export function auditedCacheObjects(): KubeObject[] {
  return [
    namespace(NS),
    // As the control plane creates it: only the automatic kubernetes.io/metadata.name label, no `name`.
    namespace('kube-system'),
    ...coreDns(),
    deployment(NS, 'ignite', {
      labels: ignite,
      image: 'apacheignite/ignite:2.16.0',
      ports: [
        { name: 'communication', containerPort: 47100 },
        { name: 'discovery', containerPort: 47500 },
        { name: 'thin-client', containerPort: 10800 },
      ],
    }, 'StatefulSet'),
    service(NS, 'ignite', ignite, [
      { name: 'communication', port: 47100 },
      { name: 'discovery', port: 47500 },
      { name: 'thin-client', port: 10800 },
    ], { clusterIP: 'None' }),
    lockdown(
      [
        { to: [{ podSelector: { matchLabels: ignite } }], ports: IGNITE_PORTS },
        { to: [{ namespaceSelector: { matchLabels: { name: 'kube-system' } } }], ports: DNS_PORTS },
      ],
      'Audit finding CACHE-7: Ignite may only talk to its peers and to DNS.',
    ),
  ];
}

/**
 * The fix, as a reviewer would write it in the same policy: DNS peers selected by the namespace label
 * the control plane always sets (plus the DNS pods' labels), and egress to the API server endpoint.
 */
export function fixAuditedCache(objects: readonly KubeObject[], settings: DesignSettings = AUDITED_CACHE_SETTINGS): KubeObject[] {
  const fixed = lockdown(
    [
      { to: [{ podSelector: { matchLabels: ignite } }], ports: IGNITE_PORTS },
      { to: [dnsPeer(settings)], ports: DNS_PORTS },
      { to: [{ ipBlock: { cidr: hostCidr(apiServerTarget(settings).address) } }], ports: [{ protocol: 'TCP', port: apiServerTarget(settings).port }] },
    ],
    'Audit finding CACHE-7, fixed: Ignite may talk to its peers, the cluster DNS pods, and the Kubernetes API (for its Kubernetes IP finder).',
  );
  return objects.map((o) => (o.kind === 'NetworkPolicy' && o.metadata.name === POLICY && o.metadata.namespace === NS ? fixed : o));
}

export const AUDITED_CACHE_STORY =
  'An audit locked down egress of the Apache Ignite cache in cache-ns, and the cluster stopped forming. Ignite\'s ' +
  'TcpDiscoveryKubernetesIpFinder asks the Kubernetes API for the endpoints of the ignite Service, but the policy allows ' +
  'no egress to the API server; and its DNS rule selects namespaces labeled name=kube-system, a label kube-system does not ' +
  'carry, so name resolution fails too. The fix: select the DNS pods by kubernetes.io/metadata.name (which every namespace ' +
  'has) and allow TCP to the API server endpoint 172.18.0.2:6443 — the address and port after the kubernetes Service is translated.';
