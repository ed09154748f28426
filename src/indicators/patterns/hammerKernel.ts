import { candleAverage, candleRange, candleRangeSum, candleSettings, lowerShadow, realBody, upperShadow, type Candles } from './candleSettings.js';

/**
 * The shared loop of hammer (+100: body near or below the previous low) and hanging man
 * (`isHangingMan`, -100: body near or above the previous high): a small body at the top of the
 * candle with a long lower shadow and almost no upper shadow. Hand-written loop with rolling
 * sums (O(1) per bar): speed is the product; the flag is a constant per call, so its branch is
 * perfectly predicted.
 */
export function hammerKernel(c: Candles, y: Float64Array, lookback: number, isHangingMan: boolean): void {
  const n = y.length;
  const { bodyShort: body, shadowLong: long, shadowVeryShort: veryShort, near } = candleSettings;
  const { open, high, low, close } = c;
  const signal = isHangingMan ? -100 : 100;
  let bodyTotal = candleRangeSum(body, c, lookback - body.averagePeriod, lookback);
  let veryShortTotal = candleRangeSum(veryShort, c, lookback - veryShort.averagePeriod, lookback);
  // "Near" is measured on the previous candle, so its window ends one bar earlier.
  let nearTotal = candleRangeSum(near, c, lookback - 1 - near.averagePeriod, lookback - 1);
  let bodyTrailing = lookback - body.averagePeriod;
  let veryShortTrailing = lookback - veryShort.averagePeriod;
  let nearTrailing = lookback - 1 - near.averagePeriod;
  for (let i = lookback; i < n; i++) {
    const bottom = close[i] < open[i] ? close[i] : open[i];
    y[i] =
      realBody(c, i) < candleAverage(body, bodyTotal, c, i) &&
      lowerShadow(c, i) > candleAverage(long, 0, c, i) &&
      upperShadow(c, i) < candleAverage(veryShort, veryShortTotal, c, i) &&
      (isHangingMan ? bottom >= high[i - 1] - candleAverage(near, nearTotal, c, i - 1) : bottom <= low[i - 1] + candleAverage(near, nearTotal, c, i - 1))
        ? signal
        : 0;
    bodyTotal += candleRange(body.rangeType, c, i) - candleRange(body.rangeType, c, bodyTrailing++);
    veryShortTotal += candleRange(veryShort.rangeType, c, i) - candleRange(veryShort.rangeType, c, veryShortTrailing++);
    nearTotal += candleRange(near.rangeType, c, i - 1) - candleRange(near.rangeType, c, nearTrailing++);
  }
}
