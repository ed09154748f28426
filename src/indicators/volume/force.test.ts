import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { ema } from '../trend/ema.js';
import { ForceIndex, force, forceLookback } from './force.js';

for (const period of [1, 2, 13]) {
  testIndicatorContract({
    name: `Force Index(${period})`,
    inputs: ['close', 'volume'],
    outputs: ['value'],
    lookback: forceLookback(period),
    batch: ([c, v]) => [force(c, v, period)],
    create: () => new ForceIndex(period),
    update: (s, [c, v]) => s.update(c, v),
    replace: (s, [c, v]) => s.replace(c, v),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('Force Index', () => {
  it('smooths (close - previous close) * volume by an EMA seeded with the mean of the first period forces (hand-computed)', () => {
    const close = Float64Array.from([10, 11, 10.5, 12, 12]);
    const volume = Float64Array.from([999, 100, 200, 300, 400]);
    // one-bar forces: -, 100, -100, 450, 0; period 2: seed (100 - 100)/2 = 0 at bar 2,
    // then 0 + (2/3)(450 - 0) = 300, then 300 + (2/3)(0 - 300) = 100
    const result = force(close, volume, 2);
    expect(result[0]).toBeNaN();
    expect(result[1]).toBeNaN();
    expect(result[2]).toBe(0);
    expect(result[3]).toBeCloseTo(300, 12);
    expect(result[4]).toBeCloseTo(100, 12);
    expect(Array.from(force(close, volume, 1))).toEqual([NaN, 100, -100, 450, 0]);
  });

  it('equals the EMA of the one-bar force series', () => {
    const bars = randomWalkBars(1_000, 9);
    const raw = new Float64Array(bars.length - 1);
    for (let i = 1; i < bars.length; i++) raw[i - 1] = (bars.close[i] - bars.close[i - 1]) * bars.volume[i];
    const expected = ema(raw, 13);
    const result = force(bars.close, bars.volume, 13);
    for (let i = 13; i < bars.length; i++) expect(result[i]).toBeCloseTo(expected[i - 1], 6);
  });

  it('is all NaN when the series is not longer than the period', () => {
    expect(Array.from(force(Float64Array.from([1, 2, 3]), Float64Array.from([1, 1, 1]), 3))).toEqual([NaN, NaN, NaN]);
  });

  it('rejects a period outside 1..100000 and inputs of unequal length', () => {
    try {
      force(new Float64Array(5), new Float64Array(5), 1.5);
      expect.unreachable();
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
      expect((error as Error).message).toContain('Force Index: period must be a whole number from 1 to 100000, got 1.5');
    }
    expect(() => force(new Float64Array(5), new Float64Array(4))).toThrow(/Force Index: inputs must have equal lengths/);
  });
});
