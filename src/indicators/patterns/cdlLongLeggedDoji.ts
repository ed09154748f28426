import { candleAverage, candleRange, candleRangeSum, candleSettings, lowerShadow, patternLookback, realBody, upperShadow, type Candles } from './candleSettings.js';
import { runPattern } from './runPattern.js';

/**
 * Long-legged doji: a doji (body at most 10% of the average range) with at least one shadow
 * longer than its body: wide swings that ended where they started, strong indecision.
 * +100 on the pattern, 0 otherwise (TA-Lib CDLLONGLEGGEDDOJI: one long shadow suffices).
 * Type: pattern. @see https://ta-lib.org/functions/cdllongleggeddoji/
 */
export function cdlLongLeggedDojiLookback(): number {
  return patternLookback(candleSettings.bodyDoji, candleSettings.shadowLong);
}

export function cdlLongLeggedDoji(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLLONGLEGGEDDOJI', open, high, low, close, cdlLongLeggedDojiLookback(), out, longLeggedKernel);
}

/**
 * Hand-written loop with a rolling sum (O(1) per bar): speed is the product. The long-shadow
 * setting compares with the candle's own body (averagePeriod 0), so it needs no sum.
 */
function longLeggedKernel(c: Candles, y: Float64Array, lookback: number): void {
  const n = y.length;
  const doji = candleSettings.bodyDoji;
  const long = candleSettings.shadowLong;
  let dojiTotal = candleRangeSum(doji, c, lookback - doji.averagePeriod, lookback);
  for (let i = lookback, dojiTrailing = lookback - doji.averagePeriod; i < n; i++, dojiTrailing++) {
    const shadowLimit = candleAverage(long, 0, c, i);
    y[i] = realBody(c, i) <= candleAverage(doji, dojiTotal, c, i) && (lowerShadow(c, i) > shadowLimit || upperShadow(c, i) > shadowLimit) ? 100 : 0;
    dojiTotal += candleRange(doji.rangeType, c, i) - candleRange(doji.rangeType, c, dojiTrailing);
  }
}
