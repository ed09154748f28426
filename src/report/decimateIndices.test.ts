import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimateIndices } from './decimateIndices.js';

describe('decimateIndices', () => {
  it('keeps every point of a short series', () => {
    expect(Array.from(decimateIndices([Float64Array.of(3, 1, 2)], 3, 10))).toEqual([0, 1, 2]);
  });

  it('keeps each bucket\'s first, last, lowest and highest point: 12 points in 2 buckets of 6', () => {
    const values = Float64Array.of(5, 9, 1, 4, 4, 6, 2, 3, 8, 7, NaN, 0);
    expect(Array.from(decimateIndices([values], 12, 8))).toEqual([0, 1, 2, 5, 6, 8, 11]);
  });

  it('stays within maxPoints, ascending, with both ends and every series\' extremes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 8, max: 200 }),
        (values, maxPoints) => {
          const first = Float64Array.from(values);
          const second = Float64Array.from(values, (value, i) => value * ((i % 3) - 1));
          const kept = Array.from(decimateIndices([first, second], first.length, maxPoints));
          expect(kept.length).toBeLessThanOrEqual(maxPoints);
          expect(kept.every((index, k) => k === 0 || index > kept[k - 1])).toBe(true);
          expect(kept[0]).toBe(0);
          expect(kept.at(-1)).toBe(first.length - 1);
          for (const series of [first, second]) {
            const values = kept.map((i) => series[i]);
            expect(Math.min(...values)).toBe(Math.min(...series));
            expect(Math.max(...values)).toBe(Math.max(...series));
          }
        },
      ),
    );
  });
});
