import { describe, it } from 'vitest';
import { directionalExample, directionalTalibWhy, expectValues } from '../../../test/directionalChecks.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { expectNonFiniteRowsSkipped } from '../../../test/nonFiniteCases.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { testTalibAgreement } from '../../../test/talibAgreement.js';
import { ADXR, adxr, adxrLookback } from './adxr.js';

// The hand example of the directional family: its table is in test/directionalChecks.ts.
const { high, low, close } = directionalExample;

for (const period of [2, 14, 30]) {
  testIndicatorContract({
    name: `ADXR(${period})`,
    inputs: ['high', 'low', 'close'],
    outputs: ['value'],
    lookback: adxrLookback(period),
    batch: ([high, low, close]) => [adxr(high, low, close, period)],
    create: () => new ADXR(period),
    update: (s, [h, l, c]) => s.update(h, l, c),
    replace: (s, [h, l, c]) => s.replace(h, l, c),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
    length: 600,
  });
}

describe('ADXR', () => {
  it('is the mean of ADX and the ADX of period - 1 bars ago (hand-computed)', () => {
    const dx3 = (2.5 / 4.5) * 100;
    const adx3 = (100 / 3 + dx3) / 2;
    const adx4 = adx3 / 2 + dx3 / 2;
    const adx5 = adx4 / 2 + dx3 / 2;
    expectValues(adxr(high, low, close, 2), [NaN, NaN, NaN, NaN, (adx4 + adx3) / 2, (adx5 + adx4) / 2]);
  });

  it('skips a NaN or infinite field in any column and row, though the check is fused into the loop', () => {
    expectNonFiniteRowsSkipped(['high', 'low', 'close'], ([high, low, close]) => adxr(high, low, close, 5));
  });

  it('rejects a period outside 2..100000 and inputs of unequal length', () => {
    for (const period of [1, 3.5, NaN, 100_001]) {
      expectIndicatorError(() => adxr(new Float64Array(40), new Float64Array(40), new Float64Array(40), period), 'TF_ERR_INDICATOR_PARAMETER', `ADXR: period must be a whole number from 2 to 100000, got ${period}`);
    }
    expectIndicatorError(() => adxr(new Float64Array(40), new Float64Array(40), new Float64Array(39)), 'TF_ERR_INDICATOR_INPUT', 'close 39');
  });
});

testTalibAgreement({
  talibName: 'ADXR',
  inputs: ['high', 'low', 'close'],
  tolerance: 1e-10,
  why: directionalTalibWhy,
  cases: [2, 5, 14, 50].map((period) => ({ options: { optInTimePeriod: period }, compute: (bars) => [adxr(bars.high, bars.low, bars.close, period)] })),
});
