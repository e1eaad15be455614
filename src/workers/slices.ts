// The large arrays of an analysis answer sent ahead in slices of their own. The first analysis of
// a large design (an import of 20,000 pods: 150,000 pairs, 22,000 workloads) was one message whose
// decoding (structured clone) took 3 s in one task of the page's thread; the page decodes each
// message in a task of its own, so in slices no task is long. Later answers are small (only what
// changed is sent: pairsDelta.ts, clusterDelta.ts) and go whole. Pure: the worker slices, the page joins.
import type { Workload } from '../model/types.ts';
import type { Analysis, GPair, GWorkload } from './analysis.ts';

interface Parts {
  pairs: GPair[];
  graphWorkloads: GWorkload[];
  clusterWorkloads: Workload[];
}
export type SlicedPart = keyof Parts;
export type SliceMessage = { [K in SlicedPart]: { type: 'slice'; seq: number; part: K; items: Parts[K] } }[SlicedPart];

/** Items per slice: under 10 ms of decoding on the page for the largest items (pairs), idle. */
export const SLICE_ITEMS = 2000;

const get = (a: Analysis): Parts => ({ pairs: a.graph.pairs, graphWorkloads: a.graph.workloads, clusterWorkloads: a.cluster.workloads });
const put = (a: Analysis, p: Parts): Analysis => ({ ...a, graph: { ...a.graph, pairs: p.pairs, workloads: p.graphWorkloads }, cluster: { ...a.cluster, workloads: p.clusterWorkloads } });

/**
 * The worker's side: posts the arrays longer than two slices in slices (in order, before the
 * answer) and returns the analysis without them, and which parts were sliced.
 */
export function sliceAnalysis(seq: number, analysis: Analysis, post: (m: SliceMessage) => void, size = SLICE_ITEMS): { analysis: Analysis; sliced: SlicedPart[] } {
  const parts = get(analysis);
  const sliced: SlicedPart[] = [];
  const slice = <K extends SlicedPart>(part: K) => {
    const items = parts[part];
    if (items.length <= size * 2) return;
    for (let i = 0; i < items.length; i += size) post({ type: 'slice', seq, part, items: items.slice(i, i + size) } as SliceMessage);
    parts[part] = [] as Parts[K];
    sliced.push(part);
  };
  slice('pairs');
  slice('graphWorkloads');
  slice('clusterWorkloads');
  return sliced.length > 0 ? { analysis: put(analysis, parts), sliced } : { analysis, sliced };
}

/** The page's side: collects the slices of each answer until the answer arrives. */
export function sliceCollector() {
  const bySeq = new Map<number, Parts>();
  return {
    add(m: SliceMessage): void {
      let parts = bySeq.get(m.seq);
      if (!parts) bySeq.set(m.seq, (parts = { pairs: [], graphWorkloads: [], clusterWorkloads: [] }));
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
