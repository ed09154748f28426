import { describe, expect, it } from 'vitest';
import { drawdownSeries, maxDrawdown } from './drawdownSeries.js';
import { underwaterPeriods } from './underwaterPeriods.js';

describe('drawdownSeries', () => {
  it('the fraction below the running peak, 0 at every new high', () => {
    // Peaks 100, 120, 120, 120, 120, 130, 130: (120 - 90) / 120 = 0.25, (120 - 108) / 120 = 0.1, (130 - 104) / 130 = 0.2.
    const drawdowns = drawdownSeries(Float64Array.of(100, 120, 90, 108, 120, 130, 104));
    const expected = [0, 0, 0.25, 0.1, 0, 0, 0.2];
    expected.forEach((value, i) => expect(drawdowns[i]).toBeCloseTo(value, 15));
    expect(maxDrawdown(Float64Array.of(100, 120, 90, 108, 120, 130, 104))).toBeCloseTo(0.25, 15);
  });

  it('a starting peak counts a loss on the first bar; a negative equity goes beyond 100%', () => {
    expect(Array.from(drawdownSeries(Float64Array.of(80, 100), 100))).toEqual([0.2, 0]);
    expect(drawdownSeries(Float64Array.of(100, -20))[1]).toBeCloseTo(1.2, 15);
  });

  it('writes into out', () => {
    const out = new Float64Array(2);
    expect(drawdownSeries(Float64Array.of(2, 1), -Infinity, out)).toBe(out);
    expect(out[1]).toBe(0.5);
  });
});

describe('underwaterPeriods', () => {
  const time = Float64Array.from({ length: 9 }, (_, i) => 1000 * i * i); // uneven spacing: 0, 1000, 4000, 9000, ...
  // Bars:          0    1    2   3    4    5    6    7    8
  const equity = Float64Array.of(100, 120, 90, 108, 120, 130, 104, 117, 125);

  it('each stretch below a high, from its peak to the first bar back at it, the last one open', () => {
    const periods = underwaterPeriods(equity, time);
    expect(periods).toHaveLength(2);
    // Peak 120 at bar 1, trough 90 at bar 2, back to 120 at bar 4: 3 bars, time 16000 - 1000.
    expect(periods[0]).toEqual({
      peakIndex: 1,
      troughIndex: 2,
      recoveryIndex: 4,
      peakTime: 1000,
      troughTime: 4000,
      recoveryTime: 16000,
      depth: 0.25,
      recovered: true,
      durationBars: 3,
      durationMs: 15000,
    });
    // Peak 130 at bar 5, trough 104 at bar 6 (20%), still under at bar 8: 3 bars to the end, 64000 - 25000.
    expect(periods[1].peakIndex).toBe(5);
    expect(periods[1].troughIndex).toBe(6);
    expect(periods[1].depth).toBeCloseTo(0.2, 15);
    expect(periods[1].recovered).toBe(false);
    expect(periods[1].recoveryIndex).toBe(-1);
    expect(periods[1].recoveryTime).toBeNaN();
    expect(periods[1].durationBars).toBe(3);
    expect(periods[1].durationMs).toBe(39000);
  });

  it('none for a rising or flat curve; a repeated high moves the peak forward', () => {
    expect(underwaterPeriods(Float64Array.of(1, 1, 2, 3), Float64Array.of(0, 1, 2, 3))).toEqual([]);
    expect(underwaterPeriods(Float64Array.of(5), Float64Array.of(0))).toEqual([]);
    const [only] = underwaterPeriods(Float64Array.of(10, 10, 9, 10), Float64Array.of(0, 1, 2, 3));
    expect([only.peakIndex, only.troughIndex, only.recoveryIndex, only.durationBars]).toEqual([1, 2, 3, 2]);
  });
});
