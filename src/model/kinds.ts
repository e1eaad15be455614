// Which kinds the model evaluates, in which API version, and which are cluster-scoped.
import type { KubeObject, WorkloadKind } from './types.ts';

/** The served API version of each kind the model evaluates. */
export const EVALUATED_KINDS: Readonly<Record<string, string>> = {
  Namespace: 'v1',
  Pod: 'v1',
  Service: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  Node: 'v1',
  AdminNetworkPolicy: 'policy.networking.k8s.io/v1alpha1',
  BaselineAdminNetworkPolicy: 'policy.networking.k8s.io/v1alpha1',
  ClusterNetworkPolicy: 'policy.networking.k8s.io/v1alpha2',
};

/**
 * Further API versions evaluated like the served one: ClusterNetworkPolicy v1beta1 has the schema of
 * v1alpha2 (network-policy-api promoted it unchanged), so clusters on either version are modelled.
 */
export const EQUIVALENT_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  ClusterNetworkPolicy: ['policy.networking.k8s.io/v1beta1'],
};

/** Kinds known but not evaluated yet, by API version. */
export const DEFERRED_KINDS: Readonly<Record<string, readonly string[]>> = {};

const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'StorageClass', 'PriorityClass', 'IngressClass', 'RuntimeClass', 'APIService', 'CSIDriver', 'CSINode',
  'VolumeAttachment', 'CertificateSigningRequest', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding',
  'FlowSchema', 'PriorityLevelConfiguration', 'ComponentStatus', 'ClusterIssuer',
  'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy', 'GatewayClass',
]);

const NAMESPACED = new Set([
  'Pod', 'Service', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'NetworkPolicy',
  'ConfigMap', 'Secret', 'ServiceAccount', 'Ingress', 'Role', 'RoleBinding', 'Endpoints', 'EndpointSlice',
  'PersistentVolumeClaim', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'ResourceQuota', 'LimitRange',
  'ReplicationController', 'ControllerRevision', 'Lease', 'Event', 'PodTemplate', 'Gateway', 'HTTPRoute',
  'GRPCRoute', 'TCPRoute', 'UDPRoute', 'TLSRoute', 'ReferenceGrant', 'Route',
]);

export type KindStatus = 'evaluated' | 'wrong-version' | 'deferred' | 'other';

export function kindStatus(object: Pick<KubeObject, 'apiVersion' | 'kind'>): KindStatus {
  const served = EVALUATED_KINDS[object.kind];
  if (served !== undefined) {
    return served === object.apiVersion || EQUIVALENT_VERSIONS[object.kind]?.includes(object.apiVersion) ? 'evaluated' : 'wrong-version';
  }
  if (DEFERRED_KINDS[object.kind]?.includes(object.apiVersion)) return 'deferred';
  return 'other';
}

/**
 * The namespace an object lives in: `metadata.namespace`, or `default` for namespaced kinds.
 * Undefined for cluster-scoped kinds, and for unknown kinds without one (their scope is unknown).
 */
export function objectNamespace(object: KubeObject): string | undefined {
  if (CLUSTER_SCOPED.has(object.kind)) return undefined;
  const namespace = object.metadata.namespace;
  if (typeof namespace === 'string' && namespace !== '') return namespace;
  return NAMESPACED.has(object.kind) ? 'default' : undefined;
}

export function isWorkloadKind(kind: string): kind is WorkloadKind {
  return kind === 'Pod' || kind === 'Deployment' || kind === 'StatefulSet' || kind === 'DaemonSet' || kind === 'ReplicaSet' || kind === 'Job' || kind === 'CronJob';
}

/** A known kind spelled with different case (`networkpolicy`): kinds are case-sensitive. */
export function misspelledKind(kind: string): string | undefined {
  const lower = kind.toLowerCase();
  return [...Object.keys(EVALUATED_KINDS), ...Object.keys(DEFERRED_KINDS)].find((known) => known !== kind && known.toLowerCase() === lower);
}
