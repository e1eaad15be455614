// The review's compilations remembered from one review to the next (the review worker reviews design
// after design that differ in a few policies: a toggle). A compilation of a cluster with the same
// workloads, namespaces and nodes as the last one of that kind reuses its compiled policies for
// policies of the same content (engine compile's `reuse`), as the analysis worker does
// (src/workers/analysis.ts analyzeClusterFrom); otherwise it is a plain compile. Same result either
// way (src/engine/compileReuse.test.ts); only the time differs.
//
// A review compiles the design under several profiles (the plugin-difference check): a compilation
// of a cluster already compiled in this review under another profile starts from that one (compile's
// `sibling`), and takes its workload classes when they key alike (shareClasses). Same result as a
// plain compile per profile (compileMemo.test.ts). A compilation that reuses the last one starts its
// classes from that one's (followClasses): the same classes, refined by the bitsets the toggle added.
import { followClasses, shareClasses } from '../../engine/classes/index.ts';
import { compile, type CompiledCluster, type NetworkProfileId } from '../../engine/index.ts';
import { sameExceptRef } from '../../model/index.ts';
import type { ClusterModel } from '../../model/types.ts';

export interface CompileMemo {
  /** `compile(cluster, { profile })`, reusing the last compilation of the same `kind` when it fits. */
  compile(kind: string, cluster: ClusterModel, profile: NetworkProfileId | undefined): CompiledCluster;
}

/** Two lists of model elements with the same content, references into the manifest list aside. */
const sameElements = <T extends object>(a: readonly T[], b: readonly T[]): boolean =>
  a === b || (a.length === b.length && a.every((x, i) => sameExceptRef(x, b[i]!)));

export function compileMemo(): CompileMemo {
  const last = new Map<string, CompiledCluster>();
  return {
    compile(kind, cluster, profile) {
      const key = `${kind}\u0000${profile ?? ''}`;
      const before = last.get(key);
      // Forget first: should compiling fail, no stale entry stays.
      last.delete(key);
      const same = before !== undefined && sameElements(before.cluster.workloads, cluster.workloads)
        && sameElements(before.cluster.namespaces, cluster.namespaces) && sameElements(before.cluster.nodes, cluster.nodes);
      // A compilation of this very cluster is one of this review (the entries of earlier reviews hold earlier models).
      const sibling = [...last.entries()].find(([k, c]) => k.startsWith(`${kind}\u0000`) && c.cluster === cluster)?.[1];
      const compiled = compile(cluster, { profile, ...(same ? { reuse: before } : {}), ...(sibling ? { sibling } : {}) });
      if (sibling) shareClasses(sibling, compiled);
      // A toggle's compilation: its classes start from the last one's (refined by what it adds).
      if (same) followClasses(before, compiled);
      last.set(key, compiled);
      return compiled;
    },
  };
}
