import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { expectNoLookAhead } from '../../../test/noLookAhead.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { Ichimoku, ichimoku, ichimokuLookback } from './ichimoku.js';

const outputNames = ['tenkan', 'kijun', 'senkouA', 'senkouB', 'chikou'] as const;

for (const [tenkan, kijun, spanB, displacement] of [[9, 26, 52, 26], [2, 3, 4, 2], [1, 1, 1, 0], [20, 5, 10, 1]]) {
  testIndicatorContract({
    name: `Ichimoku(${tenkan}, ${kijun}, ${spanB}, ${displacement})`,
    inputs: ['high', 'low', 'close'],
    outputs: outputNames,
    lookback: ichimokuLookback(tenkan, kijun, spanB, displacement),
    batch: ([h, l, c]) => {
      const result = ichimoku(h, l, c, tenkan, kijun, spanB, displacement);
      return outputNames.map((name) => result[name]);
    },
    create: () => new Ichimoku(tenkan, kijun, spanB, displacement),
    update: (s, [h, l, c]) => s.update(h, l, c),
    replace: (s, [h, l, c]) => s.replace(h, l, c),
    read: (s) => outputNames.map((name) => s[name]),
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

/** The textbook definition, by direct scans: midpoint of the highest high and lowest low. */
function midpoint(high: Float64Array, low: Float64Array, end: number, period: number): number {
  if (end < period - 1) return NaN;
  let highest = -Infinity;
  let lowest = Infinity;
  for (let j = end - period + 1; j <= end; j++) {
    highest = Math.max(highest, high[j]);
    lowest = Math.min(lowest, low[j]);
  }
  return (highest + lowest) / 2;
}

describe('Ichimoku', () => {
  it('computes the midpoint lines and places the cloud computed displacement bars earlier (hand-computed)', () => {
    const high = Float64Array.from([5, 6, 7, 6, 8, 9, 7]);
    const low = Float64Array.from([4, 5, 5, 4, 6, 7, 5]);
    const close = Float64Array.from([4.5, 5.5, 6, 5, 7, 8, 6]);
    // periods 2, 3, 4, displacement 2: lookback 4 - 1 + 2 = 5.
    // tenkan(2) at bars 3..6: 5.5, 6, 7.5, 7; kijun(3): 5.5, 6, 6.5, 7; span B source(4) at 3, 4: 5.5, 6
    const result = ichimoku(high, low, close, 2, 3, 4, 2);
    for (const name of outputNames) for (let i = 0; i < 5; i++) expect(result[name][i], `${name}[${i}]`).toBeNaN();
    expect(Array.from(result.tenkan.subarray(5))).toEqual([7.5, 7]);
    expect(Array.from(result.kijun.subarray(5))).toEqual([6.5, 7]);
    // senkou A at bar 5 = (tenkan[3] + kijun[3]) / 2 = (5.5 + 5.5) / 2; at bar 6 = (6 + 6) / 2
    expect(Array.from(result.senkouA.subarray(5))).toEqual([5.5, 6]);
    expect(Array.from(result.senkouB.subarray(5))).toEqual([5.5, 6]);
    expect(Array.from(result.chikou.subarray(5))).toEqual([8, 6]);
  });

  it('equals the textbook definition by direct scans on a random walk (default settings)', () => {
    const bars = randomWalkBars(600, 41);
    const result = ichimoku(bars.high, bars.low, bars.close);
    for (let i = ichimokuLookback(); i < bars.length; i++) {
      expect(result.tenkan[i]).toBe(midpoint(bars.high, bars.low, i, 9));
      expect(result.kijun[i]).toBe(midpoint(bars.high, bars.low, i, 26));
      expect(result.senkouA[i]).toBe((midpoint(bars.high, bars.low, i - 26, 9) + midpoint(bars.high, bars.low, i - 26, 26)) / 2);
      expect(result.senkouB[i]).toBe(midpoint(bars.high, bars.low, i - 26, 52));
      expect(result.chikou[i]).toBe(bars.close[i]);
    }
  });

  it('keeps the midpoints right through long monotonic runs (the deques expire old extremes)', () => {
    const n = 200;
    const high = Float64Array.from({ length: n }, (_, i) => (i < 100 ? 300 - i : 100 + i));
    const low = Float64Array.from(high, (h) => h - 1);
    const close = Float64Array.from(high, (h) => h - 0.5);
    const result = ichimoku(high, low, close, 9, 26, 52, 26);
    const stream = new Ichimoku();
    for (let i = 0; i < n; i++) {
      stream.update(high[i], low[i], close[i]);
      if (i < 77) continue;
      expect(result.tenkan[i]).toBe(midpoint(high, low, i, 9));
      expect(result.senkouB[i]).toBe(midpoint(high, low, i - 26, 52));
      expect(stream.kijun).toBe(midpoint(high, low, i, 26));
      expect(stream.senkouB).toBe(midpoint(high, low, i - 26, 52));
    }
  });

  it('never uses a later bar: changing bars after i leaves every column at bars <= i unchanged', () => {
    expectNoLookAhead(['high', 'low', 'close'], ([h, l, c]) => {
      const result = ichimoku(h, l, c, 9, 26, 52, 26);
      return outputNames.map((name) => result[name]);
    });
    expectNoLookAhead(['high', 'low', 'close'], ([h, l, c]) => {
      const result = ichimoku(h, l, c, 3, 5, 8, 0);
      return outputNames.map((name) => result[name]);
    });
  });

  it('rejects bad periods and displacement, naming them, and inputs of unequal length', () => {
    const a = new Float64Array(100);
    for (const [args, text] of [
      [[0, 26, 52, 26], 'Ichimoku: tenkanPeriod must be a whole number from 1 to 100000, got 0'],
      [[9, 2.5, 52, 26], 'Ichimoku: kijunPeriod must be a whole number from 1 to 100000, got 2.5'],
      [[9, 26, NaN, 26], 'Ichimoku: senkouBPeriod must be a whole number from 1 to 100000, got NaN'],
      [[9, 26, 52, -1], 'Ichimoku: displacement must be a whole number from 0 to 100000, got -1'],
    ] as const) {
      try {
        ichimoku(a, a, a, ...args);
        expect.unreachable();
      } catch (error) {
        expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
        expect((error as Error).message).toContain(text);
      }
    }
    expect(() => ichimoku(a, a, new Float64Array(3))).toThrow(/Ichimoku: inputs must have equal lengths/);
  });
});
