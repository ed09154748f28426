import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { CMF, cmf, cmfLookback } from './cmf.js';

for (const period of [1, 3, 20]) {
  testIndicatorContract({
    name: `CMF(${period})`,
    inputs: ['high', 'low', 'close', 'volume'],
    outputs: ['value'],
    lookback: cmfLookback(period),
    batch: ([h, l, c, v]) => [cmf(h, l, c, v, period)],
    create: () => new CMF(period),
    update: (s, [h, l, c, v]) => s.update(h, l, c, v),
    replace: (s, [h, l, c, v]) => s.replace(h, l, c, v),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('CMF', () => {
  // Chaikin Money Flow as published (StockCharts): sum of money-flow volume over sum of volume.
  const high = Float64Array.from([10, 12, 5, 8, 8, 8]);
  const low = Float64Array.from([8, 10, 5, 4, 8, 8]);
  const close = Float64Array.from([9.5, 10, 5, 7, 8, 8]);

  it('divides the window money-flow volume by its volume (hand-computed)', () => {
    // MFV: 50, -50, 0 (no range), 20, 0, 0; volume 100, 50, 1000, 40, 0, 0
    const volume = Float64Array.from([100, 50, 1_000, 40, 0, 0]);
    const result = cmf(high, low, close, volume, 2);
    expect(result[0]).toBeNaN();
    expect(result[1]).toBeCloseTo(0 / 150, 15);
    expect(result[2]).toBeCloseTo(-50 / 1_050, 15);
    expect(result[3]).toBeCloseTo(20 / 1_040, 15);
    expect(result[4]).toBeCloseTo(20 / 40, 15);
    // A window without volume: 0, by definition (no money flowed either way).
    expect(result[5]).toBe(0);
  });

  it('is bounded by -1 and +1 and is +1 when every close is at its high', () => {
    const bars = randomWalkBars(2_000, 8);
    const result = cmf(bars.high, bars.low, bars.close, bars.volume, 20);
    for (let i = 19; i < result.length; i++) expect(Math.abs(result[i])).toBeLessThanOrEqual(1 + 1e-12);
    const top = cmf(Float64Array.from([2, 3, 4]), Float64Array.from([1, 1, 2]), Float64Array.from([2, 3, 4]), Float64Array.from([5, 6, 7]), 3);
    expect(top[2]).toBeCloseTo(1, 15);
  });

  it('the stream gives 0 on a window without volume, as the batch does', () => {
    const volume = Float64Array.from([100, 50, 1_000, 40, 0, 0]);
    const stream = new CMF(2);
    for (let i = 0; i < 6; i++) stream.update(high[i], low[i], close[i], volume[i]);
    expect(stream.value).toBe(0);
  });

  it('rejects a period outside 1..100000 and inputs of unequal length', () => {
    const a = new Float64Array(5);
    try {
      cmf(a, a, a, a, 0);
      expect.unreachable();
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
      expect((error as Error).message).toContain('CMF: period must be a whole number from 1 to 100000, got 0');
    }
    expect(() => cmf(a, a, a, new Float64Array(4))).toThrow(/CMF: inputs must have equal lengths/);
  });
});
