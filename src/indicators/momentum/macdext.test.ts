import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { realBarsForTalib } from '../../../test/crossCheckSeries.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { movingAverageTypes, talibMovingAverageCode, type MovingAverageType } from '../trend/movingAverage.js';
import { macd, type MacdOutput } from './macd.js';
import { MACDEXT, macdext, macdextLookback } from './macdext.js';

type Case = [number, MovingAverageType, number, MovingAverageType, number, MovingAverageType];
const asList = (output: MacdOutput) => [output.macd, output.signal, output.histogram];

const contractCases: Case[] = [
  [12, 'sma', 26, 'sma', 9, 'sma'],
  [12, 'ema', 26, 'ema', 9, 'ema'],
  [5, 'tema', 20, 'wma', 4, 'kama'],
  [26, 'dema', 12, 'sma', 1, 'sma'],
];
for (const c of contractCases) {
  testIndicatorContract({
    name: `MACDEXT(${c.join(', ')})`,
    inputs: ['close'],
    outputs: ['macd', 'signal', 'histogram'],
    lookback: macdextLookback(...c),
    batch: ([close]) => asList(macdext(close, ...c)),
    create: () => new MACDEXT(...c),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value, s.signal, s.histogram],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

const hasData = requireSharedData('MACDEXT TA-Lib cross-check on real data');

describe('MACDEXT', () => {
  it('with three EMAs equals MACD, whose fast EMA is seeded late in the same way', () => {
    const close = randomWalkBars(1_000, 4).close;
    const extended = macdext(close, 12, 'ema', 26, 'ema', 9, 'ema');
    asList(macd(close)).forEach((expected, k) => {
      expect(maxRelativeDifference(asList(extended)[k], expected).difference).toBeLessThan(1e-12);
    });
  });

  it('with SMAs is the difference of the plain averages (hand-computed)', () => {
    // fast SMA 2, slow SMA 3, signal SMA 2 over 1 2 3 4 6: line at bar 2 = 2.5 - 2 = 0.5,
    // bar 3 = 3.5 - 3 = 0.5, bar 4 = 5 - 4.3333 = 0.6667; signal at bar 3 = 0.5, bar 4 = 0.5833.
    const { macd: line, signal, histogram } = macdext(Float64Array.from([1, 2, 3, 4, 6]), 2, 'sma', 3, 'sma', 2, 'sma');
    expect(line[2]).toBeNaN();
    expect(line[3]).toBeCloseTo(0.5, 12);
    expect(line[4]).toBeCloseTo(5 - 13 / 3, 12);
    expect(signal[3]).toBeCloseTo(0.5, 12);
    expect(signal[4]).toBeCloseTo((0.5 + 5 - 13 / 3) / 2, 12);
    expect(histogram[4]).toBeCloseTo(5 - 13 / 3 - (0.5 + 5 - 13 / 3) / 2, 12);
  });

  it('rejects bad parameters, naming them', () => {
    const x = new Float64Array(10);
    expectIndicatorError(() => macdext(x, 1), 'TF_ERR_INDICATOR_PARAMETER', 'MACDEXT: fastPeriod must be a whole number from 2 to 100000, got 1');
    expectIndicatorError(() => macdext(x, 12, 'x' as MovingAverageType), 'TF_ERR_INDICATOR_PARAMETER', 'MACDEXT: fastType must be one of');
    expectIndicatorError(() => macdext(x, 12, 'sma', 0), 'TF_ERR_INDICATOR_PARAMETER', 'MACDEXT: slowPeriod');
    expectIndicatorError(() => macdext(x, 12, 'sma', 26, 'mama' as MovingAverageType), 'TF_ERR_INDICATOR_PARAMETER', 'MACDEXT: slowType');
    expectIndicatorError(() => macdext(x, 12, 'sma', 26, 'sma', 0), 'TF_ERR_INDICATOR_PARAMETER', 'MACDEXT: signalPeriod');
    expectIndicatorError(() => new MACDEXT(12, 'sma', 26, 'sma', 9, 'y' as MovingAverageType), 'TF_ERR_INDICATOR_PARAMETER', 'MACDEXT: signalType');
  });

  function expectTalib(close: Float64Array, c: Case, label: string): void {
    const [fast, fastType, slow, slowType, signal, signalType] = c;
    const expected = talibAligned('MACDEXT', { inReal: close }, {
      optInFastPeriod: fast,
      optInFastMAType: talibMovingAverageCode[fastType],
      optInSlowPeriod: slow,
      optInSlowMAType: talibMovingAverageCode[slowType],
      optInSignalPeriod: signal,
      optInSignalMAType: talibMovingAverageCode[signalType],
    });
    const actual = macdext(close, ...c);
    // TA-Lib's WMA keeps running sums that drift (about 1e-13 relative on prices); the MACD line,
    // a difference of two averages, magnifies that near zero, hence 1e-6 where a WMA is involved.
    // The histogram, a difference of two nearly equal lines, is one more step of that: last-bit
    // differences of the other averages' rounding reach ~1e-9 there, hence 1e-8 for it.
    const tolerance = c.includes('wma') ? 1e-6 : 1e-9;
    const histogramTolerance = Math.max(tolerance, c.every((part) => typeof part === 'number' || part === 'sma' || part === 'ema') ? 1e-9 : 1e-8);
    expect(maxRelativeDifference(actual.macd, expected.outMACD).difference, `${label} macd`).toBeLessThan(tolerance);
    expect(maxRelativeDifference(actual.signal, expected.outMACDSignal).difference, `${label} signal`).toBeLessThan(tolerance);
    expect(maxRelativeDifference(actual.histogram, expected.outMACDHist).difference, `${label} histogram`).toBeLessThan(histogramTolerance);
  }

  it.skipIf(!talibAvailable)('equals TA-Lib MACDEXT on a random walk, for every MA type in each place', () => {
    const close = randomWalkBars(5_000, 5).close;
    for (const type of movingAverageTypes) {
      expectTalib(close, [12, type, 26, 'sma', 9, 'sma'], `fast ${type}`);
      expectTalib(close, [12, 'ema', 26, type, 9, 'sma'], `slow ${type}`);
      expectTalib(close, [12, 'ema', 26, 'ema', 9, type], `signal ${type}`);
    }
    expectTalib(close, [26, 'kama', 12, 'ema', 5, 'dema'], 'swapped periods and types');
    expectTalib(close, [5, 't3', 20, 'sma', 4, 'ema'], 'fast lookback longer than slow');
  });

  describe.skipIf(!talibAvailable || !hasData)('on real data', () => {
    let series: Bars[] = [];
    beforeAll(async () => {
      series = await realBarsForTalib();
    }, 30_000);

    it('equals TA-Lib MACDEXT on MSFT 2000-2001 and S&P 500 symbols', () => {
      for (const bars of series) {
        expectTalib(bars.close, [12, 'sma', 26, 'sma', 9, 'sma'], `${bars.symbol} defaults`);
        expectTalib(bars.close, [12, 'ema', 26, 'ema', 9, 'ema'], `${bars.symbol} EMAs`);
      }
    });
  });
});
