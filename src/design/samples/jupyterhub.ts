// JupyterHub as the zero-to-jupyterhub Helm chart (4.x) deploys it, with the chart's three
// NetworkPolicies (hub, proxy, singleuser) rendered from their default `egressAllowRules`.
import type { KubeObject, NetworkPolicyPort } from '../../model/types.ts';
import { INTERNET_BLOCK, METADATA_CIDR, PRIVATE_CIDRS } from '../external.ts';
import { coreDns, deployment, namespace, pod, service } from '../kube.ts';
import { NAMESPACE_NAME_LABEL, networkPolicy, type RawPeer, type RawRule } from '../objects.ts';
import { DEFAULT_SETTINGS, type DesignSettings } from '../types.ts';

export const JUPYTERHUB_SETTINGS: DesignSettings = DEFAULT_SETTINGS;

const NS = 'jhub';
const common = { app: 'jupyterhub', release: 'jhub' };
const hubLabels = { ...common, component: 'hub' };
const proxyLabels = { ...common, component: 'proxy' };
const userLabels = { ...common, component: 'singleuser-server' };
const access = (what: string) => ({ [`hub.jupyter.org/network-access-${what}`]: 'true' });

/** The chart's `networkPolicy.egressAllowRules` of one component. */
export interface EgressAllowRules {
  cloudMetadataServer: boolean;
  dnsPortsCloudMetadataServer: boolean;
  dnsPortsKubeSystemNamespace: boolean;
  dnsPortsPrivateIPs: boolean;
  nonPrivateIPs: boolean;
  privateIPs: boolean;
}

const tcp = (port: number | string): NetworkPolicyPort => ({ protocol: 'TCP', port });

/** What the chart's `jupyterhub.networkPolicy.renderEgressRules` helper renders for a set of flags. */
export function renderEgressRules(rules: EgressAllowRules): RawRule[] {
  const out: RawRule[] = [];
  const dnsPeers: RawPeer[] = [
    ...(rules.dnsPortsCloudMetadataServer ? [{ ipBlock: { cidr: METADATA_CIDR } }] : []),
    ...(rules.dnsPortsKubeSystemNamespace ? [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } } }] : []),
    ...(rules.dnsPortsPrivateIPs ? PRIVATE_CIDRS.map((cidr) => ({ ipBlock: { cidr } })) : []),
  ];
  if (dnsPeers.length > 0) out.push({ ports: [{ protocol: 'UDP', port: 53 }, tcp(53)], to: dnsPeers });
  if (rules.nonPrivateIPs) out.push({ to: [{ ipBlock: { cidr: INTERNET_BLOCK.cidr, except: [...INTERNET_BLOCK.except] } }] });
  if (rules.privateIPs) out.push({ to: PRIVATE_CIDRS.map((cidr) => ({ ipBlock: { cidr } })) });
  if (rules.cloudMetadataServer) out.push({ to: [{ ipBlock: { cidr: METADATA_CIDR } }] });
  return out;
}

const ALL_ON: EgressAllowRules = {
  cloudMetadataServer: true,
  dnsPortsCloudMetadataServer: true,
  dnsPortsKubeSystemNamespace: true,
  dnsPortsPrivateIPs: true,
  nonPrivateIPs: true,
  privateIPs: true,
};
/** singleuser's defaults: internet and DNS, no private addresses, no metadata server. */
const SINGLEUSER_RULES: EgressAllowRules = { ...ALL_ON, cloudMetadataServer: false, privateIPs: false };

const noMarkers = {};

export function jupyterhubObjects(): KubeObject[] {
  const cluster: KubeObject[] = [
    namespace(NS),
    namespace('kube-system'),
    ...coreDns(),
    deployment(NS, 'hub', {
      selector: hubLabels,
      labels: { ...hubLabels, ...access('proxy-api'), ...access('proxy-http'), ...access('singleuser') },
      image: 'quay.io/jupyterhub/k8s-hub:4.1.0',
      ports: [{ name: 'http', containerPort: 8081 }],
    }),
    deployment(NS, 'proxy', {
      selector: proxyLabels,
      labels: { ...proxyLabels, ...access('hub'), ...access('singleuser') },
      image: 'quay.io/jupyterhub/configurable-http-proxy:4.6.3',
      ports: [
        { name: 'http', containerPort: 8000 },
        { name: 'api', containerPort: 8001 },
      ],
    }),
    ...['alice', 'bob'].map((user) =>
      pod(NS, `jupyter-${user}`, {
        labels: { ...userLabels, ...access('hub'), 'hub.jupyter.org/username': user },
        image: 'quay.io/jupyterhub/k8s-singleuser-sample:4.1.0',
        ports: [{ name: 'notebook-port', containerPort: 8888 }],
      }),
    ),
    service(NS, 'hub', hubLabels, [{ name: 'hub', port: 8081, targetPort: 'http' }]),
    service(NS, 'proxy-api', proxyLabels, [{ port: 8001, targetPort: 'api' }]),
    service(NS, 'proxy-public', proxyLabels, [{ name: 'http', port: 80, targetPort: 'http' }], { type: 'LoadBalancer' }),
  ];

  const hub = networkPolicy(
    'hub',
    NS,
    noMarkers,
    'The chart\'s hub policy: only pods labeled network-access-hub reach the hub on 8081; the hub reaches the proxy API, user servers, DNS, and every address (private ones included, for the API server).',
    {
      podSelector: { matchLabels: hubLabels },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ ports: [tcp('http')], from: [{ podSelector: { matchLabels: access('hub') } }] }],
      egress: [
        { to: [{ podSelector: { matchLabels: proxyLabels } }], ports: [tcp(8001)] },
        { to: [{ podSelector: { matchLabels: userLabels } }], ports: [tcp(8888)] },
        ...renderEgressRules(ALL_ON),
      ],
    },
  );
  const proxy = networkPolicy(
    'proxy',
    NS,
    noMarkers,
    'The chart\'s proxy policy: anyone reaches the public http port, only network-access-proxy-api pods the API port 8001; the proxy reaches the hub, user servers, DNS and every address.',
    {
      podSelector: { matchLabels: proxyLabels },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        { ports: [tcp('http')] },
        { ports: [tcp('http')], from: [{ podSelector: { matchLabels: access('proxy-http') } }] },
        { ports: [tcp('api')], from: [{ podSelector: { matchLabels: access('proxy-api') } }] },
      ],
      egress: [
        { to: [{ podSelector: { matchLabels: hubLabels } }], ports: [tcp(8081)] },
        { to: [{ podSelector: { matchLabels: userLabels } }], ports: [tcp(8888)] },
        ...renderEgressRules(ALL_ON),
      ],
    },
  );
  const singleuser = networkPolicy(
    'singleuser',
    NS,
    noMarkers,
    'The chart\'s singleuser policy: only hub and proxy reach user servers; user servers reach the hub, the proxy, DNS and the internet, but not private addresses nor the cloud metadata server.',
    {
      podSelector: { matchLabels: userLabels },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ ports: [tcp('notebook-port')], from: [{ podSelector: { matchLabels: access('singleuser') } }] }],
      egress: [
        { ports: [tcp(8081)], to: [{ podSelector: { matchLabels: hubLabels } }] },
        { ports: [tcp(8000)], to: [{ podSelector: { matchLabels: proxyLabels } }] },
        ...renderEgressRules(SINGLEUSER_RULES),
      ],
    },
  );
  return [...cluster, hub, proxy, singleuser];
}

export const JUPYTERHUB_STORY =
  'JupyterHub as the zero-to-jupyterhub chart deploys it in namespace jhub, with the chart\'s three NetworkPolicies ' +
  'rendered from their default egressAllowRules. User servers (alice, bob) reach DNS and the internet, but not private ' +
  'addresses (so not the API server), not the cloud metadata server, and not each other. The hub keeps its access to ' +
  'the Kubernetes API (to spawn user pods) through privateIPs, and the proxy routes to the hub and to user servers.';
