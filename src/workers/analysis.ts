// Pure analysis behind the graph: manifest text or objects -> cluster -> compiled engine -> the
// paths the policies allow, classified for the picture. Runs in the analysis worker (and in tests);
// no DOM, no React.
import {
  allowedConnections,
  formatConnections,
  compile,
  emitYaml,
  EXTERNAL_NODES,
  externalEndpoint,
  isEmptyConnectionSet,
  listFlows,
  loadDesign,
  ANNOTATION_FLOW,
  ANNOTATION_RULE,
  PROTOCOLS,
  type ClusterModel,
  type CompiledCluster,
  type ConnectionSet,
  type DesignSettings,
  type Diagnostic,
  type Endpoint,
  type Flow,
  type FlowEnd,
  type KubeObject,
  type NetworkPolicyPort,
  type Workload,
  buildClusterFromObjects,
} from '../ui/core.ts';

/** Graph node keys: `wl:ns/name`, `ns:name`, `ext:internet`, `cidr:203.0.113.0/24`. */
export type NodeKey = string;

export interface GWorkload {
  key: NodeKey;
  id: string;
  namespace: string;
  name: string;
  kind: string;
  labels: Record<string, string>;
  ports: string[];
  ingressIsolated: boolean;
  egressIsolated: boolean;
  /** What pods of the same workload may send each other, when a policy isolates them (replicas, peers). */
  peers?: string;
}

export interface GNamespace {
  name: string;
  declared: boolean;
  labels: Record<string, string>;
  workloads: NodeKey[];
}

export interface GExternal {
  key: NodeKey;
  id: string;
  title: string;
  /** One short line under the title. */
  subtitle: string;
  description: string;
  /** The address the engine is asked about for this node. */
  probe: Endpoint;
}

export type PairIntent = 'intended' | 'unintended';

/** A path an explicit policy rule allows (paths open only because nothing isolates either end are not listed). */
export interface GPair {
  from: NodeKey;
  to: NodeKey;
  conn: ConnectionSet;
  intent: PairIntent;
}

export type FlowState = 'allowed' | 'partial' | 'blocked' | 'empty';

export interface GFlow {
  flow: Flow;
  from: NodeKey;
  to: NodeKey;
  state: FlowState;
  /** Member pairs checked and how many of them allow every port of the flow. */
  checked: number;
  allowed: number;
  /** A blocked member pair, for the explanation. */
  firstBlocked?: { from: NodeKey; to: NodeKey };
}

export interface GraphData {
  namespaces: GNamespace[];
  workloads: GWorkload[];
  externals: GExternal[];
  pairs: GPair[];
  flows: GFlow[];
  truncated: boolean;
  ms: number;
}

export interface Analysis {
  objects: KubeObject[];
  cluster: ClusterModel;
  diagnostics: Diagnostic[];
  graph: GraphData;
}

export const MAX_PAIRS = 20_000;

export const workloadKey = (id: string): NodeKey => `wl:${id}`;
export const namespaceKey = (name: string): NodeKey => `ns:${name}`;

export function flowEndKey(end: FlowEnd): NodeKey {
  switch (end.kind) {
    case 'namespace':
      return namespaceKey(end.namespace);
    case 'workload':
      return workloadKey(`${end.namespace}/${end.name}`);
    case 'external':
      return `ext:${end.id}`;
    case 'cidr':
      return `cidr:${end.cidr}`;
  }
}

/** First address of a CIDR (or the address itself): what the engine is asked about for a CIDR end. */
export function cidrProbeIp(cidr: string): string {
  return cidr.split('/')[0] ?? cidr;
}

function portsCovered(conn: ConnectionSet, ports: readonly NetworkPolicyPort[], destination: Workload | undefined): boolean {
  if (ports.length === 0) return conn.all;
  return ports.every((p) => {
    const ranges = conn.byProtocol[p.protocol];
    let from: number;
    let to: number;
    if (p.port === undefined) {
      from = 1;
      to = 65535;
    } else if (typeof p.port === 'number') {
      from = p.port;
      to = p.endPort ?? p.port;
    } else {
      const cp = destination?.ports.find((x) => x.name === p.port && x.protocol === p.protocol);
      if (!cp) return false;
      from = cp.containerPort;
      to = cp.containerPort;
    }
    return ranges.some((r) => r.from <= from && r.to >= to);
  });
}

export function analyzeCluster(objects: KubeObject[], cluster: ClusterModel, settings: DesignSettings): GraphData {
  const started = performance.now();
  const c = compile(cluster);
  const n = c.workloads.length;

  const workloads: GWorkload[] = c.workloads.map((w, i) => ({
    key: workloadKey(w.id),
    id: w.id,
    namespace: w.namespace,
    name: w.name,
    kind: w.kind,
    labels: { ...w.labels },
    ports: w.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.protocol} ${p.containerPort}`),
    ingressIsolated: c.ingressPolicies[i]!.length > 0,
    egressIsolated: c.egressPolicies[i]!.length > 0,
  }));

  const namespaceNames = [...new Set([...cluster.namespaces.map((ns) => ns.name), ...c.workloads.map((w) => w.namespace)])].sort();
  const namespaces: GNamespace[] = namespaceNames.map((name) => {
    const model = cluster.namespaces.find((ns) => ns.name === name);
    return {
      name,
      declared: model?.declared ?? false,
      labels: { ...(model?.labels ?? {}) },
      workloads: workloads.filter((w) => w.namespace === name).map((w) => w.key),
    };
  });

  // The DNS node stands for the cluster DNS workload when the design has one.
  const externals: GExternal[] = EXTERNAL_NODES(settings).map((e) => ({
    key: `ext:${e.id}`,
    id: e.id,
    title: e.title,
    subtitle: externalSubtitle(e.id, e.cidrs, settings, externalEndpoint(e.id, settings, cluster)),
    description: e.description,
    probe: externalEndpoint(e.id, settings, cluster),
  }));
  const aliases = new Map<NodeKey, NodeKey>();
  for (const e of externals) if (e.probe.kind === 'workload') aliases.set(workloadKey(e.probe.id), e.key);

  const flows = listFlows(objects);
  for (const f of flows) {
    for (const end of [f.from, f.to]) {
      if (end.kind === 'cidr' && !externals.some((e) => e.key === flowEndKey(end))) {
        externals.push({ key: flowEndKey(end), id: end.cidr, title: end.cidr, subtitle: end.except?.length ? `except ${end.except.join(', ')}` : 'address block', description: 'Address block', probe: { kind: 'ip', ip: cidrProbeIp(end.cidr) } });
      }
    }
  }

  // Which policies the designer generated (toggles, drawn flows): what they allow was intended.
  const annotated = cluster.policies.map((p) => {
    const a = objects[p.ref.manifest]?.metadata.annotations ?? {};
    return ANNOTATION_RULE in a || ANNOTATION_FLOW in a;
  });
  const everyPolicyAnnotated = annotated.every(Boolean);

  // A path is intended when, in each direction a policy isolates, a generated policy allows it. Asked
  // of a cluster with only the generated policies: one connection computation per path, not a full
  // explanation. (A direction isolated only by hand-written policies is open there: not intended.)
  const annotatedOnly = everyPolicyAnnotated ? c : compile({ ...cluster, policies: cluster.policies.filter((_, i) => annotated[i]) });
  const indexOf = new Map(c.workloads.map((w, i) => [w.id, i]));
  const isolated = (cc: CompiledCluster, e: Endpoint, direction: 'ingress' | 'egress'): boolean => {
    if (e.kind !== 'workload') return false;
    const i = indexOf.get(e.id);
    if (i === undefined) return false;
    return (direction === 'ingress' ? cc.ingressPolicies[i]! : cc.egressPolicies[i]!).length > 0;
  };
  const intentOf = (from: Endpoint, to: Endpoint, conn: ConnectionSet): PairIntent => {
    if (everyPolicyAnnotated) return 'intended';
    if (isolated(c, from, 'egress') && !isolated(annotatedOnly, from, 'egress')) return 'unintended';
    if (isolated(c, to, 'ingress') && !isolated(annotatedOnly, to, 'ingress')) return 'unintended';
    const protocol = PROTOCOLS.find((p) => conn.byProtocol[p].length > 0) ?? 'TCP';
    const port = conn.byProtocol[protocol][0]?.from ?? 1;
    const generated = allowedConnections(annotatedOnly, from, to);
    return generated.byProtocol[protocol].some((r) => r.from <= port && r.to >= port) ? 'intended' : 'unintended';
  };

  for (const w of workloads) {
    if (w.kind === 'Pod' || (!w.ingressIsolated && !w.egressIsolated)) continue;
    const self: Endpoint = { kind: 'workload', id: w.id };
    w.peers = formatConnections(allowedConnections(c, self, self));
  }

  const egressReach = c.workloads.map((_, i) => reach(c, c.egressPolicies[i]!, 'egress'));
  const ingressReach = c.workloads.map((_, i) => reach(c, c.ingressPolicies[i]!, 'ingress'));

  const pairs: GPair[] = [];
  let truncated = false;
  const push = (fromKey: NodeKey, toKey: NodeKey, from: Endpoint, to: Endpoint): void => {
    if (pairs.length >= MAX_PAIRS) {
      truncated = true;
      return;
    }
    const conn = allowedConnections(c, from, to);
    if (isEmptyConnectionSet(conn)) return;
    pairs.push({ from: fromKey, to: toKey, conn, intent: intentOf(from, to, conn) });
  };

  for (let i = 0; i < n; i++) {
    const wi = workloads[i]!;
    const ei = egressReach[i];
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const wj = workloads[j]!;
      if (!wi.egressIsolated && !wj.ingressIsolated) continue; // open by default: shown on the nodes
      if (ei && !ei.has(j)) continue;
      const ij = ingressReach[j];
      if (ij && !ij.has(i)) continue;
      push(wi.key, wj.key, { kind: 'workload', id: wi.id }, { kind: 'workload', id: wj.id });
    }
  }
  for (const e of externals) {
    if (e.probe.kind === 'workload') continue; // its pairs are the workload's
    for (const w of workloads) {
      if (w.egressIsolated) push(w.key, e.key, { kind: 'workload', id: w.id }, e.probe);
      if (w.ingressIsolated) push(e.key, w.key, e.probe, { kind: 'workload', id: w.id });
    }
  }

  const byId = new Map(c.workloads.map((w) => [w.id, w]));
  const membersOf = (end: FlowEnd): { key: NodeKey; endpoint: Endpoint; workload?: Workload }[] => {
    switch (end.kind) {
      case 'namespace':
        return c.workloads
          .filter((w) => w.namespace === end.namespace)
          .map((w) => ({ key: workloadKey(w.id), endpoint: { kind: 'workload', id: w.id }, workload: w }));
      case 'workload': {
        const w = byId.get(`${end.namespace}/${end.name}`);
        return w ? [{ key: workloadKey(w.id), endpoint: { kind: 'workload', id: w.id }, workload: w }] : [];
      }
      case 'external':
      case 'cidr': {
        const ext = externals.find((x) => x.key === flowEndKey(end));
        return ext ? [{ key: ext.key, endpoint: ext.probe }] : [];
      }
    }
  };

  const gflows: GFlow[] = flows.map((flow) => {
    let checked = 0;
    let allowed = 0;
    let firstBlocked: GFlow['firstBlocked'];
    const sources = membersOf(flow.from);
    const destinations = membersOf(flow.to);
    for (const s of sources) {
      for (const d of destinations) {
        if (s.key === d.key) continue;
        checked++;
        const conn = allowedConnections(c, s.endpoint, d.endpoint);
        if (portsCovered(conn, flow.ports, d.workload)) allowed++;
        else firstBlocked ??= { from: s.key, to: d.key };
      }
    }
    const state: FlowState = checked === 0 ? 'empty' : allowed === checked ? 'allowed' : allowed === 0 ? 'blocked' : 'partial';
    return { flow, from: flowEndKey(flow.from), to: flowEndKey(flow.to), state, checked, allowed, ...(firstBlocked ? { firstBlocked } : {}) };
  });

  // Pairs and flows of an aliased workload (the DNS pods) attach to its outside node.
  const alias = (k: NodeKey) => aliases.get(k) ?? k;
  for (const p of pairs) {
    p.from = alias(p.from);
    p.to = alias(p.to);
  }
  for (const f of gflows) {
    f.from = alias(f.from);
    f.to = alias(f.to);
    if (f.firstBlocked) f.firstBlocked = { from: alias(f.firstBlocked.from), to: alias(f.firstBlocked.to) };
  }
  for (const ns of namespaces) ns.workloads = ns.workloads.filter((k) => !aliases.has(k));
  return {
    namespaces,
    workloads: workloads.filter((w) => !aliases.has(w.key)),
    externals,
    pairs,
    flows: gflows,
    truncated,
    ms: performance.now() - started,
  };
}

function externalSubtitle(id: string, cidrs: string[], settings: DesignSettings, probe: Endpoint): string {
  switch (id) {
    case 'internet':
      return 'public IPv4 (0.0.0.0/0 minus private, metadata)';
    case 'apiserver':
      return `${settings.apiServer.address}:${settings.apiServer.port}`;
    case 'dns':
      return probe.kind === 'workload' ? `${probe.id} · port 53` : `${settings.dns.namespace} · port 53`;
    default:
      return cidrs.join(' · ');
  }
}

interface BitsLike {
  has(i: number): boolean;
}

/** Workloads some rule of the isolating policies names as a peer; undefined when not isolated. */
function reach(c: CompiledCluster, policies: readonly number[], direction: 'ingress' | 'egress'): BitsLike | undefined {
  if (policies.length === 0) return undefined;
  const rules = policies.flatMap((pi) => c.policies[pi]![direction]);
  if (rules.some((r) => r.allPeers)) return { has: () => true };
  const sets = rules.map((r) => r.peerWorkloads);
  return { has: (i) => sets.some((s) => s.has(i)) };
}

const hasErrors = (diagnostics: readonly Diagnostic[]) => diagnostics.some((d) => d.severity === 'error');

export type AnalyzeResult =
  | { ok: true; analysis: Analysis; text?: string }
  | { ok: false; diagnostics: Diagnostic[] };

export function analyzeText(text: string, fileName: string, settings: DesignSettings): AnalyzeResult {
  const design = loadDesign([{ name: fileName, text }]);
  if (hasErrors(design.diagnostics)) return { ok: false, diagnostics: design.diagnostics };
  const objects = design.manifests.map((m) => m.object);
  return {
    ok: true,
    analysis: { objects, cluster: design.cluster, diagnostics: design.diagnostics, graph: analyzeCluster(objects, design.cluster, settings) },
  };
}

export function analyzeObjects(objects: KubeObject[], settings: DesignSettings, emit: boolean): AnalyzeResult {
  const { cluster, diagnostics } = buildClusterFromObjects(objects);
  const analysis: Analysis = { objects, cluster, diagnostics, graph: analyzeCluster(objects, cluster, settings) };
  return emit ? { ok: true, analysis, text: emitYaml(objects) } : { ok: true, analysis };
}
