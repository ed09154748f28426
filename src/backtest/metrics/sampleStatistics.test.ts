import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanOfSmallestInPlace, quantileInPlace, sampleStandardDeviation, selectInPlace } from './sampleStatistics.js';

/** numpy's `percentile(x, 100·fraction)` (method 'linear') written out over a full sort, as the reference. */
function numpyLinear(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const j = Math.floor(position);
  const g = position - j;
  if (j >= sorted.length - 1) return sorted[sorted.length - 1];
  const difference = sorted[j + 1] - sorted[j];
  return g < 0.5 ? sorted[j] + difference * g : sorted[j + 1] - difference * (1 - g);
}

describe('selection-based quantiles', () => {
  it('equal the sort-based numpy rule bit for bit, duplicates and all', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1, max: 1, noNaN: true })), { minLength: 1, maxLength: 300 }),
        fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.01, 0.05, 0.95, 1)),
        (values, fraction) => {
          expect(Object.is(quantileInPlace(Float64Array.from(values), fraction), numpyLinear(values, fraction))).toBe(true);
          const k = Math.floor(fraction * (values.length - 1));
          const work = Float64Array.from(values);
          selectInPlace(work, k);
          const sorted = [...values].sort((a, b) => a - b);
          expect(work[k]).toBe(sorted[k]);
          for (let i = 0; i < k; i++) expect(work[i]).toBeLessThanOrEqual(work[k]);
          for (let i = k + 1; i < work.length; i++) expect(work[i]).toBeGreaterThanOrEqual(work[k]);
          const lowest = sorted.slice(0, k + 1);
          expect(meanOfSmallestInPlace(Float64Array.from(values), k + 1)).toBeCloseTo(lowest.reduce((a, b) => a + b, 0) / lowest.length, 12);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a flat and a sorted series of 200,000 values (the cases a naive pivot turns quadratic)', () => {
    expect(quantileInPlace(new Float64Array(200_000), 0.05)).toBe(0);
    expect(quantileInPlace(Float64Array.from({ length: 200_000 }, (_, i) => i), 0.5)).toBe(99_999.5);
  });

  it('numpy\'s examples: percentile([1, 2], 30) = 1.3; sample deviation of [1, 2, 3, 4] = sqrt(5/3)', () => {
    expect(quantileInPlace(Float64Array.of(2, 1), 0.3)).toBeCloseTo(1.3, 15);
    expect(sampleStandardDeviation([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 15);
    expect(sampleStandardDeviation([1])).toBeNaN();
    expect(quantileInPlace(new Float64Array(0), 0.5)).toBeNaN();
  });
});
