// The review's compilations remembered from one review to the next (the review worker reviews design
// after design that differ in a few policies: a toggle). A compilation of a cluster with the same
// workloads, namespaces and nodes as the last one of that kind reuses its compiled policies for
// policies of the same content (engine compile's `reuse`), as the analysis worker does
// (src/workers/analysis.ts analyzeClusterFrom); otherwise it is a plain compile. Same result either
// way (src/engine/compileReuse.test.ts); only the time differs.
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
      const compiled = compile(cluster, { profile, ...(same ? { reuse: before } : {}) });
      last.set(key, compiled);
      return compiled;
    },
  };
}

/** Without a memo: a plain compile (the CLI, tests, a design reviewed once). */
export const plainCompile = (cluster: ClusterModel, profile: NetworkProfileId | undefined): CompiledCluster => compile(cluster, { profile });
