import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { realBarsForTalib } from '../../../test/crossCheckSeries.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { WMA, wma, wmaLookback } from './wma.js';

const sharedData = requireSharedData('WMA TA-Lib cross-check on real data');

for (const period of [1, 2, 14, 30]) {
  testIndicatorContract({
    name: `WMA(${period})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: wmaLookback(period),
    batch: ([close]) => [wma(close, period)],
    create: () => new WMA(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('WMA', () => {
  it('weights the last period values 1..period, newest heaviest (hand-computed)', () => {
    // period 3: (1*1 + 2*2 + 3*3) / 6, (1*2 + 2*3 + 3*4) / 6, (1*3 + 2*4 + 3*5) / 6
    const result = wma(Float64Array.from([1, 2, 3, 4, 5]), 3);
    expect(result[0]).toBeNaN();
    expect(result[1]).toBeNaN();
    expect(result[2]).toBeCloseTo(14 / 6, 14);
    expect(result[3]).toBeCloseTo(20 / 6, 14);
    expect(result[4]).toBeCloseTo(26 / 6, 14);
    expect(Array.from(wma(Float64Array.from([3, 1, 4]), 1))).toEqual([3, 1, 4]);
  });

  it('re-sums its running sums, so no rounding carries over from a much higher price level', () => {
    // 1e12-scale prices, then prices near 1: rolling sums alone would keep errors of ~1e-4 from the first half.
    const close = Float64Array.from({ length: 1_000 }, (_, i) => (i < 500 ? 1e12 * (1 + 0.01 * Math.sin(i)) : 1 + 0.01 * Math.cos(i)));
    const result = wma(close, 10);
    for (let i = 700; i < 1_000; i++) {
      let weighted = 0;
      for (let k = 1; k <= 10; k++) weighted += k * close[i - 10 + k];
      expect(Math.abs(result[i] - weighted / 55), `bar ${i}`).toBeLessThan(1e-13);
    }
  });

  it('rejects a period outside 1..100000 and an output of the wrong length', () => {
    for (const period of [0, 2.5, NaN, 100_001]) {
      expectIndicatorError(() => wma(new Float64Array(10), period), 'TF_ERR_INDICATOR_PARAMETER', `WMA: period must be a whole number from 1 to 100000, got ${period}`);
    }
    expectIndicatorError(() => new WMA(0), 'TF_ERR_INDICATOR_PARAMETER', 'WMA: period');
    expectIndicatorError(() => wma(new Float64Array(4), 2, new Float64Array(3)), 'TF_ERR_INDICATOR_INPUT', 'out has length 3');
  });

  it.skipIf(!talibAvailable)('equals TA-Lib WMA on a random walk, including a window longer than the data', () => {
    const close = randomWalkBars(5_000, 3).close;
    for (const period of [2, 5, 30, 200, 6_000]) {
      const expected = talibAligned('WMA', { inReal: close }, { optInTimePeriod: period }).outReal;
      // Both sides keep running sums (TA-Lib too), whose rounding drifts apart slowly: about 1e-10 here.
      expect(maxRelativeDifference(wma(close, period), expected).difference, `period ${period}`).toBeLessThan(1e-9);
    }
  });

  describe.skipIf(!sharedData || !talibAvailable)('on real data', () => {
    let series: Bars[] = [];
    beforeAll(async () => {
      series = await realBarsForTalib();
    });
    it('equals TA-Lib WMA on MSFT 2000-2001 and S&P 500 symbols', () => {
      for (const bars of series) {
        for (const period of [5, 20, 50]) {
          const expected = talibAligned('WMA', { inReal: bars.close }, { optInTimePeriod: period }).outReal;
          expect(maxRelativeDifference(wma(bars.close, period), expected).difference, `${bars.symbol} ${period}`).toBeLessThan(1e-9);
        }
      }
    });
  });
});
