import { assertNumber } from '../parameters.js';
import { candleAverage, candleRange, candleRangeSum, candleSettings, patternLookback, realBody, type Candles } from './candleSettings.js';
import { runPattern } from './runPattern.js';

/**
 * Dark cloud cover: a long white candle, then a black one that opens above the white's high
 * and closes deep into the white body (below its close by more than `penetration` times the
 * white body, but above its open): sellers reversed the rise. -100 on the pattern, 0
 * otherwise (TA-Lib CDLDARKCLOUDCOVER, penetration 0.5 by default; only the first candle must
 * be long; the trend is not checked). `penetration` ranges over 0..1 here (TA-Lib allows any
 * non-negative value; beyond 1 the pattern cannot occur).
 * Type: pattern. @see https://ta-lib.org/functions/cdldarkcloudcover/
 */
export function cdlDarkCloudCoverLookback(penetration = 0.5): number {
  assertNumber('CDLDARKCLOUDCOVER', 'penetration', penetration, 0, 1);
  return patternLookback(candleSettings.bodyLong) + 1;
}

export function cdlDarkCloudCover(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, penetration = 0.5, out?: Float64Array): Float64Array {
  const lookback = cdlDarkCloudCoverLookback(penetration);
  return runPattern('CDLDARKCLOUDCOVER', open, high, low, close, lookback, out, (c, y, from) => darkCloudKernel(c, y, from, penetration));
}

/** Hand-written loop with a rolling sum (O(1) per bar): speed is the product. */
function darkCloudKernel(c: Candles, y: Float64Array, lookback: number, penetration: number): void {
  const n = y.length;
  const long = candleSettings.bodyLong;
  const { open, high, close } = c;
  // The long body is judged on the previous candle: its window ends one bar earlier.
  let longTotal = candleRangeSum(long, c, lookback - 1 - long.averagePeriod, lookback - 1);
  for (let i = lookback, trailing = lookback - 1 - long.averagePeriod; i < n; i++, trailing++) {
    const firstBody = realBody(c, i - 1);
    y[i] =
      close[i - 1] >= open[i - 1] &&
      firstBody > candleAverage(long, longTotal, c, i - 1) &&
      close[i] < open[i] &&
      open[i] > high[i - 1] &&
      close[i] > open[i - 1] &&
      close[i] < close[i - 1] - firstBody * penetration
        ? -100
        : 0;
    longTotal += candleRange(long.rangeType, c, i - 1) - candleRange(long.rangeType, c, trailing);
  }
}
