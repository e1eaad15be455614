// One verdict between two workloads needs only a small part of the cluster compiled: a NetworkPolicy
// governs only the pods of its own namespace ("NetworkPolicies are namespaced ... the podSelector
// selects pods in the policy's namespace", Kubernetes docs, Network Policies:
// https://kubernetes.io/docs/concepts/services-networking/network-policies/), so the source's egress
// is decided by the policies of its namespace and the destination's ingress by those of its own,
// each matched against the other end only. Admin and baseline policies are cluster-scoped and kept
// whole, matched against the two workloads. Explain on a 5,000-pod design then compiles two
// workloads and a few policies instead of every selector against every workload (hundreds of ms on
// the page's thread). Ends given as addresses resolve against every pod IP and Service VIP (a
// Service's backends are other workloads): those take the whole cluster (undefined here).
import type { ClusterModel } from '../model/types.ts';
import type { Probe } from './types.ts';

/** The part of `cluster` that decides every probe between the two workload ends; undefined for address ends or unknown ids. */
export function scopedCluster(cluster: ClusterModel, ends: Pick<Probe, 'from' | 'to'>): ClusterModel | undefined {
  if (ends.from.kind !== 'workload' || ends.to.kind !== 'workload') return undefined;
  const ids = new Set([ends.from.id, ends.to.id]);
  const workloads = cluster.workloads.filter((w) => ids.has(w.id));
  // An unknown id: the whole cluster answers with its usual error.
  if (workloads.length !== ids.size) return undefined;
  const namespaces = new Set(workloads.map((w) => w.namespace));
  return { ...cluster, workloads, policies: cluster.policies.filter((p) => namespaces.has(p.namespace)) };
}
