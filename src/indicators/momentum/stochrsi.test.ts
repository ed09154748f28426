import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { realBarsForTalib } from '../../../test/crossCheckSeries.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { movingAverageTypes, talibMovingAverageCode, type MovingAverageType } from '../trend/movingAverage.js';
import { rsiTalibExact } from './rsi.js';
import { stochf } from './stochf.js';
import { STOCHRSI, stochrsi, stochrsiLookback } from './stochrsi.js';

type Case = [number, number, number, MovingAverageType];
const cases: Case[] = [[14, 5, 3, 'sma'], [14, 14, 3, 'ema'], [2, 1, 1, 'sma'], [9, 5, 4, 'dema']];
for (const [period, fastK, fastD, type] of cases) {
  testIndicatorContract({
    name: `STOCHRSI(${period}, ${fastK}, ${fastD}, ${type})`,
    inputs: ['close'],
    outputs: ['fastK', 'fastD'],
    lookback: stochrsiLookback(period, fastK, fastD, type),
    batch: ([close]) => {
      const result = stochrsi(close, period, fastK, fastD, type);
      return [result.fastK, result.fastD];
    },
    create: () => new STOCHRSI(period, fastK, fastD, type),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value, s.fastD],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

const hasData = requireSharedData('STOCHRSI TA-Lib cross-check on real data');

describe('STOCHRSI', () => {
  it('is the fast stochastic of RSI, starting where RSI starts', () => {
    const close = randomWalkBars(300, 3).close;
    const strength = rsiTalibExact(close, 14).subarray(14);
    const expected = stochf(strength, strength, strength, 5, 3);
    const actual = stochrsi(close, 14, 5, 3);
    expect(Array.from(actual.fastK.subarray(14))).toEqual(Array.from(expected.fastK));
    expect(Array.from(actual.fastD.subarray(14))).toEqual(Array.from(expected.fastD));
    expect(Array.from(actual.fastK.subarray(0, 14 + 4 + 2)).every(Number.isNaN)).toBe(true);
    expect(Number.isFinite(actual.fastK[20])).toBe(true);
  });

  it('rejects bad parameters, naming them', () => {
    const x = new Float64Array(10);
    expectIndicatorError(() => stochrsi(x, 1), 'TF_ERR_INDICATOR_PARAMETER', 'STOCHRSI: period must be a whole number from 2 to 100000, got 1');
    expectIndicatorError(() => stochrsi(x, 14, 0), 'TF_ERR_INDICATOR_PARAMETER', 'STOCHRSI: fastKPeriod');
    expectIndicatorError(() => stochrsi(x, 14, 5, -3), 'TF_ERR_INDICATOR_PARAMETER', 'STOCHRSI: fastDPeriod');
    expectIndicatorError(() => stochrsi(x, 14, 5, 3, 'mama' as MovingAverageType), 'TF_ERR_INDICATOR_PARAMETER', 'fastDType');
  });

  function expectTalib(close: Float64Array, [period, fastK, fastD, type]: Case, label: string): void {
    const expected = talibAligned('STOCHRSI', { inReal: close }, {
      optInTimePeriod: period,
      optInFastK_Period: fastK,
      optInFastD_Period: fastD,
      optInFastD_MAType: talibMovingAverageCode[type],
    });
    const actual = stochrsi(close, period, fastK, fastD, type);
    expect(maxRelativeDifference(actual.fastK, expected.outFastK).difference, `${label} fastK`).toBeLessThan(1e-9);
    if (type === 'wma' || type === 'trima') {
      // TA-Lib's WMA and TRIMA keep running sums that drift by ~1e-10 over thousands of bars; on
      // an oscillator that sits at exactly 0 for stretches, that is a large *relative* error
      // (e.g. 3e-10 against a true 0), so these two compare in absolute terms on the 0-100 scale.
      expect(maxAbsoluteDifference(actual.fastD, expected.outFastD), `${label} fastD (absolute, TA-Lib running-sum drift)`).toBeLessThan(1e-8);
    } else {
      expect(maxRelativeDifference(actual.fastD, expected.outFastD).difference, `${label} fastD`).toBeLessThan(1e-9);
    }
  }

  function maxAbsoluteDifference(actual: Float64Array, expected: Float64Array): number {
    let largest = 0;
    for (let i = 0; i < expected.length; i++) {
      if (Number.isNaN(actual[i]) !== Number.isNaN(expected[i])) return Infinity;
      if (!Number.isNaN(expected[i])) largest = Math.max(largest, Math.abs(actual[i] - expected[i]));
    }
    return largest;
  }

  it.skipIf(!talibAvailable)('equals TA-Lib STOCHRSI on a random walk, for every MA type', () => {
    const close = randomWalkBars(5_000, 5).close;
    for (const type of movingAverageTypes) expectTalib(close, [14, 5, 3, type], `14, 5, 3, ${type}`);
    for (const c of [[14, 14, 3, 'sma'], [2, 1, 1, 'sma'], [30, 10, 5, 'ema']] as Case[]) expectTalib(close, c, c.join(' '));
  });

  describe.skipIf(!talibAvailable || !hasData)('on real data', () => {
    let series: Bars[] = [];
    beforeAll(async () => {
      series = await realBarsForTalib();
    }, 30_000);

    it('equals TA-Lib STOCHRSI on MSFT 2000-2001 and S&P 500 symbols', () => {
      for (const bars of series) {
        expectTalib(bars.close, [14, 5, 3, 'sma'], `${bars.symbol} defaults`);
        expectTalib(bars.close, [14, 14, 3, 'sma'], `${bars.symbol} 14, 14, 3`);
      }
    });
  });
});
