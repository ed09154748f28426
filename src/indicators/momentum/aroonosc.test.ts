import { describe, expect, it } from 'vitest';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { testTalibAgreement } from '../../../test/talibAgreement.js';
import { aroon } from './aroon.js';
import { AROONOSC, aroonosc, aroonoscLookback } from './aroonosc.js';

function expectValues(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => (Number.isNaN(value) ? expect(actual[i], `bar ${i}`).toBeNaN() : expect(actual[i], `bar ${i}`).toBeCloseTo(value, 10)));
}

for (const period of [2, 14]) {
  testIndicatorContract({
    name: `AROONOSC(${period})`,
    inputs: ['high', 'low'],
    outputs: ['value'],
    lookback: aroonoscLookback(period),
    batch: ([high, low]) => [aroonosc(high, low, period)],
    create: () => new AROONOSC(period),
    update: (s, [h, l]) => s.update(h, l),
    replace: (s, [h, l]) => s.replace(h, l),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('AROONOSC', () => {
  it('is Aroon up minus Aroon down (hand-computed)', () => {
    const high = Float64Array.from([10, 12, 11, 14, 13, 13]);
    const low = Float64Array.from([8, 9, 7, 10, 12, 12]);
    expectValues(aroonosc(high, low, 2), [NaN, NaN, -50, 50, 50, 0]);
    const { down, up } = aroon(high, low, 2);
    expectValues(aroonosc(high, low, 2), Array.from(up, (value, i) => value - down[i]));
  });

  it('rejects a period outside 2..100000 and inputs of unequal length', () => {
    expectIndicatorError(() => aroonosc(new Float64Array(9), new Float64Array(9), 0), 'TF_ERR_INDICATOR_PARAMETER', 'AROONOSC: period must be a whole number from 2 to 100000, got 0');
    expectIndicatorError(() => aroonosc(new Float64Array(9), new Float64Array(8)), 'TF_ERR_INDICATOR_INPUT', 'low 8');
  });
});

testTalibAgreement({
  talibName: 'AROONOSC',
  inputs: ['high', 'low'],
  tolerance: 0,
  why: 'the same operations in the same order',
  cases: [2, 5, 14, 50].map((period) => ({ options: { optInTimePeriod: period }, compute: (bars) => [aroonosc(bars.high, bars.low, period)] })),
});
