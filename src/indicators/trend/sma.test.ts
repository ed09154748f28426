import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { SMA, sma, smaLookback } from './sma.js';

for (const period of [1, 2, 14, 30]) {
  testIndicatorContract({
    name: `SMA(${period})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: smaLookback(period),
    batch: ([close]) => [sma(close, period)],
    create: () => new SMA(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('SMA', () => {
  it('averages the last period values (hand-computed)', () => {
    expect(Array.from(sma(Float64Array.from([1, 2, 3, 4, 5]), 3))).toEqual([NaN, NaN, 2, 3, 4]);
  });

  it('writes into a caller-given output and rejects one of the wrong length', () => {
    const out = new Float64Array(5);
    expect(sma(Float64Array.from([1, 2, 3, 4, 5]), 2, out)).toBe(out);
    expect(() => sma(Float64Array.from([1, 2]), 2, new Float64Array(3))).toThrow(/out has length 3/);
  });

  it('rejects a period outside 1..100000, naming it', () => {
    for (const period of [0, -1, 2.5, NaN]) {
      try {
        sma(new Float64Array(10), period);
        expect.unreachable();
      } catch (error) {
        expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
        expect((error as Error).message).toContain(`SMA: period must be a whole number from 1 to 100000, got ${period}`);
      }
    }
  });

  it.skipIf(!talibAvailable)('equals TA-Lib SMA on a random walk, including a window longer than the data', () => {
    const close = randomWalkBars(5_000, 3).close;
    for (const period of [2, 5, 30, 200, 6_000]) {
      const expected = talibAligned('SMA', { inReal: close }, { optInTimePeriod: period }).outReal;
      expect(maxRelativeDifference(sma(close, period), expected).difference, `period ${period}`).toBeLessThan(1e-9);
    }
  });
});
