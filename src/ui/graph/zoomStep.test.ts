// The zoom the CSS sizes text and handles by: in steps, never above the real zoom, so 11.2 px /
// step is at least 11.2 px on screen, and never far below it, so the text does not grow much more.
import { describe, expect, it } from 'vitest';
import { zoomStep } from './useRefit.ts';

describe('zoomStep', () => {
  it('rounds down to steps about 6 % apart', () => {
    for (let z = 0.05; z <= 2; z += 0.0137) {
      const s = zoomStep(z);
      expect(s).toBeLessThanOrEqual(z);
      expect(z / s).toBeLessThan(1.061);
    }
    // Nearby zooms share a step: a smooth zoom changes the CSS rarely.
    expect(zoomStep(0.6)).toBe(zoomStep(0.605));
    expect(zoomStep(1)).toBe(1);
    expect(zoomStep(0)).toBe(1);
  });
});
