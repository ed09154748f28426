import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { EMV, emv, emvLookback } from './emv.js';

for (const [period, scale] of [[1, 1e8], [14, 1e8], [5, 10_000]]) {
  testIndicatorContract({
    name: `EMV(${period}, scale ${scale})`,
    inputs: ['high', 'low', 'volume'],
    outputs: ['value'],
    lookback: emvLookback(period, scale),
    batch: ([h, l, v]) => [emv(h, l, v, period, scale)],
    create: () => new EMV(period, scale),
    update: (s, [h, l, v]) => s.update(h, l, v),
    replace: (s, [h, l, v]) => s.replace(h, l, v),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('EMV', () => {
  // Arms' Ease of Movement as published (StockCharts): distance moved / box ratio, SMA 14.
  const high = Float64Array.from([10, 12, 13, 13, 14]);
  const low = Float64Array.from([8, 10, 11, 13, 12]);
  const volume = Float64Array.from([1e6, 2e6, 4e6, 5e6, 0]);

  it('divides the midpoint move by the box ratio (hand-computed)', () => {
    // bar 1: distance 11 - 9 = 2; box (2e6/1e8)/2 = 0.01; EMV 200
    // bar 2: distance 12 - 11 = 1; box (4e6/1e8)/2 = 0.02; EMV 50
    // bar 3: high == low: 0; bar 4: no volume: 0
    expect(Array.from(emv(high, low, volume, 1))).toEqual([NaN, 200, 50, 0, 0]);
    const smoothed = emv(high, low, volume, 2);
    expect(Array.from(smoothed)).toEqual([NaN, NaN, 125, 25, 0]);
    // scale only sets the units
    expect(emv(high, low, volume, 1, 1e4)[1]).toBeCloseTo(0.02, 15);
  });

  it('rejects a period below 1, a non-positive scale and inputs of unequal length', () => {
    const a = new Float64Array(5);
    for (const [period, scale, text] of [
      [0, 1e8, 'EMV: period must be a whole number from 1 to 100000, got 0'],
      [14, 0, 'EMV: scale must be a finite number from 0.000001 to 1000000000000000, got 0'],
      [14, NaN, 'EMV: scale must be a finite number'],
    ] as const) {
      try {
        emv(a, a, a, period, scale);
        expect.unreachable();
      } catch (error) {
        expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
        expect((error as Error).message).toContain(text);
      }
    }
    expect(() => emv(a, a, new Float64Array(4))).toThrow(/EMV: inputs must have equal lengths/);
  });
});
