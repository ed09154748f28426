import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { expectNonFiniteRowsSkipped } from '../../../test/nonFiniteCases.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { realBarsForTalib } from '../../../test/crossCheckSeries.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { NATR, natr, natrLookback } from './natr.js';

const sharedData = requireSharedData('NATR TA-Lib cross-check on real data');

for (const period of [1, 14]) {
  testIndicatorContract({
    name: `NATR(${period})`,
    inputs: ['high', 'low', 'close'],
    outputs: ['value'],
    lookback: natrLookback(period),
    batch: ([high, low, close]) => [natr(high, low, close, period)],
    create: () => new NATR(period),
    update: (s, [h, l, c]) => s.update(h, l, c),
    replace: (s, [h, l, c]) => s.replace(h, l, c),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('NATR', () => {
  it('is ATR as a percentage of the close (hand-computed), 0 for a zero close', () => {
    const high = Float64Array.from([10, 12, 11, 20]);
    const low = Float64Array.from([8, 11, 9, 19]);
    // ATR(2): NaN NaN 2.75 6.375
    const values = natr(high, low, Float64Array.from([9, 11.5, 10, 25.5]), 2);
    expect(values[1]).toBeNaN();
    expect(values[2]).toBeCloseTo(27.5, 12);
    expect(values[3]).toBeCloseTo(25, 12);
    expect(natr(high, low, Float64Array.from([9, 11.5, 0, 25.5]), 2)[2]).toBe(0);
  });

  it('skips a NaN or infinite field in any column and row, though the check is fused into the loop', () => {
    expectNonFiniteRowsSkipped(['high', 'low', 'close'], ([high, low, close]) => natr(high, low, close, 5));
  });

  it('rejects a period outside 1..100000', () => {
    expectIndicatorError(() => natr(new Float64Array(5), new Float64Array(5), new Float64Array(5), 0), 'TF_ERR_INDICATOR_PARAMETER', 'NATR: period must be a whole number from 1 to 100000, got 0');
    expectIndicatorError(() => natr(new Float64Array(5), new Float64Array(5), new Float64Array(6)), 'TF_ERR_INDICATOR_INPUT', 'close 6');
  });

  it.skipIf(!talibAvailable)('equals TA-Lib NATR on a random walk; period 1 is TRANGE / close * 100 where TA-Lib returns TRANGE itself', () => {
    const bars = randomWalkBars(5_000, 23);
    const range = talibAligned('TRANGE', { high: bars.high, low: bars.low, close: bars.close }).outReal;
    const normalized = range.map((value, i) => (value / bars.close[i]) * 100);
    expect(maxRelativeDifference(natr(bars.high, bars.low, bars.close, 1), normalized).difference).toBeLessThan(1e-15);
    for (const period of [2, 3, 14, 60]) {
      const expected = talibAligned('NATR', { high: bars.high, low: bars.low, close: bars.close }, { optInTimePeriod: period }).outReal;
      expect(maxRelativeDifference(natr(bars.high, bars.low, bars.close, period), expected).difference, `period ${period}`).toBeLessThan(1e-13);
    }
  });

  describe.skipIf(!sharedData || !talibAvailable)('on real data', () => {
    let series: Bars[] = [];
    beforeAll(async () => {
      series = await realBarsForTalib();
    });
    it('equals TA-Lib NATR on MSFT 2000-2001 and S&P 500 symbols', () => {
      for (const bars of series) {
        const expected = talibAligned('NATR', { high: bars.high, low: bars.low, close: bars.close }, { optInTimePeriod: 14 }).outReal;
        expect(maxRelativeDifference(natr(bars.high, bars.low, bars.close, 14), expected).difference, bars.symbol).toBeLessThan(1e-13);
      }
    });
  });
});
