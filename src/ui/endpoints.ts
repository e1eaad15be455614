// Graph node keys <-> the core's flow ends and probe endpoints, and the pickers' option lists.
import type { GraphData, NodeKey } from '../workers/analysis.ts';
import type { Endpoint, ExternalId, FlowEnd } from './core.ts';

export interface EndpointOption {
  key: NodeKey;
  label: string;
  group: 'Outside the cluster' | 'Namespaces' | 'Workloads' | 'Nodes';
}

/** A modelled Node as a probe end (Explain): its first address. */
export const NODE_KEY_PREFIX = 'nodeip:';

export function nodeOptions(nodes: readonly { name: string; addresses: readonly string[]; assumed?: unknown }[]): EndpointOption[] {
  // An assumed node (no Node object, from its pods' nodeName and hostIP) says so: its labels are unknown.
  return nodes.filter((n) => n.addresses[0] !== undefined).map((n) => ({ key: `${NODE_KEY_PREFIX}${n.addresses[0]}`, label: `Node ${n.name} (${n.addresses[0]}${n.assumed ? ', assumed from pod placement' : ''})`, group: 'Nodes' }));
}

export function endpointOptions(graph: GraphData | undefined, withNamespaces: boolean): EndpointOption[] {
  if (!graph) return [];
  const out: EndpointOption[] = graph.externals.map((e) => ({ key: e.key, label: `${e.title} (${e.description})`, group: 'Outside the cluster' }));
  if (withNamespaces) for (const ns of graph.namespaces) out.push({ key: `ns:${ns.name}`, label: `namespace ${ns.name} (all pods)`, group: 'Namespaces' });
  for (const w of graph.workloads) out.push({ key: w.key, label: w.id, group: 'Workloads' });
  return out;
}

export function keyToFlowEnd(key: NodeKey): FlowEnd | undefined {
  if (key.startsWith('wl:')) {
    const [namespace, name] = key.slice(3).split('/');
    return namespace && name ? { kind: 'workload', namespace, name } : undefined;
  }
  if (key.startsWith('ns:')) return { kind: 'namespace', namespace: key.slice(3) };
  if (key.startsWith('ext:')) return { kind: 'external', id: key.slice(4) as ExternalId };
  if (key.startsWith('cidr:')) return { kind: 'cidr', cidr: key.slice(5) };
  return undefined;
}

export function keyToEndpoint(graph: GraphData | undefined, key: NodeKey): Endpoint | undefined {
  if (key.startsWith('wl:')) return { kind: 'workload', id: key.slice(3) };
  if (key.startsWith(NODE_KEY_PREFIX)) return { kind: 'ip', ip: key.slice(NODE_KEY_PREFIX.length) };
  return graph?.externals.find((e) => e.key === key)?.probe;
}

export function keyLabel(graph: GraphData | undefined, key: NodeKey): string {
  if (key.startsWith('wl:')) return key.slice(3);
  if (key.startsWith('ns:')) return `namespace ${key.slice(3)}`;
  if (key.startsWith(NODE_KEY_PREFIX)) return `node ${key.slice(NODE_KEY_PREFIX.length)}`;
  return graph?.externals.find((e) => e.key === key)?.title ?? key;
}
