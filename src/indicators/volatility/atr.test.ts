import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { expectNonFiniteRowsSkipped } from '../../../test/nonFiniteCases.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { realBarsForTalib } from '../../../test/crossCheckSeries.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { ATR, atr, atrLookback } from './atr.js';

const sharedData = requireSharedData('ATR TA-Lib cross-check on real data');

for (const period of [1, 2, 14, 30]) {
  testIndicatorContract({
    name: `ATR(${period})`,
    inputs: ['high', 'low', 'close'],
    outputs: ['value'],
    lookback: atrLookback(period),
    batch: ([high, low, close]) => [atr(high, low, close, period)],
    create: () => new ATR(period),
    update: (s, [h, l, c]) => s.update(h, l, c),
    replace: (s, [h, l, c]) => s.replace(h, l, c),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('ATR', () => {
  it('seeds with the mean true range of bars 1..period, then smooths by Wilder (hand-computed)', () => {
    const high = Float64Array.from([10, 12, 11, 20, 21]);
    const low = Float64Array.from([8, 11, 9, 19, 19]);
    const close = Float64Array.from([9, 11.5, 10, 19.5, 20]);
    // true ranges from bar 1: 3, 2.5, 10, 2; period 2: seed (3 + 2.5)/2 = 2.75; (2.75 + 10)/2 = 6.375; (6.375 + 2)/2 = 4.1875
    expect(Array.from(atr(high, low, close, 2))).toEqual([NaN, NaN, 2.75, 6.375, 4.1875]);
    expect(Array.from(atr(high, low, close, 1))).toEqual([NaN, 3, 2.5, 10, 2]);
    expect(Array.from(atr(high, low, close, 5))).toEqual([NaN, NaN, NaN, NaN, NaN]);
  });

  it('skips a NaN or infinite field in any column and row, though the check is fused into the loop', () => {
    expectNonFiniteRowsSkipped(['high', 'low', 'close'], ([high, low, close]) => atr(high, low, close, 5));
  });

  it('rejects a period outside 1..100000 and inputs of unequal length', () => {
    for (const period of [0, 2.5, NaN, 100_001]) {
      expectIndicatorError(() => atr(new Float64Array(5), new Float64Array(5), new Float64Array(5), period), 'TF_ERR_INDICATOR_PARAMETER', `ATR: period must be a whole number from 1 to 100000, got ${period}`);
    }
    expectIndicatorError(() => atr(new Float64Array(5), new Float64Array(4), new Float64Array(5)), 'TF_ERR_INDICATOR_INPUT', 'low 4');
  });

  it('the unrolled batch loop and the stream agree over a long series', () => {
    const bars = randomWalkBars(2_003, 4);
    const batch = atr(bars.high, bars.low, bars.close, 14);
    const stream = new ATR(14);
    for (let i = 0; i < bars.length; i++) {
      const value = stream.update(bars.high[i], bars.low[i], bars.close[i]);
      if (i >= 14) expect(Math.abs(value - batch[i]) / batch[i]).toBeLessThan(1e-13);
    }
  });

  it.skipIf(!talibAvailable)('equals TA-Lib ATR on a random walk (1e-13: multiplication by (period-1)/period in place of division)', () => {
    const bars = randomWalkBars(5_000, 22);
    for (const period of [1, 2, 5, 14, 50, 6_000]) {
      const expected = talibAligned('ATR', { high: bars.high, low: bars.low, close: bars.close }, { optInTimePeriod: period }).outReal;
      expect(maxRelativeDifference(atr(bars.high, bars.low, bars.close, period), expected).difference, `period ${period}`).toBeLessThan(1e-13);
    }
  });

  describe.skipIf(!sharedData || !talibAvailable)('on real data', () => {
    let series: Bars[] = [];
    beforeAll(async () => {
      series = await realBarsForTalib();
    });
    it('equals TA-Lib ATR on MSFT 2000-2001 and S&P 500 symbols', () => {
      for (const bars of series) {
        for (const period of [7, 14, 28]) {
          const expected = talibAligned('ATR', { high: bars.high, low: bars.low, close: bars.close }, { optInTimePeriod: period }).outReal;
          expect(maxRelativeDifference(atr(bars.high, bars.low, bars.close, period), expected).difference, `${bars.symbol} ${period}`).toBeLessThan(1e-13);
        }
      }
    });
  });
});
