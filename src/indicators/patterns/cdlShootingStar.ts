import {
  candleAverage,
  candleRange,
  candleRangeSum,
  candleSettings,
  lowerShadow,
  patternLookback,
  realBody,
  realBodyGapUp,
  upperShadow,
  type Candles,
} from './candleSettings.js';
import { runPattern } from './runPattern.js';

/**
 * Shooting star: the inverted hammer's shape (small body at the bottom, long upper shadow,
 * almost no lower shadow) with its body gapping above the previous body: after a rise, buyers
 * were rejected; read as bearish. -100 on the pattern, 0 otherwise (TA-Lib CDLSHOOTINGSTAR;
 * the prior rise is not checked).
 * Type: pattern. @see https://ta-lib.org/functions/cdlshootingstar/
 */
export function cdlShootingStarLookback(): number {
  const s = candleSettings;
  return patternLookback(s.bodyShort, s.shadowLong, s.shadowVeryShort) + 1;
}

export function cdlShootingStar(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLSHOOTINGSTAR', open, high, low, close, cdlShootingStarLookback(), out, shootingStarKernel);
}

/** Hand-written loop with rolling sums (O(1) per bar): speed is the product. */
function shootingStarKernel(c: Candles, y: Float64Array, lookback: number): void {
  const n = y.length;
  const { bodyShort: body, shadowLong: long, shadowVeryShort: veryShort } = candleSettings;
  let bodyTotal = candleRangeSum(body, c, lookback - body.averagePeriod, lookback);
  let veryShortTotal = candleRangeSum(veryShort, c, lookback - veryShort.averagePeriod, lookback);
  let bodyTrailing = lookback - body.averagePeriod;
  let veryShortTrailing = lookback - veryShort.averagePeriod;
  for (let i = lookback; i < n; i++) {
    y[i] =
      realBody(c, i) < candleAverage(body, bodyTotal, c, i) &&
      upperShadow(c, i) > candleAverage(long, 0, c, i) &&
      lowerShadow(c, i) < candleAverage(veryShort, veryShortTotal, c, i) &&
      realBodyGapUp(c, i, i - 1)
        ? -100
        : 0;
    bodyTotal += candleRange(body.rangeType, c, i) - candleRange(body.rangeType, c, bodyTrailing++);
    veryShortTotal += candleRange(veryShort.rangeType, c, i) - candleRange(veryShort.rangeType, c, veryShortTrailing++);
  }
}
