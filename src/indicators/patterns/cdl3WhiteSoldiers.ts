import {
  candleAverage,
  candleColor,
  candleRange,
  candleRangeSum,
  candleSettings,
  patternLookback,
  realBody,
  upperShadow,
  type Candles,
} from './candleSettings.js';
import { runPattern } from './runPattern.js';

const { shadowVeryShort, bodyShort, far, near } = candleSettings;

/**
 * Three advancing white soldiers (TA-Lib CDL3WHITESOLDIERS): three white candles with higher
 * closes, each opening within or near the previous body, each with a very short upper shadow
 * (closing near its high), none much shorter than the one before and the last not short:
 * steady buying, a bullish reversal or continuation. +100 on the third candle, 0 otherwise;
 * NaN during the lookback (12 bars with TA-Lib's default candle settings). "Near" is within 20%
 * and "far" 60% of the average high-low range of the 5 candles before.
 *
 * Type: pattern. @see https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_CDL3WHITESOLDIERS.c
 */
export function cdl3WhiteSoldiersLookback(): number {
  return patternLookback(shadowVeryShort, bodyShort, far, near) + 2;
}

export function cdl3WhiteSoldiers(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDL3WHITESOLDIERS', open, high, low, close, cdl3WhiteSoldiersLookback(), out, (candles, y, start) => threeWhiteSoldiersKernel(candles, start, y));
}

/**
 * TA-Lib's rolling sums in TA-Lib's order (bit-identical thresholds), one per candle of the
 * pattern that needs it (suffix = candles back from the current one), one pass, no allocation.
 */
function threeWhiteSoldiersKernel(candles: Candles, start: number, y: Float64Array): void {
  const n = y.length;
  const { open, close } = candles;
  const shadowType = shadowVeryShort.rangeType;
  let shadowTrailing = start - shadowVeryShort.averagePeriod;
  let nearTrailing = start - near.averagePeriod;
  let farTrailing = start - far.averagePeriod;
  let shortTrailing = start - bodyShort.averagePeriod;
  let shadow2 = candleRangeSum(shadowVeryShort, candles, shadowTrailing - 2, start - 2);
  let shadow1 = candleRangeSum(shadowVeryShort, candles, shadowTrailing - 1, start - 1);
  let shadow0 = candleRangeSum(shadowVeryShort, candles, shadowTrailing, start);
  let near2 = candleRangeSum(near, candles, nearTrailing - 2, start - 2);
  let near1 = candleRangeSum(near, candles, nearTrailing - 1, start - 1);
  let far2 = candleRangeSum(far, candles, farTrailing - 2, start - 2);
  let far1 = candleRangeSum(far, candles, farTrailing - 1, start - 1);
  let shortTotal = candleRangeSum(bodyShort, candles, shortTrailing, start);
  for (let i = start; i < n; i++) {
    y[i] =
      candleColor(candles, i - 2) === 1 &&
      upperShadow(candles, i - 2) < candleAverage(shadowVeryShort, shadow2, candles, i - 2) &&
      candleColor(candles, i - 1) === 1 &&
      upperShadow(candles, i - 1) < candleAverage(shadowVeryShort, shadow1, candles, i - 1) &&
      candleColor(candles, i) === 1 &&
      upperShadow(candles, i) < candleAverage(shadowVeryShort, shadow0, candles, i) &&
      close[i] > close[i - 1] &&
      close[i - 1] > close[i - 2] &&
      open[i - 1] > open[i - 2] &&
      open[i - 1] <= close[i - 2] + candleAverage(near, near2, candles, i - 2) &&
      open[i] > open[i - 1] &&
      open[i] <= close[i - 1] + candleAverage(near, near1, candles, i - 1) &&
      realBody(candles, i - 1) > realBody(candles, i - 2) - candleAverage(far, far2, candles, i - 2) &&
      realBody(candles, i) > realBody(candles, i - 1) - candleAverage(far, far1, candles, i - 1) &&
      realBody(candles, i) > candleAverage(bodyShort, shortTotal, candles, i)
        ? 100
        : 0;
    shadow2 += candleRange(shadowType, candles, i - 2) - candleRange(shadowType, candles, shadowTrailing - 2);
    shadow1 += candleRange(shadowType, candles, i - 1) - candleRange(shadowType, candles, shadowTrailing - 1);
    shadow0 += candleRange(shadowType, candles, i) - candleRange(shadowType, candles, shadowTrailing);
    far2 += candleRange(far.rangeType, candles, i - 2) - candleRange(far.rangeType, candles, farTrailing - 2);
    near2 += candleRange(near.rangeType, candles, i - 2) - candleRange(near.rangeType, candles, nearTrailing - 2);
    far1 += candleRange(far.rangeType, candles, i - 1) - candleRange(far.rangeType, candles, farTrailing - 1);
    near1 += candleRange(near.rangeType, candles, i - 1) - candleRange(near.rangeType, candles, nearTrailing - 1);
    shortTotal += candleRange(bodyShort.rangeType, candles, i) - candleRange(bodyShort.rangeType, candles, shortTrailing);
    shadowTrailing++;
    nearTrailing++;
    farTrailing++;
    shortTrailing++;
  }
}
