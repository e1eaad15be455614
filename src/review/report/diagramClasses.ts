// The diagram's arrows for a large design, from the workload equivalence classes: the connection
// sets of one pair per class pair (plus each class with itself, through two of its members) instead
// of an n x n table per port interval. Gives exactly the arrows, or the per-namespace aggregation,
// that the pairwise loop in diagram.ts gives, in the same order.
import { hasNodeEndpoint, placedClasses, workloadClasses } from '../../engine/classes/index.ts';
import { formatConnections, type CompiledCluster, type Endpoint } from '../../engine/index.ts';
import type { PortInterval } from '../../engine/intervals.ts';
import { hasBit, pairConnections, pairTable } from '../diff/connectivity.ts';

export interface ClassArrows {
  /** Every arrow (from, to as endpoint indices: workloads, then `externals`), when there are at most maxArrows. */
  arrows?: { from: number; to: number; label: string }[];
  /** Else one entry per namespace pair: the first arrow's ends (for the boxes) and how many arrows join. */
  joined?: { from: number; to: number; count: number }[];
}

export function arrowsByClass(
  c: CompiledCluster,
  externals: readonly Endpoint[],
  intervals: readonly PortInterval[],
  maxArrows: number,
  decidedOut: (i: number) => boolean,
  decidedIn: (j: number) => boolean,
): ClassArrows {
  const n = c.workloads.length;
  // A node's address answers a member by where it runs (the own-node exception).
  const { members } = hasNodeEndpoint(c, externals) ? placedClasses(c, workloadClasses(c)) : workloadClasses(c);
  // Units: each class (one row/column per member, all alike), then each outside endpoint.
  const reps: Endpoint[] = [];
  const first: number[] = [];
  const second: number[] = [];
  members.forEach((m) => {
    first.push(reps.length);
    reps.push({ kind: 'workload', id: c.workloads[m[0]!]!.id });
    if (m.length > 1) reps.push({ kind: 'workload', id: c.workloads[m[1]!]!.id });
    second.push(reps.length - 1);
  });
  const units: { indices: number[]; slot: number; pairSlot: number; workload: boolean }[] = members.map((m, k) => ({ indices: m, slot: first[k]!, pairSlot: second[k]!, workload: true }));
  externals.forEach((e, k) => {
    units.push({ indices: [n + k], slot: reps.length, pairSlot: reps.length, workload: false });
    reps.push(e);
  });
  const table = pairTable(c, reps, intervals);
  // Any port at all: the union of the intervals' bits.
  const any = new Uint32Array(table.bits[0]?.length ?? 0);
  for (const bits of table.bits) for (let w = 0; w < any.length; w++) any[w]! |= bits[w]!;
  const size = table.size;
  const cellOf = (u: (typeof units)[number], v: (typeof units)[number]) => (u === v ? u.slot * size + u.pairSlot : u.slot * size + v.slot);

  // Unit pairs that draw arrows, with how many workload pairs each stands for.
  const drawn: { u: number; v: number; count: number }[] = [];
  let total = 0;
  units.forEach((u, a) => {
    const rep = u.indices[0]!;
    units.forEach((v, b) => {
      if (!u.workload && !v.workload) return;
      const count = a === b ? u.indices.length * (u.indices.length - 1) : u.indices.length * v.indices.length;
      if (count === 0) return;
      const decided = (u.workload && decidedOut(rep)) || (v.workload && decidedIn(v.indices[0]!));
      if (!decided || !hasBit(any, cellOf(u, v))) return;
      drawn.push({ u: a, v: b, count });
      total += count;
    });
  });

  if (total <= maxArrows) {
    const arrows: { from: number; to: number; label: string }[] = [];
    for (const { u, v } of drawn) {
      const label = formatConnections(pairConnections(table, Math.floor(cellOf(units[u]!, units[v]!) / size), cellOf(units[u]!, units[v]!) % size));
      for (const i of units[u]!.indices) for (const j of units[v]!.indices) if (i !== j) arrows.push({ from: i, to: j, label });
    }
    arrows.sort((x, y) => x.from - y.from || x.to - y.to);
    return { arrows };
  }
  // Joined per namespace pair (an outside endpoint is its own group), keyed and ordered as the
  // pairwise loop would: by the first arrow, in row-major order, that falls into each pair.
  const groupOf = (i: number) => (i < n ? c.workloads[i]!.namespace : String(i));
  const joined = new Map<string, { from: number; to: number; count: number }>();
  for (const { u, v, count } of drawn) {
    const i = units[u]!.indices[0]!;
    const j = u === v ? units[v]!.indices[1]! : units[v]!.indices[0]!;
    // Two workloads of one namespace share its box: no arrow, as in diagram.ts.
    if (i < n && j < n && groupOf(i) === groupOf(j)) continue;
    const key = `${groupOf(i)}\u0000${groupOf(j)}`;
    const hit = joined.get(key);
    if (!hit) joined.set(key, { from: i, to: j, count });
    else {
      hit.count += count;
      if (i < hit.from || (i === hit.from && j < hit.to)) {
        hit.from = i;
        hit.to = j;
      }
    }
  }
  return { joined: [...joined.values()].sort((x, y) => x.from - y.from || x.to - y.to) };
}
