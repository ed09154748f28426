import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { realBarsForTalib } from '../../../test/crossCheckSeries.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { ROCR100, rocr100, rocr100Lookback } from './rocr100.js';

for (const period of [1, 10]) {
  testIndicatorContract({
    name: `ROCR100(${period})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: rocr100Lookback(period),
    batch: ([close]) => [rocr100(close, period)],
    create: () => new ROCR100(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

const hasData = requireSharedData('ROCR100 TA-Lib cross-check on real data');

describe('ROCR100', () => {
  it('is the ratio to the close period bars back times 100, 0 after a zero close (hand-computed)', () => {
    expect(Array.from(rocr100(Float64Array.from([0, 2, 4, 3]), 1))).toEqual([NaN, 0, 200, 75]);
  });

  it('rejects a period outside 1..100000 and a wrong-length output, naming them', () => {
    for (const period of [0, 2.5, NaN, 100_001]) {
      expectIndicatorError(() => rocr100(new Float64Array(10), period), 'TF_ERR_INDICATOR_PARAMETER', `ROCR100: period must be a whole number from 1 to 100000, got ${period}`);
    }
    expectIndicatorError(() => new ROCR100(0), 'TF_ERR_INDICATOR_PARAMETER', 'ROCR100: period');
    expectIndicatorError(() => rocr100(new Float64Array(10), 10, new Float64Array(11)), 'TF_ERR_INDICATOR_INPUT', 'out has length 11');
  });

  it.skipIf(!talibAvailable)('equals TA-Lib ROCR100 on a random walk', () => {
    const close = randomWalkBars(5_000, 5).close;
    for (const period of [1, 10, 50]) {
      const expected = talibAligned('ROCR100', { inReal: close }, { optInTimePeriod: period }).outReal;
      expect(maxRelativeDifference(rocr100(close, period), expected).difference, `period ${period}`).toBeLessThan(1e-9);
    }
  });

  describe.skipIf(!talibAvailable || !hasData)('on real data', () => {
    let series: Bars[] = [];
    beforeAll(async () => {
      series = await realBarsForTalib();
    }, 30_000);

    it('equals TA-Lib ROCR100 on MSFT 2000-2001 and S&P 500 symbols', () => {
      for (const bars of series) {
        for (const period of [10, 5]) {
          const expected = talibAligned('ROCR100', { inReal: bars.close }, { optInTimePeriod: period }).outReal;
          expect(maxRelativeDifference(rocr100(bars.close, period), expected).difference, `${bars.symbol} period ${period}`).toBeLessThan(1e-9);
        }
      }
    });
  });
});
