import { describe, expect, it } from 'vitest';
import { nextCell, visibleWindow, ROW_H, COL_W } from './MatrixTable.tsx';

describe('matrix keyboard', () => {
  const n = 500;
  it('moves one cell with the arrows, to the edges with Home/End, by a page with Page keys, never outside', () => {
    const at = { row: 10, col: 20 };
    expect(nextCell('ArrowRight', false, at, n, 12)).toEqual({ row: 10, col: 21 });
    expect(nextCell('ArrowLeft', false, at, n, 12)).toEqual({ row: 10, col: 19 });
    expect(nextCell('ArrowDown', false, at, n, 12)).toEqual({ row: 11, col: 20 });
    expect(nextCell('ArrowUp', false, at, n, 12)).toEqual({ row: 9, col: 20 });
    expect(nextCell('Home', false, at, n, 12)).toEqual({ row: 10, col: 0 });
    expect(nextCell('End', false, at, n, 12)).toEqual({ row: 10, col: n - 1 });
    expect(nextCell('Home', true, at, n, 12)).toEqual({ row: 0, col: 0 });
    expect(nextCell('End', true, at, n, 12)).toEqual({ row: n - 1, col: n - 1 });
    expect(nextCell('PageDown', false, at, n, 12)).toEqual({ row: 22, col: 20 });
    expect(nextCell('PageUp', false, at, n, 12)).toEqual({ row: 0, col: 20 });
    expect(nextCell('ArrowUp', false, { row: 0, col: 0 }, n, 12)).toEqual({ row: 0, col: 0 });
    expect(nextCell('ArrowRight', false, { row: 0, col: n - 1 }, n, 12)).toEqual({ row: 0, col: n - 1 });
    expect(nextCell('a', false, at, n, 12)).toBeUndefined();
  });

  it('draws the window around the scroll position only', () => {
    const w = visibleWindow(n, { top: 100 * ROW_H, left: 50 * COL_W }, { width: 800, height: 600 });
    expect(w.firstRow).toBeGreaterThan(90);
    expect(w.lastRow - w.firstRow).toBeLessThan(40);
    expect(w.firstCol).toBeGreaterThan(40);
    expect(w.lastCol - w.firstCol).toBeLessThan(20);
  });
});
