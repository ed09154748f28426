import { candleAverage, candleRange, candleRangeSum, candleSettings, lowerShadow, realBody, upperShadow, type Candles } from './candleSettings.js';

/**
 * The shared loop of dragonfly doji (`longShadowBelow`: long lower shadow, almost no upper one)
 * and gravestone doji (the mirror image): a doji whose one shadow is under the very-short
 * average and the other above it. Both signal +100, as TA-Lib. Hand-written loop with rolling
 * sums (O(1) per bar): speed is the product; the flag is a constant per call.
 */
export function dojiShadowKernel(c: Candles, y: Float64Array, lookback: number, longShadowBelow: boolean): void {
  const n = y.length;
  const doji = candleSettings.bodyDoji;
  const veryShort = candleSettings.shadowVeryShort;
  let dojiTotal = candleRangeSum(doji, c, lookback - doji.averagePeriod, lookback);
  let veryShortTotal = candleRangeSum(veryShort, c, lookback - veryShort.averagePeriod, lookback);
  let dojiTrailing = lookback - doji.averagePeriod;
  let veryShortTrailing = lookback - veryShort.averagePeriod;
  for (let i = lookback; i < n; i++) {
    const shadowLimit = candleAverage(veryShort, veryShortTotal, c, i);
    const shortShadow = longShadowBelow ? upperShadow(c, i) : lowerShadow(c, i);
    const longShadow = longShadowBelow ? lowerShadow(c, i) : upperShadow(c, i);
    y[i] = realBody(c, i) <= candleAverage(doji, dojiTotal, c, i) && shortShadow < shadowLimit && longShadow > shadowLimit ? 100 : 0;
    dojiTotal += candleRange(doji.rangeType, c, i) - candleRange(doji.rangeType, c, dojiTrailing++);
    veryShortTotal += candleRange(veryShort.rangeType, c, i) - candleRange(veryShort.rangeType, c, veryShortTrailing++);
  }
}
