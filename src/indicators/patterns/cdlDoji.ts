import { candleAverage, candleRange, candleRangeSum, candleSettings, patternLookback, realBody, type Candles } from './candleSettings.js';
import { runPattern } from './runPattern.js';

/**
 * Doji: a candle whose body is tiny (at most 10% of the average high-low range of the 10
 * candles before it), i.e. open and close almost equal: indecision, often read as a possible
 * turn when it follows a trend. +100 on a doji, 0 otherwise (TA-Lib CDLDOJI; the trend is not
 * checked). NaN during the warm-up of 10 bars.
 * Type: pattern. @see https://ta-lib.org/functions/cdldoji/
 */
export function cdlDojiLookback(): number {
  return patternLookback(candleSettings.bodyDoji);
}

export function cdlDoji(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLDOJI', open, high, low, close, cdlDojiLookback(), out, dojiKernel);
}

/** Hand-written loop with a rolling sum (O(1) per bar): speed is the product. */
function dojiKernel(c: Candles, y: Float64Array, lookback: number): void {
  const n = y.length;
  const doji = candleSettings.bodyDoji;
  let dojiTotal = candleRangeSum(doji, c, lookback - doji.averagePeriod, lookback);
  for (let i = lookback, dojiTrailing = lookback - doji.averagePeriod; i < n; i++, dojiTrailing++) {
    y[i] = realBody(c, i) <= candleAverage(doji, dojiTotal, c, i) ? 100 : 0;
    dojiTotal += candleRange(doji.rangeType, c, i) - candleRange(doji.rangeType, c, dojiTrailing);
  }
}
