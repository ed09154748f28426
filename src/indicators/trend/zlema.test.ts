import { describe, expect, it } from 'vitest';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { ema } from './ema.js';
import { ZLEMA, zlema, zlemaLookback } from './zlema.js';

for (const period of [2, 3, 4, 10, 30]) {
  testIndicatorContract({
    name: `ZLEMA(${period})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: zlemaLookback(period),
    batch: ([close]) => [zlema(close, period)],
    create: () => new ZLEMA(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('ZLEMA', () => {
  it('is an EMA of 2x[t] - x[t - lag], lag = floor((period - 1) / 2), seeded like TA-Lib EMA (hand-computed)', () => {
    // period 4: lag 1, factor 0.4. De-lagged from bar 1: 3, 6, 10, 15, 21.
    // Seed at bar lag + period - 1 = 4: (3 + 6 + 10 + 15) / 4 = 8.5; bar 5: 8.5 + 0.4 * (21 - 8.5) = 13.5.
    const result = zlema(Float64Array.from([1, 2, 4, 7, 11, 16]), 4);
    for (let i = 0; i < 4; i++) expect(result[i]).toBeNaN();
    expect(result[4]).toBeCloseTo(8.5, 14);
    expect(result[5]).toBeCloseTo(13.5, 14);
    expect(zlemaLookback(4)).toBe(4);
    expect(zlemaLookback(10)).toBe(13);
  });

  it('equals the EMA for period 2 (lag 0)', () => {
    const close = randomWalkBars(100, 2).close;
    expect(Array.from(zlema(close, 2))).toEqual(Array.from(ema(close, 2)));
  });

  it('has no lag on a straight line once the seed has washed out', () => {
    // On x = a + b t the de-lagged series is x + lag * b, and an EMA of a line lags by (period - 1)/2 * b.
    const line = Float64Array.from({ length: 400 }, (_, i) => 10 + 0.5 * i);
    const result = zlema(line, 9);
    expect(result[399]).toBeCloseTo(line[399], 9);
  });

  it('rejects a period outside 2..100000 and an output of the wrong length', () => {
    for (const period of [1, 2.5, NaN, 100_001]) {
      expectIndicatorError(() => zlema(new Float64Array(10), period), 'TF_ERR_INDICATOR_PARAMETER', `ZLEMA: period must be a whole number from 2 to 100000, got ${period}`);
    }
    expectIndicatorError(() => new ZLEMA(1), 'TF_ERR_INDICATOR_PARAMETER', 'ZLEMA: period');
    expectIndicatorError(() => zlema(new Float64Array(4), 2, new Float64Array(3)), 'TF_ERR_INDICATOR_INPUT', 'out has length 3');
  });
});
