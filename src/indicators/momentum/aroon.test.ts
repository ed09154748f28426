import { describe, expect, it } from 'vitest';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { testTalibAgreement } from '../../../test/talibAgreement.js';
import { AROON, aroon, aroonLookback } from './aroon.js';

function expectValues(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => (Number.isNaN(value) ? expect(actual[i], `bar ${i}`).toBeNaN() : expect(actual[i], `bar ${i}`).toBeCloseTo(value, 10)));
}

for (const period of [2, 14, 25]) {
  testIndicatorContract({
    name: `AROON(${period})`,
    inputs: ['high', 'low'],
    outputs: ['down', 'up'],
    lookback: aroonLookback(period),
    batch: ([high, low]) => { const result = aroon(high, low, period); return [result.down, result.up]; },
    create: () => new AROON(period),
    update: (s, [h, l]) => s.update(h, l),
    replace: (s, [h, l]) => s.replace(h, l),
    read: (s) => [s.down, s.up],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('AROON', () => {
  it('measures bars since the highest high and lowest low of the last period + 1 bars (hand-computed)', () => {
    const high = Float64Array.from([10, 12, 11, 14, 13, 13]);
    const low = Float64Array.from([8, 9, 7, 10, 12, 12]);
    // period 2 (factor 50), windows of 3 bars: bar 2: high at 1, low at 2; bar 3: high at 3, low at 2;
    // bar 4: high at 3, low at 2; bar 5: high at 3, low at 3
    const { down, up } = aroon(high, low, 2);
    expectValues(up, [NaN, NaN, 50, 100, 50, 0]);
    expectValues(down, [NaN, NaN, 100, 50, 0, 0]);
    expect(new AROON(2).value).toBeNaN();
  });

  it('counts the most recent of equal extremes, as TA-Lib', () => {
    const { down, up } = aroon(Float64Array.from([1, 3, 3, 2]), Float64Array.from([0, 0, 0, 0]), 2);
    expectValues(up, [NaN, NaN, 100, 50]);
    expectValues(down, [NaN, NaN, 100, 100]);
  });

  it('writes into caller-given outputs', () => {
    const out = { down: new Float64Array(4), up: new Float64Array(4) };
    const result = aroon(Float64Array.from([1, 3, 3, 2]), Float64Array.from([0, 0, 0, 0]), 2, out);
    expect(result.down).toBe(out.down);
    expect(result.up).toBe(out.up);
  });

  it('rejects a period outside 2..100000 and inputs of unequal length', () => {
    expectIndicatorError(() => aroon(new Float64Array(9), new Float64Array(9), 1), 'TF_ERR_INDICATOR_PARAMETER', 'AROON: period must be a whole number from 2 to 100000, got 1');
    expectIndicatorError(() => aroon(new Float64Array(9), new Float64Array(8)), 'TF_ERR_INDICATOR_INPUT', 'low 8');
  });
});

testTalibAgreement({
  talibName: 'AROON',
  inputs: ['high', 'low'],
  outputs: ['outAroonDown', 'outAroonUp'],
  tolerance: 0,
  why: 'the same operations in the same order',
  cases: [2, 5, 14, 50].map((period) => ({
    options: { optInTimePeriod: period },
    compute: (bars) => {
      const result = aroon(bars.high, bars.low, period);
      return [result.down, result.up];
    },
  })),
});
