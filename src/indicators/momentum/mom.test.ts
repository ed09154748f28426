import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { realBarsForTalib } from '../../../test/crossCheckSeries.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { MOM, mom, momLookback } from './mom.js';

for (const period of [1, 10, 30]) {
  testIndicatorContract({
    name: `MOM(${period})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: momLookback(period),
    batch: ([close]) => [mom(close, period)],
    create: () => new MOM(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

const hasData = requireSharedData('MOM TA-Lib cross-check on real data');

describe('MOM', () => {
  it('is the change over period bars (hand-computed)', () => {
    expect(Array.from(mom(Float64Array.from([1, 3, 6, 10]), 2))).toEqual([NaN, NaN, 5, 7]);
  });

  it('rejects a period outside 1..100000 and a wrong-length output, naming them', () => {
    for (const period of [0, 2.5, NaN, 100_001]) {
      expectIndicatorError(() => mom(new Float64Array(10), period), 'TF_ERR_INDICATOR_PARAMETER', `MOM: period must be a whole number from 1 to 100000, got ${period}`);
    }
    expectIndicatorError(() => new MOM(0), 'TF_ERR_INDICATOR_PARAMETER', 'MOM: period');
    expectIndicatorError(() => mom(new Float64Array(10), 10, new Float64Array(11)), 'TF_ERR_INDICATOR_INPUT', 'out has length 11');
  });

  it.skipIf(!talibAvailable)('equals TA-Lib MOM on a random walk', () => {
    const close = randomWalkBars(5_000, 5).close;
    for (const period of [1, 10, 50, 6_000]) {
      const expected = talibAligned('MOM', { inReal: close }, { optInTimePeriod: period }).outReal;
      expect(maxRelativeDifference(mom(close, period), expected).difference, `period ${period}`).toBeLessThan(1e-9);
    }
  });

  describe.skipIf(!talibAvailable || !hasData)('on real data', () => {
    let series: Bars[] = [];
    beforeAll(async () => {
      series = await realBarsForTalib();
    }, 30_000);

    it('equals TA-Lib MOM on MSFT 2000-2001 and S&P 500 symbols', () => {
      for (const bars of series) {
        for (const period of [10, 5]) {
          const expected = talibAligned('MOM', { inReal: bars.close }, { optInTimePeriod: period }).outReal;
          expect(maxRelativeDifference(mom(bars.close, period), expected).difference, `${bars.symbol} period ${period}`).toBeLessThan(1e-9);
        }
      }
    });
  });
});
