import { describe, expect, it } from 'vitest';
import { boundHistory } from './undoBudget.ts';

const step = (chars: number) => ({ text: 'x'.repeat(chars), objects: [] });

describe('boundHistory', () => {
  it('keeps the newest steps that fit the budget and counts the dropped ones', () => {
    const past = [step(50), step(40), step(30), step(20)];
    const { kept, dropped } = boundHistory(past, 100, 60);
    expect(kept).toEqual([step(30), step(20)]);
    expect(dropped).toBe(2);
  });

  it('always keeps the newest step, even over budget, and honours the step limit', () => {
    expect(boundHistory([step(10), step(500)], 100, 60)).toEqual({ kept: [step(500)], dropped: 1 });
    expect(boundHistory([step(1), step(1), step(1)], 2, 1000).dropped).toBe(1);
    const past = [step(1)];
    expect(boundHistory(past, 100, 1000).kept).toBe(past);
  });
});
