// The cluster model sent as the parts that changed since the last one sent: a switch or a policy
// edit changes the policies, not the thousands of workloads, whose copy to the page (structured
// clone, on both threads) cost as much as the analysis. Pure: the worker encodes, the page decodes.
import type { ClusterModel } from '../model/types.ts';

/** Parts of the cluster that a toggle usually leaves as they were (policies are always sent). */
export const STABLE_PARTS = ['namespaces', 'workloads', 'services', 'unevaluated', 'nodes'] as const;
export type StablePart = (typeof STABLE_PARTS)[number];

/** The worker's side: remembers what it sent, part by part, as JSON. */
export function clusterEncoder() {
  let sent: Partial<Record<StablePart, string>> = {};
  return {
    /** The cluster with the parts equal to those sent last left empty, and their names. */
    encode(cluster: ClusterModel): { cluster: ClusterModel; same: StablePart[] } {
      const same: StablePart[] = [];
      const out: ClusterModel = { ...cluster };
      const now: Partial<Record<StablePart, string>> = {};
      for (const part of STABLE_PARTS) {
        const json = JSON.stringify(cluster[part]);
        now[part] = json;
        if (sent[part] === json) {
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
