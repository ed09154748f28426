import { describe, expect, it } from 'vitest';
import { directionalExample, directionalTalibWhy, expectValues } from '../../../test/directionalChecks.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { expectNonFiniteRowsSkipped } from '../../../test/nonFiniteCases.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { testTalibAgreement } from '../../../test/talibAgreement.js';
import { ADX, adx, adxLookback } from './adx.js';

// The hand example of the directional family: its table is in test/directionalChecks.ts.
const { high, low, close } = directionalExample;

for (const period of [2, 14, 30]) {
  testIndicatorContract({
    name: `ADX(${period})`,
    inputs: ['high', 'low', 'close'],
    outputs: ['value'],
    lookback: adxLookback(period),
    batch: ([high, low, close]) => [adx(high, low, close, period)],
    create: () => new ADX(period),
    update: (s, [h, l, c]) => s.update(h, l, c),
    replace: (s, [h, l, c]) => s.replace(h, l, c),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('ADX', () => {
  it('averages the first period DX values at bar 2 * period - 1, then smooths by Wilder (hand-computed)', () => {
    // period 2 (factor 1/2): bar 2: +DM 1, -DM 2 → DX 100/3; bar 3: 3.5 and 1 → DX 2.5/4.5*100;
    // ADX(3) = their mean; bar 4: 1.75 and 0.5 → DX 1.25/2.25*100, ADX = mean of ADX(3) and it;
    // bar 5: 0.875 and 0.25 → the same DX again
    const dx3 = (2.5 / 4.5) * 100;
    const adx3 = (100 / 3 + dx3) / 2;
    const adx4 = adx3 / 2 + dx3 / 2;
    expectValues(adx(high, low, close, 2), [NaN, NaN, NaN, adx3, adx4, adx4 / 2 + dx3 / 2]);
  });

  it('stays unchanged where DX is undefined (no movement at all), as TA-Lib', () => {
    const moved = Float64Array.from([5, 6, 7, 8, 9, 9, 9, 9, 9, 9, 9]);
    const values = adx(moved, moved, moved, 2);
    expect(values[3]).toBe(100);
    // the DMs decay but never reach zero, so DX stays 100
    expect(values[10]).toBe(100);
    const flat = new Float64Array(8).fill(5);
    expectValues(adx(flat, flat, flat, 2), [NaN, NaN, NaN, 0, 0, 0, 0, 0]);
  });

  it('skips a NaN or infinite field in any column and row, though the check is fused into the loop', () => {
    expectNonFiniteRowsSkipped(['high', 'low', 'close'], ([high, low, close]) => adx(high, low, close, 5));
  });

  it('rejects a period outside 2..100000 and inputs of unequal length', () => {
    for (const period of [1, 3.5, NaN, 100_001]) {
      expectIndicatorError(() => adx(new Float64Array(40), new Float64Array(40), new Float64Array(40), period), 'TF_ERR_INDICATOR_PARAMETER', `ADX: period must be a whole number from 2 to 100000, got ${period}`);
    }
    expectIndicatorError(() => adx(new Float64Array(40), new Float64Array(40), new Float64Array(39)), 'TF_ERR_INDICATOR_INPUT', 'close 39');
  });
});

testTalibAgreement({
  talibName: 'ADX',
  inputs: ['high', 'low', 'close'],
  tolerance: 1e-10,
  why: directionalTalibWhy,
  cases: [2, 5, 14, 50].map((period) => ({ options: { optInTimePeriod: period }, compute: (bars) => [adx(bars.high, bars.low, bars.close, period)] })),
});
