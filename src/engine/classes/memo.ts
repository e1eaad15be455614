// Workload classes computed once per compiled cluster, and answers memoised per class: a check that
// asks the same question of every workload (can it reach DNS? the API server?) asks it once per class.
import type { CompiledCluster } from '../compile.ts';
import { Bitset } from '../bitset.ts';
import { bitsetsOf, classKeys, keysAgree, loopsBack, placedClasses, refineClasses, workloadClasses, type WorkloadClasses } from './classes.ts';

const cache = new WeakMap<CompiledCluster, WorkloadClasses>();
const sharers = new WeakMap<CompiledCluster, CompiledCluster>();
const predecessors = new WeakMap<CompiledCluster, CompiledCluster>();

/** The workload classes of a compiled cluster, computed on first use (a compiled cluster does not change). */
export function classesOf(c: CompiledCluster): WorkloadClasses {
  let classes = cache.get(c);
  if (!classes) {
    // The last toggle's classes first: refining them costs less than comparing with a sibling's keys.
    const before = predecessors.get(c);
    const known = before && cache.get(before);
    classes = before && known ? refinedFrom(before, known, c) : undefined;
    if (!classes) {
      const from = sharers.get(c);
      classes = from && sameKeys(from, c) ? classesOf(from) : workloadClasses(c);
    }
    predecessors.delete(c);
    cache.set(c, classes);
  }
  return classes;
}

/**
 * Lets `to` start its classes from those of `from`, the last compilation of the same workloads under
 * the same profile (compile's `reuse`: a toggle changes a policy or two), when `from`'s are known by
 * then: refinedFrom checks that they may be. `from` forgets its own predecessor, so a session of
 * toggles holds two compilations at most, not every one since the load.
 */
export function followClasses(from: CompiledCluster, to: CompiledCluster): void {
  if (from === to) return;
  predecessors.delete(from);
  predecessors.set(to, from);
}

/**
 * The classes of `after` from those of `before`, or undefined when they cannot be had so. The
 * classes are the common refinement of the keys and of the contents of every bitset (classes.ts).
 * With the same keys, the bitsets `after` adds (objects `before` does not hold: a compiled bitset is
 * never changed once made, and kept policies keep theirs) split `before`'s classes further; the
 * ones it drops could merge classes, unless each splits nothing (empty or full) or `after` holds a
 * bitset of the same contents (a policy toggled off whose selector another policy of the namespace
 * also has). Else the classes are computed from nothing. At 20,000 pods, computing them was
 * 100-150 CPU ms of each toggle's review.
 */
function refinedFrom(before: CompiledCluster, known: WorkloadClasses, after: CompiledCluster): WorkloadClasses | undefined {
  const n = after.workloads.length;
  if (before.workloads.length !== n) return undefined;
  if (!keysAgree(before, after)) return undefined;
  const listBefore = bitsetsOf(before);
  const listAfter = bitsetsOf(after);
  const setsBefore = new Set(listBefore);
  const setsAfter = new Set(listAfter);
  const added = listAfter.filter((set) => !setsBefore.has(set));
  const dropped = listBefore.filter((set) => !setsAfter.has(set) && splits(set, n));
  // Compared word by word (few are dropped; writing every set out as a key was ~100 ms at 20,000 pods).
  if (dropped.some((set) => !listAfter.some((other) => sameWords(set, other)))) return undefined;
  return refineClasses(Int32Array.from(known.classOf), known.members.length, added, known);
}

function sameWords(a: Bitset, b: Bitset): boolean {
  const x = a.words;
  const y = b.words;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Whether a bitset over n workloads holds some of them but not all (else it splits no class). */
function splits(set: Bitset, n: number): boolean {
  const count = set.count();
  return count > 0 && count < n;
}

/**
 * Lets `to` take the classes of `from` (a compilation of the same cluster under another profile)
 * when it comes to need them: checked then, and only taken when the two key the classes alike (the
 * same workloads, bitsets of the same contents), so the classes are those `to` would compute. Under
 * profiles that match pods alike the bitsets are the very same, and the review's several profiles
 * work the classes out once (src/review/findings/compileMemo.ts).
 */
export function shareClasses(from: CompiledCluster, to: CompiledCluster): void {
  if (from !== to) sharers.set(to, from);
}

/**
 * Whether `a` and `b` key the classes alike. The classes are the common refinement of the workloads'
 * own keys (classKeys) and of every bitset the compilation holds, numbered by first member (classes.ts): the
 * same workloads and the same bitset contents, in whatever order, give the same classes. Parts the
 * two share (the same objects, or arrays of the same objects) hold the same bitsets; the others are
 * walked and compared by content, up to a budget (walking all compiled policies again would cost
 * what computing the classes does; past the budget the classes are computed).
 */
function sameKeys(a: CompiledCluster, b: CompiledCluster): boolean {
  if (a.workloads !== b.workloads) return false;
  // The key's own part reads the profile too (a workload's exemption: classKeys).
  const keysA = classKeys(a);
  const keysB = classKeys(b);
  if (keysA.some((k, i) => k !== keysB[i])) return false;
  const n = a.workloads.length;
  let budget = 4 * n + 1000;
  const lockstep = { left: 4 * n + 1000 };
  const fieldsA = a as unknown as Record<string, unknown>;
  const fieldsB = b as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(fieldsA), ...Object.keys(fieldsB)])) {
    const x = fieldsA[key];
    const y = fieldsB[key];
    if (x === y || (Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => v === y[i]))) continue;
    if (alike(x, y, n, lockstep)) continue;
    const setsX = new Set<string>();
    const setsY = new Set<string>();
    for (const [value, into] of [[x, setsX], [y, setsY]] as const) {
      const stack: unknown[] = [value];
      const seen = new Set<object>();
      while (stack.length > 0) {
        const v = stack.pop();
        if (typeof v !== 'object' || v === null || seen.has(v)) continue;
        if (--budget < 0) return false;
        seen.add(v);
        if (v instanceof Bitset) {
          if (v.size === n) into.add(v.words.join(','));
          continue;
        }
        if (ArrayBuffer.isView(v)) continue;
        for (const item of v instanceof Map ? v.values() : Array.isArray(v) ? v : Object.values(v)) if (typeof item === 'object' && item !== null) stack.push(item);
      }
    }
    if (setsX.size !== setsY.size || [...setsX].some((words) => !setsY.has(words))) return false;
  }
  return true;
}

/**
 * Whether `x` and `y` are alike in shape (the same objects where one is the other; else the same
 * kinds of object, their values pair by pair), with bitsets over the workloads of the same contents
 * where they pair: then every such bitset of one has its like in the other, which is what sameKeys
 * asks, without writing each out (a sibling compilation's new arrays and policies of the same
 * contents, ~50 ms a profile at 20,000 pods). False when they are not, or past the budget: sameKeys
 * then compares the bitsets as sets.
 */
function alike(x: unknown, y: unknown, n: number, budget: { left: number }): boolean {
  const stack: [unknown, unknown][] = [[x, y]];
  while (stack.length > 0) {
    const [u, v] = stack.pop()!;
    if (u === v) continue;
    const objectU = typeof u === 'object' && u !== null;
    const objectV = typeof v === 'object' && v !== null;
    // Values other than objects hold no bitsets (the walk in sameKeys passes them by).
    if (!objectU && !objectV) continue;
    if (!objectU || !objectV || --budget.left < 0) return false;
    if (u instanceof Bitset || v instanceof Bitset) {
      if (!(u instanceof Bitset && v instanceof Bitset)) return false;
      if (u.size !== n && v.size !== n) continue;
      if (u.size !== v.size || u.words.some((word, i) => word !== v.words[i])) return false;
      continue;
    }
    if (ArrayBuffer.isView(u) || ArrayBuffer.isView(v)) {
      if (ArrayBuffer.isView(u) && ArrayBuffer.isView(v)) continue;
      return false;
    }
    if (u instanceof Map || v instanceof Map || Array.isArray(u) || Array.isArray(v)) {
      if ((u instanceof Map) !== (v instanceof Map) || Array.isArray(u) !== Array.isArray(v)) return false;
    }
    const valuesU: unknown[] = u instanceof Map ? [...u.values()] : Array.isArray(u) ? u : Object.values(u);
    const valuesV: unknown[] = v instanceof Map ? [...v.values()] : Array.isArray(v) ? v : Object.values(v);
    if (valuesU.length !== valuesV.length) return false;
    for (let i = 0; i < valuesU.length; i++) if (valuesU[i] !== valuesV[i]) stack.push([valuesU[i], valuesV[i]]);
  }
  return true;
}

/**
 * `compute(w, key)` once per class of `w` and key. Only for answers that depend on what the engine
 * decides for the workload (verdicts, deciding policies), never on its own name or on it being the
 * other end: members of a class get the same answers, except a workload and itself (classes.ts).
 * A class holds single pods and workloads of several alike; an answer may still pass through the
 * workload itself (a Service's backends: one of them may be the asking pod, loopback), so the memo
 * keeps the two apart.
 */
export function perClass<T, K extends string = ''>(c: CompiledCluster, compute: (w: number, key: K) => T): (w: number, key: K) => T {
  // compute may ask about a node's address, whose answers read placement (the own-node exception).
  const { classOf } = placedClasses(c, classesOf(c));
  const memo = new Map<string, T>();
  return (w, key) => {
    const k = `${classOf[w]}:${loopsBack(c, w) ? 1 : 0}\u0000${key}`;
    if (memo.has(k)) return memo.get(k)!;
    const value = compute(w, key);
    memo.set(k, value);
    return value;
  };
}
