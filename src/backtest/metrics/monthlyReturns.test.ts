import { describe, expect, it } from 'vitest';
import { monthlyReturns } from './monthlyReturns.js';

function curveAt(dates: number[], equity: number[]) {
  return { time: Float64Array.from(dates), equity: Float64Array.from(equity), exposure: new Float64Array(equity.length) };
}

describe('monthlyReturns', () => {
  it('each UTC month from the last bar of the month before; a month without bars has no row', () => {
    const curve = curveAt(
      [Date.UTC(2023, 11, 29), Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 31), Date.UTC(2024, 2, 1), Date.UTC(2024, 2, 28, 23, 59)],
      [100, 104, 110, 99, 108.9],
    );
    const rows = monthlyReturns(curve);
    // December: 100 / 100 - 1 = 0 (the first bar is its own base); January: 110 / 100 - 1 = 0.1;
    // February has no bar; March: 108.9 / 110 - 1 = -0.01.
    expect(rows.map((r) => [r.year, r.month])).toEqual([[2023, 12], [2024, 1], [2024, 3]]);
    expect(rows[0].return).toBe(0);
    expect(rows[1].return).toBeCloseTo(0.1, 14);
    expect(rows[2].return).toBeCloseTo(-0.01, 14);
  });

  it('initialCapital is the first month\'s base; a bar at 23:59 UTC on the 31st is still that month', () => {
    const rows = monthlyReturns(curveAt([Date.UTC(2024, 4, 31, 23, 59), Date.UTC(2024, 5, 1)], [95, 114]), 100);
    expect(rows.map((r) => [r.year, r.month])).toEqual([[2024, 5], [2024, 6]]);
    expect(rows[0].return).toBeCloseTo(-0.05, 14);
    expect(rows[1].return).toBeCloseTo(0.2, 14); // 114 / 95 - 1
  });

  it('after ruin a month returns 0, even when the equity comes back above 0', () => {
    // January 100; February falls to -5 (-105%); March's 3 and April's 4 follow the ruin.
    const rows = monthlyReturns(curveAt([Date.UTC(2024, 0, 5), Date.UTC(2024, 1, 5), Date.UTC(2024, 2, 5), Date.UTC(2024, 3, 5)], [100, -5, 3, 4]));
    expect(rows.map((r) => r.return)).toEqual([0, -1.05, 0, 0]);
  });
});
