import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { realCrossCheckSeries, randomWalkCrossCheckSeries } from '../../../test/crossCheckSeries.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { MIN, min, minLookback } from './min.js';

for (const period of [2, 5, 30]) {
  testIndicatorContract({
    name: `MIN(${period})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: minLookback(period),
    batch: ([close]) => [min(close, period)],
    create: () => new MIN(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

const hasRealData = requireSharedData('the MIN cross-check on real data');

describe('MIN', () => {
  it('is the lowest of the last period values (hand-computed)', () => {
    expect(Array.from(min(Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6, 5, 3]), 3))).toEqual([NaN, NaN, 1, 1, 1, 1, 2, 2, 2, 3]);
  });

  it('equals the minimum of each window on random data (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 2, max: 10 }), (values, period) => {
        const y = min(Float64Array.from(values), period);
        for (let i = period - 1; i < values.length; i++) expect(y[i]).toBe(Math.min(...values.slice(i - period + 1, i + 1)));
      }),
    );
  });

  it('rejects a period outside 2..100000, naming it', () => {
    for (const period of [1, 0, 2.5, NaN]) {
      try {
        min(new Float64Array(10), period);
        expect.unreachable();
      } catch (error) {
        expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
        expect((error as Error).message).toContain(`MIN: period must be a whole number from 2 to 100000, got ${period}`);
      }
    }
  });

  it.skipIf(!talibAvailable)('equals TA-Lib MIN on random walks, including a window longer than the data', () => {
    for (const { name, columns } of randomWalkCrossCheckSeries()) {
      for (const period of [2, 5, 30, 200, 6_000]) {
        const expected = talibAligned('MIN', { inReal: columns.close }, { optInTimePeriod: period }).outReal;
        expect(maxRelativeDifference(min(columns.close, period), expected).difference, `${name} period ${period}`).toBe(0);
      }
    }
  });

  it.skipIf(!talibAvailable || !hasRealData)('equals TA-Lib MIN on real data', async () => {
    for (const { name, columns } of await realCrossCheckSeries()) {
      for (const period of [5, 30]) {
        const expected = talibAligned('MIN', { inReal: columns.low }, { optInTimePeriod: period }).outReal;
        expect(maxRelativeDifference(min(columns.low, period), expected).difference, `${name} period ${period}`).toBe(0);
      }
    }
  });
});
