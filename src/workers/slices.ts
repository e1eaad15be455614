// The large arrays of an analysis answer sent ahead in slices of their own. The first analysis of
// a large design (an import of 20,000 pods: 150,000 pairs, 22,000 workloads) was one message whose
// decoding (structured clone) took 3 s in one task of the page's thread; the page decodes each
// message in a task of its own, so in slices no task is long. Later answers are small (only what
// changed is sent: pairsDelta.ts, clusterDelta.ts) and go whole. Pure: the worker slices, the page joins.
import type { KubeObject, NetworkPolicy, ServiceModel, Workload } from '../model/types.ts';
import type { Analysis, GPair, GWorkload } from './analysis.ts';

interface Parts {
  pairs: GPair[];
  graphWorkloads: GWorkload[];
  clusterWorkloads: Workload[];
  /** The objects of the text a large import wrote (2,800 policies at 20,000 pods), and the model's policies and Services. */
  objects: KubeObject[];
  clusterPolicies: NetworkPolicy[];
  clusterServices: ServiceModel[];
}
export type SlicedPart = keyof Parts;
export type SliceMessage = { [K in SlicedPart]: { type: 'slice'; seq: number; part: K; items: Parts[K] } }[SlicedPart];

/** Pairs per slice: under 10 ms of decoding on the page, idle. */
export const SLICE_ITEMS = 2000;
/**
 * The other parts' items are larger (a workload with its labels, ports and pods, a policy): a
 * quarter as many per slice (2,000 cluster workloads were ~30 ms of decoding idle, ~150 ms at load 15).
 */
const LARGE_ITEMS: ReadonlySet<SlicedPart> = new Set(['graphWorkloads', 'clusterWorkloads', 'objects', 'clusterPolicies', 'clusterServices']);

const get = (a: Analysis): Parts => ({
  pairs: a.graph.pairs,
  graphWorkloads: a.graph.workloads,
  clusterWorkloads: a.cluster.workloads,
  objects: a.objects,
  clusterPolicies: a.cluster.policies,
  clusterServices: a.cluster.services,
});
const put = (a: Analysis, p: Parts): Analysis => ({
  ...a,
  objects: p.objects,
  graph: { ...a.graph, pairs: p.pairs, workloads: p.graphWorkloads },
  cluster: { ...a.cluster, workloads: p.clusterWorkloads, policies: p.clusterPolicies, services: p.clusterServices },
});

/**
 * The worker's side: posts the arrays longer than two slices in slices (in order, before the
 * answer) and returns the analysis without them, and which parts were sliced.
 */
export function sliceAnalysis(seq: number, analysis: Analysis, post: (m: SliceMessage) => void, size = SLICE_ITEMS): { analysis: Analysis; sliced: SlicedPart[] } {
  const parts = get(analysis);
  const sliced: SlicedPart[] = [];
  const slice = <K extends SlicedPart>(part: K) => {
    const items = parts[part];
    const n = LARGE_ITEMS.has(part) ? Math.max(1, size >> 2) : size;
    if (items.length <= n * 2) return;
    for (let i = 0; i < items.length; i += n) post({ type: 'slice', seq, part, items: items.slice(i, i + n) } as SliceMessage);
    parts[part] = [] as Parts[K];
    sliced.push(part);
  };
  slice('pairs');
  slice('graphWorkloads');
  slice('clusterWorkloads');
  slice('objects');
  slice('clusterPolicies');
  slice('clusterServices');
  return sliced.length > 0 ? { analysis: put(analysis, parts), sliced } : { analysis, sliced };
}

/** The page's side: collects the slices of each answer until the answer arrives. */
export function sliceCollector() {
  const bySeq = new Map<number, Parts>();
  return {
    add(m: SliceMessage): void {
      let parts = bySeq.get(m.seq);
      if (!parts) bySeq.set(m.seq, (parts = { pairs: [], graphWorkloads: [], clusterWorkloads: [], objects: [], clusterPolicies: [], clusterServices: [] }));
      const into = parts[m.part] as unknown[];
      for (const item of m.items) into.push(item);
    },
    /** The analysis with its sliced parts put back (and the slices forgotten). */
    join(seq: number, analysis: Analysis, sliced: readonly SlicedPart[]): Analysis {
      const collected = bySeq.get(seq);
      bySeq.delete(seq);
      if (!collected) return analysis;
      const parts = get(analysis);
      for (const part of sliced) (parts as unknown as Record<SlicedPart, unknown[]>)[part] = collected[part];
      return put(analysis, parts);
    },
    clear(): void {
      bySeq.clear();
    },
  };
}
