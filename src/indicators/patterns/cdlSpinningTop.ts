import { candleAverage, candleColor, candleRange, candleRangeSum, candleSettings, lowerShadow, patternLookback, realBody, upperShadow, type Candles } from './candleSettings.js';
import { runPattern } from './runPattern.js';

/**
 * Spinning top: a small body (shorter than the average body of the 10 previous candles) with
 * both shadows longer than the body: neither side won the session. +100 when the candle is
 * white, -100 when black, as TA-Lib CDLSPINNINGTOP signs it by color (the sign is the
 * candle's color, not a forecast).
 * Type: pattern. @see https://ta-lib.org/functions/cdlspinningtop/
 */
export function cdlSpinningTopLookback(): number {
  return patternLookback(candleSettings.bodyShort);
}

export function cdlSpinningTop(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLSPINNINGTOP', open, high, low, close, cdlSpinningTopLookback(), out, spinningTopKernel);
}

/** Hand-written loop with a rolling sum (O(1) per bar): speed is the product. */
function spinningTopKernel(c: Candles, y: Float64Array, lookback: number): void {
  const n = y.length;
  const short = candleSettings.bodyShort;
  let shortTotal = candleRangeSum(short, c, lookback - short.averagePeriod, lookback);
  for (let i = lookback, trailing = lookback - short.averagePeriod; i < n; i++, trailing++) {
    const body = realBody(c, i);
    y[i] = body < candleAverage(short, shortTotal, c, i) && upperShadow(c, i) > body && lowerShadow(c, i) > body ? candleColor(c, i) * 100 : 0;
    shortTotal += candleRange(short.rangeType, c, i) - candleRange(short.rangeType, c, trailing);
  }
}
