// The Matrix view's data at cluster size: computed on the workload equivalence classes (one row and
// column per class, two for a class of several members, see src/engine/classes/classes.ts) and sent
// to the page as typed arrays, never as one object per cell. The namespace level counts allowed
// workload pairs per namespace pair by summing class pairs times their member counts; the workload
// level keeps the class table and, per row/column, which class slot it reads.
//
// Same answers as buildMatrixView(computeReviewMatrix(...)) for every cell (matrixCompact.test.ts):
// - two workloads of one class get the same answers from the policies (the tables are computed with
//   `loopback: false`), and a single pod's pair with itself is allowed besides (loopsBack, member by
//   member: a Deployment and its pods share a class);
// - an outside address gets a slot of its own in the one computeMatrix call;
// - an address that is a pod's is that pod (resolveEndpoint), and it is the pod member by member: a
//   single pod reaches itself by its own address too (loopback, matrix.ts openExceptions), while
//   another member of its class does not. So such an address reads its pod's class slots like the
//   pod (workload level) or is a group of that one pod (namespace level), never a slot of its own.
import { classesOf, hasNodeEndpoint, loopsBack, placedClasses } from '../../engine/classes/index.ts';
import { computeMatrix, endpointLabel, workloadOfEndpoint, type CompiledCluster, type Endpoint, type PortProbe } from '../../engine/index.ts';
import type { MatrixLevel, MatrixShow } from '../matrixView.ts';
import { workloadAllowed } from './cells.ts';
import type { CompactMatrix, CompactNamespaceMatrix, CompactWorkloadMatrix } from './types.ts';

export interface CompactMatrixOptions {
  level: MatrixLevel;
  show: MatrixShow;
  /** Keep only workloads of these namespaces (outside rows always stay). Default: all. */
  namespaces?: readonly string[];
  ports: readonly PortProbe[];
  /** Outside addresses (`ip:`), rows and columns after the workloads. */
  extraEndpoints?: readonly Endpoint[];
  /**
   * Rows and columns that stand for workloads under the name of a graph node, after the workloads
   * and before the addresses (the DNS node: the DNS pods, which also stay in their namespace's row).
   */
  aliases?: readonly { label: string; workloads: readonly string[] }[];
}

/** The class slots of the one table computeMatrix fills: first members, second members, addresses. */
interface Slots {
  count: number;
  first: Int32Array;
  second: Int32Array;
  /** Slot of each extra endpoint; -1 for an address that is a pod's (see `owner`). */
  outside: Int32Array;
  /** The workload each extra endpoint is, or -1 for an address outside the cluster. */
  owner: Int32Array;
  tables: Uint8Array[];
}

function classSlots(c: CompiledCluster, members: readonly number[][], extra: readonly Endpoint[], ports: readonly PortProbe[]): Slots {
  const endpoints: Endpoint[] = [];
  const first = new Int32Array(members.length);
  const second = new Int32Array(members.length);
  members.forEach((m, k) => {
    first[k] = endpoints.length;
    endpoints.push({ kind: 'workload', id: c.workloads[m[0]!]!.id });
    // Without loopback in the tables a member's pair with itself and with another member read the
    // same bitsets: the first member's slot stands for both (second = first).
    second[k] = first[k]!;
  });
  const outside = new Int32Array(extra.length);
  const owner = Int32Array.from(extra, (e) => workloadOfEndpoint(c, e));
  extra.forEach((e, k) => {
    outside[k] = owner[k]! >= 0 ? -1 : endpoints.length;
    if (owner[k]! < 0) endpoints.push(e);
  });
  const m = computeMatrix(c, { endpoints, ports: [...ports], loopback: false });
  return { count: endpoints.length, first, second, outside, owner, tables: m.allowed };
}

const isVisible = (show: MatrixShow, allowed: number, total: number) => show === 'all' || (show === 'allowed' ? allowed > 0 : allowed < total);

/** The matrix of the compiled cluster (already with the assumed services) for the Matrix view. */
export function computeCompactMatrix(c: CompiledCluster, options: CompactMatrixOptions): CompactMatrix {
  const extra = options.extraEndpoints ?? [];
  // A node's address answers a member by where it runs (the own-node exception).
  const { classOf, members } = hasNodeEndpoint(c, extra) ? placedClasses(c, classesOf(c)) : classesOf(c);
  const slots = classSlots(c, members, extra, options.ports);
  const wanted = options.namespaces ? new Set(options.namespaces) : undefined;
  const index = new Map(c.workloads.map((w, i) => [w.id, i]));
  const aliases = (options.aliases ?? []).map((a) => ({ label: a.label, workloads: a.workloads.map((id) => index.get(id)).filter((i): i is number => i !== undefined) })).filter((a) => a.workloads.length > 0);
  const kept: number[] = [];
  c.workloads.forEach((w, i) => (!wanted || wanted.has(w.namespace)) && kept.push(i));
  return options.level === 'namespace'
    ? namespaceLevel(c, classOf, slots, kept, aliases, extra, options)
    : workloadLevel(c, classOf, slots, kept, aliases, extra, options);
}

// ---- namespace level ------------------------------------------------------------------------------

interface Group {
  label: string;
  classes: number[];
  counts: number[];
  /** Per class (as counts): how many of its workloads here are single pods, which reach themselves (loopsBack). */
  singles: number[];
  /** Slots of outside addresses (each address is a group of its own). */
  outside: number[];
  /** The workloads of an alias group, to count the pairs of a workload with itself across groups. */
  alias?: readonly number[];
  size: number;
}

function namespaceLevel(c: CompiledCluster, classOf: Int32Array, slots: Slots, kept: readonly number[], aliases: readonly { label: string; workloads: readonly number[] }[], extra: readonly Endpoint[], options: CompactMatrixOptions): CompactNamespaceMatrix {
  const groups: Group[] = [];
  const byName = new Map<string, { group: Group; index: number; at: Map<number, number> }>();
  const groupOfWorkload = new Int32Array(c.workloads.length).fill(-1);
  for (const i of kept) {
    const ns = c.workloads[i]!.namespace;
    let entry = byName.get(ns);
    if (!entry) {
      entry = { group: { label: ns, classes: [], counts: [], singles: [], outside: [], size: 0 }, index: groups.length, at: new Map() };
      byName.set(ns, entry);
      groups.push(entry.group);
    }
    const k = classOf[i]!;
    let at = entry.at.get(k);
    if (at === undefined) {
      at = entry.group.classes.length;
      entry.at.set(k, at);
      entry.group.classes.push(k);
      entry.group.counts.push(0);
      entry.group.singles.push(0);
    }
    entry.group.counts[at]!++;
    if (loopsBack(c, i)) entry.group.singles[at]!++;
    entry.group.size++;
    groupOfWorkload[i] = entry.index;
  }
  for (const a of aliases) {
    const at = new Map<number, number>();
    const g: Group = { label: a.label, classes: [], counts: [], singles: [], outside: [], alias: a.workloads, size: a.workloads.length };
    for (const i of a.workloads) {
      const k = classOf[i]!;
      let j = at.get(k);
      if (j === undefined) {
        j = g.classes.length;
        at.set(k, j);
        g.classes.push(k);
        g.counts.push(0);
        g.singles.push(0);
      }
      g.counts[j]!++;
      if (loopsBack(c, i)) g.singles[j]!++;
    }
    groups.push(g);
  }
  extra.forEach((e, k) => {
    const w = slots.owner[k]!;
    // A pod's address is a group of that one pod, overlapping its namespace's group as an alias does.
    groups.push(w >= 0
      ? { label: endpointLabel(e), classes: [classOf[w]!], counts: [1], singles: [loopsBack(c, w) ? 1 : 0], outside: [], alias: [w], size: 1 }
      : { label: endpointLabel(e), classes: [], counts: [], singles: [], outside: [slots.outside[k]!], size: 1 });
  });

  /**
   * Workloads of class k in both groups (pairs of a workload with itself), or only the single pods
   * among them (those pairs are loopback); only alias groups overlap others.
   */
  const overlap = (g: number, h: number, k: number, singles: boolean): number => {
    if (g === h) {
      const at = groups[g]!.classes.indexOf(k);
      return at < 0 ? 0 : (singles ? groups[g]!.singles : groups[g]!.counts)[at]!;
    }
    const a = groups[g]!.alias;
    const b = groups[h]!.alias;
    if (!a && !b) return 0;
    const inGroup = (w: number, x: number) => (groups[x]!.alias ? groups[x]!.alias!.includes(w) : groupOfWorkload[w] === x);
    return (a ?? b!).filter((w) => classOf[w] === k && inGroup(w, a ? h : g) && (!singles || loopsBack(c, w))).length;
  };

  const n = groups.length;
  const S = slots.count;
  const { first, second } = slots;
  // Namespace to namespace, the bulk: one pass over class pairs into per-group sums (flat typed
  // arrays; the groups are disjoint, so the only pair of a workload with itself is in its class).
  const namespaceCount = groups.length - aliases.length - extra.length;
  const keptClasses: number[] = [];
  const keptGroup: number[] = [];
  const keptCount: number[] = [];
  const keptSingles: number[] = [];
  for (let g = 0; g < namespaceCount; g++) {
    const group = groups[g]!;
    group.classes.forEach((k, x) => {
      keptClasses.push(k);
      keptGroup.push(g);
      keptCount.push(group.counts[x]!);
      keptSingles.push(group.singles[x]!);
    });
  }
  const kFirst = Int32Array.from(keptClasses, (k) => slots.first[k]!);
  const kGroup = Int32Array.from(keptGroup);
  const kCount = Float64Array.from(keptCount);
  const K = kFirst.length;
  const acc = new Float64Array(namespaceCount);
  const allowed = slots.tables.map((t) => {
    const out = new Uint32Array(n * n);
    for (let ia = 0; ia < K; ia++) {
      const row = kFirst[ia]! * S;
      acc.fill(0);
      for (let ib = 0; ib < K; ib++) acc[kGroup[ib]!]! += t[row + kFirst[ib]!]! * kCount[ib]!;
      // Each member counted its own class as if every member were another one: itself is the self pair.
      const ca = kCount[ia]!;
      const ga = kGroup[ia]!;
      const a = keptClasses[ia]!;
      acc[ga]! += (ca - 1) * (t[row + second[a]!]! - t[row + first[a]!]!);
      const base = ga * n;
      for (let h = 0; h < namespaceCount; h++) out[base + h]! += ca * acc[h]!;
      // A single pod reaches itself whatever the policies say (the table has their answer only).
      out[base + ga]! += keptSingles[ia]! * (1 - t[row + first[a]!]!);
    }
    for (let g = 0; g < n; g++) {
      const from = groups[g]!;
      for (let h = 0; h < n; h++) {
        if (g < namespaceCount && h < namespaceCount) continue;
        const to = groups[h]!;
        const mayOverlap = g === h || from.alias !== undefined || to.alias !== undefined;
        let sum = 0;
        for (let x = 0; x < from.classes.length; x++) {
          const a = from.classes[x]!;
          const ca = from.counts[x]!;
          const row = first[a]! * S;
          for (let y = 0; y < to.classes.length; y++) {
            const b = to.classes[y]!;
            const cb = to.counts[y]!;
            if (a !== b) {
              sum += t[row + first[b]!]! * ca * cb;
            } else {
              const self = mayOverlap ? overlap(g, h, a, false) : 0;
              const loops = self > 0 ? overlap(g, h, a, true) : 0;
              sum += t[row + first[a]!]! * self + t[row + second[a]!]! * (ca * cb - self) + loops * (1 - t[row + first[a]!]!);
            }
          }
          for (const o of to.outside) sum += t[row + o]! * ca;
        }
        for (const o of from.outside) {
          const row = o * S;
          for (let y = 0; y < to.classes.length; y++) sum += t[row + first[to.classes[y]!]!]! * to.counts[y]!;
          for (const o2 of to.outside) sum += t[row + o2]!;
        }
        out[g * n + h] = sum;
      }
    }
    return out;
  });
  const sizes = Uint32Array.from(groups, (g) => g.size);
  let labels = groups.map((g) => g.label);
  let hidden = 0;
  let result = { allowed, sizes };
  if (options.show !== 'all') {
    const keep: number[] = [];
    for (let g = 0; g < n; g++) {
      let any = false;
      for (let p = 0; p < allowed.length && !any; p++) {
        for (let h = 0; h < n && !any; h++) {
          any = isVisible(options.show, allowed[p]![g * n + h]!, sizes[g]! * sizes[h]!) || isVisible(options.show, allowed[p]![h * n + g]!, sizes[h]! * sizes[g]!);
        }
      }
      if (any) keep.push(g);
    }
    hidden = n - keep.length;
    if (hidden > 0) {
      const m = keep.length;
      labels = keep.map((g) => labels[g]!);
      result = {
        sizes: Uint32Array.from(keep, (g) => sizes[g]!),
        allowed: allowed.map((a) => {
          const out = new Uint32Array(m * m);
          keep.forEach((g, i) => keep.forEach((h, j) => (out[i * m + j] = a[g * n + h]!)));
          return out;
        }),
      };
    }
  }
  return { level: 'namespace', show: options.show, ports: [...options.ports], labels, hidden, ...result };
}

// ---- workload level -------------------------------------------------------------------------------

function workloadLevel(c: CompiledCluster, classOf: Int32Array, slots: Slots, kept: readonly number[], aliases: readonly { label: string; workloads: readonly number[] }[], extra: readonly Endpoint[], options: CompactMatrixOptions): CompactWorkloadMatrix {
  const labels: string[] = [];
  const row: number[] = [];
  const col: number[] = [];
  const colSame: number[] = [];
  const cls: number[] = [];
  const ident: number[] = [];
  const loop: number[] = [];
  const addWorkload = (label: string, i: number) => {
    const k = classOf[i]!;
    labels.push(label);
    loop.push(loopsBack(c, i) ? 1 : 0);
    row.push(slots.first[k]!);
    col.push(slots.first[k]!);
    colSame.push(slots.second[k]!);
    cls.push(k);
    ident.push(i);
  };
  for (const i of kept) addWorkload(c.workloads[i]!.id, i);
  // A workload alias is one row per workload (an alias of several workloads would need counts: not at this level).
  for (const a of aliases) if (a.workloads.length === 1) addWorkload(a.label, a.workloads[0]!);
  extra.forEach((e, k) => {
    const w = slots.owner[k]!;
    if (w >= 0) {
      addWorkload(endpointLabel(e), w);
      return;
    }
    labels.push(endpointLabel(e));
    row.push(slots.outside[k]!);
    col.push(slots.outside[k]!);
    colSame.push(slots.outside[k]!);
    cls.push(-1);
    ident.push(-1 - k);
    loop.push(0);
  });
  let view: CompactWorkloadMatrix = {
    level: 'workload', show: options.show, ports: [...options.ports], labels, hidden: 0, slots: slots.count, tables: slots.tables,
    row: Int32Array.from(row), col: Int32Array.from(col), colSame: Int32Array.from(colSame), cls: Int32Array.from(cls), ident: Int32Array.from(ident), loop: Uint8Array.from(loop),
  };
  if (options.show !== 'all') {
    const want = options.show === 'allowed' ? 1 : 0;
    const n = labels.length;
    const keep: number[] = [];
    const S = slots.count;
    for (let r = 0; r < n; r++) {
      let any = false;
      for (let p = 0; p < slots.tables.length && !any; p++) {
        const t = slots.tables[p]!;
        for (let x = 0; x < n && !any; x++) {
          any = workloadAllowed(view, t, r, x, S) === want || workloadAllowed(view, t, x, r, S) === want;
        }
      }
      if (any) keep.push(r);
    }
    if (keep.length < n) {
      const pick = (a: Int32Array) => Int32Array.from(keep, (r) => a[r]!);
      view = { ...view, labels: keep.map((r) => labels[r]!), hidden: n - keep.length, row: pick(view.row), col: pick(view.col), colSame: pick(view.colSame), cls: pick(view.cls), ident: pick(view.ident), loop: Uint8Array.from(keep, (r) => view.loop[r]!) };
    }
  }
  return view;
}
