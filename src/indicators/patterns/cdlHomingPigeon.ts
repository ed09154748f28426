import { candleAverage, candleRange, candleRangeSum, candleSettings, patternLookback, realBody, type Candles } from './candleSettings.js';
import { runPattern } from './runPattern.js';

/**
 * Homing pigeon: a long black candle, then a short black candle whose body lies inside the
 * first body (opens below the first open, closes above the first close): selling pressure
 * fades; read as bullish after a decline. +100 on the pattern, 0 otherwise (TA-Lib
 * CDLHOMINGPIGEON; the trend is not checked). Long: body above the average body of the 10
 * candles before it; short: at most the average body of the 10 candles before it.
 * Type: pattern. @see https://ta-lib.org/functions/cdlhomingpigeon/
 */
export function cdlHomingPigeonLookback(): number {
  return patternLookback(candleSettings.bodyShort, candleSettings.bodyLong) + 1;
}

export function cdlHomingPigeon(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLHOMINGPIGEON', open, high, low, close, cdlHomingPigeonLookback(), out, homingPigeonKernel);
}

/** Hand-written loop with rolling sums (O(1) per bar): speed is the product. */
function homingPigeonKernel(c: Candles, y: Float64Array, lookback: number): void {
  const n = y.length;
  const { bodyLong: long, bodyShort: short } = candleSettings;
  const { open, close } = c;
  // The long body is judged on the previous candle: its window ends one bar earlier.
  let longTotal = candleRangeSum(long, c, lookback - 1 - long.averagePeriod, lookback - 1);
  let shortTotal = candleRangeSum(short, c, lookback - short.averagePeriod, lookback);
  let longTrailing = lookback - 1 - long.averagePeriod;
  let shortTrailing = lookback - short.averagePeriod;
  for (let i = lookback; i < n; i++) {
    y[i] =
      close[i - 1] < open[i - 1] &&
      close[i] < open[i] &&
      realBody(c, i - 1) > candleAverage(long, longTotal, c, i - 1) &&
      realBody(c, i) <= candleAverage(short, shortTotal, c, i) &&
      open[i] < open[i - 1] &&
      close[i] > close[i - 1]
        ? 100
        : 0;
    longTotal += candleRange(long.rangeType, c, i - 1) - candleRange(long.rangeType, c, longTrailing++);
    shortTotal += candleRange(short.rangeType, c, i) - candleRange(short.rangeType, c, shortTrailing++);
  }
}
