// The cluster a design runs in. A design is usually one app's manifests, but its policies are judged
// on a real cluster that also has the DNS pods, kube-system and the ingress controller's namespace.
// This module turns (ClusterModel, settings) into the model everything evaluates (graph, explain,
// matrix, findings, report, testplan, diff, CLI): the services the YAML does not declare are added,
// marked `assumed` with where they came from, and so are the nodes the pods say they run on
// (nodes.ts). The manifests (and so the YAML) never change.
import { ASSUMED_DNS_NAME } from '../../design/external.ts';
import type { DesignSettings } from '../../design/types.ts';
import type { AssumedOrigin, ClusterModel, ContainerPort, Design, NamespaceModel, Workload } from '../../model/types.ts';
import { impliedNodesOf } from './nodes.ts';

/** The label the control plane sets on every namespace. https://kubernetes.io/docs/reference/labels-annotations-taints/#kubernetes-io-metadata-name */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * The DNS pods' container ports, as CoreDNS's own manifest declares them (`dns` 53/UDP, `dns-tcp`
 * 53/TCP, `metrics` 9153/TCP): https://github.com/coredns/deployment/blob/master/kubernetes/coredns.yaml.sed
 */
export const DNS_CONTAINER_PORTS: readonly ContainerPort[] = [
  { name: 'dns', containerPort: 53, protocol: 'UDP' },
  { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
  { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
];

const formatLabels = (labels: Readonly<Record<string, string>>): string =>
  Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') || 'no labels';

const matches = (selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** What the model assumes, in one line each: for the settings panel, reports and the CLI. */
export interface AssumedSummary {
  namespaces: string[];
  workloads: string[];
  /** `node-a (from pod placement: its pods report hostIP 192.168.10.10 (110 pods))`. */
  nodes: string[];
}

/** The DNS workload of the cluster: the declared one when the YAML has pods with the DNS labels in the DNS namespace. */
function dnsWorkload(cluster: ClusterModel, settings: DesignSettings): Workload | undefined {
  const { namespace, podLabels } = settings.dns;
  // A workload's id starts with its namespace (namespace names have no '/'): only the DNS namespace's can be taken.
  const inNamespace = cluster.workloads.filter((w) => w.namespace === namespace);
  if (inNamespace.some((w) => matches(podLabels, w.labels))) return undefined;
  const taken = new Set(inNamespace.map((w) => w.id));
  let name = ASSUMED_DNS_NAME;
  // A declared `coredns` without the DNS labels keeps its name; the assumed one steps aside.
  for (let i = 2; taken.has(`${namespace}/${name}`); i++) name = `${ASSUMED_DNS_NAME}-assumed${i === 2 ? '' : `-${i}`}`;
  const origin: AssumedOrigin = { service: 'dns', source: `Settings: cluster DNS pods (${formatLabels(podLabels)} in ${namespace})` };
  return {
    id: `${namespace}/${name}`,
    namespace,
    name,
    kind: 'Deployment',
    labels: { ...podLabels },
    ports: DNS_CONTAINER_PORTS.map((p) => ({ ...p })),
    ips: [],
    ref: { kind: 'Deployment', name, namespace, manifest: -1 },
    assumed: origin,
  };
}

/**
 * The model the design is evaluated as: the YAML's model plus the cluster services it does not
 * declare. Idempotent; returns the same object when nothing is missing.
 */
export function withAssumedServices(cluster: ClusterModel, settings: DesignSettings): ClusterModel {
  const dns = dnsWorkload(cluster, settings);
  const known = new Set(cluster.namespaces.map((n) => n.name));
  const namespaces: NamespaceModel[] = [];
  const add = (name: string, origin: AssumedOrigin) => {
    if (name === '' || known.has(name)) return;
    known.add(name);
    namespaces.push({ name, labels: { [NAMESPACE_NAME_LABEL]: name }, declared: false, assumed: origin });
  };
  add(settings.dns.namespace, { service: 'dns', source: 'Settings: cluster DNS namespace' });
  add('kube-system', { service: 'kube-system', source: 'every cluster has kube-system' });
  add(settings.ingressControllerNamespace, { service: 'ingress-controller', source: 'Settings: ingress controller namespace' });
  const nodes = impliedNodesOf(cluster);
  if (!dns && namespaces.length === 0 && nodes.length === 0) return cluster;
  return {
    ...cluster,
    namespaces: namespaces.length > 0 ? [...cluster.namespaces, ...namespaces] : cluster.namespaces,
    workloads: dns ? [...cluster.workloads, dns] : cluster.workloads,
    nodes: nodes.length > 0 ? [...cluster.nodes, ...nodes] : cluster.nodes,
  };
}

/** The design with its model in the cluster (manifests and diagnostics unchanged). */
export function inCluster<D extends Design>(design: D, settings: DesignSettings): D {
  const cluster = withAssumedServices(design.cluster, settings);
  return cluster === design.cluster ? design : { ...design, cluster };
}

/** What the model assumed, for people. */
export function describeAssumed(cluster: ClusterModel): AssumedSummary {
  return {
    namespaces: cluster.namespaces.filter((n) => n.assumed).map((n) => n.name),
    workloads: cluster.workloads.filter((w) => w.assumed).map((w) => `${w.id} (${w.assumed!.source})`),
    nodes: cluster.nodes.filter((n) => n.assumed).map((n) => `${n.name} (${n.assumed!.source})`),
  };
}

/** Past this many implied nodes a one-line summary names a few and counts the rest (20,000 pods run on 182). */
const NODES_NAMED = 4;

/** What the model assumed, as the items of one line (CLI findings, the report's summary). */
export function assumedItems(cluster: ClusterModel): string[] {
  const assumed = describeAssumed(cluster);
  const nodes = cluster.nodes.filter((n) => n.assumed);
  const nodeItems = nodes.length <= NODES_NAMED
    ? assumed.nodes.map((n) => `node ${n}`)
    : [`${nodes.length} nodes from pod placement (spec.nodeName and status.hostIP: ${nodes.slice(0, NODES_NAMED - 1).map((n) => `${n.name} ${n.addresses.join('/')}`).join(', ')}, ...)`];
  return [...assumed.workloads, ...assumed.namespaces.map((n) => `namespace ${n}`), ...nodeItems];
}

export const isAssumed = (element: { assumed?: AssumedOrigin }): boolean => element.assumed !== undefined;
