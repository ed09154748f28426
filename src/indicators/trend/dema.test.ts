import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { realBarsForTalib } from '../../../test/crossCheckSeries.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { DEMA, dema, demaLookback } from './dema.js';

const sharedData = requireSharedData('DEMA TA-Lib cross-check on real data');

for (const period of [2, 3, 14, 30]) {
  testIndicatorContract({
    name: `DEMA(${period})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: demaLookback(period),
    batch: ([close]) => [dema(close, period)],
    create: () => new DEMA(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('DEMA', () => {
  it('is 2 * EMA - EMA(EMA), each EMA seeded with a mean of period values (hand-computed)', () => {
    // period 2, factor 2/3. EMA: -, 1.5, 2.5, 3.5, 6.5. EMA(EMA) seeded at bar 2 with (1.5 + 2.5) / 2 = 2,
    // then 2 + 2/3 * (3.5 - 2) = 3, then 3 + 2/3 * (6.5 - 3) = 16/3. DEMA = 2 * 2.5 - 2, 2 * 3.5 - 3, 2 * 6.5 - 16/3.
    const result = dema(Float64Array.from([1, 2, 3, 4, 8]), 2);
    expect(result[0]).toBeNaN();
    expect(result[1]).toBeNaN();
    expect(result[2]).toBeCloseTo(3, 14);
    expect(result[3]).toBeCloseTo(4, 14);
    expect(result[4]).toBeCloseTo(13 - 16 / 3, 14);
  });

  it('rejects a period outside 2..100000 and an output of the wrong length', () => {
    for (const period of [1, 2.5, NaN, 100_001]) {
      expectIndicatorError(() => dema(new Float64Array(10), period), 'TF_ERR_INDICATOR_PARAMETER', `DEMA: period must be a whole number from 2 to 100000, got ${period}`);
    }
    expectIndicatorError(() => new DEMA(1), 'TF_ERR_INDICATOR_PARAMETER', 'DEMA: period');
    expectIndicatorError(() => dema(new Float64Array(4), 2, new Float64Array(3)), 'TF_ERR_INDICATOR_INPUT', 'out has length 3');
  });

  it.skipIf(!talibAvailable)('equals TA-Lib DEMA on a random walk, including a window longer than the data', () => {
    const close = randomWalkBars(5_000, 3).close;
    for (const period of [2, 5, 30, 200, 3_000]) {
      const expected = talibAligned('DEMA', { inReal: close }, { optInTimePeriod: period }).outReal;
      expect(maxRelativeDifference(dema(close, period), expected).difference, `period ${period}`).toBeLessThan(1e-9);
    }
  });

  describe.skipIf(!sharedData || !talibAvailable)('on real data', () => {
    let series: Bars[] = [];
    beforeAll(async () => {
      series = await realBarsForTalib();
    });
    it('equals TA-Lib DEMA on MSFT 2000-2001 and S&P 500 symbols', () => {
      for (const bars of series) {
        for (const period of [5, 20, 50]) {
          const expected = talibAligned('DEMA', { inReal: bars.close }, { optInTimePeriod: period }).outReal;
          expect(maxRelativeDifference(dema(bars.close, period), expected).difference, `${bars.symbol} ${period}`).toBeLessThan(1e-9);
        }
      }
    });
  });
});
