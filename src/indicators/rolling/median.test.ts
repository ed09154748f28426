import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { MEDIAN, median, medianLookback } from './median.js';

for (const period of [1, 2, 5, 30]) {
  testIndicatorContract({
    name: `MEDIAN(${period})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: medianLookback(period),
    batch: ([close]) => [median(close, period)],
    create: () => new MEDIAN(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
    tolerance: 0,
  });
}

describe('MEDIAN', () => {
  it('is the middle value, or the mean of the two middle values (values printed by numpy.median)', () => {
    const x = Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6]);
    expect(Array.from(median(x, 3)).slice(2)).toEqual([3.0, 1.0, 4.0, 5.0, 5.0, 6.0]);
    expect(Array.from(median(x, 4)).slice(3)).toEqual([2.0, 2.5, 4.5, 3.5, 5.5]);
  });

  it('equals a sort of each window on random data, batch and stream, missing values skipped (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(NaN)), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 1, max: 12 }),
        (values, period) => {
          const finite = values.filter((v) => Number.isFinite(v));
          const expected: number[] = [];
          let k = 0;
          for (const v of values) {
            if (!Number.isFinite(v)) {
              expected.push(NaN);
              continue;
            }
            const i = k++;
            if (i < period - 1) {
              expected.push(NaN);
              continue;
            }
            const sorted = finite.slice(i - period + 1, i + 1).sort((a, b) => a - b);
            const middle = period >> 1;
            expected.push(period % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
          }
          // -0 and +0 tie in a sort, so either may be the median: compare them as equal.
          const zeroless = (list: number[]) => list.map((v) => (v === 0 ? 0 : v));
          expect(zeroless(Array.from(median(Float64Array.from(values), period)))).toEqual(zeroless(expected));
          const stream = new MEDIAN(period);
          expect(zeroless(values.map((v) => stream.update(v)))).toEqual(zeroless(expected));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects a period of 0, naming it', () => {
    try {
      median(new Float64Array(3), 0);
      expect.unreachable();
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
      expect((error as Error).message).toContain('MEDIAN: period must be a whole number from 1 to 100000, got 0');
    }
  });
});
