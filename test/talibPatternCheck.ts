import { describe, expect, it } from 'vitest';
import { Bars } from '../src/core/Bars.js';
import { Random } from '../src/core/Random.js';
import { Timeframe } from '../src/core/Timeframe.js';
import type { Candles } from '../src/indicators/patterns/candleSettings.js';
import { randomWalkBars } from './randomWalk.js';
import { loadSharedBars, requireSharedData } from './sharedData.js';
import { talibAligned, talibAvailable } from './talibReference.js';

/**
 * Shared checks of the candlestick patterns against TA-Lib's CDL functions: identical outputs
 * (not approximately: a pattern is +100, -100 or 0) on every symbol of the S&P 500 file, on
 * random candles and on random walks, plus small builders for hand-made candle sequences.
 * Two styles use it: `describeTalibAgreement` registers the whole agreement suite of a
 * pattern; `compareWithTalib` returns a comparison for a test to assert on.
 */
export type PatternFunction = (open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array) => Float64Array;

/** Candles from [open, high, low, close] rows. */
export function candlesOf(rows: ReadonlyArray<readonly [number, number, number, number]>): Candles {
  const column = (k: number) => Float64Array.from(rows, (row) => row[k]);
  return { open: column(0), high: column(1), low: column(2), close: column(3) };
}

/** Columns from hand-written [open, high, low, close] rows, in argument order for a pattern function. */
export function candleColumns(rows: ReadonlyArray<readonly [number, number, number, number]>): [Float64Array, Float64Array, Float64Array, Float64Array] {
  const { open, high, low, close } = candlesOf(rows);
  return [open, high, low, close];
}

/** `count` ordinary candles: white, body 1, range 2 (open 100, high 101.5, low 99.5, close 101). */
export function plainCandles(count: number): [number, number, number, number][] {
  return Array.from({ length: count }, (): [number, number, number, number] => [100, 101.5, 99.5, 101]);
}

/**
 * `count` quiet candles around 100 that set the rolling averages of a hand-made case:
 * bodies of 1 (alternating white and black), shadows of 0.5 on each side, high-low range 2.
 * So "long" body means > 1, "short" <= 1, doji <= 0.2, very short shadow < 0.2, near 0.4.
 */
export function quietCandles(count: number): Array<[number, number, number, number]> {
  const rows: Array<[number, number, number, number]> = [];
  for (let k = 0; k < count; k++) rows.push(k % 2 === 0 ? [100, 101.5, 99.5, 101] : [101, 101.5, 99.5, 100]);
  return rows;
}

/**
 * Random candles that, unlike a close-to-open random walk, open away from the prior close
 * (so body and range gaps occur), with bodies from doji to very long and shadows from none to
 * long: every pattern fires somewhere in a few thousand of them.
 */
export function randomCandles(length: number, seed: number): Candles {
  const random = Random.fromSeed(seed, 'random-candles');
  const open = new Float64Array(length);
  const high = new Float64Array(length);
  const low = new Float64Array(length);
  const close = new Float64Array(length);
  let price = 100;
  for (let i = 0; i < length; i++) {
    const gap = random.nextDouble() < 0.3 ? random.nextGaussian() * 0.015 : 0;
    const o = price * Math.exp(gap);
    const bodyScale = [0.0005, 0.005, 0.01, 0.03][random.nextInt(4)];
    const c = o * Math.exp(random.nextGaussian() * bodyScale);
    const shadowScale = [0, 0.001, 0.005, 0.02][random.nextInt(4)];
    open[i] = o;
    close[i] = c;
    high[i] = Math.max(o, c) * (1 + random.nextDouble() * shadowScale);
    low[i] = Math.min(o, c) * (1 - random.nextDouble() * shadowScale);
    price = c;
  }
  return { open, high, low, close };
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

/**
 * TA-Lib's output for `name`, NaN before its first output. The binding aborts the process
 * when an optional input (optInPenetration) is left out, so callers always pass them.
 */
export function talibPattern(name: string, candles: Candles, options: Record<string, number> = {}): Float64Array {
  const { open, high, low, close } = candles;
  return talibAligned(name, { open, high, low, close }, options).outInteger;
}

/** The first bar where two pattern outputs differ (NaN equals NaN), or -1. */
export function firstDifference(actual: Float64Array, expected: Float64Array): number {
  if (actual.length !== expected.length) return 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (a !== e && !(Number.isNaN(a) && Number.isNaN(e))) return i;
  }
  return -1;
}

function signals(output: Float64Array): { bullish: number; bearish: number } {
  let bullish = 0;
  let bearish = 0;
  for (const value of output) {
    if (value === 100) bullish++;
    else if (value === -100) bearish++;
  }
  return { bullish, bearish };
}

function expectIdentical(label: string, compute: PatternFunction, talibName: string, candles: Candles, options: Record<string, number>) {
  const actual = compute(candles.open, candles.high, candles.low, candles.close);
  const expected = talibPattern(talibName, candles, options);
  const at = firstDifference(actual, expected);
  expect(at, `${talibName} ${label}: first difference at bar ${at}: tickforge ${actual[at]}, TA-Lib ${expected[at]}`).toBe(-1);
  return signals(expected);
}

const sp500File = 'sp500_5yr_daily_2013-2018.csv.gz';
let sp500Series: Promise<Bars[]> | undefined;

/** The 505 validated series of the S&P 500 file, read once per test file however many patterns or parameter sets it checks. */
export function sp500Bars(): Promise<Bars[]> {
  sp500Series ??= loadSharedBars(sp500File);
  return sp500Series;
}

export interface PatternComparison {
  series: number;
  bars: number;
  /** Bars where TA-Lib signals (non-zero): proves the comparison is not vacuous. */
  signals: number;
  /** The first few differences, as readable lines; empty when identical. */
  mismatches: string[];
}

/**
 * Compares a pattern with TA-Lib over `seriesList`: every bar must be identical (NaN where
 * TA-Lib has no output yet, i.e. before its begIndex; `Object.is`, so -0 differs from 0).
 */
export function compareWithTalib(talibName: string, pattern: PatternFunction, seriesList: readonly Bars[], options: Record<string, number> = {}): PatternComparison {
  const comparison: PatternComparison = { series: 0, bars: 0, signals: 0, mismatches: [] };
  for (const bars of seriesList) {
    const expected = talibPattern(talibName, bars, options);
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

/**
 * Registers the TA-Lib agreement tests of one pattern: identical outputs on random candles and
 * random walks, and on every symbol of the S&P 500 file. `directions` lists the signals the
 * pattern can give (+100, -100): the random candles must produce each at least once, so the
 * agreement is not only on zeros. `options` must list every TA-Lib optional input (see above).
 */
export function describeTalibAgreement(talibName: string, compute: PatternFunction, directions: readonly number[], options: Record<string, number> = {}): void {
  const sp500Available = requireSharedData(`the TA-Lib ${talibName} cross-checks on ${sp500File}`);
  const settings = Object.entries(options).map(([key, value]) => `${key} ${value}`).join(', ');
  describe(`${talibName}${settings ? ` (${settings})` : ''} agrees with TA-Lib`, () => {
    it.skipIf(!talibAvailable)('gives identical outputs on random candles and random walks, including series shorter than the lookback', () => {
      const total = { bullish: 0, bearish: 0 };
      for (const seed of [1, 2, 3, 4]) {
        const counts = expectIdentical(`random candles seed ${seed}`, compute, talibName, randomCandles(5_000, seed), options);
        total.bullish += counts.bullish;
        total.bearish += counts.bearish;
      }
      expectIdentical('random walk', compute, talibName, randomWalkBars(5_000, 3), options);
      // TA-Lib's binding aborts the process on an empty input, so zero bars is checked by hand.
      const none = randomCandles(0, 9);
      expect(compute(none.open, none.high, none.low, none.close)).toHaveLength(0);
      for (const length of [1, 5, 12, 13, 20]) expectIdentical(`${length} candles`, compute, talibName, randomCandles(length, 9), options);
      if (directions.includes(100)) expect(total.bullish, `${talibName} +100 signals on random candles`).toBeGreaterThan(0);
      if (directions.includes(-100)) expect(total.bearish, `${talibName} -100 signals on random candles`).toBeGreaterThan(0);
    });

    it.skipIf(!talibAvailable || !sp500Available)(`gives identical outputs on every symbol of ${sp500File}`, async () => {
      const series = await sp500Bars();
      expect(series.length).toBeGreaterThan(500);
      const total = { bullish: 0, bearish: 0 };
      for (const bars of series) {
        const counts = expectIdentical(bars.symbol, compute, talibName, bars, options);
        total.bullish += counts.bullish;
        total.bearish += counts.bearish;
      }
      console.log(`${talibName}: identical to TA-Lib on ${series.length} S&P 500 series (${total.bullish} bullish, ${total.bearish} bearish signals)`);
    });
  });
}

/**
 * The missing-value rule: a bar with a NaN field inserted at `at` is NaN in the output and the
 * other bars get exactly the values they had without it.
 */
export function expectMissingBarSkipped(compute: PatternFunction, candles: Candles, at: number): void {
  const insert = (column: Float64Array, value: number) => Float64Array.from([...column.slice(0, at), value, ...column.slice(at)]);
  const clean = compute(candles.open, candles.high, candles.low, candles.close);
  const gapped = compute(insert(candles.open, 100), insert(candles.high, NaN), insert(candles.low, 99), insert(candles.close, 100));
  expect(gapped[at]).toBeNaN();
  expect(Array.from(gapped.slice(0, at))).toEqual(Array.from(clean.slice(0, at)));
  expect(Array.from(gapped.slice(at + 1))).toEqual(Array.from(clean.slice(at)));
}

/** NaN during the lookback, `signals` (bar → +100/-100) where given, 0 on every other bar. */
export function expectPatternOutput(output: Float64Array, lookback: number, signals: Record<number, number>): void {
  for (let i = 0; i < output.length; i++) {
    if (i < lookback) expect(output[i], `bar ${i} in the lookback`).toBeNaN();
    else expect(output[i], `bar ${i}`).toBe(signals[i] ?? 0);
  }
}

/** Unequal input lengths are a TF_ERR_INDICATOR_INPUT naming the pattern. */
export function expectUnequalLengthsRejected(compute: PatternFunction, candles: Candles, indicator: string): void {
  expect(() => compute(candles.open, candles.high, candles.low.subarray(1), candles.close)).toThrow(
    expect.objectContaining({ code: 'TF_ERR_INDICATOR_INPUT', message: expect.stringContaining(`${indicator}: inputs must have equal lengths`) }),
  );
}

export interface PatternSuite<Compute = PatternFunction> {
  talibName: string;
  compute: Compute;
  /** The pattern's lookback with default settings (the `...Lookback()` function's result). */
  lookback: number;
  /** The expected lookback (TA-Lib's), written out. */
  expectedLookback: number;
  /** A hand-built sequence and the signals it gives (bar → +100/-100), 0 elsewhere. */
  candles: Candles;
  signals: Record<number, number>;
  /** The name of the hand-built test, a statement. */
  title: string;
  /** A bar of `candles` before which a missing bar is inserted. */
  missingAt: number;
  /** The signals the pattern can give, required on random candles (see describeTalibAgreement). */
  directions: readonly number[];
}

/**
 * The hand-built tests every pattern suite shares, registered inside its `describe`: lookback
 * and signals, the same signals from TA-Lib (called with `options`), the missing-value rule and
 * unequal lengths. `compute` runs the pattern with its default settings.
 */
function itHandBuiltCase(suite: PatternSuite<unknown>, compute: PatternFunction, options: Record<string, number>): void {
  const { talibName, candles } = suite;
  const run = () => compute(candles.open, candles.high, candles.low, candles.close);
  it(suite.title, () => {
    expect(suite.lookback).toBe(suite.expectedLookback);
    expectPatternOutput(run(), suite.expectedLookback, suite.signals);
  });

  it.skipIf(!talibAvailable)('gives the signals TA-Lib gives on the hand-built sequence', () => {
    expect(firstDifference(run(), talibPattern(talibName, candles, options))).toBe(-1);
  });

  it('skips a bar with a missing field', () => expectMissingBarSkipped(compute, candles, suite.missingAt));

  it('rejects inputs of unequal length', () => expectUnequalLengthsRejected(compute, candles, talibName));
}

/**
 * The suite of a pattern without optional inputs: the hand-built case (lookback, signals, and
 * the same signals from TA-Lib), the missing-value rule, unequal lengths, then TA-Lib agreement.
 */
export function testPattern(suite: PatternSuite): void {
  describe(suite.talibName, () => itHandBuiltCase(suite, suite.compute, {}));
  describeTalibAgreement(suite.talibName, suite.compute, suite.directions);
}

/** A pattern with TA-Lib's optional `optInPenetration` (default 0.3) as its fifth argument. */
export type PenetrationPatternFunction = (open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, penetration?: number) => Float64Array;

export type PenetrationPatternSuite = PatternSuite<PenetrationPatternFunction>;

/**
 * The suite of the star patterns with a penetration: the hand-built case as in `testPattern`
 * (TA-Lib at its default penetration 0.3), penetration outside 0..1, then TA-Lib agreement at
 * penetration 0.3 (default) and 0.1.
 */
export function testPenetrationPattern(suite: PenetrationPatternSuite): void {
  const { talibName, compute, candles } = suite;
  describe(talibName, () => {
    itHandBuiltCase(suite, compute, { optInPenetration: 0.3 });

    it('rejects a penetration outside 0..1, naming it', () => {
      for (const penetration of [-0.1, 1.5, NaN]) {
        expect(() => compute(candles.open, candles.high, candles.low, candles.close, penetration)).toThrow(
          expect.objectContaining({
            code: 'TF_ERR_INDICATOR_PARAMETER',
            message: expect.stringContaining(`${talibName}: penetration must be a finite number from 0 to 1, got ${penetration}`),
          }),
        );
      }
    });
  });

  describeTalibAgreement(talibName, compute, suite.directions, { optInPenetration: 0.3 });
  describeTalibAgreement(talibName, (o, h, l, c) => compute(o, h, l, c, 0.1), suite.directions, { optInPenetration: 0.1 });
}

/**
 * Registers, inside a `describe`, the two identical-to-TA-Lib tests of a pattern: on
 * `randomWalks()`, and on every S&P 500 symbol when `shared` (the data is there). Each must
 * see TA-Lib signal somewhere, so the agreement is not only on zeros.
 */
export function itEqualsTalib(talibName: string, compute: PatternFunction, shared: boolean): void {
  it.skipIf(!talibAvailable)(`equals TA-Lib ${talibName} on random walks`, () => {
    const comparison = compareWithTalib(talibName, compute, randomWalks());
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });

  it.skipIf(!talibAvailable || !shared)(`equals TA-Lib ${talibName} on every S&P 500 symbol`, async () => {
    const comparison = compareWithTalib(talibName, compute, await sp500Bars());
    expect(comparison.series).toBe(505);
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });
}
