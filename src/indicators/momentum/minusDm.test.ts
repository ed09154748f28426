import { describe, expect, it } from 'vitest';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { testTalibAgreement } from '../../../test/talibAgreement.js';
import { MINUS_DM, minusDm, minusDmLookback } from './minusDm.js';

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

function expectValues(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => (Number.isNaN(value) ? expect(actual[i], `bar ${i}`).toBeNaN() : expect(actual[i], `bar ${i}`).toBeCloseTo(value, 10)));
}

for (const period of [1, 2, 14, 30]) {
  testIndicatorContract({
    name: `MINUS_DM(${period})`,
    inputs: ['high', 'low'],
    outputs: ['value'],
    lookback: minusDmLookback(period),
    batch: ([high, low]) => [minusDm(high, low, period)],
    create: () => new MINUS_DM(period),
    update: (s, [h, l]) => s.update(h, l),
    replace: (s, [h, l]) => s.replace(h, l),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('MINUS_DM', () => {
  it('sums -DM1 over bars 1..period-1, then smooths by Wilder (hand-computed)', () => {
    // period 3: bar 2 = 0 + 2; bar 3 = 2 * 2/3; bar 4 = 4/3 * 2/3; bar 5 = 8/9 * 2/3
    expectValues(minusDm(high, low, 3), [NaN, NaN, 2, 4 / 3, 8 / 9, 16 / 27]);
    expectValues(minusDm(high, low, 1), [NaN, 0, 2, 0, 0, 0]);
  });

  it('rejects a period outside 1..100000 and inputs of unequal length', () => {
    for (const period of [0, 3.5, NaN, 100_001]) {
      expectIndicatorError(() => minusDm(new Float64Array(40), new Float64Array(40), period), 'TF_ERR_INDICATOR_PARAMETER', `MINUS_DM: period must be a whole number from 1 to 100000, got ${period}`);
    }
    expectIndicatorError(() => minusDm(new Float64Array(40), new Float64Array(39)), 'TF_ERR_INDICATOR_INPUT', 'low 39');
  });
});

testTalibAgreement({
  talibName: 'MINUS_DM',
  inputs: ['high', 'low'],
  tolerance: 1e-10,
  why: 'multiplication by (period - 1) / period in place of TA-Lib division, rounding at 1e-15 that DX magnifies where +DM is close to -DM',
  cases: [1, 2, 5, 14, 50].map((period) => ({ options: { optInTimePeriod: period }, compute: (bars) => [minusDm(bars.high, bars.low, period)] })),
});
