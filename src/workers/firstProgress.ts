// The progress of a large import's first analysis (src/ui/importLarge.ts): the analysis worker says
// which step it is in, and the page shows it as a fraction of the whole. A step's share is what it
// took of the first analysis of a 5,000-pod kubectl dump (bench/importProfile.ts, CPU time at load
// ~3-20: the held objects arriving ~0.1-0.2 s, the cluster build ~0.5 s, the graph's analysis
// ~0.7-1.0 s, encoding and sending the answer ~0.3 s); the page's decoding of the answer comes last.
// Pure: no DOM, no model code.

export type FirstStep = 'receiving' | 'building' | 'analyzing' | 'sending' | 'drawing';

/** What the analysis worker posts as it goes (`seq`: the request it is about). */
export interface FirstProgressMessage {
  type: 'progress';
  seq: number;
  step: FirstStep;
}

/** The fraction of the first analysis done when each step starts (in order), of 100. */
const STARTS: Record<FirstStep, number> = { receiving: 0, building: 8, analyzing: 33, sending: 80, drawing: 92 };

/** Percent done when `step` starts. */
export const firstStepPercent = (step: FirstStep): number => STARTS[step];

/** What the progress bar says of each step. */
export const FIRST_STEP_LABELS: Record<FirstStep, string> = {
  receiving: 'taking the cluster objects',
  building: 'building the cluster model',
  analyzing: 'working out who can reach whom',
  sending: 'sending the graph to the page',
  drawing: 'drawing the graph',
};

/** Steps only move forward: a later message about an earlier step (another request) is ignored. */
export function laterStep(now: FirstStep | undefined, next: FirstStep): FirstStep {
  return now === undefined || STARTS[next] >= STARTS[now] ? next : now;
}
