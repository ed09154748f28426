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

const { shadowVeryShort, equal } = candleSettings;

/**
 * Identical three crows (TA-Lib CDLIDENTICAL3CROWS): three black candles with lower closes,
 * each closing near its low (very short lower shadow) and each opening at (very near) the
 * previous close: relentless selling, a bearish reversal. -100 on the third candle, 0
 * otherwise; NaN during the lookback (12 bars with TA-Lib's default candle settings). "Equal"
 * is within 5% of the average high-low range of the 5 candles before.
 *
 * Type: pattern. @see https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_CDLIDENTICAL3CROWS.c
 */
export function cdlIdentical3CrowsLookback(): number {
  return patternLookback(shadowVeryShort, equal) + 2;
}

export function cdlIdentical3Crows(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLIDENTICAL3CROWS', open, high, low, close, cdlIdentical3CrowsLookback(), out, (candles, y, start) => identicalThreeCrowsKernel(candles, start, y));
}

/** TA-Lib's rolling sums in TA-Lib's order (bit-identical thresholds), one pass, no allocation. */
function identicalThreeCrowsKernel(candles: Candles, start: number, y: Float64Array): void {
  const n = y.length;
  const { open, close } = candles;
  const shadowType = shadowVeryShort.rangeType;
  let shadowTrailing = start - shadowVeryShort.averagePeriod;
  let equalTrailing = start - equal.averagePeriod;
  let shadow2 = candleRangeSum(shadowVeryShort, candles, shadowTrailing - 2, start - 2);
  let shadow1 = candleRangeSum(shadowVeryShort, candles, shadowTrailing - 1, start - 1);
  let shadow0 = candleRangeSum(shadowVeryShort, candles, shadowTrailing, start);
  let equal2 = candleRangeSum(equal, candles, equalTrailing - 2, start - 2);
  let equal1 = candleRangeSum(equal, candles, equalTrailing - 1, start - 1);
  for (let i = start; i < n; i++) {
    const equalFirst = candleAverage(equal, equal2, candles, i - 2);
    const equalSecond = candleAverage(equal, equal1, candles, i - 1);
    y[i] =
      candleColor(candles, i - 2) === -1 &&
      lowerShadow(candles, i - 2) < candleAverage(shadowVeryShort, shadow2, candles, i - 2) &&
      candleColor(candles, i - 1) === -1 &&
      lowerShadow(candles, i - 1) < candleAverage(shadowVeryShort, shadow1, candles, i - 1) &&
      candleColor(candles, i) === -1 &&
      lowerShadow(candles, i) < candleAverage(shadowVeryShort, shadow0, candles, i) &&
      close[i - 2] > close[i - 1] &&
      close[i - 1] > close[i] &&
      open[i - 1] <= close[i - 2] + equalFirst &&
      open[i - 1] >= close[i - 2] - equalFirst &&
      open[i] <= close[i - 1] + equalSecond &&
      open[i] >= close[i - 1] - equalSecond
        ? -100
        : 0;
    shadow2 += candleRange(shadowType, candles, i - 2) - candleRange(shadowType, candles, shadowTrailing - 2);
    shadow1 += candleRange(shadowType, candles, i - 1) - candleRange(shadowType, candles, shadowTrailing - 1);
    shadow0 += candleRange(shadowType, candles, i) - candleRange(shadowType, candles, shadowTrailing);
    equal2 += candleRange(equal.rangeType, candles, i - 2) - candleRange(equal.rangeType, candles, equalTrailing - 2);
    equal1 += candleRange(equal.rangeType, candles, i - 1) - candleRange(equal.rangeType, candles, equalTrailing - 1);
    shadowTrailing++;
    equalTrailing++;
  }
}
