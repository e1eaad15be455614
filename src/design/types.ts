// Actions on the manifest set. The manifest set (KubeObject[]) is the one source of truth: a toggle
// is "on" when the object it generates is present (found by annotation), a drawn flow is the pair of
// policies annotated with its id. Every action is a pure function objects -> objects.
import type { NetworkPolicyPort, PolicyType } from '../model/types.ts';
import type { NetworkProfileId } from '../engine/profiles/types.ts';

export const ANNOTATION_RULE = 'netpol-designer.io/rule';
export const ANNOTATION_TARGET = 'netpol-designer.io/target';
export const ANNOTATION_FLOW = 'netpol-designer.io/flow';
export const ANNOTATION_DESCRIPTION = 'netpol-designer.io/description';
/** The FlowSpec a flow's policies were generated from, as JSON, so flows survive YAML edits and reloads. */
export const ANNOTATION_FLOW_SPEC = 'netpol-designer.io/flow-spec';

/** The outside world, as nodes of the graph. */
export type ExternalId = 'internet' | 'private' | 'metadata' | 'apiserver' | 'dns';

/** An address and port, as pods reach a service. */
export interface HostPort {
  address: string;
  port: number;
}

export interface DesignSettings {
  /**
   * The kube-apiserver *endpoint* as NetworkPolicies see it: policies are judged after the
   * `kubernetes.default` Service's ClusterIP is translated to its endpoints (often the control plane
   * nodes' IPs on 6443). Undefined: not set, and the designer does not pretend to know it.
   * https://kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-a-namespace-by-its-name
   * ("cluster ingress and egress mechanisms often require rewriting the source or destination IP")
   */
  apiServer?: HostPort;
  /** The `kubernetes.default` Service (its ClusterIP, the first address of the Service CIDR, port 443). */
  apiServerVip: HostPort;
  /** Where the ingress controller runs; used by the ingress-from-controller rule. */
  ingressControllerNamespace: string;
  /** Cluster DNS pods. */
  dns: { namespace: string; podLabels: Record<string, string> };
  /** Pod CIDRs of the cluster, when the user knows them. */
  podCidrs: string[];
  /** Service CIDRs of the cluster (kubeadm's default 10.96.0.0/12 until the user says otherwise). */
  serviceCidrs: string[];
  /**
   * NodeLocal DNSCache runs on every node: pods send DNS to its link-local address instead of the
   * kube-dns Service. https://kubernetes.io/docs/tasks/administer-cluster/nodelocaldns/
   */
  nodeLocalDns: boolean;
  /** The network plugin whose documented behaviour the verdicts follow; absent: the Kubernetes spec. */
  profile?: NetworkProfileId;
}

export const DEFAULT_API_SERVER_VIP: HostPort = { address: '10.96.0.1', port: 443 };
/** kubeadm's default `--service-cidr`. https://kubernetes.io/docs/reference/setup-tools/kubeadm/kubeadm-init/ */
export const DEFAULT_SERVICE_CIDR = '10.96.0.0/12';
/** The link-local address NodeLocal DNSCache listens on. https://kubernetes.io/docs/tasks/administer-cluster/nodelocaldns/ */
export const NODE_LOCAL_DNS_IP = '169.254.20.10';

export const DEFAULT_SETTINGS: DesignSettings = {
  apiServerVip: DEFAULT_API_SERVER_VIP,
  ingressControllerNamespace: 'ingress-nginx',
  dns: { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } },
  podCidrs: [],
  serviceCidrs: [DEFAULT_SERVICE_CIDR],
  nodeLocalDns: false,
};

/** Ready-made allow rules; names follow zero-to-jupyterhub's `networkPolicy.egressAllowRules` where they fit. */
export type AllowRuleId =
  | 'defaultDenyIngress'
  | 'defaultDenyEgress'
  | 'dnsPortsKubeSystemNamespace'
  | 'dnsPortsPrivateIPs'
  | 'dnsPortsCloudMetadataServer'
  | 'nonPrivateIPs'
  | 'privateIPs'
  | 'cloudMetadataServer'
  | 'kubeApiServer'
  | 'sameNamespace'
  | 'ingressFromIngressController';

/** What a rule is switched on for: a whole namespace, or one workload in it. */
export interface RuleTarget {
  namespace: string;
  /** Workload name; undefined means every pod of the namespace. */
  workload?: string;
}

export interface AllowRuleDefinition {
  id: AllowRuleId;
  title: string;
  /** One line: what it allows, in words a reviewer understands. */
  summary: string;
  direction: PolicyType;
  /** Every direction the generated policy isolates, when it is more than `direction` (sameNamespace). */
  directions?: PolicyType[];
  /** Extra caution shown next to the switch (e.g. additive rules cannot be narrowed by others). */
  caution?: string;
}

export type FlowEnd =
  | { kind: 'namespace'; namespace: string }
  | { kind: 'workload'; namespace: string; name: string }
  | { kind: 'external'; id: ExternalId }
  | { kind: 'cidr'; cidr: string; except?: string[] };

export interface FlowSpec {
  from: FlowEnd;
  to: FlowEnd;
  /** Empty: all ports. Numbers, names (resolved on the destination) and ranges (port..endPort). */
  ports: NetworkPolicyPort[];
  /**
   * Which in-cluster ends get a policy: the source's Egress, the destination's Ingress. Default: both
   * (least privilege on both ends). Fixes set it to the denying side only, so they never isolate an
   * end that was not isolated before.
   */
  sides?: PolicyType[];
}

export interface Flow extends FlowSpec {
  /** Stable id stored in the generated policies' annotation. */
  id: string;
}
