import { describe, expect, it } from 'vitest';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { testTalibAgreement } from '../../../test/talibAgreement.js';
import { ULTOSC, ultosc, ultoscLookback } from './ultosc.js';

function expectValues(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => (Number.isNaN(value) ? expect(actual[i], `bar ${i}`).toBeNaN() : expect(actual[i], `bar ${i}`).toBeCloseTo(value, 10)));
}

for (const [period1, period2, period3] of [[7, 14, 28], [1, 2, 3], [10, 5, 20]]) {
  testIndicatorContract({
    name: `ULTOSC(${period1}, ${period2}, ${period3})`,
    inputs: ['high', 'low', 'close'],
    outputs: ['value'],
    lookback: ultoscLookback(period1, period2, period3),
    batch: ([high, low, close]) => [ultosc(high, low, close, period1, period2, period3)],
    create: () => new ULTOSC(period1, period2, period3),
    update: (s, [h, l, c]) => s.update(h, l, c),
    replace: (s, [h, l, c]) => s.replace(h, l, c),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

/** The published definition (Williams 1985), computed naively window by window. */
function naiveUltimate(high: number[], low: number[], close: number[], periods: number[]): number[] {
  const [short, middle, long] = [...periods].sort((a, b) => a - b);
  const average = (i: number, period: number) => {
    let pressure = 0;
    let range = 0;
    for (let j = i - period + 1; j <= i; j++) {
      pressure += close[j] - Math.min(low[j], close[j - 1]);
      range += Math.max(high[j], close[j - 1]) - Math.min(low[j], close[j - 1]);
    }
    return pressure / range;
  };
  return close.map((_, i) => (i < long ? NaN : (100 * (4 * average(i, short) + 2 * average(i, middle) + average(i, long))) / 7));
}

describe('ULTOSC', () => {
  it('weights buying pressure over true range 4:2:1 over the three windows (published definition)', () => {
    const high = [10, 12, 11, 14, 13, 15, 16];
    const low = [8, 9, 7, 10, 12, 10, 14];
    const close = [9, 11, 8, 13, 12.5, 14, 15];
    const expected = naiveUltimate(high, low, close, [1, 2, 3]);
    expectValues(ultosc(Float64Array.from(high), Float64Array.from(low), Float64Array.from(close), 1, 2, 3), expected);
    // the periods are sorted first, as TA-Lib does
    expectValues(ultosc(Float64Array.from(high), Float64Array.from(low), Float64Array.from(close), 3, 1, 2), expected);
  });

  it('rejects periods outside 1..100000, naming which, and inputs of unequal length', () => {
    const x = new Float64Array(40);
    expectIndicatorError(() => ultosc(x, x, x, 7, 0), 'TF_ERR_INDICATOR_PARAMETER', 'ULTOSC: period2 must be a whole number from 1 to 100000, got 0');
    expectIndicatorError(() => ultosc(x, x, x, 7, 14, 28.5), 'TF_ERR_INDICATOR_PARAMETER', 'ULTOSC: period3 must be a whole number from 1 to 100000, got 28.5');
    expectIndicatorError(() => ultosc(x, x, new Float64Array(3)), 'TF_ERR_INDICATOR_INPUT', 'close 3');
  });
});

testTalibAgreement({
  talibName: 'ULTOSC',
  inputs: ['high', 'low', 'close'],
  tolerance: 0,
  why: 'the running sums are primed and slid in TA-Lib order',
  cases: [
    [7, 14, 28],
    [1, 2, 3],
    [28, 7, 14],
    [5, 5, 40],
  ].map(([period1, period2, period3]) => ({
    options: { optInTimePeriod1: period1, optInTimePeriod2: period2, optInTimePeriod3: period3 },
    compute: (bars) => [ultosc(bars.high, bars.low, bars.close, period1, period2, period3)],
  })),
});
