import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { realCrossCheckSeries, randomWalkCrossCheckSeries } from '../../../test/crossCheckSeries.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { VAR, variance, varianceLookback } from './variance.js';

for (const period of [1, 5, 20]) {
  testIndicatorContract({
    name: `VAR(${period})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: varianceLookback(period),
    batch: ([close]) => [variance(close, period)],
    create: () => new VAR(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
    tolerance: 0,
  });
}

const hasRealData = requireSharedData('the VAR cross-check on real data');

describe('VAR', () => {
  it('is the population variance (hand-computed)', () => {
    // [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, squared deviations sum 32, population variance 4.
    expect(variance(Float64Array.from([2, 4, 4, 4, 5, 5, 7, 9]), 8)[7]).toBeCloseTo(4, 13);
    expect(variance(Float64Array.from([1, 2, 3]), 3)[2]).toBeCloseTo(2 / 3, 14);
    expect(Array.from(variance(Float64Array.from([1, 2]), 1))).toEqual([0, 0]);
  });

  it('rejects a period of 0, naming it', () => {
    try {
      variance(new Float64Array(10), 0);
      expect.unreachable();
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
      expect((error as Error).message).toContain('VAR: period must be a whole number from 1 to 100000, got 0');
    }
  });

  it.skipIf(!talibAvailable)('equals TA-Lib VAR on random walks near 100 and 50,000 and on real data', async () => {
    const series = [...randomWalkCrossCheckSeries(), ...(hasRealData ? await realCrossCheckSeries() : [])];
    for (const { name, columns } of series) {
      for (const period of [1, 2, 5, 20, 200]) {
        const expected = talibAligned('VAR', { inReal: columns.close }, { optInTimePeriod: period, optInNbDev: 1 }).outReal;
        const { difference, index } = maxRelativeDifference(variance(columns.close, period), expected);
        expect(difference, `${name} period ${period} at ${index}`).toBeLessThan(1e-9);
      }
    }
  });
});
