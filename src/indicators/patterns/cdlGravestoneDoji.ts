import { candleAverage, candleRange, candleRangeSum, candleSettings, lowerShadow, patternLookback, realBody, upperShadow, type Candles } from './candleSettings.js';
import { runPattern } from './runPattern.js';

/**
 * Gravestone doji: a doji (body at most 10% of the average range) that opens and closes at
 * its low (lower shadow under 10% of the average range) below a long upper shadow: buyers
 * pushed the price up and sellers took it all back; read as bearish after a rise.
 * +100 on the pattern, 0 otherwise, as TA-Lib (CDLGRAVESTONEDOJI signals +100 too: it leaves
 * the direction to the trend, which it does not check).
 * Type: pattern. @see https://ta-lib.org/functions/cdlgravestonedoji/
 */
export function cdlGravestoneDojiLookback(): number {
  return patternLookback(candleSettings.bodyDoji, candleSettings.shadowVeryShort);
}

export function cdlGravestoneDoji(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLGRAVESTONEDOJI', open, high, low, close, cdlGravestoneDojiLookback(), out, gravestoneKernel);
}

/** Hand-written loop with rolling sums (O(1) per bar): speed is the product. */
function gravestoneKernel(c: Candles, y: Float64Array, lookback: number): void {
  const n = y.length;
  const doji = candleSettings.bodyDoji;
  const veryShort = candleSettings.shadowVeryShort;
  let dojiTotal = candleRangeSum(doji, c, lookback - doji.averagePeriod, lookback);
  let veryShortTotal = candleRangeSum(veryShort, c, lookback - veryShort.averagePeriod, lookback);
  let dojiTrailing = lookback - doji.averagePeriod;
  let veryShortTrailing = lookback - veryShort.averagePeriod;
  for (let i = lookback; i < n; i++) {
    const shadowLimit = candleAverage(veryShort, veryShortTotal, c, i);
    y[i] = realBody(c, i) <= candleAverage(doji, dojiTotal, c, i) && lowerShadow(c, i) < shadowLimit && upperShadow(c, i) > shadowLimit ? 100 : 0;
    dojiTotal += candleRange(doji.rangeType, c, i) - candleRange(doji.rangeType, c, dojiTrailing++);
    veryShortTotal += candleRange(veryShort.rangeType, c, i) - candleRange(veryShort.rangeType, c, veryShortTrailing++);
  }
}
