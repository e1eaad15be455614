// The analysis worker's memory of its last analysis: each design request reuses what the change
// cannot have affected (analyzeClusterFrom in ./analysis.ts). A restarted worker starts afresh.
import { analyzeClusterFrom, MAX_PAIRS, type AnalysisState, type GPair, type GraphAnalyzer, type GraphData, type ReuseReport } from './analysis.ts';
import type { CompiledCluster } from '../engine/index.ts';
import { encodePairs, type PairsDelta } from './pairsDelta.ts';
import { keepFolded } from './pairsKeep.ts';

export interface IncrementalAnalyzer {
  analyze: GraphAnalyzer;
  /**
   * Called as the graph of the last analysis is sent: its pairs as a change against the pairs sent
   * before (undefined for the first, or when too much changed to save anything).
   */
  send(graph: GraphData): PairsDelta | undefined;
  /** How the last analysis went (for measurements). */
  last(): ReuseReport | undefined;
  /** The compiled cluster of the last analysis (the Matrix view reuses it: src/workers/reviewJobs.ts). */
  compiled(): CompiledCluster | undefined;
  forget(): void;
}

/** `maxPairs`: the cap on listed pairs (tests use small ones). */
export function incrementalAnalyzer(maxPairs = MAX_PAIRS): IncrementalAnalyzer {
  let previous: AnalysisState | undefined;
  let report: ReuseReport | undefined;
  /** What the page holds: the pairs last sent and the kept pairs behind them. */
  let sent: { pairs: readonly GPair[]; listed: GPair[]; orders: number[] } | undefined;
  return {
    analyze(objects, cluster, settings) {
      // A failure must not leave a state that disagrees with the design: forget it first.
      const prior = previous;
      previous = undefined;
      const r = analyzeClusterFrom(objects, cluster, settings, prior, maxPairs);
      previous = r.state;
      report = r.reuse;
      return r.graph;
    },
    send(graph) {
      const base = sent;
      const listed = previous?.listed;
      const orders = previous?.listedOrders;
      // The graph must be the last analysis's (its listed pairs come first, then the folded ones).
      if (!listed || !orders || listed.length > graph.pairs.length) {
        sent = undefined;
        return undefined;
      }
      sent = { pairs: graph.pairs, listed, orders };
      if (!base) return undefined;
      const listedDelta = encodePairs(graph.pairs, listed, base.listed, base.pairs.length, { now: orders, base: base.orders });
      const delta = keepFolded(listedDelta, graph.pairs, listed.length, base.pairs, base.listed.length);
      // Mostly new: the plain list is as cheap to send and simpler to read.
      return delta.added.length > graph.pairs.length / 2 ? undefined : delta;
    },
    last: () => report,
    compiled: () => previous?.compiled,
    forget() {
      previous = undefined;
      report = undefined;
      sent = undefined;
    },
  };
}

/** The worker's one analyzer. */
export const incremental = incrementalAnalyzer();
