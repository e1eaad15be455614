import type { AdminPolicy, NodeModel } from './adminTypes.ts';
export type * from './adminTypes.ts';

// The domain: Kubernetes objects as read from manifests, and the normalized cluster model the
// engine evaluates. Pure data: everything here can cross a worker boundary (structured clone).

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export type PolicyType = 'Ingress' | 'Egress';

/** 1-based line and column, as editors and compilers print them. */
export interface Position {
  line: number;
  col: number;
}

export interface SourceLocation extends Position {
  file: string;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. `invalid-cidr`, `yaml-syntax`, `unknown-kind`. */
  code: string;
  message: string;
  file?: string;
  line?: number;
  col?: number;
  /** Field path in API style, e.g. `spec.ingress[0].from[1].ipBlock.except[0]`. */
  path?: string;
}

/** One file (or pasted text) of a design. */
export interface SourceFile {
  name: string;
  text: string;
}

export type Labels = Readonly<Record<string, string>>;

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values?: string[];
}

/** metav1.LabelSelector. `{}` selects everything; both parts are ANDed. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

/** A Kubernetes object exactly as read; unknown fields are kept so they survive parse -> emit. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** A parsed document: the object, where it starts, and where each of its fields is. */
export interface Manifest {
  object: KubeObject;
  source: SourceLocation;
  /** Field path (`spec.ingress[0].ports[1].port`) -> position of that field's value. */
  positions: Record<string, Position>;
}

export interface ParseResult {
  manifests: Manifest[];
  diagnostics: Diagnostic[];
}

/** Points back at the manifest an element of the model came from. */
export interface ObjectRef {
  kind: string;
  name: string;
  namespace?: string;
  /** Index into the design's manifest list. */
  manifest: number;
}

// ---------------------------------------------------------------------------------------------
// Normalized model: defaults applied, inferences made, invalid objects left out (with diagnostics).

export interface NetworkPolicyPort {
  /** Defaulted to TCP. */
  protocol: Protocol;
  /** Absent: all ports of the protocol. A string is a named port resolved on the destination pod. */
  port?: number | string;
  /** Inclusive end of a numeric range starting at `port`. */
  endPort?: number;
}

export interface IPBlock {
  cidr: string;
  except: string[];
}

/** One item of `from` / `to`. Exactly one of ipBlock or (podSelector and/or namespaceSelector). */
export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: IPBlock;
}

/** An ingress (`from`) or egress (`to`) rule. */
export interface NetworkPolicyRule {
  /** `undefined` or empty: every peer (any pod, any namespace, any address). */
  peers?: NetworkPolicyPeer[];
  /** `undefined` or empty: every port and protocol. */
  ports?: NetworkPolicyPort[];
}

export interface NetworkPolicy {
  ref: ObjectRef;
  namespace: string;
  name: string;
  podSelector: LabelSelector;
  /** Effective types: explicit ones, or inferred (Ingress always, Egress when egress rules exist). */
  policyTypes: PolicyType[];
  policyTypesInferred: boolean;
  ingress: NetworkPolicyRule[];
  egress: NetworkPolicyRule[];
}

/**
 * Why an element of the model is there although the YAML does not declare it: the cluster the design
 * runs in has it (src/cluster/assumed adds it from the settings). Never written to the YAML.
 */
export interface AssumedOrigin {
  /** The cluster service it stands for. */
  service: 'dns' | 'kube-system' | 'ingress-controller' | 'node';
  /** Where it came from, for people: `Settings: cluster DNS (kube-system, k8s-app=kube-dns)`. */
  source: string;
}

export interface NamespaceModel {
  name: string;
  /** Set when the namespace is not in the YAML but the cluster has it (kube-system, the DNS or ingress namespace). */
  assumed?: AssumedOrigin;
  /** Includes `kubernetes.io/metadata.name`, which the control plane always sets. */
  labels: Labels;
  /** False when only referenced by other objects (then it carries just the automatic label). */
  declared: boolean;
  ref?: ObjectRef;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol: Protocol;
}

export const WORKLOAD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** A Pod, or a workload whose pod template stands for all of its pods (they share labels and ports). */
export interface Workload {
  /** `namespace/name`; the probe syntax. */
  id: string;
  namespace: string;
  name: string;
  kind: WorkloadKind;
  labels: Labels;
  ports: ContainerPort[];
  /** Pod IPs when known (Pods with status.podIP/podIPs); used by ipBlock peers. */
  ips: string[];
  /** `ref.manifest` is -1 for an assumed workload (no manifest). */
  ref: ObjectRef;
  /**
   * How many pods it stands for when the manifest says (Pod: 1; Deployment, StatefulSet, ReplicaSet:
   * spec.replicas; Job, CronJob: parallelism). Absent for a DaemonSet (one per node) and when not
   * stated (an autoscaler may own it). A single pod reaching itself is loopback, which no policy can block.
   */
  replicas?: number;
  /** `spec.hostNetwork: true`: the pods use the node's network namespace and addresses. */
  hostNetwork?: boolean;
  /** `spec.nodeName` (or `status.hostIP` of a Pod): the node its pod runs on, when known. */
  nodeName?: string;
  /** `status.hostIP` of a Pod: the address of the node it runs on. */
  hostIp?: string;
  /** A Pod with `metadata.ownerReferences` (made by a controller), not a standalone Pod. */
  owned?: boolean;
  /** Set when the YAML does not declare it but the cluster has it (the DNS pods). */
  assumed?: AssumedOrigin;
}

export interface ServicePort {
  name?: string;
  port: number;
  /** Number, or the name of a container port on the backing pods. Defaults to `port`. */
  targetPort: number | string;
  protocol: Protocol;
}

export interface ServiceModel {
  id: string;
  namespace: string;
  name: string;
  /** `undefined`: a Service without selector (manual endpoints); selects no workload. */
  selector?: Labels;
  ports: ServicePort[];
  clusterIPs: string[];
  type: string;
  ref: ObjectRef;
}

export interface ClusterModel {
  namespaces: NamespaceModel[];
  workloads: Workload[];
  services: ServiceModel[];
  policies: NetworkPolicy[];
  /** Objects of kinds we keep but do not evaluate (ConfigMap, Ingress, ...). */
  unevaluated: ObjectRef[];
  /** AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy, normalized. */
  adminPolicies: AdminPolicy[];
  /** Nodes, for the `nodes` peers of admin policies. */
  nodes: NodeModel[];
}

export interface Design {
  manifests: Manifest[];
  cluster: ClusterModel;
  diagnostics: Diagnostic[];
}
