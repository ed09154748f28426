import { describe, expect, it } from 'vitest';
import { evolveParameters } from './evolveParameters.js';
import { gridPoints, pointKey } from './parameterSpace.js';

const ranges = [
  { name: 'a', values: Array.from({ length: 40 }, (_, k) => k) },
  { name: 'b', values: Array.from({ length: 40 }, (_, k) => k) },
];
/** A smooth bowl with its top at a = 27, b = 11. */
const bowl = (point: Record<string, number | string>) => -((Number(point.a) - 27) ** 2) - (Number(point.b) - 11) ** 2;

describe('evolveParameters', () => {
  it('climbs to the top of a smooth landscape while evaluating a fraction of the grid, each point once', async () => {
    const evaluated: string[] = [];
    const result = await evolveParameters(ranges, async (points) => {
      evaluated.push(...points.map(pointKey));
      return points.map(bowl);
    }, { population: 24, generations: 25, seed: 3 });
    expect(result[0].point).toEqual({ a: 27, b: 11 });
    expect(new Set(evaluated).size).toBe(evaluated.length);
    expect(evaluated.length).toBeLessThan(gridPoints(ranges).length / 2);
    expect(result.map((r) => r.score)).toEqual([...result.map((r) => r.score)].sort((x, y) => y - x));
  });

  it('is reproducible from its seed, ranks NaN scores last, and checks its options', async () => {
    const run = () => evolveParameters(ranges, async (points) => points.map((p) => (Number(p.a) % 7 === 0 ? NaN : bowl(p))), { population: 8, generations: 3, seed: 11 });
    const first = await run();
    expect(await run()).toEqual(first);
    const firstNaN = first.findIndex((r) => Number.isNaN(r.score));
    if (firstNaN >= 0) expect(first.slice(firstNaN).every((r) => Number.isNaN(r.score))).toBe(true);
    await expect(evolveParameters(ranges, async () => [], { population: 1 })).rejects.toThrow(/population must be a whole number from 2 to 100000, got 1/);
  });
});
