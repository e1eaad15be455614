// Replay: every observed connection judged by the current design. What got through in the log and
// the design denies "would break"; what the log saw dropped and the design denies "stays blocked".
import { deniedByAdmin } from '../design/fixes.ts';
import { withAssumedServices } from '../cluster/assumed/index.ts';
import { hostCidr } from '../design/external.ts';
import type { DesignSettings, FlowEnd, FlowSpec } from '../design/types.ts';
import { compile, evaluate, type CompiledCluster } from '../engine/index.ts';
import type { PolicyType } from '../model/types.ts';
import type { ClusterModel } from '../model/types.ts';
import { mapConnections, observedEndLabel, probeEndpoint } from './mapping.ts';
import type { ObservedConnection, ObservedEnd, ObservedTraffic, RawConnection } from './types.ts';

export type ReplayOutcome = 'keeps-working' | 'would-break' | 'stays-blocked' | 'would-open' | 'not-judged';

export interface ReplayItem {
  connection: ObservedConnection;
  outcome: ReplayOutcome;
  /** The engine's sentence; for `not-judged`, why not. */
  explanation: string;
  /** The decision chain of the denying side(s), `[Admin] Pass -> [NetworkPolicy] ...`. */
  chain?: string;
  /** Which ends deny (for the fix: a flow on exactly those sides never isolates anything new). */
  denyingSides?: PolicyType[];
  /** An admin-tier Deny decided it: no NetworkPolicy can open it. */
  adminDenied?: boolean;
}

/** Would-break connections of one pair of nodes on one port (outside addresses stay apart). */
export interface ReplayGroup {
  key: string;
  from: string;
  to: string;
  port: number;
  protocol: ObservedConnection['protocol'];
  items: ReplayItem[];
  /** Observed records behind the group. */
  count: number;
  last?: number;
  explanation: string;
  /** A drawn flow that allows it, on the denying sides only; absent when an admin Deny decides. */
  fix?: FlowSpec;
}

export interface ReplayResult {
  items: ReplayItem[];
  wouldBreak: ReplayGroup[];
  /** Connections the log saw get through (forwarded or audited): M of "N of M keep working". */
  worked: number;
  keepWorking: number;
  staysBlocked: number;
  wouldOpen: number;
  notJudged: number;
  summary: string;
}

/** A node-level end of the graph: the workload, or the outside node with its address. */
export function flowEndOf(e: ObservedEnd): FlowEnd | undefined {
  switch (e.kind) {
    case 'workload': {
      const slash = e.id.indexOf('/');
      return { kind: 'workload', namespace: e.id.slice(0, slash), name: e.id.slice(slash + 1) };
    }
    case 'external':
      // Internet and private addresses are many different hosts: least privilege names the host.
      return (e.id === 'internet' || e.id === 'private') && e.ip ? { kind: 'cidr', cidr: hostCidr(e.ip) } : { kind: 'external', id: e.id };
    case 'unknown':
      return undefined;
  }
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

export function judge(c: ObservedConnection, compiled: CompiledCluster, settings: DesignSettings, cluster: ClusterModel): ReplayItem {
  const from = probeEndpoint(c.from, settings, cluster);
  const to = probeEndpoint(c.to, settings, cluster);
  const worked = c.forwarded + c.audit > 0;
  if (!from || !to) {
    const which = [c.from, c.to].filter((e) => e.kind === 'unknown').map((e) => `${observedEndLabel(e)}: ${e.kind === 'unknown' ? e.reason : ''}`);
    return { connection: c, outcome: 'not-judged', explanation: `Not judged: the design does not know ${which.join('; ')}.` };
  }
  if (from.kind === 'ip' && to.kind === 'ip') {
    return { connection: c, outcome: 'not-judged', explanation: 'Not judged: both ends are outside the cluster, where no NetworkPolicy applies.' };
  }
  try {
    const verdict = evaluate(compiled, { from, to, port: c.port, protocol: c.protocol });
    const denying = [verdict.egress, verdict.ingress].filter((d) => !d.allowed);
    const outcome: ReplayOutcome = verdict.allowed ? (worked ? 'keeps-working' : 'would-open') : worked ? 'would-break' : 'stays-blocked';
    return {
      connection: c, outcome, explanation: verdict.summary,
      ...(denying.length > 0 ? {
        chain: denying.map((d) => d.chain.map((s) => s.text).join(' -> ')).join('; '),
        denyingSides: denying.map((d) => d.direction),
        adminDenied: deniedByAdmin(verdict),
      } : {}),
    };
  } catch (e) {
    return { connection: c, outcome: 'not-judged', explanation: `Not judged: ${e instanceof Error ? e.message : String(e)}` };
  }
}

const groupEnd = (e: ObservedEnd): string =>
  e.kind === 'external' && (e.id === 'internet' || e.id === 'private') && e.ip ? `${e.id} ${e.ip}` : e.kind === 'external' ? e.id : observedEndLabel(e);

/**
 * The model a replay judges: the design in its cluster, the same one the graph, Explain, the matrix
 * and every CLI command evaluate (src/cluster/assumed: the DNS pods, kube-system and the ingress
 * namespace when the YAML does not declare them). Idempotent: a model already in its cluster is kept.
 * So a policy that allows DNS by the DNS pods' labels matches them, as it matches the real pods.
 */
export function replayCluster(designCluster: ClusterModel, settings: DesignSettings): ClusterModel {
  return withAssumedServices(designCluster, settings);
}

/**
 * Raw connections of one or more logs mapped onto the design in its cluster and judged: the one
 * path of the page's flow worker and the CLI's `replay`, so the two cannot disagree.
 */
export function replayRaw(raw: readonly RawConnection[], designCluster: ClusterModel, settings: DesignSettings): { traffic: ObservedTraffic; result: ReplayResult } {
  const cluster = replayCluster(designCluster, settings);
  const traffic = mapConnections(raw, cluster, settings);
  return { traffic, result: replay(traffic, cluster, settings) };
}

export function replay(traffic: ObservedTraffic, designCluster: ClusterModel, settings: DesignSettings, compiledDesign?: CompiledCluster): ReplayResult {
  const cluster = replayCluster(designCluster, settings);
  // Judged as the chosen network plugin judges (Settings > Network plugin, the CLI's --profile), like the graph.
  const compiled = cluster === designCluster && compiledDesign ? compiledDesign : compile(cluster, { profile: settings.profile });
  const items = traffic.connections.map((c) => judge(c, compiled, settings, cluster));
  const groups = new Map<string, ReplayGroup>();
  for (const item of items) {
    if (item.outcome !== 'would-break') continue;
    const c = item.connection;
    const from = groupEnd(c.from);
    const to = groupEnd(c.to);
    const key = `${from} -> ${to} ${c.protocol}/${c.port}`;
    let g = groups.get(key);
    if (!g) {
      const fromEnd = flowEndOf(c.from);
      const toEnd = flowEndOf(c.to);
      const fix = !item.adminDenied && fromEnd && toEnd
        ? { from: fromEnd, to: toEnd, ports: [{ protocol: c.protocol, port: c.port }], sides: item.denyingSides ?? ['Egress', 'Ingress'] }
        : undefined;
      g = { key, from, to, port: c.port, protocol: c.protocol, items: [], count: 0, explanation: item.explanation, ...(fix ? { fix } : {}) };
      groups.set(key, g);
    }
    g.items.push(item);
    g.count += c.count;
    if (c.last !== undefined && (g.last === undefined || c.last > g.last)) g.last = c.last;
  }
  const count = (o: ReplayOutcome) => items.filter((i) => i.outcome === o).length;
  const worked = items.filter((i) => i.connection.forwarded + i.connection.audit > 0 && i.outcome !== 'not-judged').length;
  const keepWorking = count('keeps-working');
  const wouldBreak = [...groups.values()].sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
  const notJudged = count('not-judged');
  const summary = `${keepWorking.toLocaleString('en-US')} of ${plural(worked, 'observed connection')} keep working` +
    (worked - keepWorking > 0 ? `; ${(worked - keepWorking).toLocaleString('en-US')} would break (${plural(wouldBreak.length, 'group')})` : '') +
    (count('stays-blocked') > 0 ? `; ${plural(count('stays-blocked'), 'dropped connection')} stay blocked` : '') +
    (count('would-open') > 0 ? `; ${plural(count('would-open'), 'dropped connection')} would be allowed` : '') +
    (notJudged > 0 ? `; ${plural(notJudged, 'connection')} not judged (unknown endpoints)` : '') + '.';
  return { items, wouldBreak, worked, keepWorking, staysBlocked: count('stays-blocked'), wouldOpen: count('would-open'), notJudged, summary };
}
