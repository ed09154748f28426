import { describe, expect, it } from 'vitest';
import { directionalExample, directionalTalibWhy, expectValues } from '../../../test/directionalChecks.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { testTalibAgreement } from '../../../test/talibAgreement.js';
import { DX, dx, dxLookback } from './dx.js';

// The hand example of the directional family: its table is in test/directionalChecks.ts.
const { high, low, close } = directionalExample;

for (const period of [2, 14, 30]) {
  testIndicatorContract({
    name: `DX(${period})`,
    inputs: ['high', 'low', 'close'],
    outputs: ['value'],
    lookback: dxLookback(period),
    batch: ([high, low, close]) => [dx(high, low, close, period)],
    create: () => new DX(period),
    update: (s, [h, l, c]) => s.update(h, l, c),
    replace: (s, [h, l, c]) => s.replace(h, l, c),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('DX', () => {
  it('is 100 * |+DI - -DI| / (+DI + -DI) from bar period (hand-computed)', () => {
    // period 3, bar 3: +DM 13/3, -DM 4/3 → 100 * 3 / (17/3); bar 4: 26/9 and 8/9 → 100 * 18 / 34; bar 5 the same ratio
    expectValues(dx(high, low, close, 3), [NaN, NaN, NaN, 300 / (17 / 3), 1800 / 34, 1800 / 34]);
  });

  it('repeats the previous value, 0 at the start, where the market has not moved (TA-Lib)', () => {
    const flat = new Float64Array(8).fill(5);
    expectValues(dx(flat, flat, flat, 3), [NaN, NaN, NaN, 0, 0, 0, 0, 0]);
    const moved = Float64Array.from([5, 6, 7, 8, 8, 8, 8, 8]);
    const values = dx(moved, moved, moved, 3);
    expect(values[4]).toBe(100);
    expect(values[7]).toBe(100);
  });

  it('rejects a period outside 2..100000 and inputs of unequal length', () => {
    for (const period of [1, 3.5, NaN, 100_001]) {
      expectIndicatorError(() => dx(new Float64Array(40), new Float64Array(40), new Float64Array(40), period), 'TF_ERR_INDICATOR_PARAMETER', `DX: period must be a whole number from 2 to 100000, got ${period}`);
    }
    expectIndicatorError(() => dx(new Float64Array(40), new Float64Array(40), new Float64Array(39)), 'TF_ERR_INDICATOR_INPUT', 'close 39');
  });
});

testTalibAgreement({
  talibName: 'DX',
  inputs: ['high', 'low', 'close'],
  tolerance: 1e-10,
  why: directionalTalibWhy,
  cases: [2, 5, 14, 50].map((period) => ({ options: { optInTimePeriod: period }, compute: (bars) => [dx(bars.high, bars.low, bars.close, period)] })),
});
