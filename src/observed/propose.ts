// Propose: observed connections become drawn flows (least privilege: one flow per pair of ends with
// exactly the ports seen), optionally with default deny for the namespaces they concern, so that
// nothing unobserved stays open there.
import { setAllowRule } from '../design/allowRules.ts';
import { addFlow } from '../design/flows.ts';
import type { DesignSettings, FlowEnd, FlowSpec } from '../design/types.ts';
import type { KubeObject, NetworkPolicyPort } from '../model/types.ts';
import { observedEndLabel } from './mapping.ts';
import { flowEndOf } from './replay.ts';
import type { ObservedConnection, ObservedEnd } from './types.ts';

export interface ProposeOptions {
  /** One flow per workload pair (default), or per namespace pair (wider, fewer policies). */
  level?: 'workload' | 'namespace';
  /**
   * Outside addresses as host CIDRs (default, least privilege), grouped into their /24 (IPv4; fewer
   * rules for services behind several addresses), or as the outside node they belong to.
   */
  outside?: 'addresses' | 'cidr24' | 'nodes';
  /** Namespaces that get default deny ingress and egress, so only what the flows allow stays open. */
  lockdown?: readonly string[];
}

export interface Proposal {
  flows: FlowSpec[];
  lockdown: string[];
  /** Connections no flow can express, with the reason. */
  skipped: { key: string; reason: string }[];
}

/** The connections worth proposing by default: the ones the log saw get through. */
export const connectionsThatWorked = (connections: readonly ObservedConnection[]): ObservedConnection[] =>
  connections.filter((c) => c.forwarded + c.audit > 0);

/** `203.0.113.0/24` for an IPv4 address; undefined otherwise. */
export function cidr24(ip: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.\d+$/.exec(ip);
  return m ? `${m[1]}.${m[2]}.${m[3]}.0/24` : undefined;
}

function endFor(e: ObservedEnd, options: ProposeOptions): FlowEnd | undefined {
  if (e.kind === 'external' && options.outside === 'nodes') return { kind: 'external', id: e.id };
  if (e.kind === 'external' && options.outside === 'cidr24' && (e.id === 'internet' || e.id === 'private') && e.ip) {
    const cidr = cidr24(e.ip);
    if (cidr) return { kind: 'cidr', cidr };
  }
  const end = flowEndOf(e);
  if (end?.kind === 'workload' && options.level === 'namespace') return { kind: 'namespace', namespace: end.namespace };
  return end;
}

const endKey = (e: FlowEnd): string => JSON.stringify(e);
const inCluster = (e: FlowEnd) => e.kind === 'workload' || e.kind === 'namespace';

export function proposeFlows(connections: readonly ObservedConnection[], options: ProposeOptions = {}): Proposal {
  const pairs = new Map<string, { from: FlowEnd; to: FlowEnd; ports: NetworkPolicyPort[] }>();
  const skipped: Proposal['skipped'] = [];
  for (const c of connections) {
    const from = endFor(c.from, options);
    const to = endFor(c.to, options);
    if (!from || !to) {
      skipped.push({ key: c.key, reason: `unknown endpoint ${[c.from, c.to].filter((e) => e.kind === 'unknown').map(observedEndLabel).join(', ')}` });
      continue;
    }
    if (!inCluster(from) && !inCluster(to)) {
      skipped.push({ key: c.key, reason: 'both ends are outside the cluster' });
      continue;
    }
    const key = `${endKey(from)}>${endKey(to)}`;
    const pair = pairs.get(key) ?? { from, to, ports: [] };
    if (!pair.ports.some((p) => p.port === c.port && p.protocol === c.protocol)) pair.ports.push({ protocol: c.protocol, port: c.port });
    pairs.set(key, pair);
  }
  const flows = [...pairs.values()].map((p) => ({
    from: p.from, to: p.to,
    ports: p.ports.sort((a, b) => (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : Number(a.port) - Number(b.port))),
  }));
  return { flows, lockdown: [...new Set(options.lockdown ?? [])].sort(), skipped };
}

/** The design with the proposal applied: default denies first, then the flows (each an undoable step in the page). */
export function applyProposal(objects: readonly KubeObject[], proposal: Proposal, settings: DesignSettings): KubeObject[] {
  let out = [...objects];
  for (const namespace of proposal.lockdown) {
    out = setAllowRule(out, 'defaultDenyIngress', { namespace }, true, settings);
    out = setAllowRule(out, 'defaultDenyEgress', { namespace }, true, settings);
  }
  for (const flow of proposal.flows) out = addFlow(out, flow, settings).objects;
  return out;
}

/** Namespaces of the workloads the connections name: the natural scope of a lockdown. */
export function observedNamespaces(connections: readonly ObservedConnection[], exclude: readonly string[] = []): string[] {
  const out = new Set<string>();
  for (const c of connections) for (const e of [c.from, c.to]) {
    if (e.kind === 'workload') out.add(e.id.slice(0, e.id.indexOf('/')));
  }
  return [...out].filter((n) => !exclude.includes(n)).sort();
}
