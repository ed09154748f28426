import { candleAverage, candleColor, candleRange, candleRangeSum, candleSettings, lowerShadow, patternLookback, realBody, upperShadow, type Candles } from './candleSettings.js';
import { runPattern } from './runPattern.js';

/**
 * Belt hold: a long candle that opens at its extreme and runs the other way: a white candle
 * opening at its low (bullish, +100) or a black candle opening at its high (bearish, -100)
 * (TA-Lib CDLBELTHOLD; the trend is not checked). Long: body above the average body of the
 * 10 previous candles; at the extreme: that shadow under 10% of their average high-low range.
 * Type: pattern. @see https://ta-lib.org/functions/cdlbelthold/
 */
export function cdlBeltHoldLookback(): number {
  return patternLookback(candleSettings.bodyLong, candleSettings.shadowVeryShort);
}

export function cdlBeltHold(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLBELTHOLD', open, high, low, close, cdlBeltHoldLookback(), out, beltHoldKernel);
}

/** Hand-written loop with rolling sums (O(1) per bar): speed is the product. */
function beltHoldKernel(c: Candles, y: Float64Array, lookback: number): void {
  const n = y.length;
  const { bodyLong: long, shadowVeryShort: veryShort } = candleSettings;
  let longTotal = candleRangeSum(long, c, lookback - long.averagePeriod, lookback);
  let veryShortTotal = candleRangeSum(veryShort, c, lookback - veryShort.averagePeriod, lookback);
  let longTrailing = lookback - long.averagePeriod;
  let veryShortTrailing = lookback - veryShort.averagePeriod;
  for (let i = lookback; i < n; i++) {
    const color = candleColor(c, i);
    let signal = 0;
    if (realBody(c, i) > candleAverage(long, longTotal, c, i)) {
      const shadowLimit = candleAverage(veryShort, veryShortTotal, c, i);
      if ((color === 1 && lowerShadow(c, i) < shadowLimit) || (color === -1 && upperShadow(c, i) < shadowLimit)) signal = color * 100;
    }
    y[i] = signal;
    longTotal += candleRange(long.rangeType, c, i) - candleRange(long.rangeType, c, longTrailing++);
    veryShortTotal += candleRange(veryShort.rangeType, c, i) - candleRange(veryShort.rangeType, c, veryShortTrailing++);
  }
}
