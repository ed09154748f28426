import { candleAverage, candleRange, candleRangeSum, candleSettings, type Candles } from './candleSettings.js';

/**
 * The shared loop of tweezer top (`side` -1: equal highs, white then black, -100) and tweezer
 * bottom (`side` +1: equal lows, black then white, +100), with a rolling sum (O(1) per bar)
 * for the "equal" tolerance. Hand-written because speed is the product.
 */
export function tweezerKernel(c: Candles, y: Float64Array, lookback: number, side: 1 | -1): void {
  const n = y.length;
  const equal = candleSettings.equal;
  const { open, close } = c;
  // The extreme compared is the low for a bottom, the high for a top.
  const extreme = side === 1 ? c.low : c.high;
  // "Equal" is judged on the first candle, as TA-Lib's matching low: its window ends one bar earlier.
  let equalTotal = candleRangeSum(equal, c, lookback - 1 - equal.averagePeriod, lookback - 1);
  for (let i = lookback, trailing = lookback - 1 - equal.averagePeriod; i < n; i++, trailing++) {
    const tolerance = candleAverage(equal, equalTotal, c, i - 1);
    // First candle in the trend's direction (black into a bottom, white into a top), second the opposite.
    const firstWithTrend = side === 1 ? close[i - 1] < open[i - 1] : close[i - 1] > open[i - 1];
    const secondAgainst = side === 1 ? close[i] > open[i] : close[i] < open[i];
    y[i] = firstWithTrend && secondAgainst && extreme[i] <= extreme[i - 1] + tolerance && extreme[i] >= extreme[i - 1] - tolerance ? side * 100 : 0;
    equalTotal += candleRange(equal.rangeType, c, i - 1) - candleRange(equal.rangeType, c, trailing);
  }
}
