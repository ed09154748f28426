import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { realBarsForTalib } from '../../../test/crossCheckSeries.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { TRIMA, trima, trimaLookback } from './trima.js';

const sharedData = requireSharedData('TRIMA TA-Lib cross-check on real data');

for (const period of [2, 3, 4, 15, 30]) {
  testIndicatorContract({
    name: `TRIMA(${period})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: trimaLookback(period),
    batch: ([close]) => [trima(close, period)],
    create: () => new TRIMA(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('TRIMA', () => {
  it('weights the window triangularly, as TA-Lib splits odd and even periods (hand-computed)', () => {
    // period 4 = SMA(2) then SMA(3): weights 1, 2, 2, 1 over 6. Period 5 = SMA(3) twice: weights 1, 2, 3, 2, 1 over 9.
    const even = trima(Float64Array.from([1, 2, 3, 4, 8]), 4);
    expect(even[2]).toBeNaN();
    expect(even[3]).toBeCloseTo((1 + 2 * 2 + 2 * 3 + 4) / 6, 14);
    expect(even[4]).toBeCloseTo((2 + 2 * 3 + 2 * 4 + 8) / 6, 14);
    const odd = trima(Float64Array.from([1, 2, 3, 4, 8]), 5);
    expect(odd[3]).toBeNaN();
    expect(odd[4]).toBeCloseTo((1 + 2 * 2 + 3 * 3 + 2 * 4 + 8) / 9, 14);
  });

  it('rejects a period outside 2..100000 and an output of the wrong length', () => {
    for (const period of [1, 2.5, NaN, 100_001]) {
      expectIndicatorError(() => trima(new Float64Array(10), period), 'TF_ERR_INDICATOR_PARAMETER', `TRIMA: period must be a whole number from 2 to 100000, got ${period}`);
    }
    expectIndicatorError(() => new TRIMA(1), 'TF_ERR_INDICATOR_PARAMETER', 'TRIMA: period');
    expectIndicatorError(() => trima(new Float64Array(4), 2, new Float64Array(3)), 'TF_ERR_INDICATOR_INPUT', 'out has length 3');
  });

  it.skipIf(!talibAvailable)('equals TA-Lib TRIMA on a random walk, including a window longer than the data', () => {
    const close = randomWalkBars(5_000, 3).close;
    for (const period of [2, 3, 4, 5, 30, 201, 6_000]) {
      const expected = talibAligned('TRIMA', { inReal: close }, { optInTimePeriod: period }).outReal;
      // Both sides keep running sums (TA-Lib too), whose rounding drifts apart slowly: about 1e-10 here.
      expect(maxRelativeDifference(trima(close, period), expected).difference, `period ${period}`).toBeLessThan(1e-9);
    }
  });

  describe.skipIf(!sharedData || !talibAvailable)('on real data', () => {
    let series: Bars[] = [];
    beforeAll(async () => {
      series = await realBarsForTalib();
    });
    it('equals TA-Lib TRIMA on MSFT 2000-2001 and S&P 500 symbols', () => {
      for (const bars of series) {
        for (const period of [5, 20, 50]) {
          const expected = talibAligned('TRIMA', { inReal: bars.close }, { optInTimePeriod: period }).outReal;
          expect(maxRelativeDifference(trima(bars.close, period), expected).difference, `${bars.symbol} ${period}`).toBeLessThan(1e-9);
        }
      }
    });
  });
});
