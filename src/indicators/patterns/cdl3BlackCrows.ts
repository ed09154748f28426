import {
  candleAverage,
  candleColor,
  candleRange,
  candleRangeSum,
  candleSettings,
  lowerShadow,
  patternLookback,
  type Candles,
} from './candleSettings.js';
import { runPattern } from './runPattern.js';

const { shadowVeryShort } = candleSettings;

/**
 * Three black crows (TA-Lib CDL3BLACKCROWS): after a white candle, three black candles with
 * lower closes, each opening within the previous body and closing near its low (very short
 * lower shadow), the first closing below the white candle's high: steady selling, a bearish
 * reversal. -100 on the third black candle, 0 otherwise; NaN during the lookback (13 bars with
 * TA-Lib's default candle settings: the pattern spans four candles).
 *
 * Type: pattern. @see https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_CDL3BLACKCROWS.c
 */
export function cdl3BlackCrowsLookback(): number {
  return patternLookback(shadowVeryShort) + 3;
}

export function cdl3BlackCrows(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDL3BLACKCROWS', open, high, low, close, cdl3BlackCrowsLookback(), out, (candles, y, start) => threeBlackCrowsKernel(candles, start, y));
}

/** TA-Lib's rolling sums in TA-Lib's order (bit-identical thresholds), one pass, no allocation. */
function threeBlackCrowsKernel(candles: Candles, start: number, y: Float64Array): void {
  const n = y.length;
  const { open, high, close } = candles;
  const shadowType = shadowVeryShort.rangeType;
  let trailing = start - shadowVeryShort.averagePeriod;
  let shadow2 = candleRangeSum(shadowVeryShort, candles, trailing - 2, start - 2);
  let shadow1 = candleRangeSum(shadowVeryShort, candles, trailing - 1, start - 1);
  let shadow0 = candleRangeSum(shadowVeryShort, candles, trailing, start);
  for (let i = start; i < n; i++) {
    y[i] =
      candleColor(candles, i - 3) === 1 &&
      candleColor(candles, i - 2) === -1 &&
      lowerShadow(candles, i - 2) < candleAverage(shadowVeryShort, shadow2, candles, i - 2) &&
      candleColor(candles, i - 1) === -1 &&
      lowerShadow(candles, i - 1) < candleAverage(shadowVeryShort, shadow1, candles, i - 1) &&
      candleColor(candles, i) === -1 &&
      lowerShadow(candles, i) < candleAverage(shadowVeryShort, shadow0, candles, i) &&
      open[i - 1] < open[i - 2] &&
      open[i - 1] > close[i - 2] &&
      open[i] < open[i - 1] &&
      open[i] > close[i - 1] &&
      high[i - 3] > close[i - 2] &&
      close[i - 2] > close[i - 1] &&
      close[i - 1] > close[i]
        ? -100
        : 0;
    shadow2 += candleRange(shadowType, candles, i - 2) - candleRange(shadowType, candles, trailing - 2);
    shadow1 += candleRange(shadowType, candles, i - 1) - candleRange(shadowType, candles, trailing - 1);
    shadow0 += candleRange(shadowType, candles, i) - candleRange(shadowType, candles, trailing);
    trailing++;
  }
}
