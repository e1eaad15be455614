import { describe, expect, it } from 'vitest';
import { afterStep, MAX_RUNS, type StepAt } from './prepareSteps.ts';

/** The steps run, by index, when step i says it is done on its `finishes[i]`th run (Infinity: never). */
function run(finishes: readonly number[]): number[] {
  const ran: number[] = [];
  const runs = finishes.map(() => 0);
  let at: StepAt = { step: 0, runs: 0 };
  while (at.step < finishes.length) {
    ran.push(at.step);
    runs[at.step]!++;
    at = afterStep(at, runs[at.step]! >= finishes[at.step]!);
  }
  return ran;
}

describe('afterStep', () => {
  it('runs each step once when each is done', () => {
    expect(run([1, 1, 1])).toEqual([0, 1, 2]);
  });
  it('runs a step again while it has more to do, then the next', () => {
    expect(run([1, 3, 1])).toEqual([0, 1, 1, 1, 2]);
  });
  it(`moves on after ${MAX_RUNS} runs of a step that never finishes`, () => {
    expect(run([Infinity, 2])).toEqual([...Array<number>(MAX_RUNS).fill(0), 1, 1]);
  });
});
