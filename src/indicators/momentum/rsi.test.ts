import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { realBarsForTalib } from '../../../test/crossCheckSeries.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { RSI, rsi, rsiLookback } from './rsi.js';

for (const period of [2, 14, 30]) {
  testIndicatorContract({
    name: `RSI(${period})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: rsiLookback(period),
    batch: ([close]) => [rsi(close, period)],
    create: () => new RSI(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

const hasData = requireSharedData('RSI TA-Lib cross-check on real data');

describe('RSI', () => {
  it('seeds with mean gains and losses, then smooths by Wilder (hand-computed)', () => {
    // changes +1 +1 -1 +2, period 2: seed gain (1+1)/2 = 1, loss 0 -> 100;
    // gain (1*1 + 0)/2 = 0.5, loss (0*1 + 1)/2 = 0.5 -> 50; gain (0.5 + 2)/2 = 1.25, loss 0.25 -> 83.33
    const values = rsi(Float64Array.from([1, 2, 3, 2, 4]), 2);
    expect(values[0]).toBeNaN();
    expect(values[1]).toBeNaN();
    expect(values[2]).toBeCloseTo(100, 12);
    expect(values[3]).toBeCloseTo(50, 12);
    expect(values[4]).toBeCloseTo((100 * 1.25) / 1.5, 12);
  });

  it('is 0 on a flat series, as TA-Lib', () => {
    expect(Array.from(rsi(new Float64Array(6).fill(5), 3).subarray(3))).toEqual([0, 0, 0]);
  });

  it('rejects a period outside 2..100000, naming it', () => {
    for (const period of [1, 0, 2.5, NaN, 100_001]) {
      expectIndicatorError(() => rsi(new Float64Array(10), period), 'TF_ERR_INDICATOR_PARAMETER', `RSI: period must be a whole number from 2 to 100000, got ${period}`);
    }
    expectIndicatorError(() => new RSI(1), 'TF_ERR_INDICATOR_PARAMETER', 'RSI: period');
  });

  it('rejects an output of the wrong length', () => {
    expectIndicatorError(() => rsi(new Float64Array(10), 14, new Float64Array(9)), 'TF_ERR_INDICATOR_INPUT', 'out has length 9');
  });

  it.skipIf(!talibAvailable)('equals TA-Lib RSI on a random walk', () => {
    const close = randomWalkBars(5_000, 5).close;
    for (const period of [2, 9, 14, 50, 6_000]) {
      const expected = talibAligned('RSI', { inReal: close }, { optInTimePeriod: period }).outReal;
      expect(maxRelativeDifference(rsi(close, period), expected).difference, `period ${period}`).toBeLessThan(1e-9);
    }
  });

  describe.skipIf(!talibAvailable || !hasData)('on real data', () => {
    let series: Bars[] = [];
    beforeAll(async () => {
      series = await realBarsForTalib();
    }, 30_000);

    it('equals TA-Lib RSI on MSFT 2000-2001 and S&P 500 symbols', () => {
      for (const bars of series) {
        for (const period of [5, 14]) {
          const expected = talibAligned('RSI', { inReal: bars.close }, { optInTimePeriod: period }).outReal;
          expect(maxRelativeDifference(rsi(bars.close, period), expected).difference, `${bars.symbol} period ${period}`).toBeLessThan(1e-9);
        }
      }
    });
  });
});
