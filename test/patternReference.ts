import { Bars } from '../src/core/Bars.js';
import { Random } from '../src/core/Random.js';
import { Timeframe } from '../src/core/Timeframe.js';
import { randomWalkBars } from './randomWalk.js';
import { loadSharedBars } from './sharedData.js';
import { talibAligned } from './talibReference.js';

/**
 * Cross-checks of candlestick patterns against TA-Lib's CDL functions: outputs must be
 * identical bar for bar (NaN where TA-Lib has no output yet, i.e. before its begIndex), on
 * every symbol of the S&P 500 file and on random walks.
 */
export type PatternFunction = (open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array) => Float64Array;

export interface PatternComparison {
  series: number;
  bars: number;
  /** Bars where TA-Lib signals (non-zero): proves the comparison is not vacuous. */
  signals: number;
  /** The first few differences, as readable lines; empty when identical. */
  mismatches: string[];
}

let sp500: Promise<Bars[]> | undefined;

/** The 505 validated series of the S&P 500 file, loaded once per test file. */
export function sp500Bars(): Promise<Bars[]> {
  sp500 ??= loadSharedBars('sp500_5yr_daily_2013-2018.csv.gz');
  return sp500;
}

/**
 * Seeded random walks: the shared one (each bar opens at the previous close), and one with
 * opening gaps, bodies and shadows of widely varied size and prices rounded to cents, so that
 * gap patterns occur and exact ties (equal opens, closes, lows) exercise every `<` versus `<=`.
 */
export function randomWalks(): Bars[] {
  return [randomWalkBars(5_000, 11), gappedWalkBars(20_000, 12)];
}

export function gappedWalkBars(length: number, seed: number): Bars {
  const random = Random.fromSeed(seed, 'gapped-walk');
  const bars = Bars.allocate('GAPS', Timeframe.of('1d'), length);
  const cents = (x: number) => Math.round(x * 100) / 100;
  let close = 50;
  for (let i = 0; i < length; i++) {
    const scale = close * random.nextLogUniform(0.002, 0.04);
    const open = cents(Math.max(1, close + random.nextGaussian() * scale * (random.nextDouble() < 0.3 ? 1.5 : 0.2)));
    close = cents(Math.max(1, open + random.nextGaussian() * scale));
    bars.time[i] = Date.UTC(2000, 0, 3) + i * 86_400_000;
    bars.open[i] = open;
    bars.close[i] = close;
    bars.high[i] = cents(Math.max(open, close) + (random.nextDouble() < 0.25 ? 0 : scale * random.nextDouble()));
    bars.low[i] = cents(Math.min(open, close) - (random.nextDouble() < 0.25 ? 0 : scale * random.nextDouble()));
    bars.volume[i] = 1_000;
  }
  return bars;
}

export function compareWithTalib(talibName: string, pattern: PatternFunction, seriesList: readonly Bars[], options: Record<string, number> = {}): PatternComparison {
  const comparison: PatternComparison = { series: 0, bars: 0, signals: 0, mismatches: [] };
  for (const bars of seriesList) {
    const expected = talibAligned(talibName, { open: bars.open, high: bars.high, low: bars.low, close: bars.close }, options).outInteger;
    const actual = pattern(bars.open, bars.high, bars.low, bars.close);
    comparison.series++;
    comparison.bars += bars.length;
    for (let i = 0; i < bars.length; i++) {
      if (expected[i] !== 0 && !Number.isNaN(expected[i])) comparison.signals++;
      if (!Object.is(actual[i], expected[i]) && comparison.mismatches.length < 5) {
        comparison.mismatches.push(`${bars.symbol} bar ${i}: tickforge ${actual[i]}, TA-Lib ${expected[i]}`);
      }
    }
  }
  return comparison;
}

/** Columns from hand-written [open, high, low, close] rows. */
export function candleColumns(rows: readonly (readonly [number, number, number, number])[]): [Float64Array, Float64Array, Float64Array, Float64Array] {
  return [Float64Array.from(rows, (r) => r[0]), Float64Array.from(rows, (r) => r[1]), Float64Array.from(rows, (r) => r[2]), Float64Array.from(rows, (r) => r[3])];
}

/** `count` ordinary candles: white, body 1, range 2 (open 100, high 101.5, low 99.5, close 101). */
export function plainCandles(count: number): [number, number, number, number][] {
  return Array.from({ length: count }, (): [number, number, number, number] => [100, 101.5, 99.5, 101]);
}
