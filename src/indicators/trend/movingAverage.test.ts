import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { realBarsForTalib } from '../../../test/crossCheckSeries.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { createMovingAverage, movingAverage, movingAverageLookback, movingAverageTypes, talibMovingAverageCode, type MovingAverageType } from './movingAverage.js';
import { t3 } from './t3.js';
import { wma } from './wma.js';

const sharedData = requireSharedData('MA TA-Lib cross-check on real data');

for (const type of movingAverageTypes) {
  for (const period of [1, 9]) {
    testIndicatorContract({
      name: `MA(${period}, ${type})`,
      inputs: ['close'],
      outputs: ['value'],
      lookback: movingAverageLookback(period, type),
      batch: ([close]) => [movingAverage(close, period, type)],
      create: () => createMovingAverage(type, period),
      update: (s, [x]) => s.update(x),
      replace: (s, [x]) => s.replace(x),
      read: (s) => [s.value],
      isReady: (s) => s.isReady,
      reset: (s) => s.reset(),
    });
  }
}

describe('movingAverage', () => {
  it('dispatches to the kernel of each type, T3 with vFactor 0.7', () => {
    const close = randomWalkBars(200, 2).close;
    expect(Array.from(movingAverage(close, 7, 'wma'))).toEqual(Array.from(wma(close, 7)));
    expect(Array.from(movingAverage(close, 4, 't3'))).toEqual(Array.from(t3(close, 4, 0.7)));
  });

  it('returns the input itself for period 1 with every type, as TA-Lib MA does', () => {
    const close = Float64Array.from([3, 1, 4, 1, 5]);
    for (const type of movingAverageTypes) {
      expect(movingAverageLookback(1, type)).toBe(0);
      expect(Array.from(movingAverage(close, 1, type)), type).toEqual([3, 1, 4, 1, 5]);
    }
  });

  it('has the lookbacks of TA-Lib MA', () => {
    const expected: Record<MovingAverageType, number> = { sma: 9, ema: 9, wma: 9, dema: 18, tema: 27, trima: 9, kama: 10, t3: 54 };
    for (const type of movingAverageTypes) expect(movingAverageLookback(10, type), type).toBe(expected[type]);
  });

  it('rejects an unknown type and a period outside 1..100000, naming them', () => {
    expectIndicatorError(() => movingAverage(new Float64Array(5), 3, 'mama' as MovingAverageType), 'TF_ERR_INDICATOR_PARAMETER', 'MA: type must be one of sma, ema, wma, dema, tema, trima, kama, t3, got "mama"');
    expectIndicatorError(() => createMovingAverage('hull' as MovingAverageType, 3), 'TF_ERR_INDICATOR_PARAMETER', 'MA: type must be one of');
    expectIndicatorError(() => movingAverageLookback(0, 'sma'), 'TF_ERR_INDICATOR_PARAMETER', 'MA: period must be a whole number from 1 to 100000, got 0');
    expectIndicatorError(() => movingAverage(new Float64Array(5), 2.5, 'ema'), 'TF_ERR_INDICATOR_PARAMETER', 'MA: period must be a whole number from 1 to 100000, got 2.5');
  });

  it.skipIf(!talibAvailable)('equals TA-Lib MA for every optInMAType except MAMA on a random walk', () => {
    const close = randomWalkBars(5_000, 8).close;
    for (const type of movingAverageTypes) {
      for (const period of [1, 2, 3, 10, 30, 150]) {
        const expected = talibAligned('MA', { inReal: close }, { optInTimePeriod: period, optInMAType: talibMovingAverageCode[type] }).outReal;
        // WMA and TRIMA keep running sums on both sides, whose rounding drifts apart slowly (about 1e-10).
        expect(maxRelativeDifference(movingAverage(close, period, type), expected).difference, `${type} ${period}`).toBeLessThan(1e-9);
      }
    }
  });

  describe.skipIf(!sharedData || !talibAvailable)('on real data', () => {
    let series: Bars[] = [];
    beforeAll(async () => {
      series = await realBarsForTalib();
    });
    it('equals TA-Lib MA for every type on MSFT 2000-2001 and S&P 500 symbols', () => {
      for (const bars of series) {
        for (const type of movingAverageTypes) {
          const expected = talibAligned('MA', { inReal: bars.close }, { optInTimePeriod: 12, optInMAType: talibMovingAverageCode[type] }).outReal;
          expect(maxRelativeDifference(movingAverage(bars.close, 12, type), expected).difference, `${bars.symbol} ${type}`).toBeLessThan(1e-9);
        }
      }
    });
  });
});
