// Reading and building raw Kubernetes objects (as the user would apply them) for the design actions.
// Works on the manifest set directly, not on the normalized model, so actions need no parse step.
import {
  WORKLOAD_KINDS,
  type KubeObject,
  type LabelSelector,
  type NetworkPolicyPort,
  type PolicyType,
  type WorkloadKind,
} from '../model/types.ts';
import { ANNOTATION_DESCRIPTION } from './types.ts';

/** An action cannot be performed (unknown workload, a flow with no end in the cluster, ...). */
export class DesignError extends Error {
  override name = 'DesignError';
}

/** Raw `ipBlock` as written in YAML (`except` omitted when empty). */
export interface RawIpBlock {
  cidr: string;
  except?: string[];
}

/** Raw `from`/`to` item. */
export interface RawPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: RawIpBlock;
}

export interface RawRule {
  from?: RawPeer[];
  to?: RawPeer[];
  ports?: NetworkPolicyPort[];
}

export interface NetworkPolicyObject extends KubeObject {
  apiVersion: 'networking.k8s.io/v1';
  kind: 'NetworkPolicy';
  spec: {
    podSelector: LabelSelector;
    policyTypes: PolicyType[];
    ingress?: RawRule[];
    egress?: RawRule[];
  };
}

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

/** The namespace an object lives in (`default` when the manifest leaves it out, as kubectl does). */
export function namespaceOf(object: KubeObject): string {
  const ns = object.metadata.namespace;
  return typeof ns === 'string' && ns !== '' ? ns : 'default';
}

export function annotationOf(object: KubeObject, key: string): string | undefined {
  const value = object.metadata.annotations?.[key];
  return typeof value === 'string' ? value : undefined;
}

export function isNetworkPolicy(object: KubeObject): boolean {
  return object.kind === 'NetworkPolicy';
}

const isWorkloadKind = (kind: string): kind is WorkloadKind => (WORKLOAD_KINDS as readonly string[]).includes(kind);

/** The Pod template's metadata of a workload (the Pod's own metadata for a Pod). */
function podTemplateLabels(object: KubeObject): Record<string, string> {
  if (object.kind === 'Pod') return stringRecord(object.metadata.labels) ?? {};
  const spec = isRecord(object['spec']) ? object['spec'] : {};
  let template: unknown = spec['template'];
  if (object.kind === 'CronJob') {
    const jobTemplate = isRecord(spec['jobTemplate']) ? spec['jobTemplate'] : {};
    const jobSpec = isRecord(jobTemplate['spec']) ? jobTemplate['spec'] : {};
    template = jobSpec['template'];
  }
  const metadata = isRecord(template) && isRecord(template['metadata']) ? template['metadata'] : {};
  return stringRecord(metadata['labels']) ?? {};
}

/** `spec.selector.matchLabels` of a controller, when it selects by labels only. */
function controllerSelector(object: KubeObject): Record<string, string> | undefined {
  if (!['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].includes(object.kind)) return undefined;
  const spec = isRecord(object['spec']) ? object['spec'] : {};
  const selector = spec['selector'];
  if (!isRecord(selector)) return undefined;
  if (Array.isArray(selector['matchExpressions']) && selector['matchExpressions'].length > 0) return undefined;
  const labels = stringRecord(selector['matchLabels']);
  return labels && Object.keys(labels).length > 0 ? labels : undefined;
}

/** Labels set per pod by controllers: never part of a workload's identity. */
const PER_POD_LABELS = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'pod-template-generation',
]);

export interface WorkloadInfo {
  object: KubeObject;
  namespace: string;
  name: string;
  kind: WorkloadKind;
  /** Labels of its pods. */
  labels: Record<string, string>;
}

export function listWorkloads(objects: readonly KubeObject[]): WorkloadInfo[] {
  const out: WorkloadInfo[] = [];
  for (const object of objects) {
    if (!isWorkloadKind(object.kind)) continue;
    out.push({ object, namespace: namespaceOf(object), name: object.metadata.name, kind: object.kind, labels: podTemplateLabels(object) });
  }
  return out;
}

export function findWorkload(objects: readonly KubeObject[], namespace: string, name: string): WorkloadInfo | undefined {
  return listWorkloads(objects).find((w) => w.namespace === namespace && w.name === name);
}

const selects = (selector: Record<string, string>, labels: Record<string, string>): boolean =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/**
 * The podSelector standing for one workload: its controller's `spec.selector.matchLabels` when that
 * selects no other workload of the namespace (the shortest faithful choice), else its pods' labels
 * without per-pod controller labels. Throws when the workload is not in the manifest set.
 */
export function workloadSelector(objects: readonly KubeObject[], namespace: string, name: string): LabelSelector {
  const all = listWorkloads(objects);
  const target = all.find((w) => w.namespace === namespace && w.name === name);
  if (!target) throw new DesignError(`no Pod or workload "${namespace}/${name}" in the design`);
  const others = all.filter((w) => w.namespace === namespace && w !== target);
  const own = Object.fromEntries(Object.entries(target.labels).filter(([k]) => !PER_POD_LABELS.has(k)));
  const controller = controllerSelector(target.object);
  if (controller && selects(controller, target.labels) && !others.some((w) => selects(controller, w.labels))) {
    return { matchLabels: controller };
  }
  if (Object.keys(own).length === 0) {
    throw new DesignError(`"${namespace}/${name}" has no pod labels, so no podSelector can select it alone; label its pods first`);
  }
  return { matchLabels: own };
}

/** The canonical description annotation, plus the marker annotations of the action that made it. */
export function networkPolicy(
  name: string,
  namespace: string,
  annotations: Record<string, string>,
  description: string,
  spec: NetworkPolicyObject['spec'],
): NetworkPolicyObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace, annotations: { ...annotations, [ANNOTATION_DESCRIPTION]: description } },
    spec,
  };
}

/** A port list as it should appear in YAML: protocol always explicit, no undefined fields. */
export function rawPorts(ports: readonly NetworkPolicyPort[]): NetworkPolicyPort[] {
  return ports.map((p) => ({
    protocol: p.protocol,
    ...(p.port === undefined ? {} : { port: p.port }),
    ...(p.endPort === undefined ? {} : { endPort: p.endPort }),
  }));
}

export function describePorts(ports: readonly NetworkPolicyPort[]): string {
  if (ports.length === 0) return 'on all ports';
  const parts = ports.map((p) => {
    if (p.port === undefined) return `all ${p.protocol} ports`;
    if (p.endPort !== undefined) return `${p.protocol} ${p.port}-${p.endPort}`;
    return `${p.protocol} ${p.port}`;
  });
  return `on ${parts.join(', ')}`;
}
