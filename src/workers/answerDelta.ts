// An analysis answer as changes against the last one sent: the graph's pairs (pairsDelta.ts), the
// cluster's stable parts (clusterDelta.ts) and the long lists (listDelta.ts). One place for the
// order the three are applied in, so the worker, the page and the tests that stand for them agree.
import type { Analysis } from './analysis.ts';
import { clusterEncoder, decodeCluster, type StablePart } from './clusterDelta.ts';
import { answerEncoder, decodeAnswer, type ListDeltas } from './listDelta.ts';
import { decodePairs, type PairsDelta } from './pairsDelta.ts';

/** What an answer carries beside its analysis (the fields of the worker's `analysis` message). */
export interface AnswerDeltas {
  pairs?: PairsDelta;
  same?: StablePart[];
  lists?: ListDeltas;
}

/**
 * The worker's side. `pairsDelta` is the incremental analyzer's (it knows the pairs it sent):
 * undefined when the pairs go whole.
 */
export function answerSender(pairsDelta: (graph: Analysis['graph']) => PairsDelta | undefined) {
  const clusters = clusterEncoder();
  const lists = answerEncoder();
  return {
    encode(analysis: Analysis): { analysis: Analysis; deltas: AnswerDeltas } {
      const pairs = pairsDelta(analysis.graph);
      const c = clusters.encode(analysis.cluster);
      const l = lists.encode({ ...analysis, cluster: c.cluster, graph: pairs ? { ...analysis.graph, pairs: [] } : analysis.graph });
      return {
        analysis: l.analysis,
        deltas: { ...(pairs ? { pairs } : {}), ...(c.same.length > 0 ? { same: c.same } : {}), ...(Object.keys(l.lists).length > 0 ? { lists: l.lists } : {}) },
      };
    },
  };
}

/** The page's side: the analysis rebuilt against the last one decoded; undefined when the two sides lost step. */
export function decodeAnswerDeltas(analysis: Analysis, deltas: AnswerDeltas, base: Analysis | undefined): Analysis | undefined {
  const pairs = deltas.pairs ? decodePairs(deltas.pairs, base?.graph.pairs) : analysis.graph.pairs;
  const cluster = decodeCluster(analysis.cluster, deltas.same ?? [], base?.cluster);
  if (!pairs || !cluster) return undefined;
  return decodeAnswer({ ...analysis, cluster, graph: { ...analysis.graph, pairs } }, deltas.lists, base);
}
