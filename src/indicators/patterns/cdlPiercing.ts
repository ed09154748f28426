import { candleAverage, candleRange, candleRangeSum, candleSettings, patternLookback, realBody, type Candles } from './candleSettings.js';
import { runPattern } from './runPattern.js';

/**
 * Piercing line: a long black candle, then a long white one that opens below the black's low
 * and closes above the midpoint of the black body (but below its open): buyers reversed the
 * decline. +100 on the pattern, 0 otherwise (TA-Lib CDLPIERCING; the trend is not checked).
 * Long: body above the average body of the 10 candles before each one.
 * Type: pattern. @see https://ta-lib.org/functions/cdlpiercing/
 */
export function cdlPiercingLookback(): number {
  return patternLookback(candleSettings.bodyLong) + 1;
}

export function cdlPiercing(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLPIERCING', open, high, low, close, cdlPiercingLookback(), out, piercingKernel);
}

/**
 * Hand-written loop with rolling sums (O(1) per bar): speed is the product. Each candle's
 * long-body average has its own running sum, as TA-Lib keeps them (same values, same bits).
 */
function piercingKernel(c: Candles, y: Float64Array, lookback: number): void {
  const n = y.length;
  const long = candleSettings.bodyLong;
  const { open, low, close } = c;
  const start = lookback - long.averagePeriod;
  let firstTotal = candleRangeSum(long, c, start - 1, lookback - 1);
  let secondTotal = candleRangeSum(long, c, start, lookback);
  for (let i = lookback, trailing = start; i < n; i++, trailing++) {
    const firstBody = realBody(c, i - 1);
    y[i] =
      close[i - 1] < open[i - 1] &&
      firstBody > candleAverage(long, firstTotal, c, i - 1) &&
      close[i] >= open[i] &&
      realBody(c, i) > candleAverage(long, secondTotal, c, i) &&
      open[i] < low[i - 1] &&
      close[i] < open[i - 1] &&
      close[i] > close[i - 1] + firstBody * 0.5
        ? 100
        : 0;
    firstTotal += candleRange(long.rangeType, c, i - 1) - candleRange(long.rangeType, c, trailing - 1);
    secondTotal += candleRange(long.rangeType, c, i) - candleRange(long.rangeType, c, trailing);
  }
}
