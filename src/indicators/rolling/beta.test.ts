import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { realCrossCheckSeries, randomWalkCrossCheckSeries } from '../../../test/crossCheckSeries.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { BETA, beta, betaLookback } from './beta.js';

for (const period of [1, 5, 30]) {
  testIndicatorContract({
    name: `BETA(${period})`,
    inputs: ['high', 'low'],
    outputs: ['value'],
    lookback: betaLookback(period),
    batch: ([high, low]) => [beta(high, low, period)],
    create: () => new BETA(period),
    update: (s, [x, y]) => s.update(x, y),
    replace: (s, [x, y]) => s.replace(x, y),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

const hasRealData = requireSharedData('the BETA cross-check on real data');

describe('BETA', () => {
  it('is the regression slope of y returns on x returns (hand-computed)', () => {
    // x returns 0.1, -0.1, 0.2; y returns 0.2, -0.1, 0.3 (prices built from them).
    const x = Float64Array.from([100, 110, 99, 118.8]);
    const y = Float64Array.from([50, 60, 54, 70.2]);
    // n=3, Σx=0.2, Σy=0.4, Σxy=0.02+0.01+0.06=0.09, Σx²=0.01+0.01+0.04=0.06:
    // beta = (3·0.09 - 0.2·0.4) / (3·0.06 - 0.04) = 0.19 / 0.14.
    const result = beta(x, y, 3);
    expect(Array.from(result.subarray(0, 3))).toEqual([NaN, NaN, NaN]);
    expect(result[3]).toBeCloseTo(0.19 / 0.14, 12);
    // A security whose returns are twice the index's (0.2, -0.2, 0.4) has beta 2.
    expect(beta(Float64Array.from([100, 110, 99, 118.8]), Float64Array.from([100, 120, 96, 134.4]), 3)[3]).toBeCloseTo(2, 9);
  });

  it('rejects inputs of unequal length and a period of 0', () => {
    try {
      beta(new Float64Array(3), new Float64Array(2));
      expect.unreachable();
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_INDICATOR_INPUT')).toBe(true);
    }
    expect(() => beta(new Float64Array(3), new Float64Array(3), 0)).toThrow(/BETA: period must be a whole number from 1 to 100000, got 0/);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib BETA of high and low on random walks and real data', async () => {
    const series = [...randomWalkCrossCheckSeries(), ...(hasRealData ? await realCrossCheckSeries() : [])];
    for (const { name, columns } of series) {
      for (const period of [1, 5, 30]) {
        const expected = talibAligned('BETA', { inReal0: columns.high, inReal1: columns.low }, { optInTimePeriod: period }).outReal;
        const { difference, index } = maxRelativeDifference(beta(columns.high, columns.low, period), expected);
        expect(difference, `${name} period ${period} at ${index}`).toBeLessThan(1e-9);
      }
    }
  });
});
