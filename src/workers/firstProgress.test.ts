import { describe, expect, it } from 'vitest';
import { FIRST_STEP_LABELS, firstStepPercent, laterStep, type FirstStep } from './firstProgress.ts';

const ORDER: FirstStep[] = ['receiving', 'building', 'analyzing', 'sending', 'drawing'];

describe('first analysis progress', () => {
  it('moves forward step by step, below 100 until the graph is drawn', () => {
    const percents = ORDER.map(firstStepPercent);
    for (let i = 1; i < percents.length; i++) expect(percents[i]!).toBeGreaterThan(percents[i - 1]!);
    expect(percents[0]).toBe(0);
    expect(percents[percents.length - 1]!).toBeLessThan(100);
    for (const s of ORDER) expect(FIRST_STEP_LABELS[s].length).toBeGreaterThan(0);
  });

  it('ignores a step that comes after a later one', () => {
    let shown: FirstStep | undefined;
    for (const s of ['building', 'receiving', 'analyzing', 'building', 'sending'] as FirstStep[]) shown = laterStep(shown, s);
    expect(shown).toBe('sending');
    expect(laterStep(undefined, 'analyzing')).toBe('analyzing');
    expect(laterStep('drawing', 'receiving')).toBe('drawing');
  });
});
