import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { realBarsForTalib } from '../../../test/crossCheckSeries.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { CMO, cmo, cmoLookback } from './cmo.js';
import { rsi } from './rsi.js';

for (const period of [2, 14, 30]) {
  testIndicatorContract({
    name: `CMO(${period})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: cmoLookback(period),
    batch: ([close]) => [cmo(close, period)],
    create: () => new CMO(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

const hasData = requireSharedData('CMO TA-Lib cross-check on real data');

describe('CMO', () => {
  it('smooths gains and losses by Wilder as RSI, so that CMO = 2 RSI - 100 (hand-computed)', () => {
    // changes +1 +1 -1 +2, period 2: gain 1, loss 0 -> 100; gain 0.5, loss 0.5 -> 0; gain 1.25, loss 0.25 -> 66.67
    const values = cmo(Float64Array.from([1, 2, 3, 2, 4]), 2);
    expect(values[1]).toBeNaN();
    expect(values[2]).toBeCloseTo(100, 12);
    expect(values[3]).toBeCloseTo(0, 12);
    expect(values[4]).toBeCloseTo((100 * 1) / 1.5, 12);
    const close = randomWalkBars(500, 8).close;
    const strength = rsi(close, 14);
    cmo(close, 14).forEach((value, i) => (i < 14 ? expect(value).toBeNaN() : expect(value).toBeCloseTo(2 * strength[i] - 100, 9)));
  });

  it('is 0 on a flat series, as TA-Lib', () => {
    expect(Array.from(cmo(new Float64Array(6).fill(5), 3).subarray(3))).toEqual([0, 0, 0]);
  });

  it('rejects a period outside 2..100000 and a wrong-length output, naming them', () => {
    for (const period of [1, 2.5, NaN, 100_001]) {
      expectIndicatorError(() => cmo(new Float64Array(10), period), 'TF_ERR_INDICATOR_PARAMETER', `CMO: period must be a whole number from 2 to 100000, got ${period}`);
    }
    expectIndicatorError(() => new CMO(1), 'TF_ERR_INDICATOR_PARAMETER', 'CMO: period');
    expectIndicatorError(() => cmo(new Float64Array(10), 14, new Float64Array(11)), 'TF_ERR_INDICATOR_INPUT', 'out has length 11');
  });

  it.skipIf(!talibAvailable)('equals TA-Lib CMO on a random walk', () => {
    const close = randomWalkBars(5_000, 5).close;
    for (const period of [2, 9, 14, 50, 6_000]) {
      const expected = talibAligned('CMO', { inReal: close }, { optInTimePeriod: period }).outReal;
      expect(maxRelativeDifference(cmo(close, period), expected).difference, `period ${period}`).toBeLessThan(1e-9);
    }
  });

  describe.skipIf(!talibAvailable || !hasData)('on real data', () => {
    let series: Bars[] = [];
    beforeAll(async () => {
      series = await realBarsForTalib();
    }, 30_000);

    it('equals TA-Lib CMO on MSFT 2000-2001 and S&P 500 symbols', () => {
      for (const bars of series) {
        for (const period of [14, 5]) {
          const expected = talibAligned('CMO', { inReal: bars.close }, { optInTimePeriod: period }).outReal;
          expect(maxRelativeDifference(cmo(bars.close, period), expected).difference, `${bars.symbol} period ${period}`).toBeLessThan(1e-9);
        }
      }
    });
  });
});
