// The analysis worker's memory of its last analysis: each design request reuses what the change
// cannot have affected (analyzeClusterFrom in ./analysis.ts). A restarted worker starts afresh.
import { analyzeClusterFrom, type AnalysisState, type GraphAnalyzer, type ReuseReport } from './analysis.ts';

export interface IncrementalAnalyzer {
  analyze: GraphAnalyzer;
  /** How the last analysis went (for measurements). */
  last(): ReuseReport | undefined;
  forget(): void;
}

export function incrementalAnalyzer(): IncrementalAnalyzer {
  let previous: AnalysisState | undefined;
  let report: ReuseReport | undefined;
  return {
    analyze(objects, cluster, settings) {
      // A failure must not leave a state that disagrees with the design: forget it first.
      const prior = previous;
      previous = undefined;
      const r = analyzeClusterFrom(objects, cluster, settings, prior);
      previous = r.state;
      report = r.reuse;
      return r.graph;
    },
    last: () => report,
    forget() {
      previous = undefined;
      report = undefined;
    },
  };
}

/** The worker's one analyzer. */
export const incremental = incrementalAnalyzer();
