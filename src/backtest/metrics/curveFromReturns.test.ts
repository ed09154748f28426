import { describe, expect, it } from 'vitest';
import { curveFromReturns } from './curveFromReturns.js';
import { returnsFromEquity, ruinIndex } from './returnsFromEquity.js';

describe('curveFromReturns and returnsFromEquity', () => {
  it('compound from the starting equity on an even clock, a NaN return counting as 0', () => {
    const curve = curveFromReturns([0.1, NaN, -0.5], { startingEquity: 200, startTime: 1000, stepMs: 10, exposure: 0.5 });
    expect(Array.from(curve.time)).toEqual([1000, 1010, 1020, 1030]);
    // 200, 200·1.1 = 220, 220, 220·0.5 = 110.
    expect(Array.from(curve.equity)).toEqual([200, 220.00000000000003, 220.00000000000003, 110.00000000000001]);
    expect(Array.from(curve.exposure)).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it('returns per bar, led by the return from initialCapital when given; 0 once ruined', () => {
    expect(Array.from(returnsFromEquity(Float64Array.of(100, 150, 75)))).toEqual([0.5, -0.5]);
    expect(Array.from(returnsFromEquity(Float64Array.of(100, 150), 80))).toEqual([0.25, 0.5]);
    expect(Array.from(returnsFromEquity(Float64Array.of(100)))).toEqual([]);
    // Ruined at bar 1: what follows (10, then -3) is not performance.
    expect(Array.from(returnsFromEquity(Float64Array.of(100, 0, 10, -3)))).toEqual([-1, 0, 0]);
    expect(Array.from(returnsFromEquity(Float64Array.of(100, 50), 0))).toEqual([0, 0]);
    expect(ruinIndex(Float64Array.of(100, 0, 10))).toBe(1);
    expect(ruinIndex(Float64Array.of(100, 1))).toBe(-1);
  });
});
