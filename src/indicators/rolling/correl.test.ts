import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { realCrossCheckSeries, randomWalkCrossCheckSeries } from '../../../test/crossCheckSeries.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { CORREL, correl, correlLookback } from './correl.js';

for (const period of [1, 5, 30]) {
  testIndicatorContract({
    name: `CORREL(${period})`,
    inputs: ['high', 'close'],
    outputs: ['value'],
    lookback: correlLookback(period),
    batch: ([high, close]) => [correl(high, close, period)],
    create: () => new CORREL(period),
    update: (s, [x, y]) => s.update(x, y),
    replace: (s, [x, y]) => s.replace(x, y),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

const hasRealData = requireSharedData('the CORREL cross-check on real data');

describe('CORREL', () => {
  it('is the Pearson coefficient of the window (hand-computed)', () => {
    // x = [1, 2, 3], y = [2, 4, 7]: deviations (-1, 0, 1) and (-7/3, -1/3, 8/3);
    // covariance sum 5, sums of squares 2 and (49 + 1 + 64)/9 = 114/9: r = 5 / sqrt(2 · 114/9).
    const y = correl(Float64Array.from([1, 2, 3]), Float64Array.from([2, 4, 7]), 3);
    expect(y[2]).toBeCloseTo(5 / Math.sqrt((2 * 114) / 9), 14);
    expect(correl(Float64Array.from([1, 2, 3]), Float64Array.from([6, 4, 2]), 3)[2]).toBeCloseTo(-1, 14);
  });

  it('is 0 on a flat window, as in TA-Lib', () => {
    expect(correl(Float64Array.from([1, 1, 1]), Float64Array.from([1, 2, 3]), 3)[2]).toBe(0);
  });

  it('rejects inputs of unequal length and a period of 0', () => {
    try {
      correl(new Float64Array(3), new Float64Array(4), 2);
      expect.unreachable();
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_INDICATOR_INPUT')).toBe(true);
      expect((error as Error).message).toContain('x 3, y 4');
    }
    expect(() => correl(new Float64Array(3), new Float64Array(3), 0)).toThrow(/CORREL: period must be a whole number from 1 to 100000, got 0/);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib CORREL of high and low on random walks and real data', async () => {
    const series = [...randomWalkCrossCheckSeries(), ...(hasRealData ? await realCrossCheckSeries() : [])];
    for (const { name, columns } of series) {
      for (const period of [2, 30, 100]) {
        const expected = talibAligned('CORREL', { inReal0: columns.high, inReal1: columns.low }, { optInTimePeriod: period }).outReal;
        const { difference, index } = maxRelativeDifference(correl(columns.high, columns.low, period), expected);
        expect(difference, `${name} period ${period} at ${index}`).toBeLessThan(1e-9);
      }
    }
  });
});
