import { describe, expect, it } from 'vitest';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { HMA, hma, hmaLookback } from './hma.js';
import { wma } from './wma.js';

for (const period of [2, 4, 9, 16, 30]) {
  testIndicatorContract({
    name: `HMA(${period})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: hmaLookback(period),
    batch: ([close]) => [hma(close, period)],
    create: () => new HMA(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('HMA', () => {
  it("is WMA(2 * WMA(n/2) - WMA(n), sqrt(n)) with Hull's integer parts (hand-computed, n = 4)", () => {
    // WMA(2) = (a + 2b) / 3, WMA(4) = (a + 2b + 3c + 4d) / 10 over x = 1, 2, 3, 4, 6, 9:
    // bar 3: 2 * 11/3 - 3 = 13/3; bar 4: 2 * 16/3 - 4.4 = 94/15; bar 5: 2 * 8 - 6.5 = 9.5.
    // HMA = WMA(2) of those: bar 4: (13/3 + 2 * 94/15) / 3 = 253/45; bar 5: (94/15 + 2 * 9.5) / 3 = 379/45.
    const result = hma(Float64Array.from([1, 2, 3, 4, 6, 9]), 4);
    for (let i = 0; i < 4; i++) expect(result[i]).toBeNaN();
    expect(result[4]).toBeCloseTo(253 / 45, 13);
    expect(result[5]).toBeCloseTo(379 / 45, 13);
  });

  it('has lookback (n - 1) + (floor(sqrt(n)) - 1) and floors n/2 and sqrt(n) (n = 10: WMA 5, 10, 3)', () => {
    expect(hmaLookback(4)).toBe(4);
    expect(hmaLookback(10)).toBe(11);
    expect(hmaLookback(16)).toBe(18);
    const close = randomWalkBars(120, 6).close;
    const half = wma(close, 5);
    const full = wma(close, 10);
    const raw = Float64Array.from(close, (_, i) => 2 * half[i] - full[i]).subarray(9);
    const smoothed = wma(raw, 3);
    const result = hma(close, 10);
    for (let i = 11; i < close.length; i++) expect(result[i]).toBeCloseTo(smoothed[i - 9], 11);
  });

  it('follows a straight line without lag for n = 4 (the lags (n - 1)/3 of the WMAs cancel)', () => {
    const line = Float64Array.from({ length: 40 }, (_, i) => 50 + 2 * i);
    const result = hma(line, 4);
    for (let i = 4; i < 40; i++) expect(result[i]).toBeCloseTo(line[i], 11);
  });

  it('rejects a period outside 2..100000 and an output of the wrong length', () => {
    for (const period of [1, 2.5, NaN, 100_001]) {
      expectIndicatorError(() => hma(new Float64Array(10), period), 'TF_ERR_INDICATOR_PARAMETER', `HMA: period must be a whole number from 2 to 100000, got ${period}`);
    }
    expectIndicatorError(() => new HMA(1), 'TF_ERR_INDICATOR_PARAMETER', 'HMA: period');
    expectIndicatorError(() => hma(new Float64Array(4), 2, new Float64Array(3)), 'TF_ERR_INDICATOR_INPUT', 'out has length 3');
  });
});
