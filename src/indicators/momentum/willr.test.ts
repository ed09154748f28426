import { describe, expect, it } from 'vitest';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { testTalibAgreement } from '../../../test/talibAgreement.js';
import { WILLR, willr, willrLookback } from './willr.js';

function expectValues(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => (Number.isNaN(value) ? expect(actual[i], `bar ${i}`).toBeNaN() : expect(actual[i], `bar ${i}`).toBeCloseTo(value, 10)));
}

for (const period of [2, 14, 30]) {
  testIndicatorContract({
    name: `WILLR(${period})`,
    inputs: ['high', 'low', 'close'],
    outputs: ['value'],
    lookback: willrLookback(period),
    batch: ([high, low, close]) => [willr(high, low, close, period)],
    create: () => new WILLR(period),
    update: (s, [h, l, c]) => s.update(h, l, c),
    replace: (s, [h, l, c]) => s.replace(h, l, c),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('WILLR', () => {
  it('places the close in the window range, 0 at the high and -100 at the low (hand-computed)', () => {
    const high = Float64Array.from([10, 12, 11, 14, 13]);
    const low = Float64Array.from([8, 9, 7, 10, 12]);
    const close = Float64Array.from([9, 11, 8, 13, 12.5]);
    // bar 2: window 12/7, close 8 → -80; bar 3: 14/7, close 13 → -100/7; bar 4: 14/7, close 12.5 → -150/7
    expectValues(willr(high, low, close, 3), [NaN, NaN, -80, -100 / 7, -150 / 7]);
  });

  it('is 0 over a flat window, as TA-Lib', () => {
    const flat = new Float64Array(5).fill(3);
    expectValues(willr(flat, flat, flat, 2), [NaN, 0, 0, 0, 0]);
  });

  it('rejects a period outside 2..100000 and inputs of unequal length', () => {
    for (const period of [1, 2.5, NaN, 100_001]) {
      expectIndicatorError(() => willr(new Float64Array(9), new Float64Array(9), new Float64Array(9), period), 'TF_ERR_INDICATOR_PARAMETER', `WILLR: period must be a whole number from 2 to 100000, got ${period}`);
    }
    expectIndicatorError(() => willr(new Float64Array(9), new Float64Array(9), new Float64Array(8)), 'TF_ERR_INDICATOR_INPUT', 'close 8');
  });
});

testTalibAgreement({
  talibName: 'WILLR',
  inputs: ['high', 'low', 'close'],
  tolerance: 0,
  why: 'the same operations in the same order',
  cases: [2, 5, 14, 50].map((period) => ({ options: { optInTimePeriod: period }, compute: (bars) => [willr(bars.high, bars.low, bars.close, period)] })),
});
