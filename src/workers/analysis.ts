// Pure analysis behind the graph: manifest text or objects -> cluster -> compiled engine -> the
// paths the policies allow, classified for the picture. Runs in the analysis worker (and in tests);
// no DOM, no React.
import { allowedConnections, compile, evaluate, formatConnections, isEmptyConnectionSet, parseIp } from '../engine/index.ts';
import type { CompiledCluster, ConnectionSet, Endpoint, Tier } from '../engine/index.ts';
import type { Bitset } from '../engine/bitset.ts';
import { buildClusterFromObjects, contentOrigin, emitYaml, loadDesign, sameExceptRef, type ClusterMemo } from '../model/index.ts';
import {
  PROTOCOLS,
  type AdminAction,
  type ClusterModel,
  type Diagnostic,
  type KubeObject,
  type NetworkPolicy,
  type NetworkPolicyPort,
  type PolicyType,
  type Workload,
} from '../model/types.ts';
import { ANNOTATION_FLOW, effectivePorts, EXTERNAL_NODES, externalEndpoint, listAdminFlows, listFlows } from '../design/index.ts';
import type { AdminFlow } from '../design/index.ts';
import type { DesignSettings, Flow, FlowEnd } from '../design/types.ts';
import { inCluster, withAssumedServices } from '../cluster/assumed/index.ts';
import { parseKubectlManifests } from '../import/manifests.ts';
import { ipKey } from '../engine/compile.ts';
import {
  isAdminPolicyKind,
  isGenerated,
  adminPolicyChip,
  adminRefOf,
  adminRefOfRule,
  byEvaluationOrder,
  decidingAdminStep,
  deniedOutright,
  firstPort,
  forEachAdminDeny,
  reaches,
  forEachBit,
  hasBit,
  rulePortsText,
  tierReach,
  type AdminPolicyChip,
  type AdminRef,
  type AdminTierName,
} from '../analysis/index.ts';

export type { AdminPolicyChip, AdminRef } from '../analysis/index.ts';

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
  /** No NetworkPolicy isolates this direction but a baseline policy selects it: the baseline decides. */
  ingressBaseline: boolean;
  egressBaseline: boolean;
  /** What pods of the same workload may send each other, when a policy isolates them (replicas, peers). */
  peers?: string;
  /** Set for a cluster service the YAML does not declare (src/cluster/assumed): where it comes from. */
  assumed?: string;
}

export interface GNamespace {
  name: string;
  declared: boolean;
  labels: Record<string, string>;
  workloads: NodeKey[];
  /** Cluster-scoped policies whose subject selects pods here (not the cluster-wide ones), in evaluation order. */
  admin: AdminPolicyChip[];
  /** Outside nodes that stand for workloads of this namespace (the cluster DNS pods), by title. */
  drawnApart?: string[];
  /** Set on a node of the overview that stands for every namespace with one label value (src/ui/scale). */
  group?: { label: string; value: string; namespaces: string[] };
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
  /** Set when the node stands for cluster services the YAML does not declare (the assumed DNS pods): where they come from. */
  assumed?: string;
}

export type PairIntent = 'intended' | 'unintended';

/** A path an explicit policy rule allows (paths open only because nothing isolates either end are not listed). */
export interface GPair {
  from: NodeKey;
  to: NodeKey;
  conn: ConnectionSet;
  intent: PairIntent;
  /**
   * The tier that let the path through, judged at its first allowed port: an admin or baseline
   * Allow, a NetworkPolicy rule, or nothing isolating either end (Default).
   */
  tier: Tier;
  /** The admin or baseline rule that allowed it, when that tier decided. */
  admin?: AdminRef;
  /**
   * Set on a pair that stands for several (past MAX_PAIRS): `from`/`to` are then namespace (or
   * outside node) keys and this is how many workload pairs it folds.
   */
  members?: number;
}

/**
 * Connections an admin-tier Deny rule decides (it is their first matching rule), between two
 * namespaces or a namespace and an outside node: guardrails are drawn at namespace level.
 */
export interface GCut {
  /** `ns:` keys, or outside nodes (the DNS pods are their outside node). */
  from: NodeKey;
  to: NodeKey;
  by: AdminRef;
  /** The ports the rule names (`TCP 22, UDP 53`); empty: every port. */
  ports: string;
  /** Workload pairs (and outside ends) it decides between the two. */
  pairs: number;
  /** One of them (node keys of workloads or outside nodes), for the explanation. */
  example: { from: NodeKey; to: NodeKey };
}

/** An admin flow's policy, as the flow list and the edges show it. */
export interface GAdminFlowInfo {
  action: AdminAction;
  priority: number;
  tier: AdminTierName;
  side: PolicyType;
  /** `Kind/name` of its policy. */
  policy: string;
}

export type FlowState = 'allowed' | 'partial' | 'blocked' | 'empty';

export interface GFlow {
  flow: Flow;
  from: NodeKey;
  to: NodeKey;
  /** The ports the flow's policies use (a flow to DNS or the API server without ports: theirs). */
  ports: NetworkPolicyPort[];
  state: FlowState;
  /** Member pairs checked and how many of them allow every port of the flow. */
  checked: number;
  allowed: number;
  /** A blocked member pair, for the explanation. */
  firstBlocked?: { from: NodeKey; to: NodeKey };
  /** Set for a flow made into an admin rule: `allowed` then counts pairs the traffic gets through, whatever the action. */
  admin?: GAdminFlowInfo;
}

export interface GraphData {
  namespaces: GNamespace[];
  workloads: GWorkload[];
  externals: GExternal[];
  pairs: GPair[];
  flows: GFlow[];
  /** Paths admin or baseline Deny rules cut (empty without cluster-scoped policies). */
  cuts: GCut[];
  /** Cluster-scoped policies whose subject is every workload of the design, in evaluation order. */
  clusterAdmin: AdminPolicyChip[];
  /** The design has cluster-scoped policies. */
  hasAdmin: boolean;
  /**
   * More workload pairs are allowed than MAX_PAIRS: past the cap, pairs are kept per namespace pair
   * (GPair.members) and `truncatedNamespaces` are the namespaces whose workloads are drawn as one.
   */
  truncated: boolean;
  truncatedNamespaces: string[];
  ms: number;
}

export interface Analysis {
  objects: KubeObject[];
  cluster: ClusterModel;
  diagnostics: Diagnostic[];
  graph: GraphData;
}

/** Workload pairs listed one by one; more are folded per namespace pair (nothing is dropped). */
export const MAX_PAIRS = 150_000;

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

/**
 * The ports of a flow that mean something at a destination: a named port the pod does not have
 * names nothing there (a flow to a namespace "on metrics" is about the pods with a metrics port).
 * Undefined when the flow names ports and none applies: the pair is not part of the flow.
 */
function applicablePorts(ports: readonly NetworkPolicyPort[], destination: Workload | undefined): readonly NetworkPolicyPort[] | undefined {
  if (!destination || !ports.some((p) => typeof p.port === 'string')) return ports;
  const kept = ports.filter((p) => typeof p.port !== 'string' || destination.ports.some((x) => x.name === p.port && x.protocol === p.protocol));
  return kept.length > 0 ? kept : undefined;
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

export function analyzeCluster(objects: KubeObject[], model: ClusterModel, settings: DesignSettings, maxPairs = MAX_PAIRS): GraphData {
  return analyzeClusterFrom(objects, model, settings, undefined, maxPairs).graph;
}

/**
 * What an analysis keeps for the next one (src/analysis/incremental): enough to tell which paths a
 * change of NetworkPolicies can affect and to reuse the others. Opaque to callers.
 */
export interface AnalysisState {
  /** Everything but the NetworkPolicies and the cluster's elements (compiled.cluster): different, a full analysis. */
  key: string;
  /** The network plugin profile it was compiled for. */
  profile: DesignSettings['profile'];
  /** Per NetworkPolicy of the cluster: its content and whether the designer generated it (see policySignature). */
  policySignatures: number[];
  compiled: CompiledCluster;
  /** The generated NetworkPolicies alone, compiled (intent). */
  annotatedOnly: CompiledCluster;
  hasAdmin: boolean;
  everyPolicyAnnotated: boolean;
  /** The pairs before the cap, in the order the analysis found them, by row (see `PairRow`). */
  rows: (PairRow | undefined)[];
  /** GWorkload.peers by workload index. */
  peers: (string | undefined)[];
  /** The names of the namespaces drawn, sorted. */
  namespaceNames: string[];
  /** The merged folds of rows wholly past the cap, by chunk. */
  foldChunks: Map<number, FoldChunk>;
  /** The workloads as drawn, by index (the next analysis keeps those that did not change). */
  workloads: GWorkload[];
  /**
   * The kept pair behind each listed pair of the graph, in order (the graph's are aliased copies;
   * folded pairs have none): a pair kept from the analysis before is the same object here, which
   * lets the worker send only what changed (src/workers/incremental.ts).
   */
  listed: GPair[];
  /** The order of each listed pair (ascending where the rows were found in order: no admin tiers). */
  listedOrders: number[];
}

/**
 * The pairs of one row, in the order the analysis found them: row i < n holds the pairs out of
 * workload i, row n + x those between outside node x and the workloads. A toggle computes again the
 * rows (and columns) its policies select; the other rows are kept as they are, with their folds.
 */
interface PairRow {
  /** Per pair: workload pairs i * n + j; outside ends n * n + (x * n + i) * 2 + (0 out of i, 1 into i). */
  orders: number[];
  pairs: GPair[];
  /** Some pair has an end drawn as an outside node (the DNS pods): listed pairs are then checked one by one. */
  aliased: boolean;
  /** When every pair of the row is past the cap: its folds, in the order first seen (kept with the row). */
  folds?: Fold[];
}

/** Pairs past the cap with the same ends (fold indices), intent, tier and admin rule, as one pair. */
interface Fold {
  id: string | number;
  from: number;
  to: number;
  pair: GPair;
  /** The connection sets already merged into it (most folded pairs bring one of a few). */
  merged: ConnectionSet[];
}

/** Rows wholly past the cap, by row index, merged as one (see `foldWhole`). */
interface FoldChunk {
  /** Row index / FOLD_CHUNK. */
  index: number;
  rows: PairRow[];
  /** Each row's index. */
  at: number[];
  folds: Fold[];
}

const FOLD_CHUNK = 32;

/** How the last analysis was reused, for tests and measurements. */
export interface ReuseReport {
  reused: boolean;
  /** Workloads whose egress, and whose ingress, the changed policies select. */
  egressAffected: number;
  ingressAffected: number;
}

/**
 * Signatures by policy element (src/model/origin.ts): a toggle keeps thousands of policies, written
 * once. A number per distinct content (twice it, plus one when generated): comparing thousands of
 * long strings after every toggle cost more than the change.
 */
const signatures = new WeakMap<NetworkPolicy, number>();
const signatureIds = new Map<string, number>();
const policySignature = (p: NetworkPolicy, generated: boolean): number => {
  const origin = contentOrigin(p);
  let id = signatures.get(origin);
  if (id === undefined) {
    const text = JSON.stringify([p.namespace, p.name, p.podSelector, p.policyTypes, p.ingress, p.egress]);
    id = signatureIds.get(text);
    if (id === undefined) signatureIds.set(text, (id = signatureIds.size));
    signatures.set(origin, id);
  }
  return id * 2 + (generated ? 1 : 0);
};

/** Two lists of model elements with the same content, references into the manifest list aside. */
const sameElements = <T extends object>(a: readonly T[], b: readonly T[]): boolean => {
  if (a.length !== b.length) return false;
  // Mostly the same elements (the build keeps them): identity first, content only where it differs.
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameExceptRef(a[i]!, b[i]!)) return false;
  return true;
};

/**
 * The analysis, reusing `previous` where a change of NetworkPolicies cannot have changed a path:
 * a NetworkPolicy decides the egress of the pods it selects and the ingress of the pods it selects
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource:
 * "podSelector: each NetworkPolicy includes a podSelector which selects the grouping of pods to
 * which the policy applies"; a connection needs the source's egress and the destination's ingress
 * to allow it), so a pair whose source egress and destination ingress no changed policy selects
 * keeps its connections. Anything else that changed (workloads, namespaces, settings, admin
 * policies, drawn flows to new addresses) makes it a full analysis. The result equals
 * `analyzeCluster` (src/analysis/incremental/incremental.test.ts checks random change sequences).
 */
export function analyzeClusterFrom(
  objects: KubeObject[],
  model: ClusterModel,
  settings: DesignSettings,
  previous: AnalysisState | undefined,
  maxPairs = MAX_PAIRS,
): { graph: GraphData; state: AnalysisState; reuse: ReuseReport } {
  const started = performance.now();
  // Idempotent: callers usually pass the model in the cluster already (analyzeText, analyzeObjects).
  const cluster = withAssumedServices(model, settings);
  // What compiling depends on besides the NetworkPolicies (references into the manifest list aside:
  // an object added before others moves them without changing them). Compared element by element,
  // by identity where the cluster build kept them (src/model/origin.ts).
  const before = previous?.compiled.cluster;
  const sameCluster = previous !== undefined && before !== undefined && previous.profile === settings.profile &&
    sameElements(before.workloads, cluster.workloads) && sameElements(before.namespaces, cluster.namespaces) && sameElements(before.nodes, cluster.nodes);
  const c = compile(cluster, { profile: settings.profile, ...(sameCluster ? { reuse: previous.compiled } : {}) });
  const n = c.workloads.length;
  const baselineHas = (i: number, direction: 'ingress' | 'egress') =>
    c.admin.baselineFor[i]!.some((pi) => c.admin.policies[pi]![direction].length > 0);

  // The workloads as drawn before, when their elements and isolation are the same: a toggle keeps
  // nearly all of 5,000 (their peers are set below, on a copy if they are computed again).
  const drawnBefore = sameCluster ? previous.workloads : undefined;
  const workloads: GWorkload[] = c.workloads.map((w, i) => {
    const ingressIsolated = c.ingressPolicies[i]!.length > 0;
    const egressIsolated = c.egressPolicies[i]!.length > 0;
    const ingressBaseline = !ingressIsolated && baselineHas(i, 'ingress');
    const egressBaseline = !egressIsolated && baselineHas(i, 'egress');
    const known = drawnBefore?.[i];
    if (known && known.ingressIsolated === ingressIsolated && known.egressIsolated === egressIsolated && known.ingressBaseline === ingressBaseline && known.egressBaseline === egressBaseline) return known;
    return {
      key: workloadKey(w.id),
      id: w.id,
      namespace: w.namespace,
      name: w.name,
      kind: w.kind,
      labels: { ...w.labels },
      ports: w.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.protocol} ${p.containerPort}`),
      ingressIsolated,
      egressIsolated,
      ingressBaseline,
      egressBaseline,
      ...(w.assumed ? { assumed: w.assumed.source } : {}),
    };
  });

  // Cluster-scoped policies as chips: on every namespace their subject reaches, or once for the
  // whole cluster when the subject is every workload.
  const nsAdmin = new Map<string, AdminPolicyChip[]>();
  const clusterAdmin: AdminPolicyChip[] = [];
  c.admin.policies.forEach((p, pi) => {
    const reached = new Set<string>();
    let count = 0;
    c.workloads.forEach((w, i) => {
      if (p.subject.has(i)) {
        reached.add(w.namespace);
        count++;
      }
    });
    const chip = adminPolicyChip(c, pi, objects);
    if (n > 0 && count === n) clusterAdmin.push(chip);
    else for (const ns of reached) nsAdmin.set(ns, [...(nsAdmin.get(ns) ?? []), chip]);
  });
  clusterAdmin.sort(byEvaluationOrder);

  // The same workloads and namespaces: the same names (a toggle keeps them).
  const namespaceNames = sameCluster ? previous.namespaceNames : [...new Set([...cluster.namespaces.map((ns) => ns.name), ...c.workloads.map((w) => w.namespace)])].sort();
  const namespaceModels = new Map<string, (typeof cluster.namespaces)[number]>();
  for (const ns of cluster.namespaces) if (!namespaceModels.has(ns.name)) namespaceModels.set(ns.name, ns);
  const workloadsIn = new Map<string, NodeKey[]>();
  for (const w of workloads) {
    const list = workloadsIn.get(w.namespace);
    if (list) list.push(w.key);
    else workloadsIn.set(w.namespace, [w.key]);
  }
  const namespaces: GNamespace[] = namespaceNames.map((name) => {
    const model = namespaceModels.get(name);
    return {
      name,
      declared: model?.declared ?? false,
      labels: { ...(model?.labels ?? {}) },
      workloads: workloadsIn.get(name) ?? [],
      admin: (nsAdmin.get(name) ?? []).sort(byEvaluationOrder),
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
  const assumedById = new Map(cluster.workloads.filter((w) => w.assumed).map((w) => [w.id, w.assumed!.source]));
  for (const e of externals) {
    if (e.probe.kind !== 'workload') continue;
    aliases.set(workloadKey(e.probe.id), e.key);
    const assumed = assumedById.get(e.probe.id);
    if (assumed !== undefined) e.assumed = assumed;
  }
  // NodeLocal DNSCache: the DNS node is the node-local address, and the DNS pods behind it are the cluster's.
  if (settings.nodeLocalDns) for (const e of externals) if (e.id === 'dns') e.assumed = 'Settings: NodeLocal DNSCache on every node';
  const alias = (k: NodeKey) => aliases.get(k) ?? k;

  const flows = listFlows(objects);
  const adminFlows = listAdminFlows(objects);
  for (const f of [...flows, ...adminFlows]) {
    for (const end of [f.from, f.to]) {
      if (end.kind === 'cidr' && !externals.some((e) => e.key === flowEndKey(end))) {
        externals.push({ key: flowEndKey(end), id: end.cidr, title: end.cidr, subtitle: end.except?.length ? `except ${end.except.join(', ')}` : 'address block', description: 'Address block', probe: { kind: 'ip', ip: cidrProbeIp(end.cidr) } });
      }
    }
  }

  // What the paths depend on besides the NetworkPolicies (references into the manifest list aside:
  // an object added before others moves them without changing them).
  const stateKey = JSON.stringify([maxPairs, settings, externals.map((e) => [e.key, e.probe])]);
  const sameInputs = sameCluster && sameElements(before.services, cluster.services) && previous.key === stateKey;

  // The NetworkPolicies alone: what every pair no admin or baseline rule reaches is decided by
  // (the engine skips the tier walk there, so this is the faster question).
  const npOnly = cluster.adminPolicies.length > 0 ? compile({ ...cluster, adminPolicies: [] }, { profile: settings.profile }) : c;

  // Which policies the designer generated (toggles, drawn flows): what they allow was intended.
  const annotated = cluster.policies.map((p) => isGenerated(objects[p.ref.manifest]));
  const everyPolicyAnnotated = annotated.every(Boolean);
  const hasAdmin = cluster.adminPolicies.length > 0;
  const policySignatures = cluster.policies.map((p, i) => policySignature(p, annotated[i]!));
  const reuse = sameInputs && !hasAdmin && !previous.hasAdmin && previous.everyPolicyAnnotated === everyPolicyAnnotated ? previous : undefined;
  // Workloads whose egress (ingress) a policy that is new, gone or changed selects.
  const egressAffected = new Uint8Array(n);
  const ingressAffected = new Uint8Array(n);
  if (reuse) {
    const mark = (compiled: CompiledCluster, index: number) => {
      const cp = compiled.policies[index]!;
      for (let i = 0; i < n; i++) {
        if (!cp.selected.has(i)) continue;
        if (cp.isolatesEgress) egressAffected[i] = 1;
        if (cp.isolatesIngress) ingressAffected[i] = 1;
      }
    };
    const count = new Map<number, number>();
    for (const sig of policySignatures) count.set(sig, (count.get(sig) ?? 0) + 1);
    for (const sig of reuse.policySignatures) count.set(sig, (count.get(sig) ?? 0) - 1);
    // A signature counted more (fewer) times now is new (gone): its policy's pods are affected.
    const left = new Map(count);
    policySignatures.forEach((sig, i) => {
      const k = left.get(sig)!;
      if (k > 0) {
        mark(c, i);
        left.set(sig, k - 1);
      }
    });
    reuse.policySignatures.forEach((sig, i) => {
      const k = left.get(sig)!;
      if (k < 0) {
        mark(reuse.compiled, i);
        left.set(sig, k + 1);
      }
    });
  }
  const affected = (i: number) => egressAffected[i]! === 1 || ingressAffected[i]! === 1;
  const reuseReport: ReuseReport = {
    reused: reuse !== undefined,
    egressAffected: reuse ? egressAffected.reduce((a, b) => a + b, 0) : n,
    ingressAffected: reuse ? ingressAffected.reduce((a, b) => a + b, 0) : n,
  };

  // A path is intended when, in each direction a policy isolates, a generated policy allows it. Asked
  // of a cluster with only the generated NetworkPolicies: one connection computation per path, not a
  // full explanation. (A direction isolated only by hand-written policies is open there: not intended.)
  const annotatedOnly = everyPolicyAnnotated
    ? npOnly
    : compile(
        { ...cluster, adminPolicies: [], policies: cluster.policies.filter((_, i) => annotated[i]) },
        { profile: settings.profile, ...(sameCluster ? { reuse: previous.annotatedOnly } : {}) },
      );
  const isolated = (cc: CompiledCluster, e: Endpoint, direction: 'ingress' | 'egress'): boolean => {
    if (e.kind !== 'workload') return false;
    const i = c.workloadIndex.get(e.id);
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

  // Admin and baseline rules change only the pairs their (non-Pass) rules reach: those pairs are
  // evaluated in full, unless a rule denies them outright.
  const tiers = tierReach(c);

  for (let i = 0; i < n; i++) {
    let w = workloads[i]!;
    if (reuse && !affected(i)) {
      const known = reuse.peers[i];
      if (known !== w.peers) w = workloads[i] = { ...w, peers: known };
      if (known === undefined) delete w.peers;
      continue;
    }
    // Computed again: never on the object the last graph holds.
    if (w === drawnBefore?.[i]) {
      const { peers: _, ...rest } = w;
      w = workloads[i] = rest;
    }
    const selfTouched = hasBit(tiers.egressPeers[i], i) || hasBit(tiers.ingressPeers[i], i);
    if (w.kind === 'Pod' || (!w.ingressIsolated && !w.egressIsolated && !selfTouched)) continue;
    const self: Endpoint = { kind: 'workload', id: w.id };
    // Its replicas reaching each other (scaled up some day), not the loopback every pod has.
    w.peers = formatConnections(allowedConnections(selfTouched ? c : npOnly, self, self, { loopback: false }));
  }

  // Candidate destinations per source as bitset words: a pair is worth computing only when some
  // rule of each isolating side names the other end (or the tiers reach it). Word-level scans keep
  // the n x n walk cheap; the connection itself is computed once per distinct combination of
  // matching rules (see pairClass), not once per pair.
  const words = (n + 31) >>> 5;
  const everyone = new Uint32Array(words).fill(0xffffffff);
  // The union of a workload's rule peers, per direction: computed when first needed (an
  // incremental analysis needs those of few workloads).
  // Workloads isolated by the same policies share one union (the pods of an app: 20,000 workloads
  // of a dump have a few thousand distinct lists); unions are read, never changed.
  const unionOf = (direction: 'ingress' | 'egress') => {
    const cache: (Uint32Array | undefined | null)[] = new Array(n).fill(null);
    const byPolicies = new Map<string, Uint32Array | undefined>();
    return (i: number): Uint32Array | undefined => {
      let u = cache[i];
      if (u === null) {
        const policies = (direction === 'egress' ? c.egressPolicies : c.ingressPolicies)[i]!;
        const key = policies.join(',');
        if (byPolicies.has(key)) u = byPolicies.get(key);
        else byPolicies.set(key, (u = ruleUnion(c, policies, direction, words, everyone)));
        cache[i] = u;
      }
      return u;
    };
  };
  const egressUnionOf = unionOf('egress');
  const ingressUnionOf = unionOf('ingress');

  // Transposed ingress: for each source i, the destinations whose ingress is open to it (not
  // isolated, or some rule of their isolating policies names i). Only the full analysis walks it.
  const ingressOpenTo = reuse ? [] : Array.from({ length: n }, () => new Uint32Array(words));
  const ingressNotIsolated = new Uint32Array(words);
  // Destinations sharing a union are set together: each source in it gets their bits as words.
  const sharing = new Map<Uint32Array, Uint32Array>();
  for (let j = 0; j < n && !reuse; j++) {
    const u = ingressUnionOf(j);
    if (!u) {
      ingressNotIsolated[j >>> 5]! |= 1 << (j & 31);
      continue;
    }
    let members = sharing.get(u);
    if (!members) sharing.set(u, (members = new Uint32Array(words)));
    members[j >>> 5]! |= 1 << (j & 31);
  }
  for (const [u, members] of sharing) {
    let from = 0;
    while (from < words && members[from] === 0) from++;
    let to = words;
    while (to > from && members[to - 1] === 0) to--;
    forEachSetBit(u, n, (i) => {
      const row = ingressOpenTo[i]!;
      for (let k = from; k < to; k++) row[k]! |= members[k]!;
    });
  }
  // Per workload, worked out when first asked (a toggle asks about few): its rules and the classes
  // below. Class numbers only need to agree within one analysis.
  const egressRulesOf = lazyList(n, (i) => c.egressPolicies[i]!.flatMap((pi) => c.policies[pi]!.egress));
  const ingressRulesOf = lazyList(n, (j) => c.ingressPolicies[j]!.flatMap((pi) => c.policies[pi]!.ingress));
  const signature = (policies: readonly number[], extra: string) => `${policies.join(',')}/${extra}`;
  const sourceClassIds = new Map<string, number>();
  const destinationClassIds = new Map<string, number>();
  const sourceClass = lazyList(n, (i) => classId(sourceClassIds, signature(c.egressPolicies[i]!, '')));
  const destinationClass = lazyList(n, (j) => classId(destinationClassIds, signature(c.ingressPolicies[j]!, portsKey(c.workloads[j]!))));
  /** Which of the rules name the workload, as a string of bits (rules beyond 30 need more than one number). */
  const matching = (rules: readonly { allPeers: boolean; peerWorkloads: { has(i: number): boolean } }[], other: number): string => {
    let out = '';
    let mask = 0;
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r]!;
      if (rule.allPeers || rule.peerWorkloads.has(other)) mask |= 1 << (r % 30);
      if (r % 30 === 29) {
        out += `${mask}.`;
        mask = 0;
      }
    }
    return out + mask;
  };
  /**
   * What decides the NetworkPolicy connections from i to j: the policies isolating each side, which
   * of their rules name the other end, and the destination's ports (named ports resolve there). Two
   * pairs with the same key have the same connections and intent
   * (https://kubernetes.io/docs/concepts/services-networking/network-policies/: a connection is
   * allowed when an egress rule of the source's policies and an ingress rule of the destination's
   * policies both allow it; a rule's named ports are resolved on the destination pod).
   */
  const pairClass = (i: number, j: number): string =>
    `${sourceClass(i)}:${matching(egressRulesOf(i), j)}|${destinationClass(j)}:${matching(ingressRulesOf(j), i)}`;
  const connMemo = new Map<string, { conn: ConnectionSet; intent: PairIntent } | null>();

  /**
   * Keeps a pair: as itself while the list is below the cap, else folded into one pair per
   * namespace (or outside node) pair, intent and tier, whose namespaces are then drawn collapsed.
   * Nothing is dropped: past the cap the graph is coarser, not smaller.
   */
  const TIERS: readonly Tier[] = ['NetworkPolicy', 'Admin', 'Baseline', 'Default'];
  // Ends by index (workloads, then outside nodes), read off a pair's order: at 5,000 pods a toggle
  // keeps 280,000 pairs, and per-pair lookups of node keys were the larger part of its analysis.
  const nodeCount = n + externals.length;
  const aliasedNode = new Uint8Array(nodeCount);
  /** Where a node folds past the cap: its namespace, or the outside node (the DNS pods are drawn as theirs). */
  const foldOfNode = new Int32Array(nodeCount);
  const foldKeys: NodeKey[] = [];
  const foldNamespaces: (string | undefined)[] = [];
  {
    const foldIds = new Map<NodeKey, number>();
    const foldId = (key: NodeKey, namespace: string | undefined) => {
      let id = foldIds.get(key);
      if (id === undefined) {
        foldIds.set(key, (id = foldKeys.length));
        foldKeys.push(key);
        foldNamespaces.push(namespace);
      }
      return id;
    };
    // By namespace: 22,000 workloads at 20,000 pods are in 400 namespaces (a key string each was the cost).
    const namespaceFold = new Map<string, number>();
    workloads.forEach((w, i) => {
      const shownAt = aliases.size > 0 ? aliases.get(w.key) : undefined;
      aliasedNode[i] = shownAt === undefined ? 0 : 1;
      if (shownAt !== undefined) foldOfNode[i] = foldId(shownAt, undefined);
      else {
        let id = namespaceFold.get(w.namespace);
        if (id === undefined) namespaceFold.set(w.namespace, (id = foldId(namespaceKey(w.namespace), w.namespace)));
        foldOfNode[i] = id;
      }
    });
    externals.forEach((e, x) => {
      foldOfNode[n + x] = foldId(e.key, undefined);
    });
  }
  const foldCount = foldKeys.length;
  const foldTruncated = new Uint8Array(foldCount);
  const nn = n * n;
  const workloadOrder = (i: number, j: number) => i * n + j;
  const externalOrder = (x: number, i: number, into: boolean) => nn + (x * n + i) * 2 + (into ? 1 : 0);
  const rowOf = (order: number) => (order < nn ? Math.floor(order / n) : n + Math.floor((order - nn) / (2 * n)));
  /** The node indices of a pair's ends (workloads, then outside nodes). */
  const ends = (order: number): [number, number] => {
    if (order < nn) {
      const a = Math.floor(order / n);
      return [a, order - a * n];
    }
    const rest = order - nn;
    const x = Math.floor(rest / (2 * n));
    const i = Math.floor(rest / 2) - x * n;
    return rest % 2 === 0 ? [i, n + x] : [n + x, i];
  };
  const isAliased = (order: number) => {
    const [a, b] = ends(order);
    return aliasedNode[a] === 1 || aliasedNode[b] === 1;
  };
  /** The folds of a row's pairs from `start` on. */
  const foldRow = (row: PairRow, start: number): Fold[] => {
    const folds = new Map<string | number, Fold>();
    for (let k = start; k < row.pairs.length; k++) {
      const p = row.pairs[k]!;
      const [a, b] = ends(row.orders[k]!);
      const from = foldOfNode[a]!;
      const to = foldOfNode[b]!;
      // A number for the usual fold (no admin rule): string keys of this many pairs cost more than the rest.
      const id = p.admin === undefined
        ? ((from * foldCount + to) * 2 + (p.intent === 'intended' ? 1 : 0)) * 4 + TIERS.indexOf(p.tier)
        : `${foldKeys[from]}|${foldKeys[to]}|${p.intent}|${p.tier}|${p.admin.policy}`;
      const known = folds.get(id);
      if (known) mergeInto(known, p.conn, 1);
      else folds.set(id, { id, from, to, pair: { ...p, from: foldKeys[from]!, to: foldKeys[to]!, members: 1 }, merged: [p.conn] });
    }
    return [...folds.values()];
  };
  const mergeInto = (fold: Fold, conn: ConnectionSet, members: number) => {
    fold.pair.members = (fold.pair.members ?? 1) + members;
    if (fold.merged.includes(conn)) return;
    fold.pair.conn = mergeConnections(fold.pair.conn, conn);
    if (fold.merged.length < 8) fold.merged.push(conn);
  };
  /** Every fold of the graph, in the order first seen (a row's folds are copied: the row may be kept). */
  const aggregated = new Map<string | number, Fold>();
  /** Merges folds into `into`, copying a fold first seen (the folds merged may be kept). */
  const mergeFolds = (into: Map<string | number, Fold>, folds: readonly Fold[]) => {
    for (const f of folds) {
      const known = into.get(f.id);
      if (known) mergeInto(known, f.pair.conn, f.pair.members ?? 1);
      else into.set(f.id, { ...f, pair: { ...f.pair }, merged: [...f.merged] });
    }
  };
  const addFolds = (folds: readonly Fold[]) => {
    for (const f of folds) {
      foldTruncated[f.from] = 1;
      foldTruncated[f.to] = 1;
    }
    mergeFolds(aggregated, folds);
  };
  /**
   * Rows wholly past the cap are merged FOLD_CHUNK at a time (by row index), and a chunk whose rows
   * are the same row objects as in the last analysis keeps its merged folds: at 5,000 pods 130,000
   * pairs are folded, and a toggle touches the rows of few chunks. A full analysis merges the same
   * chunks the same way, so both give the same folds.
   */
  const chunks = new Map<number, FoldChunk>();
  let pendingChunk: FoldChunk | undefined;
  const closeChunk = () => {
    const chunk = pendingChunk;
    if (!chunk) return;
    pendingChunk = undefined;
    const before = reuse?.foldChunks.get(chunk.index);
    const same = before !== undefined && before.rows.length === chunk.rows.length && before.rows.every((row, k) => row === chunk.rows[k] && before.at[k] === chunk.at[k]);
    if (same) chunk.folds = before.folds;
    else {
      const merged = new Map<string | number, Fold>();
      for (const row of chunk.rows) mergeFolds(merged, (row.folds ??= foldRow(row, 0)));
      chunk.folds = [...merged.values()];
    }
    chunks.set(chunk.index, chunk);
    addFolds(chunk.folds);
  };
  const foldWhole = (r: number, row: PairRow) => {
    const index = Math.floor(r / FOLD_CHUNK);
    if (pendingChunk && pendingChunk.index !== index) closeChunk();
    pendingChunk ??= { index, rows: [], at: [], folds: [] };
    pendingChunk.rows.push(row);
    pendingChunk.at.push(r);
  };
  let truncated = false;
  /** Pairs listed as copies (an end drawn as an outside node): their ends are renamed below. */
  const copies: GPair[] = [];
  // The listed pairs are the first pairs of the rows in order, up to the cap: the rows' lists are
  // joined at the end (a toggle lists 150,000 kept pairs again; one push each cost more than the change).
  let listedCount = 0;
  const listedParts: GPair[][] = [];
  const orderParts: number[][] = [];
  /** Rows with an end drawn as an outside node, and where their pairs start in the list. */
  const aliasedRows: { row: PairRow; count: number; at: number }[] = [];
  const listRow = (row: PairRow, count: number) => {
    const whole = count === row.pairs.length;
    listedParts.push(whole ? row.pairs : row.pairs.slice(0, count));
    orderParts.push(whole ? row.orders : row.orders.slice(0, count));
    if (row.aliased) aliasedRows.push({ row, count, at: listedCount });
    listedCount += count;
  };
  const keep = (r: number, row: PairRow): void => {
    const room = maxPairs - listedCount;
    if (row.pairs.length <= room) {
      listRow(row, row.pairs.length);
      return;
    }
    truncated = true;
    if (room > 0) {
      listRow(row, room);
      addFolds(foldRow(row, room));
      return;
    }
    foldWhole(r, row);
  };
  /** The pairs found, by row (kept for the next analysis). */
  let rows: (PairRow | undefined)[] = [];
  const add = (order: number, pair: GPair) => {
    const r = rowOf(order);
    let row = rows[r];
    if (!row) rows[r] = row = { orders: [], pairs: [], aliased: false };
    row.orders.push(order);
    row.pairs.push(pair);
    if (isAliased(order)) row.aliased = true;
  };
  /** A pair only NetworkPolicies decide (no admin or baseline rule reaches it): listed when some policy allows it. */
  const push = (order: number, fromKey: NodeKey, toKey: NodeKey, from: Endpoint, to: Endpoint, classKey?: string): void => {
    if (classKey !== undefined) {
      let known = connMemo.get(classKey);
      if (known === undefined) {
        const conn = allowedConnections(npOnly, from, to);
        known = isEmptyConnectionSet(conn) ? null : { conn, intent: intentOf(from, to, conn) };
        connMemo.set(classKey, known);
      }
      if (known) add(order, { from: fromKey, to: toKey, conn: known.conn, intent: known.intent, tier: 'NetworkPolicy' });
      return;
    }
    const conn = allowedConnections(npOnly, from, to);
    if (isEmptyConnectionSet(conn)) return;
    add(order, { from: fromKey, to: toKey, conn, intent: intentOf(from, to, conn), tier: 'NetworkPolicy' });
  };
  /** A pair admin or baseline rules reach: which tier lets it through, if any. */
  const pushTiered = (order: number, fromKey: NodeKey, toKey: NodeKey, from: Endpoint, to: Endpoint): void => {
    const conn = allowedConnections(c, from, to);
    const port = firstPort(conn);
    if (!port) return;
    const v = evaluate(c, { from, to, ...port });
    const decided = [v.egress, v.ingress];
    const step = decided.map(decidingAdminStep).find((s) => s !== undefined);
    const admin = step && adminRefOf(step, objects);
    if (admin) {
      add(order, { from: fromKey, to: toKey, conn, intent: admin.generated ? 'intended' : 'unintended', tier: admin.tier, admin });
      return;
    }
    // Open by default at both ends: shown on the nodes, like pairs without any policy.
    if (decided.every((d) => d.decidedBy === 'Default')) return;
    add(order, { from: fromKey, to: toKey, conn, intent: intentOf(from, to, conn), tier: 'NetworkPolicy' });
  };
  const pushPair = (i: number, j: number) => {
    const wi = workloads[i]!;
    const wj = workloads[j]!;
    push(workloadOrder(i, j), wi.key, wj.key, { kind: 'workload', id: wi.id }, { kind: 'workload', id: wj.id }, pairClass(i, j));
  };
  const externalBytes = externals.map((e) => (e.probe.kind === 'ip' ? parseIp(e.probe.ip) : undefined));

  if (reuse) {
    // Only the rows of sources whose egress changed and the columns of destinations whose ingress
    // changed are computed again (no admin tiers here: see `reuse`).
    const ingressChanged: number[] = [];
    for (let j = 0; j < n; j++) if (ingressAffected[j]) ingressChanged.push(j);
    // `candidate` asked of every pair of a changed row or column walked all n unions; the same
    // answer comes from the policies (whose rules name the other end) as bit sets, one per row or
    // column computed again.
    const egressOpen = notIsolated(c.egressPolicies, words);
    const ingressOpen = notIsolated(c.ingressPolicies, words);
    /** Per changed column j: the rows i for which candidate(i, j). */
    const admitting = new Map<number, Uint32Array>();
    selectedNamingEach(c, 'egress', ingressChanged, words, (j, egressTo) => {
      const ingress = ingressUnionOf(j);
      for (let k = 0; k < words; k++) egressTo[k] = ingress ? ingress[k]! & (egressOpen[k]! | egressTo[k]!) : egressTo[k]! & ~egressOpen[k]!;
      admitting.set(j, egressTo);
    });
    const egressChanged: number[] = [];
    for (let i = 0; i < n; i++) if (egressAffected[i]) egressChanged.push(i);
    selectedNamingEach(c, 'ingress', egressChanged, words, (i, admits) => {
      // The destinations whose ingress lets i in: open ones, or isolated ones naming i.
      const egress = egressUnionOf(i);
      for (let k = 0; k < words; k++) admits[k] = egress ? egress[k]! & (ingressOpen[k]! | admits[k]!) : admits[k]! & ~ingressOpen[k]!;
      forEachSetBit(admits, n, (j) => j !== i && pushPair(i, j));
    });
    // The other rows' pairs into changed columns, column by column: a row's pairs still come in
    // ascending order (rows are kept apart, see `add`).
    for (const j of ingressChanged) forEachSetBit(admitting.get(j)!, n, (i) => i !== j && !egressAffected[i] && pushPair(i, j));
    externals.forEach((e, x) => {
      const bytes = externalBytes[x];
      if (e.probe.kind === 'workload' || !bytes) return;
      const memo = !npOnly.ipOwner.has(ipKey(bytes));
      for (let i = 0; i < n; i++) {
        const w = workloads[i]!;
        const self: Endpoint = { kind: 'workload', id: w.id };
        if (egressAffected[i] && w.egressIsolated) push(externalOrder(x, i, false), w.key, e.key, self, e.probe, memo ? `x${x}>${sourceClass(i)}` : undefined);
        if (ingressAffected[i] && w.ingressIsolated) push(externalOrder(x, i, true), e.key, w.key, e.probe, self, memo ? `x${x}<${destinationClass(i)}` : undefined);
      }
    });
    // The previous rows: kept where no change touched them, else their untouched pairs merged in
    // order with the new ones.
    const fresh = rows;
    rows = new Array<PairRow | undefined>(n + externals.length);
    const touched = (order: number): boolean => {
      if (order < nn) return ingressAffected[order % n] === 1;
      const rest = order - nn;
      const i = Math.floor(rest / 2) % n;
      return rest % 2 === 0 ? egressAffected[i] === 1 : ingressAffected[i] === 1;
    };
    for (let r = 0; r < n + externals.length; r++) {
      const before = reuse.rows[r];
      const now = fresh[r];
      // A source whose egress changed: each of its pairs was computed again.
      const wholeRow = r < n && egressAffected[r] === 1;
      if (!before || (r < n && !wholeRow && !now && !pairsInto(before, r * n, ingressChanged))) {
        rows[r] = before ?? now;
        continue;
      }
      // The untouched pairs and the new ones, in order. A pair computed again the same as before
      // keeps its object, and a row that comes out the same is kept whole (with its folds): most
      // rows a toggle touches keep their pairs, and kept pairs are not sent to the page again.
      // Made at the first difference, from the row before up to there (until then it is the same).
      let merged: PairRow | undefined;
      const change = (k: number): PairRow => (merged ??= { orders: before.orders.slice(0, k), pairs: before.pairs.slice(0, k), aliased: before.aliased || (now?.aliased ?? false) });
      let f = 0;
      const count = before.orders.length;
      for (let k = 0; k < count; k++) {
        const order = before.orders[k]!;
        while (now && f < now.orders.length && now.orders[f]! < order) {
          const m = change(k);
          m.orders.push(now.orders[f]!);
          m.pairs.push(now.pairs[f++]!);
        }
        if (wholeRow || touched(order)) {
          if (now && f < now.orders.length && now.orders[f] === order && samePair(now.pairs[f]!, before.pairs[k]!)) {
            f++;
            if (!merged) continue;
          } else {
            change(k);
            continue;
          }
        }
        if (merged) {
          merged.orders.push(order);
          merged.pairs.push(before.pairs[k]!);
        }
      }
      while (now && f < now.orders.length) {
        const m = change(count);
        m.orders.push(now.orders[f]!);
        m.pairs.push(now.pairs[f++]!);
      }
      rows[r] = !merged ? before : merged.orders.length > 0 ? merged : undefined;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const wi = workloads[i]!;
      const egressPeers = tiers.egressPeers[i];
      const egressDenied = tiers.egressDenied[i];
      const from: Endpoint = { kind: 'workload', id: wi.id };
      // Tier-reached pairs first: any destination an admin or baseline rule reaches, in either direction.
      if (tiers.any) {
        for (let j = 0; j < n; j++) {
          if (i === j) continue;
          if (!hasBit(egressPeers, j) && !hasBit(tiers.ingressPeers[j], i)) continue;
          if (hasBit(egressDenied, j) || hasBit(tiers.ingressDenied[j], i)) continue;
          const wj = workloads[j]!;
          pushTiered(workloadOrder(i, j), wi.key, wj.key, from, { kind: 'workload', id: wj.id });
        }
      }
      // Destinations whose ingress lets i in; when i's egress is open, only isolated ones are drawn.
      const egress = egressUnionOf(i);
      const open = ingressOpenTo[i]!;
      for (let k = 0; k < words; k++) {
        let bits = egress ? egress[k]! & (open[k]! | ingressNotIsolated[k]!) : open[k]!;
        while (bits !== 0) {
          const low = bits & -bits;
          bits ^= low;
          const j = (k << 5) + 31 - Math.clz32(low);
          if (j >= n || j === i) continue;
          if (tiers.any && (hasBit(egressPeers, j) || hasBit(tiers.ingressPeers[j], i))) continue; // done above
          pushPair(i, j);
        }
      }
    }
    externals.forEach((e, x) => {
      const bytes = externalBytes[x];
      if (e.probe.kind === 'workload' || !bytes) return; // its pairs are the workload's
      const address = { kind: 'ip', bytes } as const;
      // An address no pod has: what reaches it depends on the workload's own policies only.
      const memo = !npOnly.ipOwner.has(ipKey(bytes));
      for (let i = 0; i < n; i++) {
        const w = workloads[i]!;
        const self: Endpoint = { kind: 'workload', id: w.id };
        const out = externalOrder(x, i, false);
        const into = externalOrder(x, i, true);
        if (tiers.any && reaches(tiers.egress[i]!, address)) {
          if (!deniedOutright(c, i, 'egress', address)) pushTiered(out, w.key, e.key, self, e.probe);
        } else if (w.egressIsolated) push(out, w.key, e.key, self, e.probe, memo ? `x${x}>${sourceClass(i)}` : undefined);
        if (tiers.any && reaches(tiers.ingress[i]!, address)) {
          if (!deniedOutright(c, i, 'ingress', address)) pushTiered(into, e.key, w.key, e.probe, self);
        } else if (w.ingressIsolated) push(into, e.key, w.key, e.probe, self, memo ? `x${x}<${destinationClass(i)}` : undefined);
      }
    });
  }
  // The cap applies to the list in order.
  rows.forEach((row, r) => row && keep(r, row));
  closeChunk();
  const listed = joined(listedParts);
  const listedOrders = joined(orderParts);
  const pairs = listed.slice();
  for (const { row, count, at } of aliasedRows) {
    for (let k = 0; k < count; k++) {
      // A copy where an end is aliased below: the pair itself may be kept for the next analysis.
      if (!isAliased(row.orders[k]!)) continue;
      const copy = { ...row.pairs[k]! };
      copies.push(copy);
      pairs[at + k] = copy;
    }
  }

  // Admin denies, aggregated per namespace (or outside node) pair and rule.
  const cutGroups = new Map<string, GCut>();
  if (c.admin.policies.length > 0) {
    const nodeKeys = c.workloads.map((w) => alias(workloadKey(w.id)));
    // Groups: namespaces (or the outside node a workload is shown as), then the outside nodes.
    const groupKeys: NodeKey[] = [];
    const groupIndex = new Map<NodeKey, number>();
    const indexOfGroup = (k: NodeKey) => {
      let g = groupIndex.get(k);
      if (g === undefined) groupIndex.set(k, (g = groupKeys.push(k) - 1));
      return g;
    };
    const workloadGroup = c.workloads.map((w, i) => indexOfGroup(nodeKeys[i]!.startsWith('wl:') ? namespaceKey(w.namespace) : nodeKeys[i]!));
    const externalGroup = externals.map((e) => indexOfGroup(e.key));
    const counts = new Int32Array(groupKeys.length);
    const examples = new Int32Array(groupKeys.length);
    forEachAdminDeny(c, externalBytes, (m) => {
      counts.fill(0);
      forEachBit(m.workloads, n, (j) => {
        const g = workloadGroup[j]!;
        if (counts[g]! === 0) examples[g] = j;
        counts[g]!++;
      });
      for (const x of m.externals) {
        counts[externalGroup[x]!]!++;
        examples[externalGroup[x]!] = -1 - x;
      }
      const egress = m.direction === 'egress';
      const subjectGroup = groupKeys[workloadGroup[m.subject]!]!;
      counts.forEach((count, g) => {
        if (count === 0) return;
        const other = groupKeys[g]!;
        const [from, to] = egress ? [subjectGroup, other] : [other, subjectGroup];
        if (from === to) return;
        const id = `${from}|${to}|${m.policyIndex}|${m.rule.index}|${m.direction}`;
        const group = cutGroups.get(id);
        if (group) {
          group.pairs += count;
          return;
        }
        const e = examples[g]!;
        const otherNode = e >= 0 ? nodeKeys[e]! : externals[-1 - e]!.key;
        const subjectNode = nodeKeys[m.subject]!;
        const example = egress ? { from: subjectNode, to: otherNode } : { from: otherNode, to: subjectNode };
        cutGroups.set(id, { from, to, by: adminRefOfRule(c, m.policyIndex, m.rule, objects), ports: rulePortsText(m.rule), pairs: count, example });
      });
    });
  }
  const cuts = [...cutGroups.values()];

  const membersOf = (end: FlowEnd): { key: NodeKey; endpoint: Endpoint; workload?: Workload }[] => {
    switch (end.kind) {
      case 'namespace':
        return c.workloads
          .filter((w) => w.namespace === end.namespace)
          .map((w) => ({ key: workloadKey(w.id), endpoint: { kind: 'workload', id: w.id }, workload: w }));
      case 'workload': {
        const at = c.workloadIndex.get(`${end.namespace}/${end.name}`);
        const w = at === undefined ? undefined : c.workloads[at];
        return w ? [{ key: workloadKey(w.id), endpoint: { kind: 'workload', id: w.id }, workload: w }] : [];
      }
      case 'external':
      case 'cidr': {
        const ext = externals.find((x) => x.key === flowEndKey(end));
        return ext ? [{ key: ext.key, endpoint: ext.probe }] : [];
      }
    }
  };

  const checkFlow = (flow: Flow, admin?: GAdminFlowInfo): GFlow => {
    let checked = 0;
    let allowed = 0;
    let firstBlocked: GFlow['firstBlocked'];
    const sources = membersOf(flow.from);
    const destinations = membersOf(flow.to);
    // A flow to DNS or the API server without ports means their ports, as its policies say.
    const wanted = effectivePorts(flow, settings);
    for (const s of sources) {
      for (const d of destinations) {
        if (s.key === d.key) continue;
        const ports = applicablePorts(wanted, d.workload);
        if (!ports) continue;
        checked++;
        const conn = allowedConnections(c, s.endpoint, d.endpoint);
        if (portsCovered(conn, ports, d.workload)) allowed++;
        else firstBlocked ??= { from: s.key, to: d.key };
      }
    }
    const state: FlowState = checked === 0 ? 'empty' : allowed === checked ? 'allowed' : allowed === 0 ? 'blocked' : 'partial';
    return { flow, from: flowEndKey(flow.from), to: flowEndKey(flow.to), ports: wanted, state, checked, allowed, ...(firstBlocked ? { firstBlocked } : {}), ...(admin ? { admin } : {}) };
  };
  const adminFlowInfo = (f: AdminFlow): GAdminFlowInfo => {
    const policy = objects.find((o) => isAdminPolicyKind(o.kind) && o.metadata.annotations?.[ANNOTATION_FLOW] === f.id);
    return { action: f.action, priority: f.priority, tier: f.tier, side: f.side, policy: policy ? `${policy.kind}/${policy.metadata.name}` : f.id };
  };
  const gflows: GFlow[] = [
    ...flows.map((flow) => checkFlow(flow)),
    ...adminFlows.map((f) => checkFlow({ id: f.id, from: f.from, to: f.to, ports: f.ports }, adminFlowInfo(f))),
  ];

  for (const { pair } of aggregated.values()) pairs.push(pair);
  // Pairs and flows of an aliased workload (the DNS pods) attach to its outside node (folds already do).
  for (const p of copies) {
    p.from = alias(p.from);
    p.to = alias(p.to);
  }
  for (const f of gflows) {
    f.from = alias(f.from);
    f.to = alias(f.to);
    if (f.firstBlocked) f.firstBlocked = { from: alias(f.firstBlocked.from), to: alias(f.firstBlocked.to) };
  }
  const titleOf = new Map(externals.map((e) => [e.key, e.title]));
  for (const ns of namespaces) {
    const apart = ns.workloads.flatMap((k) => {
      const shownAt = aliases.get(k);
      return shownAt ? [titleOf.get(shownAt) ?? shownAt] : [];
    });
    if (apart.length > 0) ns.drawnApart = [...new Set(apart)];
    ns.workloads = ns.workloads.filter((k) => !aliases.has(k));
  }
  // Namespaces the cluster has but the YAML does not declare are drawn only when they show something.
  const assumedNamespaces = new Set(cluster.namespaces.filter((ns) => ns.assumed).map((ns) => ns.name));
  const state: AnalysisState = { key: stateKey, profile: settings.profile, policySignatures, compiled: c, annotatedOnly, hasAdmin, everyPolicyAnnotated, rows, peers: workloads.map((w) => w.peers), workloads, listed, listedOrders, foldChunks: chunks, namespaceNames };
  const graph: GraphData = {
    namespaces: namespaces.filter((ns) => !assumedNamespaces.has(ns.name) || ns.workloads.length > 0 || ns.admin.length > 0),
    workloads: workloads.filter((w) => !aliases.has(w.key)),
    externals,
    pairs,
    flows: gflows,
    cuts,
    clusterAdmin,
    hasAdmin: cluster.adminPolicies.length > 0,
    truncated,
    truncatedNamespaces: foldNamespaces.filter((ns, f): ns is string => ns !== undefined && foldTruncated[f] === 1).sort(),
    ms: performance.now() - started,
  };
  return { graph, state, reuse: reuseReport };
}

function externalSubtitle(id: string, cidrs: string[], settings: DesignSettings, probe: Endpoint): string {
  switch (id) {
    case 'internet':
      return 'public IPv4 (0.0.0.0/0 minus private, metadata)';
    case 'apiserver':
      return settings.apiServer ? `${settings.apiServer.address}:${settings.apiServer.port}` : `endpoint not set · VIP ${settings.apiServerVip.address}`;
    case 'dns':
      return probe.kind === 'workload' ? `${probe.id} · port 53` : `${settings.dns.namespace} · port 53`;
    default:
      return cidrs.join(' · ');
  }
}

/** The union of the peers of the given policies' rules in one direction, as bitset words; undefined when none isolates. */
function ruleUnion(c: CompiledCluster, policies: readonly number[], direction: 'ingress' | 'egress', words: number, everyone: Uint32Array): Uint32Array | undefined {
  if (policies.length === 0) return undefined;
  const out = new Uint32Array(words);
  for (const pi of policies) {
    for (const r of c.policies[pi]![direction]) {
      if (r.allPeers) return everyone;
      const w = r.peerWorkloads.words;
      for (let k = 0; k < words; k++) out[k]! |= w[k]!;
    }
  }
  return out;
}

/** The workloads `lists` (per workload: the policies isolating it in a direction) leave open, as bitset words. */
function notIsolated(lists: readonly (readonly number[])[], words: number): Uint32Array {
  const out = new Uint32Array(words);
  lists.forEach((l, i) => {
    if (l.length === 0) out[i >>> 5]! |= 1 << (i & 31);
  });
  return out;
}

/**
 * For each of `others` (ascending), in order: the workloads some policy isolating `direction`
 * selects whose rules (of that direction) name it, as bitset words: those whose union of rule peers
 * (ruleUnion) holds it. Workloads a policy selects but the profile exempts are isolated by nothing:
 * callers mask them with the open ones. The policies are walked once per batch of others, each rule
 * read only at the words holding the batch (a toggle's others are the pods of a namespace or two:
 * walking 2,800 policies once per pod was the costliest part of a toggle at 20,000 pods).
 */
function selectedNamingEach(c: CompiledCluster, direction: 'ingress' | 'egress', others: readonly number[], words: number, each: (other: number, naming: Uint32Array) => void): void {
  const BATCH = 256;
  for (let start = 0; start < others.length; start += BATCH) {
    const batch = others.slice(start, start + BATCH);
    const outs = batch.map(() => new Uint32Array(words));
    const slot = new Map<number, number>();
    const mask = new Uint32Array(words);
    batch.forEach((o, k) => {
      slot.set(o, k);
      mask[o >>> 5]! |= 1 << (o & 31);
    });
    // Only the words holding some of the batch (a namespace's pods may be anywhere in the list).
    const at: number[] = [];
    for (let k = 0; k < words; k++) if (mask[k] !== 0) at.push(k);
    const named = new Uint32Array(at.length);
    for (const p of c.policies) {
      if (!(direction === 'ingress' ? p.isolatesIngress : p.isolatesEgress)) continue;
      named.fill(0);
      let any = false;
      for (const r of p[direction]) {
        const peers = r.peerWorkloads.words;
        for (let x = 0; x < at.length; x++) {
          const k = at[x]!;
          const bits = (r.allPeers ? mask[k]! : peers[k]! & mask[k]!) | 0;
          if (bits !== 0) {
            named[x]! |= bits;
            any = true;
          }
        }
      }
      if (!any) continue;
      const w = p.selected.words;
      const [from, to] = spanOf(p.selected);
      for (let x = 0; x < at.length; x++) {
        let bits = named[x]!;
        while (bits !== 0) {
          const low = bits & -bits;
          bits ^= low;
          const out = outs[slot.get((at[x]! << 5) + 31 - Math.clz32(low))!]!;
          for (let q = from; q < to; q++) out[q]! |= w[q]!;
        }
      }
    }
    batch.forEach((o, k) => each(o, outs[k]!));
  }
}

/** The words of a set from its first to past its last non-zero one (a policy selects pods of one namespace). */
const spans = new WeakMap<Bitset, readonly [number, number]>();
function spanOf(set: Bitset): readonly [number, number] {
  let span = spans.get(set);
  if (!span) {
    const w = set.words;
    let from = 0;
    while (from < w.length && w[from] === 0) from++;
    let to = w.length;
    while (to > from && w[to - 1] === 0) to--;
    spans.set(set, (span = [from, to]));
  }
  return span;
}

/** Container ports (names, numbers, protocols) by workload element: workloads with the same ports share it. */
const portKeys = new WeakMap<Workload, string>();
function portsKey(w: Workload): string {
  const origin = contentOrigin(w);
  let key = portKeys.get(origin);
  if (key === undefined) portKeys.set(origin, (key = w.ports.map((p) => `${p.name ?? ''}:${p.protocol}:${p.containerPort}`).sort().join(',')));
  return key;
}

/** The same string, the same number (numbered in the order first asked). */
function classId(ids: Map<string, number>, key: string): number {
  let id = ids.get(key);
  if (id === undefined) ids.set(key, (id = ids.size));
  return id;
}

/** `make(i)` for i < n, each made once, when first asked. */
function lazyList<T>(n: number, make: (i: number) => T): (i: number) => T {
  const made: (T | undefined)[] = new Array<T | undefined>(n);
  return (i) => {
    let v = made[i];
    if (v === undefined) made[i] = v = make(i);
    return v;
  };
}

function forEachSetBit(words: Uint32Array, n: number, fn: (i: number) => void): void {
  for (let k = 0; k < words.length; k++) {
    let bits = words[k]!;
    while (bits !== 0) {
      const low = bits & -bits;
      bits ^= low;
      const i = (k << 5) + 31 - Math.clz32(low);
      if (i < n) fn(i);
    }
  }
}

/**
 * Whether a workload's row (its orders ascending from `base`: no admin tiers) has a pair into one
 * of the `columns`: a binary search per column instead of a walk over the row.
 */
function pairsInto(row: PairRow, base: number, columns: readonly number[]): boolean {
  const orders = row.orders;
  for (const j of columns) {
    const want = base + j;
    let lo = 0;
    let hi = orders.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const o = orders[mid]!;
      if (o === want) return true;
      if (o < want) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  return false;
}

/**
 * The lists one after the other, copied into one array of the final length (concat of thousands of
 * lists at a time, spread as arguments, was the analysis' largest line at 20,000 pods).
 */
function joined<T>(parts: readonly T[][]): T[] {
  let total = 0;
  for (const part of parts) total += part.length;
  const out = new Array<T>(total);
  let at = 0;
  for (const part of parts) for (let k = 0; k < part.length; k++) out[at++] = part[k]!;
  return out;
}

/** Two pairs of the same ends found by NetworkPolicies alone (no admin rule): the same connections, intent and tier. */
function samePair(a: GPair, b: GPair): boolean {
  return a.intent === b.intent && a.tier === b.tier && a.admin === undefined && b.admin === undefined && a.members === undefined && b.members === undefined && sameConnections(a.conn, b.conn);
}

function sameConnections(a: ConnectionSet, b: ConnectionSet): boolean {
  if (a === b) return true;
  if (a.all !== b.all) return false;
  return PROTOCOLS.every((p) => {
    const x = a.byProtocol[p];
    const y = b.byProtocol[p];
    return x.length === y.length && x.every((r, k) => r.from === y[k]!.from && r.to === y[k]!.to);
  });
}

/** Both sets' connections. */
function mergeConnections(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  if (a === b || a.all) return a;
  if (b.all) return b;
  // Most folded pairs add nothing (the same ports again): no copy then.
  if (PROTOCOLS.every((p) => b.byProtocol[p].every((r) => a.byProtocol[p].some((x) => x.from <= r.from && x.to >= r.to)))) return a;
  const byProtocol = { TCP: [...a.byProtocol.TCP], UDP: [...a.byProtocol.UDP], SCTP: [...a.byProtocol.SCTP] };
  let changed = false;
  for (const p of PROTOCOLS) {
    for (const r of b.byProtocol[p]) {
      if (byProtocol[p].some((x) => x.from <= r.from && x.to >= r.to)) continue;
      byProtocol[p].push({ ...r });
      changed = true;
    }
  }
  if (!changed) return a;
  for (const p of PROTOCOLS) {
    const sorted = byProtocol[p].sort((x, y) => x.from - y.from);
    const out: { from: number; to: number }[] = [];
    for (const r of sorted) {
      const last = out[out.length - 1];
      if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
      else out.push({ ...r });
    }
    byProtocol[p] = out;
  }
  const all = PROTOCOLS.every((p) => byProtocol[p].length === 1 && byProtocol[p][0]!.from === 1 && byProtocol[p][0]!.to === 65535);
  return { all, byProtocol };
}

const hasErrors = (diagnostics: readonly Diagnostic[]) => diagnostics.some((d) => d.severity === 'error');

export type AnalyzeResult =
  | { ok: true; analysis: Analysis; text?: string }
  | { ok: false; diagnostics: Diagnostic[] };

export function analyzeText(text: string, fileName: string, settings: DesignSettings): AnalyzeResult {
  const loaded = loadDesign([{ name: fileName, text }], parseKubectlManifests);
  if (hasErrors(loaded.diagnostics)) return { ok: false, diagnostics: loaded.diagnostics };
  const design = inCluster(loaded, settings);
  const objects = design.manifests.map((m) => m.object);
  return {
    ok: true,
    analysis: { objects, cluster: design.cluster, diagnostics: design.diagnostics, graph: analyzeCluster(objects, design.cluster, settings) },
  };
}

/** How a design's graph is computed: in full, or reusing the last analysis (src/workers/incremental.ts). */
export type GraphAnalyzer = (objects: KubeObject[], cluster: ClusterModel, settings: DesignSettings) => GraphData;

/** `memo`: the cluster build's memory of the last design (src/model/cluster.ts ClusterMemo), for a toggle. */
export function analyzeObjects(objects: KubeObject[], settings: DesignSettings, emit: boolean, analyze: GraphAnalyzer = analyzeCluster, memo?: ClusterMemo): AnalyzeResult {
  const built = buildClusterFromObjects(objects, 'design', memo);
  const { diagnostics } = built;
  const cluster = withAssumedServices(built.cluster, settings);
  const analysis: Analysis = { objects, cluster, diagnostics, graph: analyze(objects, cluster, settings) };
  return emit ? { ok: true, analysis, text: emitYaml(objects) } : { ok: true, analysis };
}
