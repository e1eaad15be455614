// Endpoint classes for the diff: endpoints that both designs' engines cannot tell apart. A workload's
// class is its workload class (src/engine/classes) in the baseline and in the current design
// (absent counts as a class of its own); every outside node is a class of its own. Members of a class
// have the same connections to and from everything in both designs, except a member and itself
// (a pod reaching itself may be decided apart from reaching a replica), so a class is represented
// by its first member and, when it has two, its second: (first, first) stands for every member with
// itself, (first, second) for two different members, (first of P, first of Q) for every pair across.
import { classesOf, hasNodeEndpoint, loopsBack, placedClasses } from '../../engine/classes/index.ts';
import { parseIp } from '../../engine/cidr.ts';
import { ipKey } from '../../engine/compile.ts';
import type { CompiledCluster, Endpoint } from '../../engine/index.ts';

export interface JointClasses {
  /** Class of each union endpoint. */
  classOf: Int32Array;
  /** Union endpoint indices of each class, ascending. */
  members: number[][];
  /** The representatives' union indices: each class's first member, then its second where it has one. */
  reduced: number[];
  /** For each representative (by its place in `reduced`): its class, and whether it is the second member. */
  slotOf: { cls: number; second: boolean }[];
}

export function jointClasses(a: CompiledCluster, b: CompiledCluster, union: readonly { baseline?: Endpoint | undefined; current?: Endpoint | undefined }[]): JointClasses {
  // A node's address answers a member by where it runs (the own-node exception).
  const outside = (side: 'baseline' | 'current') => union.flatMap((u) => (u[side]?.kind === 'ip' ? [u[side]] : []));
  const ca = (hasNodeEndpoint(a, outside('baseline')) ? placedClasses(a, classesOf(a)) : classesOf(a)).classOf;
  const cb = (hasNodeEndpoint(b, outside('current')) ? placedClasses(b, classesOf(b)) : classesOf(b)).classOf;
  const classOf = new Int32Array(union.length);
  const members: number[][] = [];
  const byKey = new Map<string, number>();
  // A workload whose address is also an outside endpoint is that endpoint (the engine resolves a pod's
  // address to the pod): its pairs with it are pairs with itself, so it stays a class of its own.
  const alone = new Set<string>();
  for (const u of union) {
    for (const [c, e] of [[a, u.baseline], [b, u.current]] as const) {
      if (e?.kind !== 'ip') continue;
      const bytes = parseIp(e.ip);
      const owner = bytes ? c.ipOwner.get(ipKey(bytes)) : undefined;
      if (owner !== undefined) alone.add(c.workloads[owner]!.id);
    }
  }
  // A workload class holds single pods and workloads of several alike (a pod's loopback is its pair
  // with itself only, engine/classes loopsBack); here (first, first) stands for every member with
  // itself, so a class is split by it.
  const side = (c: CompiledCluster, classes: Int32Array, e: Endpoint | undefined): string => {
    if (e === undefined) return '-';
    const i = c.workloadIndex.get(e.kind === 'workload' ? e.id : '');
    return i === undefined ? '-' : `${classes[i]}:${loopsBack(c, i) ? 1 : 0}`;
  };
  const isWorkload = (e: Endpoint | undefined) => e === undefined || e.kind === 'workload';
  union.forEach((u, index) => {
    // Outside nodes (and the DNS node where one design has no DNS pods) are classes of their own.
    const id = u.baseline?.kind === 'workload' ? u.baseline.id : u.current?.kind === 'workload' ? u.current.id : undefined;
    const grouped = id !== undefined && isWorkload(u.baseline) && isWorkload(u.current) && !alone.has(id);
    const key = grouped ? `${side(a, ca, u.baseline)}|${side(b, cb, u.current)}` : `#${index}`;
    let k = byKey.get(key);
    if (k === undefined) {
      k = members.length;
      byKey.set(key, k);
      members.push([]);
    }
    classOf[index] = k;
    members[k]!.push(index);
  });
  const reduced: number[] = [];
  const slotOf: { cls: number; second: boolean }[] = [];
  members.forEach((list, cls) => {
    reduced.push(list[0]!);
    slotOf.push({ cls, second: false });
  });
  members.forEach((list, cls) => {
    if (list.length < 2) return;
    reduced.push(list[1]!);
    slotOf.push({ cls, second: true });
  });
  return { classOf, members, reduced, slotOf };
}
