import { candleAverage, candleRange, candleRangeSum, candleSettings, patternLookback, type Candles } from './candleSettings.js';
import { runPattern } from './runPattern.js';

/**
 * Matching low: two black candles closing at the same price (within 5% of the average
 * high-low range of the 5 candles before the first): the decline found support twice at one
 * level; read as bullish. +100 on the pattern, 0 otherwise (TA-Lib CDLMATCHINGLOW; no body
 * size or trend condition).
 * Type: pattern. @see https://ta-lib.org/functions/cdlmatchinglow/
 */
export function cdlMatchingLowLookback(): number {
  return patternLookback(candleSettings.equal) + 1;
}

export function cdlMatchingLow(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLMATCHINGLOW', open, high, low, close, cdlMatchingLowLookback(), out, matchingLowKernel);
}

/** Hand-written loop with a rolling sum (O(1) per bar): speed is the product. */
function matchingLowKernel(c: Candles, y: Float64Array, lookback: number): void {
  const n = y.length;
  const equal = candleSettings.equal;
  const { open, close } = c;
  // "Equal" is judged on the first (previous) candle: its window ends one bar earlier.
  let equalTotal = candleRangeSum(equal, c, lookback - 1 - equal.averagePeriod, lookback - 1);
  for (let i = lookback, trailing = lookback - 1 - equal.averagePeriod; i < n; i++, trailing++) {
    const tolerance = candleAverage(equal, equalTotal, c, i - 1);
    y[i] = close[i - 1] < open[i - 1] && close[i] < open[i] && close[i] <= close[i - 1] + tolerance && close[i] >= close[i - 1] - tolerance ? 100 : 0;
    equalTotal += candleRange(equal.rangeType, c, i - 1) - candleRange(equal.rangeType, c, trailing);
  }
}
