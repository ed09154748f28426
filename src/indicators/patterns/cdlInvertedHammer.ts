import {
  candleAverage,
  candleRange,
  candleRangeSum,
  candleSettings,
  lowerShadow,
  patternLookback,
  realBody,
  realBodyGapDown,
  upperShadow,
  type Candles,
} from './candleSettings.js';
import { runPattern } from './runPattern.js';

/**
 * Inverted hammer: a small body at the bottom of the candle (lower shadow under 10% of the
 * average range) below an upper shadow longer than the body, its body gapping below the
 * previous body: buyers tested higher prices after a decline; read as bullish if confirmed.
 * +100 on the pattern, 0 otherwise (TA-Lib CDLINVERTEDHAMMER; the prior decline is not checked).
 * Type: pattern. @see https://ta-lib.org/functions/cdlinvertedhammer/
 */
export function cdlInvertedHammerLookback(): number {
  const s = candleSettings;
  return patternLookback(s.bodyShort, s.shadowLong, s.shadowVeryShort) + 1;
}

export function cdlInvertedHammer(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLINVERTEDHAMMER', open, high, low, close, cdlInvertedHammerLookback(), out, invertedHammerKernel);
}

/** Hand-written loop with rolling sums (O(1) per bar): speed is the product. */
function invertedHammerKernel(c: Candles, y: Float64Array, lookback: number): void {
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
      realBodyGapDown(c, i, i - 1)
        ? 100
        : 0;
    bodyTotal += candleRange(body.rangeType, c, i) - candleRange(body.rangeType, c, bodyTrailing++);
    veryShortTotal += candleRange(veryShort.rangeType, c, i) - candleRange(veryShort.rangeType, c, veryShortTrailing++);
  }
}
