import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { realBarsForTalib } from '../../../test/crossCheckSeries.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { roc } from './roc.js';
import { TRIX, trix, trixLookback } from './trix.js';

for (const period of [1, 5, 30]) {
  testIndicatorContract({
    name: `TRIX(${period})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: trixLookback(period),
    batch: ([close]) => [trix(close, period)],
    create: () => new TRIX(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

const hasData = requireSharedData('TRIX TA-Lib cross-check on real data');

describe('TRIX', () => {
  it('is the one-bar percentage change of the triple EMA (hand-computed)', () => {
    // period 2 (factor 2/3) over 1 2 4 8 16: EMA1 from bar 1: 1.5, 3.1667, 6.3889, 12.7963;
    // EMA2 from bar 2: mean(1.5, 3.1667) = 2.3333, then 5.0370, 10.2099; EMA3 from bar 3:
    // mean(2.3333, 5.0370) = 3.6852, then 8.5350; TRIX at bar 4 = (8.5350 / 3.6852 - 1) * 100.
    const e1 = [1.5, 1.5 + (4 - 1.5) * (2 / 3)];
    e1.push(e1[1] + (8 - e1[1]) * (2 / 3));
    e1.push(e1[2] + (16 - e1[2]) * (2 / 3));
    const e2 = [(e1[0] + e1[1]) / 2];
    e2.push(e2[0] + (e1[2] - e2[0]) * (2 / 3));
    e2.push(e2[1] + (e1[3] - e2[1]) * (2 / 3));
    const e3 = [(e2[0] + e2[1]) / 2];
    e3.push(e3[0] + (e2[2] - e3[0]) * (2 / 3));
    const values = trix(Float64Array.from([1, 2, 4, 8, 16]), 2);
    expect(Array.from(values.subarray(0, 4))).toEqual([NaN, NaN, NaN, NaN]);
    expect(values[4]).toBeCloseTo((e3[1] / e3[0] - 1) * 100, 10);
  });

  it('with period 1 is the one-bar ROC of the close, the EMAs being the identity', () => {
    const close = randomWalkBars(200, 6).close;
    expect(Array.from(trix(close, 1))).toEqual(Array.from(roc(close, 1)));
  });

  it('rejects a period outside 1..100000 and a wrong-length output, naming them', () => {
    for (const period of [0, 2.5, NaN, 100_001]) {
      expectIndicatorError(() => trix(new Float64Array(10), period), 'TF_ERR_INDICATOR_PARAMETER', `TRIX: period must be a whole number from 1 to 100000, got ${period}`);
    }
    expectIndicatorError(() => new TRIX(0), 'TF_ERR_INDICATOR_PARAMETER', 'TRIX: period');
    expectIndicatorError(() => trix(new Float64Array(10), 30, new Float64Array(11)), 'TF_ERR_INDICATOR_INPUT', 'out has length 11');
  });

  it.skipIf(!talibAvailable)('equals TA-Lib TRIX on a random walk', () => {
    const close = randomWalkBars(5_000, 5).close;
    // Period 1 is left out: TA-Lib 1.1.6 returns garbage for it (begIndex 0, values like 8.7e13);
    // the property test below checks it against ROC(1) instead.
    for (const period of [2, 5, 30, 100]) {
      const expected = talibAligned('TRIX', { inReal: close }, { optInTimePeriod: period }).outReal;
      expect(maxRelativeDifference(trix(close, period), expected).difference, `period ${period}`).toBeLessThan(1e-9);
    }
  });

  describe.skipIf(!talibAvailable || !hasData)('on real data', () => {
    let series: Bars[] = [];
    beforeAll(async () => {
      series = await realBarsForTalib();
    }, 30_000);

    it('equals TA-Lib TRIX on MSFT 2000-2001 and S&P 500 symbols', () => {
      for (const bars of series) {
        for (const period of [30, 5]) {
          const expected = talibAligned('TRIX', { inReal: bars.close }, { optInTimePeriod: period }).outReal;
          expect(maxRelativeDifference(trix(bars.close, period), expected).difference, `${bars.symbol} period ${period}`).toBeLessThan(1e-9);
        }
      }
    });
  });
});
