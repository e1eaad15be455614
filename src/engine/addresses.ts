// Which workload, if any, an address names: the rule compile's ipOwner follows, shared with the
// observed-traffic mapping and the invariants' sampling so that an address reads the same everywhere.
import type { ClusterModel, NodeModel, Workload } from '../model/types.ts';
import { parseIp } from './cidr.ts';

export const ipKey = (bytes: readonly number[]): string => bytes.join('.');

/** Each workload's parsed pod IPs (those that parse). */
export const workloadAddresses = (workloads: readonly Workload[]): number[][][] =>
  workloads.map((w) => w.ips.map(parseIp).filter((b): b is number[] => b !== undefined));

/** Address (canonical bytes joined) of a modelled Node -> that Node's name. */
export function nodeAddresses(nodes: readonly NodeModel[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const node of nodes) {
    for (const address of node.addresses) {
      const bytes = parseIp(address);
      if (bytes) map.set(ipKey(bytes), node.name);
    }
  }
  return map;
}

/**
 * The workload an `ip:` address names: the pod that holds it, but never a node's address. A
 * hostNetwork pod's IP is its node's (status.podIP == status.hostIP), and every hostNetwork pod on
 * the node shares it. The Kubernetes docs ("NetworkPolicy and hostNetwork pods",
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/) leave such pods to the
 * plugin, and where a plugin cannot tell their traffic apart, "traffic to/from hostNetwork pods is
 * treated the same as all other traffic to/from the node IP"; Cilium gives node addresses the host
 * and remote-node identities (https://docs.cilium.io/en/stable/security/host-firewall/), Calico
 * makes host interfaces host endpoints
 * (https://docs.tigera.io/calico/latest/reference/host-endpoints/overview). So the address is the
 * node: the own-node exception, ipBlocks over node addresses (ipBlockMatchesNodeIps) and admin
 * `nodes` peers read it as the node, and a hostNetwork pod is still probed by its name. The same
 * holds for an address several workloads share with a hostNetwork pod when no Node is modelled:
 * it is an unknown node's, not the last of those pods' (a plain outside address).
 */
export function addressOwners(workloads: readonly Workload[], workloadIps: readonly (readonly number[][])[], nodeOfIp: ReadonlyMap<string, string>): Map<string, number> {
  const owners = new Map<string, number>();
  const onHost = new Set<string>();
  const shared = new Set<string>();
  workloadIps.forEach((ips, i) => ips.forEach((ip) => {
    const key = ipKey(ip);
    if (nodeOfIp.has(key)) return;
    const earlier = owners.get(key);
    if (earlier !== undefined && earlier !== i) shared.add(key);
    if (workloads[i]!.hostNetwork) onHost.add(key);
    owners.set(key, i);
  }));
  for (const key of shared) if (onHost.has(key)) owners.delete(key);
  return owners;
}

/** The workload index an address text names in a cluster (addressOwners), or undefined. */
export function addressOwnerOf(cluster: ClusterModel): (ip: string) => number | undefined {
  const owners = addressOwners(cluster.workloads, workloadAddresses(cluster.workloads), nodeAddresses(cluster.nodes));
  return (ip) => {
    const bytes = parseIp(ip);
    return bytes ? owners.get(ipKey(bytes)) : undefined;
  };
}
