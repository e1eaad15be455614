// The order a newly loaded large design's preparing steps run in (graph/drawnInTurn.ts runs each
// in a task of its own). Pure: no React.

/** A preparing step: returns false when it has more to do (it then runs again, in a task of its own). */
export type PrepareStep<T> = (input: T) => boolean | void;

/** The step to run next, and how many times in a row it has run. */
export interface StepAt {
  step: number;
  runs: number;
}

/** Runs of one step in a row, at most: a step that never finishes does not hold the design back. */
export const MAX_RUNS = 8;

/** Where the steps go after the one at `at` ran: the same again while it has more to do, else the next. */
export function afterStep(at: StepAt, done: boolean): StepAt {
  return !done && at.runs + 1 < MAX_RUNS ? { step: at.step, runs: at.runs + 1 } : { step: at.step + 1, runs: 0 };
}
