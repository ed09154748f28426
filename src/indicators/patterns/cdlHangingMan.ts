import { candleAverage, candleRange, candleRangeSum, candleSettings, lowerShadow, patternLookback, realBody, upperShadow, type Candles } from './candleSettings.js';
import { runPattern } from './runPattern.js';

/**
 * Hanging man: the hammer's shape (small body at the top, long lower shadow, almost no upper
 * shadow) with its body near or above the previous candle's high: after a rise, sellers
 * showed up; read as bearish. -100 on the pattern, 0 otherwise (TA-Lib CDLHANGINGMAN; the
 * prior rise is not checked).
 * Type: pattern. @see https://ta-lib.org/functions/cdlhangingman/
 */
export function cdlHangingManLookback(): number {
  const s = candleSettings;
  return patternLookback(s.bodyShort, s.shadowLong, s.shadowVeryShort, s.near) + 1;
}

export function cdlHangingMan(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLHANGINGMAN', open, high, low, close, cdlHangingManLookback(), out, hangingManKernel);
}

/** Hand-written loop with rolling sums (O(1) per bar): speed is the product. */
function hangingManKernel(c: Candles, y: Float64Array, lookback: number): void {
  const n = y.length;
  const { bodyShort: body, shadowLong: long, shadowVeryShort: veryShort, near } = candleSettings;
  const { open, high, close } = c;
  let bodyTotal = candleRangeSum(body, c, lookback - body.averagePeriod, lookback);
  let veryShortTotal = candleRangeSum(veryShort, c, lookback - veryShort.averagePeriod, lookback);
  // "Near" is measured on the previous candle, so its window ends one bar earlier.
  let nearTotal = candleRangeSum(near, c, lookback - 1 - near.averagePeriod, lookback - 1);
  let bodyTrailing = lookback - body.averagePeriod;
  let veryShortTrailing = lookback - veryShort.averagePeriod;
  let nearTrailing = lookback - 1 - near.averagePeriod;
  for (let i = lookback; i < n; i++) {
    const bottom = close[i] < open[i] ? close[i] : open[i];
    y[i] =
      realBody(c, i) < candleAverage(body, bodyTotal, c, i) &&
      lowerShadow(c, i) > candleAverage(long, 0, c, i) &&
      upperShadow(c, i) < candleAverage(veryShort, veryShortTotal, c, i) &&
      bottom >= high[i - 1] - candleAverage(near, nearTotal, c, i - 1)
        ? -100
        : 0;
    bodyTotal += candleRange(body.rangeType, c, i) - candleRange(body.rangeType, c, bodyTrailing++);
    veryShortTotal += candleRange(veryShort.rangeType, c, i) - candleRange(veryShort.rangeType, c, veryShortTrailing++);
    nearTotal += candleRange(near.rangeType, c, i - 1) - candleRange(near.rangeType, c, nearTrailing++);
  }
}
