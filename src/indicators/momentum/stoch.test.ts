import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { realBarsForTalib } from '../../../test/crossCheckSeries.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { movingAverageTypes, talibMovingAverageCode, type MovingAverageType } from '../trend/movingAverage.js';
import { STOCH, stoch, stochLookback } from './stoch.js';

type Case = [number, number, MovingAverageType, number, MovingAverageType];
const cases: Case[] = [[5, 3, 'sma', 3, 'sma'], [14, 3, 'ema', 5, 'wma'], [1, 1, 'sma', 1, 'sma'], [9, 4, 'tema', 3, 'sma']];
for (const [fastK, slowK, kType, slowD, dType] of cases) {
  testIndicatorContract({
    name: `STOCH(${fastK}, ${slowK} ${kType}, ${slowD} ${dType})`,
    inputs: ['high', 'low', 'close'],
    outputs: ['slowK', 'slowD'],
    lookback: stochLookback(fastK, slowK, kType, slowD, dType),
    batch: ([high, low, close]) => {
      const result = stoch(high, low, close, fastK, slowK, kType, slowD, dType);
      return [result.slowK, result.slowD];
    },
    create: () => new STOCH(fastK, slowK, kType, slowD, dType),
    update: (s, [h, l, c]) => s.update(h, l, c),
    replace: (s, [h, l, c]) => s.replace(h, l, c),
    read: (s) => [s.value, s.slowD],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

const hasData = requireSharedData('STOCH TA-Lib cross-check on real data');

describe('STOCH', () => {
  it('smooths fast %K twice (hand-computed)', () => {
    // fast %K(2): bar 1 range 8..12, close 11 -> 75; bar 2 range 9..12, close 10 -> 33.33;
    // bar 3 range 9..13, close 13 -> 100. Slow %K = SMA 2: bar 2 54.17, bar 3 66.67;
    // slow %D = SMA 2 of slow %K at bar 3: 60.42.
    const high = Float64Array.from([10, 12, 11, 13]);
    const low = Float64Array.from([8, 9, 10, 9]);
    const close = Float64Array.from([9, 11, 10, 13]);
    const { slowK, slowD } = stoch(high, low, close, 2, 2, 'sma', 2, 'sma');
    const fast = [75, 100 / 3, 100];
    expect(Array.from(slowK.subarray(0, 3))).toEqual([NaN, NaN, NaN]);
    expect(slowK[3]).toBeCloseTo((fast[1] + fast[2]) / 2, 12);
    expect(slowD[3]).toBeCloseTo(((fast[0] + fast[1]) / 2 + (fast[1] + fast[2]) / 2) / 2, 12);
  });

  it('rejects bad parameters and unequal inputs, naming them', () => {
    const x = new Float64Array(10);
    expectIndicatorError(() => stoch(x, x, x, 0), 'TF_ERR_INDICATOR_PARAMETER', 'STOCH: fastKPeriod must be a whole number from 1 to 100000, got 0');
    expectIndicatorError(() => stoch(x, x, x, 5, 0), 'TF_ERR_INDICATOR_PARAMETER', 'STOCH: slowKPeriod');
    expectIndicatorError(() => stoch(x, x, x, 5, 3, 'sma', 100_001), 'TF_ERR_INDICATOR_PARAMETER', 'STOCH: slowDPeriod');
    expectIndicatorError(() => stoch(x, x, x, 5, 3, 'x' as MovingAverageType), 'TF_ERR_INDICATOR_PARAMETER', 'STOCH: slowKType must be one of');
    expectIndicatorError(() => stoch(x, x, x, 5, 3, 'sma', 3, 'mama' as MovingAverageType), 'TF_ERR_INDICATOR_PARAMETER', 'STOCH: slowDType');
    expectIndicatorError(() => stoch(x, new Float64Array(11), x), 'TF_ERR_INDICATOR_INPUT', 'high 10, low 11, close 10');
  });

  function expectTalib(bars: Pick<Bars, 'high' | 'low' | 'close'>, [fastK, slowK, kType, slowD, dType]: Case, label: string): void {
    const expected = talibAligned('STOCH', { high: bars.high, low: bars.low, close: bars.close }, {
      optInFastK_Period: fastK,
      optInSlowK_Period: slowK,
      optInSlowK_MAType: talibMovingAverageCode[kType],
      optInSlowD_Period: slowD,
      optInSlowD_MAType: talibMovingAverageCode[dType],
    });
    const actual = stoch(bars.high, bars.low, bars.close, fastK, slowK, kType, slowD, dType);
    expect(maxRelativeDifference(actual.slowK, expected.outSlowK).difference, `${label} slowK`).toBeLessThan(1e-9);
    expect(maxRelativeDifference(actual.slowD, expected.outSlowD).difference, `${label} slowD`).toBeLessThan(1e-9);
  }

  it.skipIf(!talibAvailable)('equals TA-Lib STOCH on a random walk, for every MA type', () => {
    const bars = randomWalkBars(5_000, 5);
    for (const type of movingAverageTypes) expectTalib(bars, [5, 3, type, 3, type], `5, 3 ${type}, 3 ${type}`);
    // The fused SMA/SMA kernel with even and odd blocks (its steady loop takes two bars at a time).
    for (const c of [[1, 1, 'sma', 1, 'sma'], [14, 3, 'sma', 3, 'sma'], [2, 3, 'sma', 2, 'sma'], [14, 3, 'sma', 3, 'ema'], [30, 10, 'ema', 4, 'sma'], [100, 2, 'sma', 7, 'sma']] as Case[]) {
      expectTalib(bars, c, c.join(' '));
    }
  });

  describe.skipIf(!talibAvailable || !hasData)('on real data', () => {
    let series: Bars[] = [];
    beforeAll(async () => {
      series = await realBarsForTalib();
    }, 30_000);

    it('equals TA-Lib STOCH on MSFT 2000-2001 and S&P 500 symbols', () => {
      for (const bars of series) {
        expectTalib(bars, [5, 3, 'sma', 3, 'sma'], `${bars.symbol} defaults`);
        expectTalib(bars, [14, 3, 'ema', 3, 'ema'], `${bars.symbol} 14, 3 ema, 3 ema`);
      }
    });
  });
});
