// The nodes an app-only design runs on. A `kubectl get pods -A -o yaml` dump has no Node objects,
// but every scheduled pod names its node (spec.nodeName) and that node's address (status.hostIP,
// "IP address of the host to which the pod is assigned":
// https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodStatus). Those
// pairs imply the nodes, so the own-node exception, a hostNetwork pod's address and the profiles'
// node rules hold on such a design as they do when the Nodes are declared.
import type { ClusterModel, NodeModel } from '../../model/types.ts';
import { ipKey, nodeAddresses } from '../../engine/addresses.ts';
import { parseIp } from '../../engine/cidr.ts';

/** Pods per reported address, in order of first report, for one node name. */
type Reports = Map<string, { address: string; pods: number }>;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The nodes the pods say they run on that no Node object declares, by name or by address. A
 * declared Node decides its own addresses; an address a declared Node has is that node's, and the
 * first node name reported with an address keeps it (a node replaced under the same address, in a
 * stale dump). A node takes every address its pods report: a dual-stack node has one per family,
 * and a node whose address changed was reached at both. Labels stay empty: no one knows them
 * (admin `nodes` peers say so, src/engine/admin.ts).
 */
export function impliedNodes(cluster: ClusterModel): NodeModel[] {
  const declaredNames = new Set(cluster.nodes.map((n) => n.name));
  const ownerOf = nodeAddresses(cluster.nodes);
  const reports = new Map<string, Reports>();
  const elsewhere = new Map<string, Map<string, string>>();
  for (const w of cluster.workloads) {
    if (w.nodeName === undefined || w.hostIp === undefined || declaredNames.has(w.nodeName)) continue;
    const bytes = parseIp(w.hostIp);
    if (!bytes) continue;
    const key = ipKey(bytes);
    const owner = ownerOf.get(key);
    if (owner !== undefined && owner !== w.nodeName) {
      let other = elsewhere.get(w.nodeName);
      if (!other) elsewhere.set(w.nodeName, (other = new Map()));
      other.set(w.hostIp, owner);
      if (!reports.has(w.nodeName)) reports.set(w.nodeName, new Map());
      continue;
    }
    ownerOf.set(key, w.nodeName);
    let byAddress = reports.get(w.nodeName);
    if (!byAddress) reports.set(w.nodeName, (byAddress = new Map()));
    const seen = byAddress.get(key);
    if (seen) seen.pods++;
    else byAddress.set(key, { address: w.hostIp, pods: 1 });
  }
  const nodes: NodeModel[] = [];
  for (const [name, byAddress] of reports) {
    // Only addresses make a node matter to a verdict; a name whose every address is another's adds nothing.
    if (byAddress.size === 0) continue;
    const told = [...byAddress.values()].map((r) => `${r.address} (${plural(r.pods, 'pod')})`).join(', ');
    const taken = [...(elsewhere.get(name) ?? [])].map(([address, owner]) => `; ${address} too, but that is ${owner}'s address`).join('');
    nodes.push({
      name,
      labels: {},
      addresses: [...byAddress.values()].map((r) => r.address),
      ref: { kind: 'Node', name, manifest: -1 },
      assumed: { service: 'node', source: `from pod placement: its pods report hostIP ${told}${taken}` },
    });
  }
  return nodes;
}

/**
 * Implied nodes by content: a toggle's model keeps the same node elements (the workers compare them
 * by identity), also when a worker alternates between designs (a diff's baseline and the design).
 * Cleared past a bound: a long session imports many dumps.
 */
const interned = new Map<string, NodeModel>();
const INTERNED_MAX = 10_000;
/** Per workload list and node list: a toggle reads 20,000 pods once. */
const byWorkloads = new WeakMap<readonly unknown[], { nodes: readonly NodeModel[]; implied: NodeModel[] }>();

/** impliedNodes, the same elements for the same content. */
export function impliedNodesOf(cluster: ClusterModel): NodeModel[] {
  const hit = byWorkloads.get(cluster.workloads);
  if (hit && hit.nodes === cluster.nodes) return hit.implied;
  if (interned.size > INTERNED_MAX) interned.clear();
  const implied = impliedNodes(cluster).map((n) => {
    const key = JSON.stringify([n.name, n.addresses, n.assumed!.source]);
    let kept = interned.get(key);
    if (!kept) interned.set(key, (kept = n));
    return kept;
  });
  byWorkloads.set(cluster.workloads, { nodes: cluster.nodes, implied });
  return implied;
}
