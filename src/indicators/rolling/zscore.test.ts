import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { ZSCORE, zscore, zscoreLookback } from './zscore.js';

for (const period of [2, 20, 30]) {
  testIndicatorContract({
    name: `ZSCORE(${period})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: zscoreLookback(period),
    batch: ([close]) => [zscore(close, period)],
    create: () => new ZSCORE(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('ZSCORE', () => {
  it('is (x - mean) / population stddev of the window including x (hand-computed)', () => {
    // Window [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, population stddev 2, so z(9) = 2.
    const y = zscore(Float64Array.from([2, 4, 4, 4, 5, 5, 7, 9]), 8);
    expect(y[7]).toBeCloseTo(2, 14);
    // Window [1, 2, 3]: mean 2, stddev sqrt(2/3); z(3) = 1 / sqrt(2/3).
    expect(zscore(Float64Array.from([1, 2, 3]), 3)[2]).toBeCloseTo(Math.sqrt(1.5), 14);
  });

  it('is 0 on a flat window', () => {
    expect(Array.from(zscore(Float64Array.from([100.1, 100.1, 100.1, 100.1]), 3))).toEqual([NaN, NaN, 0, 0]);
  });

  it('does not change when the series is scaled or shifted (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1, max: 2, noNaN: true }), { minLength: 5, maxLength: 40 }), fc.double({ min: 0.5, max: 100, noNaN: true }), (values, scale) => {
        const x = Float64Array.from(values);
        const a = zscore(x, 5);
        const b = zscore(x.map((v) => v * scale + 3), 5);
        for (let i = 4; i < x.length; i++) if (a[i] !== 0 && b[i] !== 0) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-6 * Math.max(1, Math.abs(a[i])));
      }),
    );
  });

  it('rejects a period of 1, naming it', () => {
    try {
      zscore(new Float64Array(3), 1);
      expect.unreachable();
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
      expect((error as Error).message).toContain('ZSCORE: period must be a whole number from 2 to 100000, got 1');
    }
  });

  it.skipIf(!talibAvailable)('equals (close - TA-Lib SMA) / TA-Lib STDDEV on a random walk', () => {
    const close = randomWalkBars(5_000, 8).close;
    for (const period of [5, 30]) {
      const mean = talibAligned('SMA', { inReal: close }, { optInTimePeriod: period }).outReal;
      const deviation = talibAligned('STDDEV', { inReal: close }, { optInTimePeriod: period, optInNbDev: 1 }).outReal;
      const expected = close.map((x, i) => (x - mean[i]) / deviation[i]);
      expect(maxRelativeDifference(zscore(close, period), expected).difference, `period ${period}`).toBeLessThan(1e-9);
    }
  });
});
