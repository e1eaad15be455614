// Workload classes computed once per compiled cluster, and answers memoised per class: a check that
// asks the same question of every workload (can it reach DNS? the API server?) asks it once per class.
import type { CompiledCluster } from '../compile.ts';
import { workloadClasses, type WorkloadClasses } from './classes.ts';

const cache = new WeakMap<CompiledCluster, WorkloadClasses>();

/** The workload classes of a compiled cluster, computed on first use (a compiled cluster does not change). */
export function classesOf(c: CompiledCluster): WorkloadClasses {
  let classes = cache.get(c);
  if (!classes) cache.set(c, (classes = workloadClasses(c)));
  return classes;
}

/**
 * `compute(w, key)` once per class of `w` and key. Only for answers that depend on what the engine
 * decides for the workload (verdicts, deciding policies), never on its own name or on it being the
 * other end: members of a class get the same answers, except a workload and itself (classes.ts).
 */
export function perClass<T, K extends string = ''>(c: CompiledCluster, compute: (w: number, key: K) => T): (w: number, key: K) => T {
  const { classOf } = classesOf(c);
  const memo = new Map<string, T>();
  return (w, key) => {
    const k = `${classOf[w]}\u0000${key}`;
    if (memo.has(k)) return memo.get(k)!;
    const value = compute(w, key);
    memo.set(k, value);
    return value;
  };
}
