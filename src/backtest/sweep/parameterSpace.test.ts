import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../core/Random.js';
import { movingAverageCross } from '../../strategy/builtin/movingAverageCross.js';
import { gridPoints, gridSize, parseGrid, pointKey, randomPoints } from './parameterSpace.js';

describe('parseGrid', () => {
  it('reads ranges, lists and single values against the declared parameters', () => {
    expect(parseGrid(movingAverageCross, 'fastPeriod=5:20:5, slowPeriod=30|50, type=sma|EMA, direction=both')).toEqual([
      { name: 'fastPeriod', values: [5, 10, 15, 20] },
      { name: 'slowPeriod', values: [30, 50] },
      { name: 'type', values: ['sma', 'ema'] },
      { name: 'direction', values: ['both'] },
    ]);
  });

  it('counts steps instead of summing them, so decimal steps do not drift', () => {
    const strategy = { ...movingAverageCross, parameters: [{ name: 'x', kind: 'number' as const, default: 1, min: 0, max: 1, description: '' }] };
    expect(parseGrid(strategy, 'x=0.1:0.5:0.1')[0].values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
  });

  it('names the parameter and what is allowed', () => {
    expect(() => parseGrid(movingAverageCross, 'fastPeriod=1:5')).toThrow(/ma-cross sweep: fastPeriod must be a whole number from 2 to 1000, got 1/);
    expect(() => parseGrid(movingAverageCross, 'speed=1:5')).toThrow(/unknown parameter "speed"; its parameters are: fastPeriod, slowPeriod, type, direction/);
    expect(() => parseGrid(movingAverageCross, 'type=sma|wma')).toThrow(/type must be one of sma, ema, got "wma"/);
    expect(() => parseGrid(movingAverageCross, 'fastPeriod=20:5:1')).toThrow(/is not start:end:step/);
    expect(() => parseGrid(movingAverageCross, 'fastPeriod=5,fastPeriod=6')).toThrow(/appears twice/);
  });
});

describe('grid and random points', () => {
  it('enumerates every combination once, the last parameter fastest', () => {
    const ranges = [{ name: 'a', values: [1, 2] }, { name: 'b', values: ['x', 'y', 'z'] }];
    expect(gridPoints(ranges).map(pointKey)).toEqual(['a=1,b=x', 'a=1,b=y', 'a=1,b=z', 'a=2,b=x', 'a=2,b=y', 'a=2,b=z']);
    expect(gridSize(ranges)).toBe(6);
  });

  it('draws distinct points while unseen ones remain, reproducibly from a seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 1_000 }), (a, b, seed) => {
        const ranges = [{ name: 'a', values: Array.from({ length: a }, (_, k) => k) }, { name: 'b', values: Array.from({ length: b }, (_, k) => k * 10) }];
        const count = Math.min(a * b, 7);
        const points = randomPoints(ranges, count, Random.fromSeed(seed));
        expect(new Set(points.map(pointKey)).size).toBe(count);
        expect(randomPoints(ranges, count, Random.fromSeed(seed))).toEqual(points);
      }),
    );
  });
});
