import { describe, expect, it } from 'vitest';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { testTalibAgreement } from '../../../test/talibAgreement.js';
import { MINUS_DI, minusDi, minusDiLookback } from './minusDi.js';

// A small hand example (see directionalMovement.ts for the rules):
// bar  high  low  close | up  down  +DM1 -DM1  TR1
//  0    10    8    9    |
//  1    12    9   11    |  2   -1     2    0    3
//  2    11    7    8    | -1    2     0    2    4
//  3    14   10   13    |  3   -3     3    0    6
//  4    13   12   12.5  | -1   -2     0    0    1
//  5    15   10   14    |  2    2     0    0    5   (equal moves: neither)
const high = Float64Array.from([10, 12, 11, 14, 13, 15]);
const low = Float64Array.from([8, 9, 7, 10, 12, 10]);
const close = Float64Array.from([9, 11, 8, 13, 12.5, 14]);

function expectValues(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => (Number.isNaN(value) ? expect(actual[i], `bar ${i}`).toBeNaN() : expect(actual[i], `bar ${i}`).toBeCloseTo(value, 10)));
}


for (const period of [1, 2, 14, 30]) {
  testIndicatorContract({
    name: `MINUS_DI(${period})`,
    inputs: ['high', 'low', 'close'],
    outputs: ['value'],
    lookback: minusDiLookback(period),
    batch: ([high, low, close]) => [minusDi(high, low, close, period)],
    create: () => new MINUS_DI(period),
    update: (s, [h, l, c]) => s.update(h, l, c),
    replace: (s, [h, l, c]) => s.replace(h, l, c),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('MINUS_DI', () => {
  it('is 100 * smoothed -DM / smoothed TR from bar period (hand-computed)', () => {
    // period 3, bar 3: -DM 2 * 2/3 = 4/3, TR 32/3 → 12.5; bar 4: 8/9 over 73/9; bar 5: 16/27 over 281/27
    expectValues(minusDi(high, low, close, 3), [NaN, NaN, NaN, 12.5, (100 * 8) / 73, (100 * 16) / 281]);
  });

  it('period 1 is 100 * DM1 / TR1 where TA-Lib omits the factor 100', () => {
    expectValues(minusDi(high, low, close, 1), [NaN, 0, 50, 0, 0, 0]);
  });

  it('rejects a period outside 1..100000 and inputs of unequal length', () => {
    for (const period of [0, 3.5, NaN, 100_001]) {
      expectIndicatorError(() => minusDi(new Float64Array(40), new Float64Array(40), new Float64Array(40), period), 'TF_ERR_INDICATOR_PARAMETER', `MINUS_DI: period must be a whole number from 1 to 100000, got ${period}`);
    }
    expectIndicatorError(() => minusDi(new Float64Array(40), new Float64Array(40), new Float64Array(39)), 'TF_ERR_INDICATOR_INPUT', 'close 39');
  });
});

testTalibAgreement({
  talibName: 'MINUS_DI',
  inputs: ['high', 'low', 'close'],
  tolerance: 1e-10,
  why: 'multiplication by (period - 1) / period in place of TA-Lib division, rounding at 1e-15 that DX magnifies where +DM is close to -DM',
  cases: [2, 5, 14, 50].map((period) => ({ options: { optInTimePeriod: period }, compute: (bars) => [minusDi(bars.high, bars.low, bars.close, period)] })),
});

testTalibAgreement({
  talibName: 'MINUS_DI',
  inputs: ['high', 'low', 'close'],
  why: 'period 1: TA-Lib returns DM1 / TR1, tickforge 100 * DM1 / TR1',
  cases: [{ options: { optInTimePeriod: 1 }, compute: (bars) => [minusDi(bars.high, bars.low, bars.close, 1).map((value) => value / 100)] }],
});
