import { candleAverage, candleRange, candleRangeSum, candleSettings, lowerShadow, patternLookback, realBody, upperShadow, type Candles } from './candleSettings.js';
import { runPattern } from './runPattern.js';

/**
 * Dragonfly doji: a doji (body at most 10% of the average range) that opens and closes at
 * its high (upper shadow under 10% of the average range) after a long lower shadow: sellers
 * pushed the price down and buyers took it all back; read as bullish after a decline.
 * +100 on the pattern, 0 otherwise (TA-Lib CDLDRAGONFLYDOJI; the trend is not checked).
 * Type: pattern. @see https://ta-lib.org/functions/cdldragonflydoji/
 */
export function cdlDragonflyDojiLookback(): number {
  return patternLookback(candleSettings.bodyDoji, candleSettings.shadowVeryShort);
}

export function cdlDragonflyDoji(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLDRAGONFLYDOJI', open, high, low, close, cdlDragonflyDojiLookback(), out, dragonflyKernel);
}

/** Hand-written loop with rolling sums (O(1) per bar): speed is the product. */
function dragonflyKernel(c: Candles, y: Float64Array, lookback: number): void {
  const n = y.length;
  const doji = candleSettings.bodyDoji;
  const veryShort = candleSettings.shadowVeryShort;
  let dojiTotal = candleRangeSum(doji, c, lookback - doji.averagePeriod, lookback);
  let veryShortTotal = candleRangeSum(veryShort, c, lookback - veryShort.averagePeriod, lookback);
  let dojiTrailing = lookback - doji.averagePeriod;
  let veryShortTrailing = lookback - veryShort.averagePeriod;
  for (let i = lookback; i < n; i++) {
    const shadowLimit = candleAverage(veryShort, veryShortTotal, c, i);
    y[i] = realBody(c, i) <= candleAverage(doji, dojiTotal, c, i) && upperShadow(c, i) < shadowLimit && lowerShadow(c, i) > shadowLimit ? 100 : 0;
    dojiTotal += candleRange(doji.rangeType, c, i) - candleRange(doji.rangeType, c, dojiTrailing++);
    veryShortTotal += candleRange(veryShort.rangeType, c, i) - candleRange(veryShort.rangeType, c, veryShortTrailing++);
  }
}
