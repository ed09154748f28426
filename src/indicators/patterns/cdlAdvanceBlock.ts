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

const { shadowLong, shadowShort, far, near, bodyLong } = candleSettings;

/**
 * Advance block (TA-Lib CDLADVANCEBLOCK): three white candles with higher closes, each opening
 * within or near the previous body, the first long with a short upper shadow, where the
 * advance visibly weakens: bodies shrink sharply, or progressively with upper shadows growing,
 * or the third has a long upper shadow. A bearish warning in an uptrend. -100 on the third
 * candle, 0 otherwise; NaN during the lookback (12 bars with TA-Lib's default candle
 * settings).
 *
 * Type: pattern. @see https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_CDLADVANCEBLOCK.c
 */
export function cdlAdvanceBlockLookback(): number {
  return patternLookback(shadowLong, shadowShort, far, near, bodyLong) + 2;
}

export function cdlAdvanceBlock(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLADVANCEBLOCK', open, high, low, close, cdlAdvanceBlockLookback(), out, (candles, y, start) => advanceBlockKernel(candles, start, y));
}

/**
 * TA-Lib's rolling sums in TA-Lib's order (bit-identical thresholds), one per candle of the
 * pattern that needs it (suffix = candles back from the current one), one pass, no allocation.
 */
function advanceBlockKernel(candles: Candles, start: number, y: Float64Array): void {
  const n = y.length;
  const { open, close } = candles;
  const shortType = shadowShort.rangeType;
  const longType = shadowLong.rangeType;
  let shortTrailing = start - shadowShort.averagePeriod;
  let longTrailing = start - shadowLong.averagePeriod;
  let nearTrailing = start - near.averagePeriod;
  let farTrailing = start - far.averagePeriod;
  let bodyTrailing = start - bodyLong.averagePeriod;
  let shadowShort2 = candleRangeSum(shadowShort, candles, shortTrailing - 2, start - 2);
  let shadowShort1 = candleRangeSum(shadowShort, candles, shortTrailing - 1, start - 1);
  let shadowShort0 = candleRangeSum(shadowShort, candles, shortTrailing, start);
  // With TA-Lib's defaults shadowLong compares with the candle's own body (period 0), so this
  // sum stays unused; it is kept so that any period would follow TA-Lib.
  let shadowLong0 = candleRangeSum(shadowLong, candles, longTrailing, start);
  let near2 = candleRangeSum(near, candles, nearTrailing - 2, start - 2);
  let near1 = candleRangeSum(near, candles, nearTrailing - 1, start - 1);
  let far2 = candleRangeSum(far, candles, farTrailing - 2, start - 2);
  let far1 = candleRangeSum(far, candles, farTrailing - 1, start - 1);
  let bodyTotal = candleRangeSum(bodyLong, candles, bodyTrailing - 2, start - 2);
  for (let i = start; i < n; i++) {
    const body2 = realBody(candles, i - 2);
    const body1 = realBody(candles, i - 1);
    const body0 = realBody(candles, i);
    y[i] =
      candleColor(candles, i - 2) === 1 &&
      candleColor(candles, i - 1) === 1 &&
      candleColor(candles, i) === 1 &&
      close[i] > close[i - 1] &&
      close[i - 1] > close[i - 2] &&
      open[i - 1] > open[i - 2] &&
      open[i - 1] <= close[i - 2] + candleAverage(near, near2, candles, i - 2) &&
      open[i] > open[i - 1] &&
      open[i] <= close[i - 1] + candleAverage(near, near1, candles, i - 1) &&
      body2 > candleAverage(bodyLong, bodyTotal, candles, i - 2) &&
      upperShadow(candles, i - 2) < candleAverage(shadowShort, shadowShort2, candles, i - 2) &&
      // the second far smaller than the first and the third not longer than the second
      ((body1 < body2 - candleAverage(far, far2, candles, i - 2) && body0 < body1 + candleAverage(near, near1, candles, i - 1)) ||
        // the third far smaller than the second
        body0 < body1 - candleAverage(far, far1, candles, i - 1) ||
        // progressively smaller bodies with an upper shadow on the second or third
        (body0 < body1 &&
          body1 < body2 &&
          (upperShadow(candles, i) > candleAverage(shadowShort, shadowShort0, candles, i) ||
            upperShadow(candles, i - 1) > candleAverage(shadowShort, shadowShort1, candles, i - 1))) ||
        // a smaller third body with a long upper shadow
        (body0 < body1 && upperShadow(candles, i) > candleAverage(shadowLong, shadowLong0, candles, i)))
        ? -100
        : 0;
    shadowShort2 += candleRange(shortType, candles, i - 2) - candleRange(shortType, candles, shortTrailing - 2);
    shadowShort1 += candleRange(shortType, candles, i - 1) - candleRange(shortType, candles, shortTrailing - 1);
    shadowShort0 += candleRange(shortType, candles, i) - candleRange(shortType, candles, shortTrailing);
    shadowLong0 += candleRange(longType, candles, i) - candleRange(longType, candles, longTrailing);
    far2 += candleRange(far.rangeType, candles, i - 2) - candleRange(far.rangeType, candles, farTrailing - 2);
    near2 += candleRange(near.rangeType, candles, i - 2) - candleRange(near.rangeType, candles, nearTrailing - 2);
    far1 += candleRange(far.rangeType, candles, i - 1) - candleRange(far.rangeType, candles, farTrailing - 1);
    near1 += candleRange(near.rangeType, candles, i - 1) - candleRange(near.rangeType, candles, nearTrailing - 1);
    bodyTotal += candleRange(bodyLong.rangeType, candles, i - 2) - candleRange(bodyLong.rangeType, candles, bodyTrailing - 2);
    shortTrailing++;
    longTrailing++;
    nearTrailing++;
    farTrailing++;
    bodyTrailing++;
  }
}
