import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { realBarsForTalib } from '../../../test/crossCheckSeries.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { TEMA, tema, temaLookback } from './tema.js';

const sharedData = requireSharedData('TEMA TA-Lib cross-check on real data');

for (const period of [2, 3, 14, 30]) {
  testIndicatorContract({
    name: `TEMA(${period})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: temaLookback(period),
    batch: ([close]) => [tema(close, period)],
    create: () => new TEMA(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('TEMA', () => {
  it('is 3 * EMA - 3 * EMA(EMA) + EMA(EMA(EMA)), each EMA seeded with a mean (hand-computed)', () => {
    // period 2, factor 2/3. EMA: -, 1.5, 2.5, 3.5, 6.5, 77/6. EMA2: -, -, 2, 3, 16/3, 31/3.
    // EMA3 seeded at bar 3 with (2 + 3) / 2 = 2.5, then 79/18, then 451/54.
    const result = tema(Float64Array.from([1, 2, 3, 4, 8, 16]), 2);
    for (let i = 0; i < 3; i++) expect(result[i]).toBeNaN();
    expect(result[3]).toBeCloseTo(3 * 3.5 - 3 * 3 + 2.5, 13);
    expect(result[4]).toBeCloseTo(3 * 6.5 - 3 * (16 / 3) + 79 / 18, 13);
    expect(result[5]).toBeCloseTo(3 * (77 / 6) - 3 * (31 / 3) + 451 / 54, 13);
  });

  it('rejects a period outside 2..100000 and an output of the wrong length', () => {
    for (const period of [1, 2.5, NaN, 100_001]) {
      expectIndicatorError(() => tema(new Float64Array(10), period), 'TF_ERR_INDICATOR_PARAMETER', `TEMA: period must be a whole number from 2 to 100000, got ${period}`);
    }
    expectIndicatorError(() => new TEMA(1), 'TF_ERR_INDICATOR_PARAMETER', 'TEMA: period');
    expectIndicatorError(() => tema(new Float64Array(4), 2, new Float64Array(3)), 'TF_ERR_INDICATOR_INPUT', 'out has length 3');
  });

  it.skipIf(!talibAvailable)('equals TA-Lib TEMA on a random walk, including a window longer than the data', () => {
    const close = randomWalkBars(5_000, 3).close;
    for (const period of [2, 5, 30, 200, 2_000]) {
      const expected = talibAligned('TEMA', { inReal: close }, { optInTimePeriod: period }).outReal;
      expect(maxRelativeDifference(tema(close, period), expected).difference, `period ${period}`).toBeLessThan(1e-9);
    }
  });

  describe.skipIf(!sharedData || !talibAvailable)('on real data', () => {
    let series: Bars[] = [];
    beforeAll(async () => {
      series = await realBarsForTalib();
    });
    it('equals TA-Lib TEMA on MSFT 2000-2001 and S&P 500 symbols', () => {
      for (const bars of series) {
        for (const period of [5, 20, 50]) {
          const expected = talibAligned('TEMA', { inReal: bars.close }, { optInTimePeriod: period }).outReal;
          expect(maxRelativeDifference(tema(bars.close, period), expected).difference, `${bars.symbol} ${period}`).toBeLessThan(1e-9);
        }
      }
    });
  });
});
