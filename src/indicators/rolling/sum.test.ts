import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { realCrossCheckSeries, randomWalkCrossCheckSeries } from '../../../test/crossCheckSeries.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { SUM, sum, sumLookback } from './sum.js';

for (const period of [2, 10, 30]) {
  testIndicatorContract({
    name: `SUM(${period})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: sumLookback(period),
    batch: ([close]) => [sum(close, period)],
    create: () => new SUM(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
    tolerance: 0,
  });
}

const hasRealData = requireSharedData('the SUM cross-check on real data');

describe('SUM', () => {
  it('adds the last period values (hand-computed)', () => {
    expect(Array.from(sum(Float64Array.from([1, 2, 3, 4, 10]), 3))).toEqual([NaN, NaN, 6, 9, 17]);
  });

  it('rejects a period of 1, naming it', () => {
    try {
      sum(new Float64Array(3), 1);
      expect.unreachable();
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
      expect((error as Error).message).toContain('SUM: period must be a whole number from 2 to 100000, got 1');
    }
  });

  it.skipIf(!talibAvailable)('equals TA-Lib SUM bit for bit on random walks and real data (volume)', async () => {
    const series = [...randomWalkCrossCheckSeries(), ...(hasRealData ? await realCrossCheckSeries() : [])];
    for (const { name, columns } of series) {
      for (const input of [columns.close, columns.volume]) {
        for (const period of [2, 30, 6_000]) {
          const expected = talibAligned('SUM', { inReal: input }, { optInTimePeriod: period }).outReal;
          expect(maxRelativeDifference(sum(input, period), expected).difference, `${name} period ${period}`).toBe(0);
        }
      }
    }
  });
});
