import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { realBarsForTalib } from '../../../test/crossCheckSeries.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { movingAverageTypes, talibMovingAverageCode, type MovingAverageType } from '../trend/movingAverage.js';
import { STOCHF, stochf, stochfLookback } from './stochf.js';

const cases: Array<[number, number, MovingAverageType]> = [[5, 3, 'sma'], [14, 3, 'ema'], [1, 1, 'sma'], [9, 4, 'kama']];
for (const [fastK, fastD, type] of cases) {
  testIndicatorContract({
    name: `STOCHF(${fastK}, ${fastD}, ${type})`,
    inputs: ['high', 'low', 'close'],
    outputs: ['fastK', 'fastD'],
    lookback: stochfLookback(fastK, fastD, type),
    batch: ([high, low, close]) => {
      const { fastK: k, fastD: d } = stochf(high, low, close, fastK, fastD, type);
      return [k, d];
    },
    create: () => new STOCHF(fastK, fastD, type),
    update: (s, [h, l, c]) => s.update(h, l, c),
    replace: (s, [h, l, c]) => s.replace(h, l, c),
    read: (s) => [s.value, s.fastD],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

const hasData = requireSharedData('STOCHF TA-Lib cross-check on real data');

describe('STOCHF', () => {
  it('places the close in the range of the window (hand-computed)', () => {
    // period 3: bar 2 range 8..12 (high 12, low 8), close 11 -> 75; bar 3 range 9..13, close 9 -> 0;
    // %D (SMA 2) at bar 3 = (75 + 0) / 2.
    const high = Float64Array.from([10, 12, 11, 13]);
    const low = Float64Array.from([8, 9, 10, 9]);
    const close = Float64Array.from([9, 11, 11, 9]);
    const { fastK, fastD } = stochf(high, low, close, 3, 2);
    expect(Array.from(fastK)).toEqual([NaN, NaN, NaN, 0]);
    expect(Array.from(fastD)).toEqual([NaN, NaN, NaN, 37.5]);
    expect(Array.from(stochf(high, low, close, 3, 1).fastK)).toEqual([NaN, NaN, 75, 0]);
  });

  it('is 0 when the window has no range, as TA-Lib', () => {
    const flat = new Float64Array(6).fill(7);
    expect(Array.from(stochf(flat, flat, flat, 3, 1).fastK.subarray(2))).toEqual([0, 0, 0, 0]);
  });

  it('rejects bad parameters and unequal inputs, naming them', () => {
    const x = new Float64Array(10);
    expectIndicatorError(() => stochf(x, x, x, 0), 'TF_ERR_INDICATOR_PARAMETER', 'STOCHF: fastKPeriod must be a whole number from 1 to 100000, got 0');
    expectIndicatorError(() => stochf(x, x, x, 5, 1.5), 'TF_ERR_INDICATOR_PARAMETER', 'STOCHF: fastDPeriod');
    expectIndicatorError(() => stochf(x, x, x, 5, 3, 'mama' as MovingAverageType), 'TF_ERR_INDICATOR_PARAMETER', 'STOCHF: fastDType must be one of sma, ema');
    expectIndicatorError(() => stochf(x, x, new Float64Array(9)), 'TF_ERR_INDICATOR_INPUT', 'high 10, low 10, close 9');
    expectIndicatorError(() => new STOCHF(5, 0), 'TF_ERR_INDICATOR_PARAMETER', 'STOCHF: fastDPeriod');
  });

  function expectTalib(bars: Pick<Bars, 'high' | 'low' | 'close'>, fastK: number, fastD: number, type: MovingAverageType, label: string): void {
    const expected = talibAligned('STOCHF', { high: bars.high, low: bars.low, close: bars.close }, {
      optInFastK_Period: fastK,
      optInFastD_Period: fastD,
      optInFastD_MAType: talibMovingAverageCode[type],
    });
    const actual = stochf(bars.high, bars.low, bars.close, fastK, fastD, type);
    expect(maxRelativeDifference(actual.fastK, expected.outFastK).difference, `${label} fastK`).toBeLessThan(1e-9);
    expect(maxRelativeDifference(actual.fastD, expected.outFastD).difference, `${label} fastD`).toBeLessThan(1e-9);
  }

  it.skipIf(!talibAvailable)('equals TA-Lib STOCHF on a random walk, for every MA type', () => {
    const bars = randomWalkBars(5_000, 5);
    for (const type of movingAverageTypes) expectTalib(bars, 5, 3, type, `5, 3, ${type}`);
    // Blocks of 2 and 3 bars: the shortest suffix passes of the kernel (two entries per step).
    for (const [fastK, fastD] of [[1, 1], [2, 2], [3, 1], [14, 3], [30, 10], [100, 2]]) expectTalib(bars, fastK, fastD, 'sma', `${fastK}, ${fastD}, sma`);
  });

  describe.skipIf(!talibAvailable || !hasData)('on real data', () => {
    let series: Bars[] = [];
    beforeAll(async () => {
      series = await realBarsForTalib();
    }, 30_000);

    it('equals TA-Lib STOCHF on MSFT 2000-2001 and S&P 500 symbols', () => {
      for (const bars of series) {
        expectTalib(bars, 5, 3, 'sma', `${bars.symbol} 5, 3, sma`);
        expectTalib(bars, 14, 3, 'ema', `${bars.symbol} 14, 3, ema`);
      }
    });
  });
});
