import { describe, expect, it } from 'vitest';
import { Random } from '../src/core/Random.js';
import type { Candles } from '../src/indicators/patterns/candleSettings.js';
import { randomWalkBars } from './randomWalk.js';
import { loadSharedBars, requireSharedData } from './sharedData.js';
import { talibAligned, talibAvailable } from './talibReference.js';

/**
 * Shared checks of the candlestick patterns against TA-Lib's CDL functions: identical outputs
 * (not approximately: a pattern is +100, -100 or 0) on every symbol of the S&P 500 file and on
 * random candles, plus small builders for hand-made candle sequences.
 */
export type PatternFunction = (open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array) => Float64Array;

/** Candles from [open, high, low, close] rows. */
export function candlesOf(rows: ReadonlyArray<readonly [number, number, number, number]>): Candles {
  const column = (k: number) => Float64Array.from(rows, (row) => row[k]);
  return { open: column(0), high: column(1), low: column(2), close: column(3) };
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
const sp500Available = requireSharedData(`the TA-Lib pattern cross-checks on ${sp500File}`);
let sp500Series: ReturnType<typeof loadSharedBars> | undefined;
// Read once per test file, however many patterns or parameter sets it checks.
const loadSp500 = () => (sp500Series ??= loadSharedBars(sp500File));

/**
 * Registers the TA-Lib agreement tests of one pattern: identical outputs on random candles and
 * random walks, and on every symbol of the S&P 500 file. `directions` lists the signals the
 * pattern can give (+100, -100): the random candles must produce each at least once, so the
 * agreement is not only on zeros. `options` must list every TA-Lib optional input (see above).
 */
export function describeTalibAgreement(talibName: string, compute: PatternFunction, directions: readonly number[], options: Record<string, number> = {}): void {
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
      const series = await loadSp500();
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
