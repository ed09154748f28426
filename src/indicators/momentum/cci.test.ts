import { describe, expect, it } from 'vitest';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { testTalibAgreement } from '../../../test/talibAgreement.js';
import { CCI, cci, cciLookback } from './cci.js';

function expectValues(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => (Number.isNaN(value) ? expect(actual[i], `bar ${i}`).toBeNaN() : expect(actual[i], `bar ${i}`).toBeCloseTo(value, 10)));
}

for (const period of [2, 14, 20]) {
  testIndicatorContract({
    name: `CCI(${period})`,
    inputs: ['high', 'low', 'close'],
    outputs: ['value'],
    lookback: cciLookback(period),
    batch: ([high, low, close]) => [cci(high, low, close, period)],
    create: () => new CCI(period),
    update: (s, [h, l, c]) => s.update(h, l, c),
    replace: (s, [h, l, c]) => s.replace(h, l, c),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('CCI', () => {
  it('divides the distance from the mean by 0.015 mean absolute deviations (hand-computed)', () => {
    // typical prices 1, 2, 3, 4, 2 (high = low = close), period 3: windows [1,2,3], [2,3,4]: (3-2)/(0.015*2/3) = 100;
    // [3,4,2]: mean 3, deviation 2/3 → (2-3)/0.01 = -100
    const typical = Float64Array.from([1, 2, 3, 4, 2]);
    expectValues(cci(typical, typical, typical, 3), [NaN, NaN, 100, 100, -100]);
    const flat = new Float64Array(4).fill(7);
    expectValues(cci(flat, flat, flat, 2), [NaN, 0, 0, 0]);
  });

  it('rejects a period outside 2..100000 and inputs of unequal length', () => {
    const x = new Float64Array(9);
    expectIndicatorError(() => cci(x, x, x, 1), 'TF_ERR_INDICATOR_PARAMETER', 'CCI: period must be a whole number from 2 to 100000, got 1');
    expectIndicatorError(() => cci(x, new Float64Array(8), x), 'TF_ERR_INDICATOR_INPUT', 'low 8');
  });
});

testTalibAgreement({
  talibName: 'CCI',
  inputs: ['high', 'low', 'close'],
  tolerance: 0,
  why: 'the window is summed in TA-Lib slot order',
  cases: [2, 5, 14, 50].map((period) => ({ options: { optInTimePeriod: period }, compute: (bars) => [cci(bars.high, bars.low, bars.close, period)] })),
});
