import type { ContainerPort, PolicyType, Workload } from '../model/types.ts';
import { ipKey, type CompiledCluster } from './compile.ts';
import { parseIp } from './cidr.ts';
import type { Endpoint, RuleRef } from './types.ts';

/** `ns/name` for a workload, `ip:ADDR` for an address outside the cluster (the probe syntax). */
export function parseEndpoint(text: string): Endpoint {
  const trimmed = text.trim();
  if (trimmed.startsWith('ip:')) {
    const ip = trimmed.slice(3);
    if (!parseIp(ip)) throw new EndpointError(`"${text}" is not a valid IP address (expected ip:ADDR, e.g. ip:10.0.0.1)`);
    return { kind: 'ip', ip };
  }
  const parts = trimmed.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    throw new EndpointError(`"${text}" is not an endpoint: expected namespace/name or ip:ADDR`);
  }
  return { kind: 'workload', id: trimmed };
}

export function endpointLabel(e: Endpoint): string {
  return e.kind === 'workload' ? e.id : `ip:${e.ip}`;
}

export class EndpointError extends Error {
  override name = 'EndpointError';
}

export type ResolvedEndpoint =
  | { kind: 'workload'; index: number; workload: Workload; label: string }
  | {
    kind: 'ip'; bytes: number[]; label: string;
    /** The modelled Node that owns the address: declared, or assumed from its pods' placement (src/cluster/assumed/nodes.ts). */
    node?: string;
    /** The profile's ipBlocks never match this address (Cilium: node addresses are host/remote-node). */
    ipBlockBlind?: boolean;
  };

/**
 * An address that belongs to a known pod is that pod: policies apply to it like to any pod. A node's
 * address is the node, though hostNetwork pods hold it too (compile.ts addressOwners).
 */
export function resolveEndpoint(c: CompiledCluster, e: Endpoint): ResolvedEndpoint {
  if (e.kind === 'workload') {
    const index = c.workloadIndex.get(e.id);
    if (index === undefined) throw new EndpointError(`unknown workload "${e.id}" (no Pod or workload with that namespace/name)`);
    return { kind: 'workload', index, workload: c.workloads[index]!, label: e.id };
  }
  const bytes = parseIp(e.ip);
  if (!bytes) throw new EndpointError(`"${e.ip}" is not a valid IP address`);
  const owner = c.ipOwner.get(ipKey(bytes));
  if (owner !== undefined) return { kind: 'workload', index: owner, workload: c.workloads[owner]!, label: `ip:${e.ip}` };
  const node = c.nodeOfIp.get(ipKey(bytes));
  if (node === undefined) return { kind: 'ip', bytes, label: `ip:${e.ip}` };
  return { kind: 'ip', bytes, label: `ip:${e.ip}`, node, ...(c.profile.behaviour.ipBlockMatchesNodeIps ? {} : { ipBlockBlind: true }) };
}

/** The workload an endpoint is (an address of a pod is that pod: resolveEndpoint), or -1 for an outside address. */
export function workloadOfEndpoint(c: CompiledCluster, e: Endpoint): number {
  const r = resolveEndpoint(c, e);
  return r.kind === 'workload' ? r.index : -1;
}

/** Whether a workload's pods run on the node (false when placement is known and elsewhere). */
export function mayRunOn(c: CompiledCluster, workload: Workload, node: string): boolean {
  if (workload.nodeName !== undefined) return workload.nodeName === node;
  if (workload.hostIp !== undefined) {
    const bytes = parseIp(workload.hostIp);
    return bytes !== undefined && c.nodeOfIp.get(ipKey(bytes)) === node;
  }
  // A pod template's pods may land on any node (a DaemonSet's on every one), and the kubelet of
  // whichever node runs one probes it there.
  return true;
}

export function containerPortsOf(e: ResolvedEndpoint): readonly ContainerPort[] | undefined {
  return e.kind === 'workload' ? e.workload.ports : undefined;
}

export function rulePath(direction: PolicyType, ruleIndex: number): string {
  return `spec.${direction === 'Ingress' ? 'ingress' : 'egress'}[${ruleIndex}]`;
}

/** `x/allow-dns spec.egress[0]`: a reader finds it in the YAML. */
export function describeRule(ref: RuleRef): string {
  return `${ref.policy.namespace ?? ''}/${ref.policy.name} ${rulePath(ref.direction, ref.ruleIndex)}`;
}
