import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { realBarsForTalib } from '../../../test/crossCheckSeries.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { KAMA, kama, kamaLookback } from './kama.js';

const sharedData = requireSharedData('KAMA TA-Lib cross-check on real data');

for (const period of [2, 3, 10, 30]) {
  testIndicatorContract({
    name: `KAMA(${period})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: kamaLookback(period),
    batch: ([close]) => [kama(close, period)],
    create: () => new KAMA(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('KAMA', () => {
  it('adapts an EMA factor to the efficiency ratio, starting from the value at bar period - 1 (hand-computed)', () => {
    const slow = 2 / 31;
    const fast = 2 / 3;
    // period 2, bar 2: movement |1-2| + |2-4| = 3, net move 3: ratio 1, factor fast^2; start from x[1] = 2.
    const first = 2 + (4 - 2) * fast * fast;
    // bar 3: movement |2-4| + |4-3| = 3, net move 3 - 2 = 1: ratio 1/3.
    const factor = ((1 / 3) * (fast - slow) + slow) ** 2;
    const result = kama(Float64Array.from([1, 2, 4, 3]), 2);
    expect(result[0]).toBeNaN();
    expect(result[1]).toBeNaN();
    expect(result[2]).toBeCloseTo(first, 14);
    expect(result[3]).toBeCloseTo(first + (3 - first) * factor, 14);
  });

  it('moves at the slowest rate in a flat-then-noisy window and at the fastest in a straight trend', () => {
    const trend = kama(Float64Array.from([1, 2, 3, 4, 5, 6]), 3);
    // A straight line has ratio 1 at every bar: factor (2/3)^2 from the start value 3 (bar 2).
    expect(trend[3]).toBeCloseTo(3 + (4 - 3) * (4 / 9), 14);
    const flat = kama(Float64Array.from([5, 5, 5, 5, 5]), 2);
    expect(Array.from(flat.subarray(2))).toEqual([5, 5, 5]);
  });

  it('rejects a period outside 2..100000 and an output of the wrong length', () => {
    for (const period of [1, 2.5, NaN, 100_001]) {
      expectIndicatorError(() => kama(new Float64Array(10), period), 'TF_ERR_INDICATOR_PARAMETER', `KAMA: period must be a whole number from 2 to 100000, got ${period}`);
    }
    expectIndicatorError(() => new KAMA(1), 'TF_ERR_INDICATOR_PARAMETER', 'KAMA: period');
    expectIndicatorError(() => kama(new Float64Array(4), 2, new Float64Array(3)), 'TF_ERR_INDICATOR_INPUT', 'out has length 3');
  });

  it.skipIf(!talibAvailable)('equals TA-Lib KAMA on a random walk, including a window longer than the data', () => {
    const close = randomWalkBars(5_000, 3).close;
    for (const period of [2, 5, 10, 30, 200, 6_000]) {
      const expected = talibAligned('KAMA', { inReal: close }, { optInTimePeriod: period }).outReal;
      expect(maxRelativeDifference(kama(close, period), expected).difference, `period ${period}`).toBeLessThan(1e-9);
    }
  });

  describe.skipIf(!sharedData || !talibAvailable)('on real data', () => {
    let series: Bars[] = [];
    beforeAll(async () => {
      series = await realBarsForTalib();
    });
    it('equals TA-Lib KAMA on MSFT 2000-2001 and S&P 500 symbols', () => {
      for (const bars of series) {
        for (const period of [10, 20, 50]) {
          const expected = talibAligned('KAMA', { inReal: bars.close }, { optInTimePeriod: period }).outReal;
          expect(maxRelativeDifference(kama(bars.close, period), expected).difference, `${bars.symbol} ${period}`).toBeLessThan(1e-9);
        }
      }
    });
  });
});
