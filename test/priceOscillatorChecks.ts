import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../src/core/Bars.js';
import { testIndicatorContract } from './indicatorContract.js';
import { expectIndicatorError } from './expectIndicatorError.js';
import { randomWalkBars } from './randomWalk.js';
import { realBarsForTalib } from './crossCheckSeries.js';
import { requireSharedData } from './sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from './talibReference.js';
import { movingAverageTypes, talibMovingAverageCode, type MovingAverageType } from '../src/indicators/trend/movingAverage.js';
import { sma } from '../src/indicators/trend/sma.js';

type Case = [number, number, MovingAverageType];

interface PriceOscillatorStream {
  readonly value: number;
  readonly isReady: boolean;
  update(x: number): number;
  replace(x: number): number;
  reset(): void;
}

/** APO or PPO: the difference of a fast and a slow moving average, in price units or percent. */
export interface PriceOscillatorSuite {
  /** TA-Lib's name, also the indicator's name in messages: 'APO' or 'PPO'. */
  name: string;
  lookback: (fast: number, slow: number, type: MovingAverageType) => number;
  batch: (close: Float64Array, fast?: number, slow?: number, type?: MovingAverageType, out?: Float64Array) => Float64Array;
  create: (fast: number, slow: number, type?: MovingAverageType) => PriceOscillatorStream;
  /** The output from the two averages, by its definition (hand computation). */
  expected: (fast: number, slow: number) => number;
}

/**
 * The APO/PPO suite: contract for four parameter sets, a hand-computed case, parameter errors,
 * TA-Lib on a random walk for every MA type and on real data (1e-6 for WMA only, see below).
 */
export function testPriceOscillator(suite: PriceOscillatorSuite): void {
  const { name, batch } = suite;
  for (const [fast, slow, type] of [[12, 26, 'sma'], [12, 26, 'ema'], [26, 12, 'kama'], [3, 10, 't3']] as Case[]) {
    testIndicatorContract({
      name: `${name}(${fast}, ${slow}, ${type})`,
      inputs: ['close'],
      outputs: ['value'],
      lookback: suite.lookback(fast, slow, type),
      batch: ([close]) => [batch(close, fast, slow, type)],
      create: () => suite.create(fast, slow, type),
      update: (s, [x]) => s.update(x),
      replace: (s, [x]) => s.replace(x),
      read: (s) => [s.value],
      isReady: (s) => s.isReady,
      reset: (s) => s.reset(),
    });
  }

  const hasData = requireSharedData(`${name} TA-Lib cross-check on real data`);

  describe(name, () => {
    it('compares the fast and slow averages from bar 0 (hand-computed)', () => {
      const close = Float64Array.from([1, 2, 3, 4, 6]);
      const fast = sma(close, 2);
      const slow = sma(close, 3);
      const values = batch(close, 2, 3);
      expect(Array.from(values.subarray(0, 2))).toEqual([NaN, NaN]);
      for (let i = 2; i < 5; i++) expect(values[i]).toBeCloseTo(suite.expected(fast[i], slow[i]), 12);
    });

    it('rejects bad parameters, naming them', () => {
      const x = new Float64Array(10);
      expectIndicatorError(() => batch(x, 1), 'TF_ERR_INDICATOR_PARAMETER', `${name}: fastPeriod must be a whole number from 2 to 100000, got 1`);
      expectIndicatorError(() => batch(x, 12, 0), 'TF_ERR_INDICATOR_PARAMETER', `${name}: slowPeriod`);
      expectIndicatorError(() => batch(x, 12, 26, 'mama' as MovingAverageType), 'TF_ERR_INDICATOR_PARAMETER', `${name}: type must be one of`);
      expectIndicatorError(() => suite.create(12, 26.5), 'TF_ERR_INDICATOR_PARAMETER', `${name}: slowPeriod`);
      expectIndicatorError(() => batch(x, 12, 26, 'sma', new Float64Array(3)), 'TF_ERR_INDICATOR_INPUT', 'out has length 3');
    });

    function expectTalib(close: Float64Array, [fast, slow, type]: Case, label: string): void {
      const expected = talibAligned(name, { inReal: close }, { optInFastPeriod: fast, optInSlowPeriod: slow, optInMAType: talibMovingAverageCode[type] }).outReal;
      // TA-Lib's WMA keeps running sums that drift (about 1e-13 relative on prices); the difference
      // of two averages near a zero crossing magnifies that, hence 1e-6 for WMA only.
      const tolerance = type === 'wma' ? 1e-6 : 1e-9;
      expect(maxRelativeDifference(batch(close, fast, slow, type), expected).difference, `${label} (tolerance ${tolerance})`).toBeLessThan(tolerance);
    }

    it.skipIf(!talibAvailable)(`equals TA-Lib ${name} on a random walk, for every MA type`, () => {
      const close = randomWalkBars(5_000, 5).close;
      for (const type of movingAverageTypes) expectTalib(close, [12, 26, type], `12, 26, ${type}`);
      for (const c of [[26, 12, 'sma'], [2, 3, 'ema'], [10, 100, 'wma']] as Case[]) expectTalib(close, c, c.join(' '));
    });

    describe.skipIf(!talibAvailable || !hasData)('on real data', () => {
      let series: Bars[] = [];
      beforeAll(async () => {
        series = await realBarsForTalib();
      }, 30_000);

      it(`equals TA-Lib ${name} on MSFT 2000-2001 and S&P 500 symbols`, () => {
        for (const bars of series) {
          expectTalib(bars.close, [12, 26, 'sma'], `${bars.symbol} 12, 26, sma`);
          expectTalib(bars.close, [12, 26, 'ema'], `${bars.symbol} 12, 26, ema`);
        }
      });
    });
  });
}
