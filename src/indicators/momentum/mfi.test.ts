import { describe, expect, it } from 'vitest';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { testTalibAgreement } from '../../../test/talibAgreement.js';
import { MFI, mfi, mfiLookback } from './mfi.js';

function expectValues(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => (Number.isNaN(value) ? expect(actual[i], `bar ${i}`).toBeNaN() : expect(actual[i], `bar ${i}`).toBeCloseTo(value, 10)));
}

for (const period of [2, 14, 30]) {
  testIndicatorContract({
    name: `MFI(${period})`,
    inputs: ['high', 'low', 'close', 'volume'],
    outputs: ['value'],
    lookback: mfiLookback(period),
    batch: ([high, low, close, volume]) => [mfi(high, low, close, volume, period)],
    create: () => new MFI(period),
    update: (s, [h, l, c, v]) => s.update(h, l, c, v),
    replace: (s, [h, l, c, v]) => s.replace(h, l, c, v),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('MFI', () => {
  it('is 100 * positive flow / total flow, equal typical prices in neither (hand-computed)', () => {
    // typical prices 10, 11, 11, 9, 12 (high = low = close); flows: bar 1 +2200, bar 2 none (equal), bar 3 -3600, bar 4 +6000
    const typical = Float64Array.from([10, 11, 11, 9, 12]);
    const volume = Float64Array.from([100, 200, 300, 400, 500]);
    expectValues(mfi(typical, typical, typical, volume, 2), [NaN, NaN, 100, 0, 62.5]);
  });

  it('is 0 when the window total money flow is below 1, as TA-Lib', () => {
    const typical = Float64Array.from([10, 11, 12, 11, 12]);
    expectValues(mfi(typical, typical, typical, new Float64Array(5), 2), [NaN, NaN, 0, 0, 0]);
  });

  it('rejects a period outside 2..100000 and inputs of unequal length', () => {
    const x = new Float64Array(9);
    expectIndicatorError(() => mfi(x, x, x, x, 1), 'TF_ERR_INDICATOR_PARAMETER', 'MFI: period must be a whole number from 2 to 100000, got 1');
    expectIndicatorError(() => mfi(x, x, x, new Float64Array(8)), 'TF_ERR_INDICATOR_INPUT', 'volume 8');
  });
});

testTalibAgreement({
  talibName: 'MFI',
  inputs: ['high', 'low', 'close', 'volume'],
  tolerance: 0,
  why: 'the running sums are updated in TA-Lib order',
  cases: [2, 5, 14, 50].map((period) => ({ options: { optInTimePeriod: period }, compute: (bars) => [mfi(bars.high, bars.low, bars.close, bars.volume, period)] })),
});
