import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { expectNoLookAhead } from '../../../test/noLookAhead.js';
import { VWAP, vwap, vwapLookback } from './vwap.js';

for (const period of [1, 2, 20]) {
  testIndicatorContract({
    name: `VWAP(${period})`,
    inputs: ['high', 'low', 'close', 'volume'],
    outputs: ['value'],
    lookback: vwapLookback(period),
    batch: ([h, l, c, v]) => [vwap(h, l, c, v, period)],
    create: () => new VWAP(period),
    update: (s, [h, l, c, v]) => s.update(h, l, c, v),
    replace: (s, [h, l, c, v]) => s.replace(h, l, c, v),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('VWAP (rolling)', () => {
  // typical prices 10, 12, 20, 22 with volumes 100, 300, 0, 0
  const high = Float64Array.from([11, 13, 21, 23]);
  const low = Float64Array.from([9, 11, 19, 21]);
  const close = Float64Array.from([10, 12, 20, 22]);
  const volume = Float64Array.from([100, 300, 0, 0]);

  it('weights the typical price of the window by volume, NaN for a window without volume (hand-computed)', () => {
    // period 2: (10*100 + 12*300)/400 = 11.5; (12*300 + 0)/300 = 12; no volume: NaN
    expect(Array.from(vwap(high, low, close, volume, 2))).toEqual([NaN, 11.5, 12, NaN]);
    const stream = new VWAP(2);
    const streamed = Array.from(high, (_, i) => stream.update(high[i], low[i], close[i], volume[i]));
    expect(streamed).toEqual([NaN, 11.5, 12, NaN]);
  });

  it('never uses a later bar', () => {
    expectNoLookAhead(['high', 'low', 'close', 'volume'], ([h, l, c, v]) => [vwap(h, l, c, v, 10)]);
  });

  it('rejects a period below 1 and inputs of unequal length', () => {
    try {
      vwap(high, low, close, volume, 0);
      expect.unreachable();
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
      expect((error as Error).message).toContain('VWAP: period must be a whole number from 1 to 100000, got 0');
    }
    expect(() => vwap(high, low, close, new Float64Array(3))).toThrow(/VWAP: inputs must have equal lengths/);
  });
});
