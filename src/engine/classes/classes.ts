// Equivalence classes of workloads: two workloads the engine cannot tell apart get the same answers
// to and from everything. The engine sees a workload only through the compiled bitsets (which
// policies select it, which rule peers match it: by namespace labels, pod labels, or an ipBlock that
// covers one of its addresses), its namespace and container ports, and the few things classKeys
// lists, so those are the key. Not a pod's address, node or owner as such: a dump has one address per
// pod and its pods spread over nodes, and keying on those made every pod a class of its own (issue 12).
// A large cluster has thousands of pods but few such classes (the replicas of a Deployment, the pods
// of a StatefulSet that no policy tells apart), and work that grows with classes instead of pods.
//
// One exception to "same class, same answers": a workload and itself. A single pod reaching itself is
// loopback, allowed whatever the policies say; a workload of several pods reaching itself is its
// replicas reaching each other, which the policies decide as for two members. So the key leaves out
// whether a workload is one pod (a Deployment and its pods share a class: half the classes of a
// kubectl dump), and the class answers add the loopback member by member: computeMatrix with
// `loopback: false` gives every pair of a class, itself included, the policies' answer.
//
// Nor where a workload's pods run: the own-node exception reads it, for pairs with a node's address
// only. A table with a node's address among its ends uses placedClasses (the classes split by
// placement, the same partition as keying by it); the others, most of them, fewer classes.
import type { Workload } from '../../model/types.ts';
import { Bitset } from '../bitset.ts';
import { parseIp } from '../cidr.ts';
import { ipKey, type CompiledCluster } from '../compile.ts';
import { computeMatrix } from '../matrix.ts';
import { resolveEndpoint } from '../endpoints.ts';
import type { Endpoint, PortProbe } from '../types.ts';

export interface WorkloadClasses {
  /** Class of each workload, by workload index. */
  classOf: Int32Array;
  /** Workload indices of each class, ascending; the first is the class's representative. */
  members: number[][];
}

/**
 * Workload fields the key does not hold as they are. The bitsets cover the labels, and the pod IPs:
 * an address counts only through the ipBlocks and admin networks peers that cover it, which are
 * bitsets (and empty where the profile's ipBlocks ignore pod addresses); a hostNetwork pod's address
 * is its node's and counts the same way. (evaluate's profile notes may also name an ipBlock over a
 * pod's own address: the classes answer verdicts, not notes.) id, name and ref name the workload. The
 * rest enter through what classKeys makes of them. A field not listed here (a later model's) is
 * keyed as it is, so a new field never merges workloads the engine tells apart.
 */
const NOT_IN_KEY = new Set(['id', 'name', 'labels', 'ips', 'ref', 'namespace', 'ports', 'kind', 'owned', 'hostNetwork', 'replicas', 'nodeName', 'hostIp']);

/**
 * Where a workload's pods run, as the engine can tell: mayRunOn (endpoints.ts) is the one reader of
 * nodeName and hostIp, for the own-node exception ("traffic to and from the node where a Pod is
 * running is always allowed", https://kubernetes.io/docs/concepts/services-networking/network-policies/;
 * evaluate.decide, connections.ts, matrix.ts openExceptions), and it is asked only about a modelled Node that owns an
 * address (resolveEndpoint, nodeOfIp). So a node name or host address that no modelled Node has is
 * no node at all, and without modelled Nodes placement tells nothing.
 */
function placementOf(c: CompiledCluster): (w: Workload) => string {
  if (c.nodeOfIp.size === 0) return () => '';
  const modelled = new Set(c.nodeOfIp.values());
  return (w) => {
    if (w.nodeName !== undefined) return modelled.has(w.nodeName) ? `on ${w.nodeName}` : 'on none';
    if (w.hostIp !== undefined) {
      const bytes = parseIp(w.hostIp);
      const node = bytes && c.nodeOfIp.get(ipKey(bytes));
      return node !== undefined ? `on ${node}` : 'on none';
    }
    return 'anywhere';
  };
}

/**
 * Whether any of the endpoints is a modelled node's address: the one kind of end whose answers
 * depend on placement (the own-node exception), so the only tables that need placedClasses.
 */
export function hasNodeEndpoint(c: CompiledCluster, endpoints: readonly Endpoint[]): boolean {
  if (c.nodeOfIp.size === 0) return false;
  return endpoints.some((e) => {
    if (e.kind !== 'ip') return false;
    const r = resolveEndpoint(c, e);
    return r.kind === 'ip' && r.node !== undefined;
  });
}

/**
 * The classes split by placement (placementOf): members of one of these get the same answers to and
 * from a node's address too, own-node exception included. The key leaves placement out because only
 * pairs with a node address read it, and a dump whose pods report hostIP has the nodes they name
 * assumed (src/cluster/assumed/nodes.ts): keyed by placement its pods split by node, about twice the
 * classes (603 -> 1,234 at 5,000 pods) for every table, most of which have no node in them.
 * Numbered by first member as workloadClasses numbers them, so the same partition as keying by
 * placement gives the same classes. Returns `classes` itself when placement splits none.
 */
export function placedClasses(c: CompiledCluster, classes: WorkloadClasses): WorkloadClasses {
  if (c.nodeOfIp.size === 0) return classes;
  const hit = placedMemo.get(classes);
  if (hit && hit.c === c) return hit.placed;
  const placement = placementOf(c);
  const n = c.workloads.length;
  const byKey = new Map<string, number>();
  const classOf = new Int32Array(n);
  const members: number[][] = [];
  for (let i = 0; i < n; i++) {
    const key = `${classes.classOf[i]}\u0000${placement(c.workloads[i]!)}`;
    let k = byKey.get(key);
    if (k === undefined) {
      byKey.set(key, (k = members.length));
      members.push([]);
    }
    classOf[i] = k;
    members[k]!.push(i);
  }
  const placed = members.length === classes.members.length ? classes : { classOf, members };
  placedMemo.set(classes, { c, placed });
  return placed;
}
const placedMemo = new WeakMap<WorkloadClasses, { c: CompiledCluster; placed: WorkloadClasses }>();

/**
 * The key of each workload but for its bitsets: namespace, ports, what the engine reads of the fields
 * in NOT_IN_KEY, and every other field as it is. What the engine reads:
 * - exempt (compile.ts, from hostNetwork, kind and owned under the profile; the profiles cite the
 *   plugins' docs, e.g. Cilium's host firewall for hostNetwork pods): an exempt workload is never
 *   isolated, though the policies' selected sets may hold it, and profile notes name the exemption;
 * Not placement: only pairs with a node's address read it (placedClasses).
 * Not replicas: a single pod's loopback is a workload's pair with itself, which the class answers
 * take member by member (loopsBack).
 * Of the compilation it reads the workloads and `exempt` only (keysAgree relies on it).
 */
export function classKeys(c: CompiledCluster): string[] {
  let keys = keysOf.get(c);
  if (keys) return keys;
  keys = c.workloads.map((w, i) => {
    const own = ownKey(w);
    const reads = `${c.exempt.get(i) ?? ''}\u0000`;
    // The same string as the last compilation's when the profile reads the workload alike: the
    // sibling check compares thousands of keys, at once when they are the very same string.
    if (reads !== own.reads) {
      own.reads = reads;
      own.key = `${own.head}${reads}${own.tail}`;
    }
    return own.key!;
  });
  keysOf.set(c, keys);
  return keys;
}

/**
 * Whether two compilations key the workloads alike (classKeys equal, index by index). classKeys
 * reads of a compilation its workloads and `exempt`, and a toggle's
 * compilation keeps the last one's `exempt` (compile's `reuse`) and nearly all its
 * workload elements: then only the workloads whose elements differ are keyed. Writing 20,000 keys per
 * profile was most of a toggle's class time (memo.ts refinedFrom).
 */
export function keysAgree(a: CompiledCluster, b: CompiledCluster): boolean {
  const n = a.workloads.length;
  if (b.workloads.length !== n) return false;
  if (a.exempt !== b.exempt) {
    const keysA = classKeys(a);
    const keysB = classKeys(b);
    for (let i = 0; i < n; i++) if (keysA[i] !== keysB[i]) return false;
    return true;
  }
  for (let i = 0; i < n; i++) {
    const x = a.workloads[i]!;
    const y = b.workloads[i]!;
    if (x === y) continue;
    const [ownX, ownY] = [ownKey(x), ownKey(y)];
    if (ownX.head !== ownY.head || ownX.tail !== ownY.tail) return false;
  }
  return true;
}

/**
 * Per compiled cluster (which does not change): a review compares one compilation's keys with each
 * of its siblings' (memo.ts sameKeys), several times a review.
 */
const keysOf = new WeakMap<CompiledCluster, string[]>();

/**
 * The parts of a workload's key that read the workload alone, around the profile's reads: written
 * once per workload (a model element does not change, and the cluster build keeps it from one design
 * to the next) rather than per compilation. Walking every field of 20,000 pods under each of a
 * review's profiles was ~0.2 CPU s of each review after a toggle.
 */
interface OwnKey {
  head: string;
  tail: string;
  /** The last key written with it, and the profile's reads it holds. */
  reads?: string;
  key?: string;
}
const ownKeys = new WeakMap<Workload, OwnKey>();
function ownKey(w: Workload): OwnKey {
  let own = ownKeys.get(w);
  if (!own) {
    const extra = Object.entries(w).filter(([k]) => !NOT_IN_KEY.has(k));
    const ports = w.ports.map((p) => `${p.name ?? ''}:${p.containerPort}/${p.protocol}`).join(',');
    own = { head: `${w.namespace}\u0000${ports}\u0000`, tail: extra.length > 0 ? `\u0000${JSON.stringify(extra)}` : '' };
    ownKeys.set(w, own);
  }
  return own;
}

/**
 * Whether a workload reaching itself is loopback, allowed whatever the policies say: it is one pod
 * (isSinglePod in evaluate.ts, which imports this module through vip.ts; matrix.ts openExceptions).
 * The one answer two members of a class may not share: add it to a class table computed with
 * `loopback: false`, for a workload's pairs with itself only.
 */
export const loopsBack = (c: CompiledCluster, w: number): boolean => c.workloads[w]!.replicas === 1;

/**
 * Every bitset over the workloads that the compiled cluster holds, found by walking it rather than
 * listing fields, so sets a later engine version adds are part of the key without a change here.
 * Walked item by item of its fields (a compiled policy, the admin tiers), each item once
 * (bitsetsUnder): a toggle's compilation keeps the last one's compiled policies as they were, and
 * walking them all again was most of a toggle's class time at 20,000 pods (memo.ts refinedFrom).
 */
export function workloadBitsets(c: CompiledCluster): Bitset[] {
  const n = c.workloads.length;
  const skip = tablesOf(c);
  const found = new Set<Bitset>();
  for (const field of Object.values(c) as unknown[]) {
    if (typeof field !== 'object' || field === null || skip.has(field) || ArrayBuffer.isView(field)) continue;
    if (field instanceof Bitset) {
      if (field.size === n) found.add(field);
      continue;
    }
    const items: Iterable<unknown> = field instanceof Map ? field.values() : Array.isArray(field) ? field : Object.values(field);
    for (const item of items) {
      if (typeof item === 'object' && item !== null && !skip.has(item)) for (const set of bitsetsUnder(item, n, skip)) found.add(set);
    }
  }
  return [...found];
}

/**
 * The model and the lookup tables of a compilation: they hold no bitsets, and skipping them keeps the
 * walk small (the tables per workload are arrays of numbers, tens of thousands of them at 20,000
 * pods: a third of the walk).
 */
const tablesOf = (c: CompiledCluster): Set<unknown> => new Set<unknown>([
  c.cluster, c.workloads, c.workloadIps, c.ipOwner, c.workloadIndex, c.namespaceLabels, c.nodeOfIp, c.exempt,
  c.ingressPolicies, c.egressPolicies, c.admin.adminFor, c.admin.baselineFor,
]);

/**
 * The bitsets over n workloads reachable from an object, walked once per object: what a compilation
 * holds is made by compiling and never changed after (the tables skipped hold none, so a walk that
 * skipped another compilation's tables finds the same).
 */
function bitsetsUnder(root: object, n: number, skip: ReadonlySet<unknown>): readonly Bitset[] {
  const hit = underMemo.get(root);
  if (hit && hit.n === n) return hit.sets;
  const sets: Bitset[] = [];
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value) || skip.has(value)) continue;
    seen.add(value);
    if (value instanceof Bitset) {
      if (value.size === n) sets.push(value);
      continue;
    }
    if (ArrayBuffer.isView(value)) continue;
    if (value instanceof Map) {
      for (const v of value.values()) stack.push(v);
      continue;
    }
    for (const v of Array.isArray(value) ? value : Object.values(value)) if (typeof v === 'object' && v !== null) stack.push(v);
  }
  underMemo.set(root, { n, sets });
  return sets;
}
const underMemo = new WeakMap<object, { n: number; sets: readonly Bitset[] }>();

/** Every bitset over the workloads of a compilation (workloadBitsets), walked once per compilation. */
export function bitsetsOf(c: CompiledCluster): Bitset[] {
  let sets = bitsetsMemo.get(c);
  if (!sets) bitsetsMemo.set(c, (sets = workloadBitsets(c)));
  return sets;
}
const bitsetsMemo = new WeakMap<CompiledCluster, Bitset[]>();

export function workloadClasses(c: CompiledCluster): WorkloadClasses {
  const n = c.workloads.length;
  // The key of each workload is classKeys' key, then its membership in every bitset. Rather than
  // writing that membership out per workload (hundreds of set ids each at 5,000 pods: most of a
  // review's class time), the classes of the other fields are split by each bitset
  // in turn (partition refinement): two workloads end in one class exactly when their keys are equal.
  const byKey = new Map<string, number>();
  const cls = new Int32Array(n);
  classKeys(c).forEach((key, i) => {
    let k = byKey.get(key);
    if (k === undefined) byKey.set(key, (k = byKey.size));
    cls[i] = k;
  });
  return refineClasses(cls, byKey.size, bitsetsOf(c));
}

/**
 * Classes `cls` (class ids below `count`, by workload) split by each set in turn, numbered by first
 * member as workloadClasses numbers them: the same partition gives the same WorkloadClasses whatever
 * the classes it started from (memo.ts refines the last toggle's classes by the sets it added).
 * `cls` is overwritten. `unsplit`: the classes `cls` numbers, returned as they are when no set splits one.
 */
export function refineClasses(cls: Int32Array, count: number, sets: readonly Bitset[], unsplit?: WorkloadClasses): WorkloadClasses {
  const n = cls.length;
  const initial = count;
  const size = new Int32Array(n);
  for (let i = 0; i < n; i++) size[cls[i]!]!++;
  // Per class, for the set being applied: its members in the set, and the class they move to (-1: stay).
  const stamp = new Int32Array(n).fill(-1);
  const inSet = new Int32Array(n);
  const moveTo = new Int32Array(n);
  const members: number[] = [];
  sets.forEach((set, id) => {
    members.length = 0;
    const words = set.words;
    for (let w = 0; w < words.length; w++) {
      let word = words[w]!;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        word &= word - 1;
        const i = (w << 5) + bit;
        if (i < n) members.push(i);
      }
    }
    if (members.length === 0 || members.length === n) return; // splits nothing
    for (const i of members) {
      const k = cls[i]!;
      if (stamp[k] !== id) {
        stamp[k] = id;
        inSet[k] = 0;
        moveTo[k] = -2; // not decided yet
      }
      inSet[k]!++;
    }
    for (const i of members) {
      const k = cls[i]!;
      let to = moveTo[k]!;
      if (to === -2) {
        // A class wholly inside the set stays as it is; otherwise its members in the set split off.
        to = inSet[k] === size[k] ? -1 : count++;
        moveTo[k] = to;
      }
      if (to < 0) continue;
      cls[i] = to;
      size[k]!--;
      size[to]!++;
    }
  });
  // No set split a class: the classes are `unsplit` (numbered so already), when the caller has them.
  if (unsplit && count === initial) return unsplit;
  // Numbered by first member, as the key lookup in workload order numbers them.
  const number = new Int32Array(count).fill(-1);
  const classOf = new Int32Array(n);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const k = cls[i]!;
    if (number[k] === -1) {
      number[k] = out.length;
      out.push([]);
    }
    classOf[i] = number[k]!;
    out[number[k]!]!.push(i);
  }
  return { classOf, members: out };
}

/**
 * One port's reachability between all workloads and the given outside addresses, computed on the
 * classes (the policies' answers, to which a workload's pair with itself adds its loopback: loopsBack).
 * Endpoints are numbered as in `computeMatrix` without `endpoints`: workload
 * indices first, then the outside addresses in order.
 */
export interface ClassPortMatrix {
  port: PortProbe;
  /** Workloads plus outside addresses. */
  size: number;
  allowed(from: number, to: number): boolean;
  /**
   * What the policies answer, without a single pod's loopback: the same for every member of a class
   * (of placedClasses when a node's address is among the outside addresses: its own-node exception).
   */
  byPolicies(from: number, to: number): boolean;
}

export function classPortMatrix(c: CompiledCluster, unplaced: WorkloadClasses, port: PortProbe, outside: readonly Endpoint[] = []): ClassPortMatrix {
  const n = c.workloads.length;
  // A node's column answers a member by where it runs (the own-node exception): its representative
  // stands for the members placed alike only.
  const classes = hasNodeEndpoint(c, outside) ? placedClasses(c, unplaced) : unplaced;
  const endpoints: Endpoint[] = [];
  // One slot per class: without loopback the policies answer a member's pair with itself as its pair
  // with another member (both read the same bitsets), so the representative stands for both.
  const first = new Int32Array(classes.members.length);
  classes.members.forEach((m, k) => {
    first[k] = endpoints.length;
    endpoints.push({ kind: 'workload', id: c.workloads[m[0]!]!.id });
  });
  // An address of a pod is that pod (resolveEndpoint): such columns read the pod's class.
  const outsideSlot = outside.map((e) => {
    const r = resolveEndpoint(c, e);
    if (r.kind === 'workload') return -1 - r.index;
    endpoints.push(e);
    return endpoints.length - 1;
  });
  const m = computeMatrix(c, { endpoints, ports: [port], loopback: false });
  const table = m.allowed[0]!;
  const width = endpoints.length;
  const classOf = classes.classOf;
  // Universe index -> the workload it is (an outside address of a pod is that pod), or -1.
  const workloadOf = (i: number): number => {
    if (i < n) return i;
    const s = outsideSlot[i - n]!;
    return s < 0 ? -1 - s : -1;
  };
  return {
    port,
    size: n + outside.length,
    allowed(from: number, to: number): boolean {
      const a = workloadOf(from);
      return (a >= 0 && a === workloadOf(to) && loopsBack(c, a)) || this.byPolicies(from, to);
    },
    byPolicies(from: number, to: number): boolean {
      const a = workloadOf(from);
      const b = workloadOf(to);
      const row = a >= 0 ? first[classOf[a]!]! : outsideSlot[from - n]!;
      const col = b < 0 ? outsideSlot[to - n]! : first[classOf[b]!]!;
      return table[row * width + col] === 1;
    },
  };
}
