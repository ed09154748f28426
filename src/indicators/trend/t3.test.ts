import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { realBarsForTalib } from '../../../test/crossCheckSeries.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { ema } from './ema.js';
import { T3, t3, t3Lookback } from './t3.js';

const sharedData = requireSharedData('T3 TA-Lib cross-check on real data');

for (const [period, vFactor] of [[2, 0.7], [5, 0.7], [10, 0], [5, 1]]) {
  testIndicatorContract({
    name: `T3(${period}, ${vFactor})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: t3Lookback(period, vFactor),
    batch: ([close]) => [t3(close, period, vFactor)],
    create: () => new T3(period, vFactor),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('T3', () => {
  it('with vFactor 0 is EMA(EMA(EMA)) from bar 6 * (period - 1) on (Tillson: c4 = 1, the rest 0)', () => {
    const close = randomWalkBars(300, 4).close;
    const period = 5;
    const triple = ema(ema(ema(close, period).subarray(period - 1), period).subarray(period - 1), period);
    const result = t3(close, period, 0);
    for (let i = 0; i < 6 * (period - 1); i++) expect(result[i]).toBeNaN();
    for (let i = 6 * (period - 1); i < close.length; i++) expect(result[i]).toBeCloseTo(triple[i - 2 * (period - 1)], 10);
  });

  it('uses coefficients that sum to 1, so a constant series stays constant (hand-computed for vFactor 0.7)', () => {
    // c1 = -0.343, c2 = 3 * 0.49 + 3 * 0.343 = 2.499, c3 = -6 * 0.49 - 3 * 0.7 - 3 * 0.343 = -6.069, c4 = 1 + 2.1 + 0.343 + 1.47 = 4.913
    expect(-0.343 + 2.499 - 6.069 + 4.913).toBeCloseTo(1, 12);
    const result = t3(new Float64Array(20).fill(42), 3, 0.7);
    for (let i = 12; i < 20; i++) expect(result[i]).toBeCloseTo(42, 12);
  });

  it('rejects a period outside 2..100000, a vFactor outside 0..1 and an output of the wrong length', () => {
    for (const period of [1, 2.5, NaN, 100_001]) {
      expectIndicatorError(() => t3(new Float64Array(10), period), 'TF_ERR_INDICATOR_PARAMETER', `T3: period must be a whole number from 2 to 100000, got ${period}`);
    }
    for (const vFactor of [-0.1, 1.5, NaN, Infinity]) {
      expectIndicatorError(() => t3(new Float64Array(10), 5, vFactor), 'TF_ERR_INDICATOR_PARAMETER', `T3: vFactor must be a finite number from 0 to 1, got ${vFactor}`);
    }
    expectIndicatorError(() => new T3(1), 'TF_ERR_INDICATOR_PARAMETER', 'T3: period');
    expectIndicatorError(() => t3(new Float64Array(4), 2, 0.7, new Float64Array(3)), 'TF_ERR_INDICATOR_INPUT', 'out has length 3');
  });

  it.skipIf(!talibAvailable)('equals TA-Lib T3 on a random walk, including a window longer than the data', () => {
    const close = randomWalkBars(5_000, 3).close;
    for (const [period, vFactor] of [[2, 0.7], [5, 0.7], [5, 0], [5, 1], [14, 0.3], [200, 0.7], [1_000, 0.7]]) {
      const expected = talibAligned('T3', { inReal: close }, { optInTimePeriod: period, optInVFactor: vFactor }).outReal;
      // The EMA step is written x' = e + k(x - e) here and k*x + (1-k)*e in TA-Lib: ~1e-14 apart.
      expect(maxRelativeDifference(t3(close, period, vFactor), expected).difference, `period ${period} vFactor ${vFactor}`).toBeLessThan(1e-9);
    }
  });

  describe.skipIf(!sharedData || !talibAvailable)('on real data', () => {
    let series: Bars[] = [];
    beforeAll(async () => {
      series = await realBarsForTalib();
    });
    it('equals TA-Lib T3 on MSFT 2000-2001 and S&P 500 symbols', () => {
      for (const bars of series) {
        for (const period of [3, 5, 20]) {
          const expected = talibAligned('T3', { inReal: bars.close }, { optInTimePeriod: period, optInVFactor: 0.7 }).outReal;
          expect(maxRelativeDifference(t3(bars.close, period), expected).difference, `${bars.symbol} ${period}`).toBeLessThan(1e-9);
        }
      }
    });
  });
});
