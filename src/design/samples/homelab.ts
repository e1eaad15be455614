// A home lab, microsegmented with the designer's own switches and flows.
import type { KubeObject } from '../../model/types.ts';
import { setAllowRule } from '../allowRules.ts';
import { addFlow } from '../flows.ts';
import { coreDns, deployment, namespace, service } from '../kube.ts';
import { DEFAULT_SETTINGS, type DesignSettings, type FlowSpec } from '../types.ts';

export const HOMELAB_SETTINGS: DesignSettings = {
  apiServer: { address: '192.168.178.123', port: 6443 },
  ingressControllerNamespace: 'nginx',
  dns: { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } },
  podCidrs: ['10.42.0.0/16'],
  apiServerVip: DEFAULT_SETTINGS.apiServerVip,
  serviceCidrs: DEFAULT_SETTINGS.serviceCidrs,
  nodeLocalDns: false,
};

const app = (name: string) => ({ 'app.kubernetes.io/name': name });
const NAMESPACES = ['nginx', 'exposure', 'media', 'devtools'] as const;

function cluster(): KubeObject[] {
  return [
    ...NAMESPACES.map((ns) => namespace(ns)),
    namespace('kube-system'),
    ...coreDns(),
    deployment('nginx', 'ingress-nginx-controller', {
      labels: { ...app('ingress-nginx'), 'app.kubernetes.io/component': 'controller' },
      image: 'registry.k8s.io/ingress-nginx/controller:v1.12.1',
      ports: [
        { name: 'http', containerPort: 80 },
        { name: 'https', containerPort: 443 },
        { name: 'webhook', containerPort: 8443 },
      ],
    }),
    service('nginx', 'ingress-nginx-controller', { ...app('ingress-nginx'), 'app.kubernetes.io/component': 'controller' }, [
      { name: 'http', port: 80, targetPort: 'http' },
      { name: 'https', port: 443, targetPort: 'https' },
    ], { type: 'LoadBalancer' }),
    ...['vm1', 'vm2'].flatMap((vm) => [
      deployment('exposure', `httpd-${vm}`, { labels: app(`httpd-${vm}`), image: 'httpd:2.4', ports: [{ name: 'http', containerPort: 8080 }] }),
      service('exposure', `httpd-${vm}`, app(`httpd-${vm}`), [{ name: 'http', port: 80, targetPort: 'http' }]),
    ]),
    deployment('media', 'jellyfin', { labels: app('jellyfin'), image: 'jellyfin/jellyfin:10.10', ports: [{ name: 'http', containerPort: 8096 }] }),
    service('media', 'jellyfin', app('jellyfin'), [{ name: 'http', port: 80, targetPort: 'http' }]),
    deployment('devtools', 'nexus', { labels: app('nexus'), image: 'sonatype/nexus3:3.77.1', ports: [{ name: 'http', containerPort: 8081 }] }, 'StatefulSet'),
    service('devtools', 'nexus', app('nexus'), [{ name: 'http', port: 80, targetPort: 'http' }]),
  ];
}

const controller = { kind: 'workload', namespace: 'nginx', name: 'ingress-nginx-controller' } as const;
const tcp = (...ports: (number | string)[]) => ports.map((port) => ({ protocol: 'TCP' as const, port }));

export const HOMELAB_FLOWS: FlowSpec[] = [
  { from: { kind: 'external', id: 'internet' }, to: controller, ports: tcp(80, 443) },
  { from: controller, to: { kind: 'external', id: 'apiserver' }, ports: [] },
  // ExternalName upstreams and OCSP stapling make the controller resolve names.
  { from: controller, to: { kind: 'external', id: 'dns' }, ports: [] },
  { from: controller, to: { kind: 'workload', namespace: 'exposure', name: 'httpd-vm1' }, ports: tcp('http') },
  { from: controller, to: { kind: 'workload', namespace: 'exposure', name: 'httpd-vm2' }, ports: tcp('http') },
  { from: controller, to: { kind: 'workload', namespace: 'media', name: 'jellyfin' }, ports: tcp(8096) },
  { from: controller, to: { kind: 'workload', namespace: 'devtools', name: 'nexus' }, ports: tcp(8081) },
  { from: { kind: 'workload', namespace: 'devtools', name: 'nexus' }, to: { kind: 'external', id: 'internet' }, ports: tcp(80, 443) },
  { from: { kind: 'workload', namespace: 'devtools', name: 'nexus' }, to: { kind: 'external', id: 'dns' }, ports: [] },
  { from: { kind: 'workload', namespace: 'exposure', name: 'httpd-vm1' }, to: { kind: 'cidr', cidr: '192.168.178.50/32' }, ports: tcp(443) },
  { from: { kind: 'workload', namespace: 'exposure', name: 'httpd-vm2' }, to: { kind: 'cidr', cidr: '192.168.178.51/32' }, ports: tcp(443) },
];

export function homelabObjects(): KubeObject[] {
  let objects = cluster();
  for (const ns of NAMESPACES) {
    objects = setAllowRule(objects, 'defaultDenyIngress', { namespace: ns }, true, HOMELAB_SETTINGS);
    objects = setAllowRule(objects, 'defaultDenyEgress', { namespace: ns }, true, HOMELAB_SETTINGS);
  }
  for (const spec of HOMELAB_FLOWS) objects = addFlow(objects, spec, HOMELAB_SETTINGS).objects;
  return objects;
}

export const HOMELAB_STORY =
  'A home lab, microsegmented: every namespace denies all ingress and egress by default, and each drawn flow opens ' +
  'exactly one path. The internet reaches only the ingress controller (80/443), which talks to the API server at ' +
  '192.168.178.123:6443, to cluster DNS and to the backends; the two httpd reverse proxies in exposure each reach one VM on the LAN ' +
  '(192.168.178.50 and .51), and only Nexus may go to the internet (80/443, plus DNS) to fetch packages.';
