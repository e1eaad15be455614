// The cluster model sent as the parts that changed since the last one sent: a switch or a policy
// edit changes the policies, not the thousands of workloads, whose copy to the page (structured
// clone, on both threads) cost as much as the analysis. Pure: the worker encodes, the page decodes.
import type { ClusterModel } from '../model/types.ts';

/** Parts of the cluster that a toggle usually leaves as they were (policies are always sent). */
export const STABLE_PARTS = ['namespaces', 'workloads', 'services', 'unevaluated', 'nodes'] as const;
export type StablePart = (typeof STABLE_PARTS)[number];

/** JSON of model elements, written once each: they are never changed in place (src/model/cluster.ts ClusterMemo). */
export function modelJson(): (x: object) => string {
  const texts = new WeakMap<object, string>();
  return (x) => {
    let text = texts.get(x);
    if (text === undefined) texts.set(x, (text = JSON.stringify(x)));
    return text;
  };
}

/**
 * The worker's side: remembers what it sent, part by part. Elements are compared by identity (the
 * memoized cluster build keeps unchanged ones), else as JSON, each element's written once: writing
 * all 5,000 workloads after every toggle cost 50 ms.
 */
export function clusterEncoder() {
  let sent: Partial<Record<StablePart, readonly object[]>> = {};
  const json = modelJson();
  const equal = (a: readonly object[], b: readonly object[]) => a.length === b.length && a.every((x, i) => x === b[i] || json(x) === json(b[i]!));
  return {
    /** The cluster with the parts equal to those sent last left empty, and their names. */
    encode(cluster: ClusterModel): { cluster: ClusterModel; same: StablePart[] } {
      const same: StablePart[] = [];
      const out: ClusterModel = { ...cluster };
      const now: Partial<Record<StablePart, readonly object[]>> = {};
      for (const part of STABLE_PARTS) {
        const list: readonly object[] = cluster[part];
        now[part] = list;
        const before = sent[part];
        if (before && equal(before, list)) {
          same.push(part);
          out[part] = [];
        }
      }
      sent = now;
      return { cluster: out, same };
    },
    forget() {
      sent = {};
    },
  };
}

/** The page's side: the cluster with the parts the worker left out taken from the last one. */
export function decodeCluster(cluster: ClusterModel, same: readonly StablePart[], base: ClusterModel | undefined): ClusterModel | undefined {
  if (same.length === 0) return cluster;
  if (!base) return undefined;
  const out: ClusterModel = { ...cluster };
  for (const part of same) (out as unknown as Record<StablePart, unknown>)[part] = base[part];
  return out;
}
