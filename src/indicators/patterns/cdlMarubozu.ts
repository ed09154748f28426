import { candleAverage, candleColor, candleRange, candleRangeSum, candleSettings, lowerShadow, patternLookback, realBody, upperShadow, type Candles } from './candleSettings.js';
import { runPattern } from './runPattern.js';

/**
 * Marubozu: a long candle with (almost) no shadows, opening at one extreme and closing at the
 * other: one side controlled the whole session. +100 for a white marubozu, -100 for a black
 * one (TA-Lib CDLMARUBOZU). Long: body above the average body of the 10 previous candles;
 * no shadow: each shadow under 10% of their average high-low range.
 * Type: pattern. @see https://ta-lib.org/functions/cdlmarubozu/
 */
export function cdlMarubozuLookback(): number {
  return patternLookback(candleSettings.bodyLong, candleSettings.shadowVeryShort);
}

export function cdlMarubozu(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLMARUBOZU', open, high, low, close, cdlMarubozuLookback(), out, marubozuKernel);
}

/** Hand-written loop with rolling sums (O(1) per bar): speed is the product. */
function marubozuKernel(c: Candles, y: Float64Array, lookback: number): void {
  const n = y.length;
  const { bodyLong: long, shadowVeryShort: veryShort } = candleSettings;
  let longTotal = candleRangeSum(long, c, lookback - long.averagePeriod, lookback);
  let veryShortTotal = candleRangeSum(veryShort, c, lookback - veryShort.averagePeriod, lookback);
  let longTrailing = lookback - long.averagePeriod;
  let veryShortTrailing = lookback - veryShort.averagePeriod;
  for (let i = lookback; i < n; i++) {
    const shadowLimit = candleAverage(veryShort, veryShortTotal, c, i);
    y[i] =
      realBody(c, i) > candleAverage(long, longTotal, c, i) && upperShadow(c, i) < shadowLimit && lowerShadow(c, i) < shadowLimit ? candleColor(c, i) * 100 : 0;
    longTotal += candleRange(long.rangeType, c, i) - candleRange(long.rangeType, c, longTrailing++);
    veryShortTotal += candleRange(veryShort.rangeType, c, i) - candleRange(veryShort.rangeType, c, veryShortTrailing++);
  }
}
