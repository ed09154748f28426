import { withFiniteRows } from '../nanPolicy.js';
import { assertSameLength, outputArray } from '../parameters.js';
import type { Candles } from './candleSettings.js';

/**
 * Fills bar `lookback` onwards of `y` with a pattern's signal (+100 bullish, -100 bearish,
 * 0 none; TA-Lib's ±80 where it has them). Candle averages are rolling sums seeded over the
 * candles before bar `lookback`, as TA-Lib seeds them with startIdx 0, so thresholds are
 * bit-identical to TA-Lib's.
 */
export type PatternKernel = (candles: Candles, y: Float64Array, lookback: number) => void;

/**
 * The shared batch wrapper of every candlestick pattern: input checks, the output array, the
 * missing-value rule (a bar with a non-finite field gets NaN and is skipped, the pattern is
 * judged over the remaining bars), and NaN for the warm-up bars where TA-Lib has no output.
 */
export function runPattern(
  name: string,
  open: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  lookback: number,
  out: Float64Array | undefined,
  kernel: PatternKernel,
): Float64Array {
  const length = assertSameLength(name, { open, high, low, close });
  const result = outputArray(name, length, out);
  withFiniteRows([open, high, low, close], [result], ([o, h, l, c], [y]) => {
    const warm = Math.min(lookback, y.length);
    for (let i = 0; i < warm; i++) y[i] = NaN;
    if (y.length > lookback) kernel({ open: o, high: h, low: l, close: c }, y, lookback);
  });
  return result;
}
