import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { QUANTILE, quantile, quantileLookback } from './quantile.js';

for (const [period, q] of [[1, 0.5], [7, 0.25], [20, 0.95], [30, 0.5]] as Array<[number, number]>) {
  testIndicatorContract({
    name: `QUANTILE(${period}, ${q})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: quantileLookback(period, q),
    batch: ([close]) => [quantile(close, period, q)],
    create: () => new QUANTILE(period, q),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
    tolerance: 0,
  });
}

/** numpy.quantile(window, q) with method='linear', written the slow obvious way. */
function naiveQuantile(values: readonly number[], period: number, q: number): number[] {
  return values.map((_, i) => {
    if (i < period - 1) return NaN;
    const sorted = values.slice(i - period + 1, i + 1).sort((a, b) => a - b);
    const h = (period - 1) * q;
    const j = Math.floor(h);
    const g = h - j;
    const low = sorted[j];
    const high = sorted[Math.min(j + 1, period - 1)];
    const difference = high - low;
    return g < 0.5 ? low + difference * g : high - difference * (1 - g);
  });
}

describe('QUANTILE', () => {
  it('interpolates linearly between order statistics as numpy.quantile does (values printed by numpy 2.4)', () => {
    const x = Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6]);
    expect(Array.from(quantile(x, 4, 0.3)).slice(3)).toEqual([1.0, 1.0, 3.6999999999999997, 1.9, 4.699999999999999]);
    expect(Array.from(quantile(x, 4, 0.9)).slice(3)).toEqual([3.7, 4.7, 7.800000000000001, 7.800000000000001, 8.100000000000001]);
    expect(Array.from(quantile(x, 4, 0.5)).slice(3)).toEqual([2.0, 2.5, 4.5, 3.5, 5.5]);
  });

  it('gives the minimum at q = 0 and the maximum at q = 1', () => {
    const x = Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6]);
    expect(Array.from(quantile(x, 3, 0)).slice(2)).toEqual([1, 1, 1, 1, 2, 2]);
    expect(Array.from(quantile(x, 3, 1)).slice(2)).toEqual([4, 4, 5, 9, 9, 9]);
  });

  it('equals a sort of each window on random data with ties, batch and stream, missing values skipped (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(NaN)), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 1, max: 12 }),
        fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.25, 0.5, 1)),
        (values, period, q) => {
          const finite = values.filter((v) => Number.isFinite(v));
          const expectedCompact = naiveQuantile(finite, period, q);
          const expected: number[] = [];
          let k = 0;
          for (const v of values) expected.push(Number.isFinite(v) ? expectedCompact[k++] : NaN);
          // -0 and +0 are the same quantile; the interpolation formula may produce either sign.
          const zeroless = (list: number[]) => list.map((v) => (v === 0 ? 0 : v));
          expect(zeroless(Array.from(quantile(Float64Array.from(values), period, q)))).toEqual(zeroless(expected));
          const stream = new QUANTILE(period, q);
          expect(zeroless(values.map((v) => stream.update(v)))).toEqual(zeroless(expected));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects q outside 0..1 and a period of 0, naming them', () => {
    for (const [period, q, text] of [[5, 1.5, 'QUANTILE: q must be a finite number from 0 to 1, got 1.5'], [5, NaN, 'q must be'], [0, 0.5, 'QUANTILE: period must be a whole number from 1 to 100000, got 0']] as const) {
      try {
        quantile(new Float64Array(3), period, q);
        expect.unreachable();
      } catch (error) {
        expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
        expect((error as Error).message).toContain(text);
      }
    }
  });
});
