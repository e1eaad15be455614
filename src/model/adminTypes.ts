// Cluster-scoped policies of the network-policy-api (policy.networking.k8s.io):
// AdminNetworkPolicy and BaselineAdminNetworkPolicy (v1alpha1) and ClusterNetworkPolicy (v1alpha2),
// normalized to one shape: a tier, a priority and ordered rules with first-match actions.
import type { AssumedOrigin, LabelSelector, ObjectRef, Protocol } from './types.ts';

export type AdminKind = 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy' | 'ClusterNetworkPolicy';
export type AdminTier = 'Admin' | 'Baseline';
/** v1alpha2's `Accept` is normalized to `Allow`; the explanation keeps the word the policy used. */
export type AdminAction = 'Allow' | 'Deny' | 'Pass';

export interface NamespacedPodSelector {
  namespaceSelector: LabelSelector;
  podSelector: LabelSelector;
}

export type AdminSubject = { namespaces: LabelSelector } | { pods: NamespacedPodSelector };

export type AdminPeer =
  | { namespaces: LabelSelector }
  | { pods: NamespacedPodSelector }
  | { nodes: LabelSelector }
  | { networks: string[] }
  /** ClusterNetworkPolicy egress (experimental): names, not addresses; no address probe matches them. */
  | { domainNames: string[] };

/** A port match: numeric range (`from` = `to` for one port) per protocol, or a named container port. */
export type AdminPort = { protocol: Protocol; from: number; to: number } | { name: string };

export interface AdminRule {
  name: string;
  action: AdminAction;
  /** The action as written (`Accept` in ClusterNetworkPolicy). */
  actionWord: string;
  peers: AdminPeer[];
  /** Undefined: every port and protocol. */
  ports?: AdminPort[];
}

export interface AdminPolicy {
  ref: ObjectRef;
  kind: AdminKind;
  name: string;
  tier: AdminTier;
  /** Lower is evaluated first. BaselineAdminNetworkPolicy has none (a singleton): 0. */
  priority: number;
  subject: AdminSubject;
  ingress: AdminRule[];
  egress: AdminRule[];
}

export interface NodeModel {
  name: string;
  /** Empty and unknown for an assumed node: only a Node object says its labels. */
  labels: Record<string, string>;
  addresses: string[];
  ref: ObjectRef;
  /** Set when no Node object declares it but pods say they run on it (src/cluster/assumed/nodes.ts). */
  assumed?: AssumedOrigin;
}
