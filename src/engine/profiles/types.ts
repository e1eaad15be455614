// What a network plugin does where the NetworkPolicy API leaves the behaviour to the implementation.
// The engine judges by one profile at a time; `spec` is the Kubernetes documentation's reading.

export const PROFILE_IDS = ['spec', 'cilium', 'calico', 'aws-vpc-cni'] as const;
export type NetworkProfileId = (typeof PROFILE_IDS)[number];

/** How traffic to a Service ClusterIP meets the policies. */
export type ServiceVipHandling =
  /** The VIP is judged as a plain address (ipBlock may match it, selectors never do). */
  | 'address'
  /** Translated to a backend pod before policy: the backends' verdicts on the targetPort. */
  | 'backends'
  /** Egress is judged on the VIP itself, before translation; ingress at the backend after it. */
  | 'vip';

export interface ProfileBehaviour {
  /** An ipBlock peer matches the IPs of pods in the cluster. */
  ipBlockMatchesPodIps: boolean;
  /** An ipBlock peer matches the addresses of the cluster's Nodes. */
  ipBlockMatchesNodeIps: boolean;
  /** hostNetwork pods are selected and isolated like other pods (else they count as their node). */
  hostNetworkPodsArePods: boolean;
  /** Policies isolate a bare Pod (one without an owning controller). */
  standalonePodsEnforced: boolean;
  /** Traffic from a pod to the node it runs on is allowed whatever its egress policies say. */
  ownNodeEgressAlwaysAllowed: boolean;
  serviceVip: ServiceVipHandling;
  /** Under `vip`: a podSelector peer allows the VIP only when it carries all of the Service's selector labels. */
  vipNeedsSelectorCover: boolean;
  /** Under `vip`: a Service whose port differs from its targetPort is not allowed by selector peers. */
  vipNeedsSamePort: boolean;
  /** SCTP to a Service whose port differs from its targetPort is delivered (port rewriting works). */
  sctpServicePortRewrite: boolean;
}

/** One documented way a plugin differs from the spec profile, with where it is written down. */
export interface ProfileDifference {
  /** Stable id, `<profile>.<topic>`. */
  id: string;
  profile: NetworkProfileId;
  topic: DifferenceTopic;
  /** One line a reviewer understands. */
  text: string;
  /** Title of the source document. */
  source: string;
  url: string;
}

export type DifferenceTopic =
  | 'ipblock-pods'
  | 'ipblock-nodes'
  | 'host-network'
  | 'standalone-pods'
  | 'own-node-egress'
  | 'service-vip'
  | 'service-selector'
  | 'service-port'
  | 'sctp-service';

export interface NetworkProfile {
  id: NetworkProfileId;
  /** Display name. */
  name: string;
  /** One line for the Settings select. */
  summary: string;
  behaviour: ProfileBehaviour;
  differences: readonly ProfileDifference[];
}
