import { expect } from 'vitest';
import { randomWalkBars } from './randomWalk.js';

/**
 * For kernels that detect missing values inside their own loop (instead of a separate scan):
 * NaN, +Infinity and -Infinity in each input column at the first, second, a middle and the
 * last row must give exactly what the kernel gives on the rows without it, NaN on that row.
 */
export function expectNonFiniteRowsSkipped(columns: ReadonlyArray<'open' | 'high' | 'low' | 'close' | 'volume'>, compute: (inputs: Float64Array[]) => Float64Array, length = 120): void {
  const bars = randomWalkBars(length, 51);
  const clean = columns.map((name) => bars[name]);
  for (const bad of [NaN, Infinity, -Infinity]) {
    for (let column = 0; column < columns.length; column++) {
      for (const row of [0, 1, Math.floor(length / 2), length - 1]) {
        const damaged = clean.map((input) => input.slice());
        damaged[column][row] = bad;
        const actual = compute(damaged);
        const compact = compute(clean.map((input) => Float64Array.from(input.filter((_, i) => i !== row))));
        const expected = new Float64Array(length).fill(NaN);
        for (let i = 0, k = 0; i < length; i++) if (i !== row) expected[i] = compact[k++];
        expect(Array.from(actual), `${bad} in ${columns[column]}[${row}]`).toEqual(Array.from(expected));
      }
    }
  }
}
