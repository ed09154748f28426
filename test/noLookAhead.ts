import fc from 'fast-check';
import { expect } from 'vitest';
import type { BarColumnName } from '../src/core/Bars.js';
import { randomWalkBars } from './randomWalk.js';

/**
 * Property: no output at bar i depends on an input after bar i. Two random walks share bars
 * 0..cut and differ completely after it (a different walk spliced in); every output at bars
 * 0..cut must be identical (NaN included). fast-check shrinks a failure to a small cut.
 */
export function expectNoLookAhead(inputs: readonly BarColumnName[], compute: (columns: Float64Array[]) => Float64Array[], length = 160, runs = 60): void {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: length - 2 }), (seed, otherSeed, cut) => {
      const bars = randomWalkBars(length, seed);
      const other = randomWalkBars(length, otherSeed === seed ? seed + 1 : otherSeed);
      const original = inputs.map((name) => bars[name].slice());
      const spliced = inputs.map((name) => {
        const column = bars[name].slice();
        // Time keeps increasing; prices and volumes after the cut come from the other walk.
        for (let i = cut + 1; i < length; i++) column[i] = name === 'time' ? column[i] + (other.close[i] % 7) * 3_600_000 : other[name][i];
        return column;
      });
      const before = compute(original);
      const after = compute(spliced);
      before.forEach((column, k) => {
        for (let i = 0; i <= cut; i++) expect(Object.is(column[i], after[k][i]), `output ${k} at bar ${i} (inputs changed after bar ${cut})`).toBe(true);
      });
    }),
    { numRuns: runs },
  );
}
