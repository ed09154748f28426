import { candleAverage, candleRange, candleRangeSum, candleSettings, lowerShadow, realBody, realBodyGapDown, realBodyGapUp, upperShadow, type Candles } from './candleSettings.js';

/**
 * The shared loop of inverted hammer (+100: body gapping below the previous body) and shooting
 * star (`isShootingStar`, -100: body gapping above it): a small body at the bottom of the
 * candle with a long upper shadow and almost no lower shadow. Hand-written loop with rolling
 * sums (O(1) per bar): speed is the product; the flag is a constant per call, so its branch is
 * perfectly predicted.
 */
export function invertedHammerKernel(c: Candles, y: Float64Array, lookback: number, isShootingStar: boolean): void {
  const n = y.length;
  const { bodyShort: body, shadowLong: long, shadowVeryShort: veryShort } = candleSettings;
  const signal = isShootingStar ? -100 : 100;
  let bodyTotal = candleRangeSum(body, c, lookback - body.averagePeriod, lookback);
  let veryShortTotal = candleRangeSum(veryShort, c, lookback - veryShort.averagePeriod, lookback);
  let bodyTrailing = lookback - body.averagePeriod;
  let veryShortTrailing = lookback - veryShort.averagePeriod;
  for (let i = lookback; i < n; i++) {
    y[i] =
      realBody(c, i) < candleAverage(body, bodyTotal, c, i) &&
      upperShadow(c, i) > candleAverage(long, 0, c, i) &&
      lowerShadow(c, i) < candleAverage(veryShort, veryShortTotal, c, i) &&
      (isShootingStar ? realBodyGapUp(c, i, i - 1) : realBodyGapDown(c, i, i - 1))
        ? signal
        : 0;
    bodyTotal += candleRange(body.rangeType, c, i) - candleRange(body.rangeType, c, bodyTrailing++);
    veryShortTotal += candleRange(veryShort.rangeType, c, i) - candleRange(veryShort.rangeType, c, veryShortTrailing++);
  }
}
