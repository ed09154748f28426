import {
  candleAverage,
  candleColor,
  candleRange,
  candleRangeSum,
  candleSettings,
  patternLookback,
  realBody,
  realBodyGapDown,
  realBodyGapUp,
  type Candles,
} from './candleSettings.js';
import { runPattern } from './runPattern.js';

const { near } = candleSettings;

/**
 * Tasuki gap (TA-Lib CDLTASUKIGAP): a continuation. After a body gap in the trend's direction,
 * a candle of that direction, then a nearly equal-sized candle of the opposite color opening
 * inside its body and closing inside the gap without filling it. +100 (upside tasuki gap: gap
 * up, white, black) or -100 (downside: gap down, black, white) on the third candle, 0
 * otherwise; NaN during the lookback (7 bars with TA-Lib's default candle settings). The two
 * bodies differ by less than 20% of the average high-low range of the 5 candles before.
 *
 * Type: pattern. @see https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_CDLTASUKIGAP.c
 */
export function cdlTasukiGapLookback(): number {
  return patternLookback(near) + 2;
}

export function cdlTasukiGap(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLTASUKIGAP', open, high, low, close, cdlTasukiGapLookback(), out, (candles, y, start) => tasukiGapKernel(candles, start, y));
}

/** TA-Lib's rolling sum in TA-Lib's order (bit-identical thresholds), one pass, no allocation. */
function tasukiGapKernel(candles: Candles, start: number, y: Float64Array): void {
  const n = y.length;
  const { open, close } = candles;
  let trailing = start - near.averagePeriod;
  let nearTotal = candleRangeSum(near, candles, trailing - 1, start - 1);
  for (let i = start; i < n; i++) {
    const secondColor = candleColor(candles, i - 1);
    const thirdColor = candleColor(candles, i);
    const bodiesNear = Math.abs(realBody(candles, i - 1) - realBody(candles, i)) < candleAverage(near, nearTotal, candles, i - 1);
    y[i] =
      (realBodyGapUp(candles, i - 1, i - 2) &&
        secondColor === 1 &&
        thirdColor === -1 &&
        open[i] < close[i - 1] &&
        open[i] > open[i - 1] &&
        close[i] < open[i - 1] &&
        close[i] > Math.max(close[i - 2], open[i - 2]) &&
        bodiesNear) ||
      (realBodyGapDown(candles, i - 1, i - 2) &&
        secondColor === -1 &&
        thirdColor === 1 &&
        open[i] < open[i - 1] &&
        open[i] > close[i - 1] &&
        close[i] > open[i - 1] &&
        close[i] < Math.min(close[i - 2], open[i - 2]) &&
        bodiesNear)
        ? secondColor * 100
        : 0;
    nearTotal += candleRange(near.rangeType, candles, i - 1) - candleRange(near.rangeType, candles, trailing - 1);
    trailing++;
  }
}
