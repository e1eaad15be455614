// Small constructors for the cluster objects of the samples (and tests): Namespaces, workloads, Services.
import type { KubeObject, Protocol } from '../model/types.ts';

export interface PortSpec {
  name?: string;
  containerPort: number;
  protocol?: Protocol;
}

export function namespace(name: string, labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, ...(Object.keys(labels).length > 0 ? { labels } : {}) },
  };
}

const containerPorts = (ports: readonly PortSpec[]) =>
  ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.containerPort, protocol: p.protocol ?? 'TCP' }));

function podSpec(image: string, ports: readonly PortSpec[]) {
  return { containers: [{ name: 'main', image, ports: containerPorts(ports) }] };
}

export interface WorkloadOptions {
  /** Labels of the pods; the controller's selector is `selector` or these. */
  labels: Record<string, string>;
  selector?: Record<string, string>;
  image: string;
  ports?: PortSpec[];
  replicas?: number;
}

export function deployment(ns: string, name: string, o: WorkloadOptions, kind: 'Deployment' | 'StatefulSet' = 'Deployment'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, namespace: ns },
    spec: {
      replicas: o.replicas ?? 1,
      ...(kind === 'StatefulSet' ? { serviceName: name } : {}),
      selector: { matchLabels: { ...(o.selector ?? o.labels) } },
      template: { metadata: { labels: { ...o.labels } }, spec: podSpec(o.image, o.ports ?? []) },
    },
  };
}

export function pod(ns: string, name: string, o: WorkloadOptions): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels: { ...o.labels } },
    spec: podSpec(o.image, o.ports ?? []),
  };
}

export interface ServicePortSpec {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: Protocol;
}

export function service(
  ns: string,
  name: string,
  selector: Record<string, string>,
  ports: ServicePortSpec[],
  extra: { clusterIP?: string; type?: string } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns },
    spec: {
      ...(extra.type ? { type: extra.type } : {}),
      ...(extra.clusterIP ? { clusterIP: extra.clusterIP } : {}),
      selector: { ...selector },
      ports: ports.map((p) => ({
        ...(p.name ? { name: p.name } : {}),
        port: p.port,
        ...(p.targetPort === undefined ? {} : { targetPort: p.targetPort }),
        protocol: p.protocol ?? 'TCP',
      })),
    },
  };
}

/** CoreDNS as kubeadm deploys it, with its kube-dns Service. */
export function coreDns(): KubeObject[] {
  return [
    deployment('kube-system', 'coredns', {
      labels: { 'k8s-app': 'kube-dns' },
      image: 'registry.k8s.io/coredns/coredns:v1.11.3',
      replicas: 2,
      ports: [
        { name: 'dns', containerPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
        { name: 'metrics', containerPort: 9153 },
      ],
    }),
    service('kube-system', 'kube-dns', { 'k8s-app': 'kube-dns' }, [
      { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, targetPort: 53 },
      { name: 'metrics', port: 9153, targetPort: 9153 },
    ], { clusterIP: '10.96.0.10' }),
  ];
}
