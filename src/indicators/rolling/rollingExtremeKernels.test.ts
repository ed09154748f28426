import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rollingMaxKernel, rollingMinKernel } from './rollingExtremeKernels.js';

/** The window extreme by definition, NaN during warm-up. */
function reference(values: readonly number[], period: number, extremeOf: (...x: number[]) => number): number[] {
  return values.map((_, i) => (i < period - 1 ? NaN : extremeOf(...values.slice(i - period + 1, i + 1))));
}

describe('rolling extreme kernels', () => {
  // Short periods track the extreme and rescan, longer ones use the deque (`rescanLimit` 32):
  // periods on both sides, on series with ties and long monotone runs (the rescan's worst case).
  const series = fc.oneof(
    fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 150 }),
    fc.integer({ min: 1, max: 150 }).map((n) => Array.from({ length: n }, (_, i) => 100 - i)),
    fc.integer({ min: 1, max: 150 }).map((n) => Array.from({ length: n }, (_, i) => i % 7)),
  );

  it('equal the maximum and minimum of each window, for periods below and above the rescan limit (property)', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 2, max: 70 }), (values, period) => {
        const x = Float64Array.from(values);
        const high = new Float64Array(x.length);
        const low = new Float64Array(x.length);
        rollingMaxKernel(x, period, high);
        rollingMinKernel(x, period, low);
        expect(Array.from(high)).toEqual(reference(values, period, Math.max));
        expect(Array.from(low)).toEqual(reference(values, period, Math.min));
      }),
      { numRuns: 300 },
    );
  });

  it('among equal values report the latest, on both paths (the sign of a zero shows which)', () => {
    const x = Float64Array.from({ length: 80 }, (_, i) => (i % 3 === 0 ? -0 : 0));
    for (const period of [2, 5, 33, 40]) {
      const high = new Float64Array(x.length);
      const low = new Float64Array(x.length);
      rollingMaxKernel(x, period, high);
      rollingMinKernel(x, period, low);
      for (let i = period - 1; i < x.length; i++) {
        expect(Object.is(high[i], x[i]), `max, period ${period}, bar ${i}`).toBe(true);
        expect(Object.is(low[i], x[i]), `min, period ${period}, bar ${i}`).toBe(true);
      }
    }
  });
});
