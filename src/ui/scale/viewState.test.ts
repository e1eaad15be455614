// A view update that changes nothing keeps the state object: no re-render, no derive again.
import { describe, expect, it } from 'vitest';
import { resetScaleView, setFilters, setFocus, setOverview, useScaleView } from './viewState.ts';

describe('the scale view', () => {
  it('keeps its state when an update changes nothing', () => {
    resetScaleView();
    const start = useScaleView.getState();
    resetScaleView();
    setFocus(null);
    setOverview('auto');
    setOverview('auto', null);
    expect(useScaleView.getState()).toBe(start);
    setFocus('ns:a');
    expect(useScaleView.getState().focus).toBe('ns:a');
    setOverview('on', 'team');
    expect(useScaleView.getState()).toMatchObject({ focus: 'ns:a', overview: 'on', groupBy: 'team' });
    setFilters({});
    resetScaleView();
    expect(useScaleView.getState()).toEqual(start);
    const reset = useScaleView.getState();
    resetScaleView();
    expect(useScaleView.getState()).toBe(reset);
  });
});
