// Answers memoised per workload class (perClass) when many workloads ask, per workload when few do:
// the classes of a large cluster cost ~100 ms to work out, more than judging the dozen workloads of
// the one namespace a toggle changed (the others' findings kept, src/review/findings/kept.ts).
// Same answers either way: perClass is only for answers every member of a class shares.
import type { CompiledCluster } from '../../engine/compile.ts';
import { perClass } from '../../engine/classes/index.ts';

/** Below this many workloads to judge, classes are not worked out for them. */
const FEW = 256;

export function perClassOrWorkload<T, K extends string = ''>(c: CompiledCluster, workloads: number, compute: (w: number, key: K) => T): (w: number, key: K) => T {
  if (workloads >= FEW) return perClass(c, compute);
  const memo = new Map<string, T>();
  return (w, key) => {
    const k = `${w}\u0000${key}`;
    if (memo.has(k)) return memo.get(k)!;
    const value = compute(w, key);
    memo.set(k, value);
    return value;
  };
}
