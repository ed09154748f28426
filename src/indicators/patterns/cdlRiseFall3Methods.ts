import {
  candleAverage,
  candleColor,
  candleRange,
  candleRangeSum,
  candleSettings,
  patternLookback,
  realBody,
  type Candles,
} from './candleSettings.js';
import { runPattern } from './runPattern.js';

const { bodyLong, bodyShort } = candleSettings;

/**
 * Rising/falling three methods (TA-Lib CDLRISEFALL3METHODS): a five-candle continuation. A long
 * candle, three short candles of the opposite color drifting against it while their bodies stay
 * within the first candle's high-low range, then a long candle of the first color opening
 * beyond the fourth close and closing beyond the first close: the trend rested and resumes.
 * +100 (rising: white first and last) or -100 (falling) on the fifth candle, 0 otherwise; NaN
 * during the lookback (14 bars with TA-Lib's default candle settings).
 *
 * Type: pattern. @see https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_CDLRISEFALL3METHODS.c
 */
export function cdlRiseFall3MethodsLookback(): number {
  return patternLookback(bodyShort, bodyLong) + 4;
}

export function cdlRiseFall3Methods(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLRISEFALL3METHODS', open, high, low, close, cdlRiseFall3MethodsLookback(), out, (candles, y, start) => riseFallThreeMethodsKernel(candles, start, y));
}

/**
 * TA-Lib's rolling sums in TA-Lib's order (bit-identical thresholds), one per candle of the
 * pattern (suffix = candles back from the current one), one pass, no allocation.
 */
function riseFallThreeMethodsKernel(candles: Candles, start: number, y: Float64Array): void {
  const n = y.length;
  const { open, high, low, close } = candles;
  const longType = bodyLong.rangeType;
  const shortType = bodyShort.rangeType;
  let shortTrailing = start - bodyShort.averagePeriod;
  let longTrailing = start - bodyLong.averagePeriod;
  let body4 = candleRangeSum(bodyLong, candles, longTrailing - 4, start - 4);
  let body3 = candleRangeSum(bodyShort, candles, shortTrailing - 3, start - 3);
  let body2 = candleRangeSum(bodyShort, candles, shortTrailing - 2, start - 2);
  let body1 = candleRangeSum(bodyShort, candles, shortTrailing - 1, start - 1);
  let body0 = candleRangeSum(bodyLong, candles, longTrailing, start);
  for (let i = start; i < n; i++) {
    // The first candle's color as ±1: multiplying by it turns "falling" into "rising".
    const color = candleColor(candles, i - 4);
    y[i] =
      realBody(candles, i - 4) > candleAverage(bodyLong, body4, candles, i - 4) &&
      realBody(candles, i - 3) < candleAverage(bodyShort, body3, candles, i - 3) &&
      realBody(candles, i - 2) < candleAverage(bodyShort, body2, candles, i - 2) &&
      realBody(candles, i - 1) < candleAverage(bodyShort, body1, candles, i - 1) &&
      realBody(candles, i) > candleAverage(bodyLong, body0, candles, i) &&
      color === -candleColor(candles, i - 3) &&
      candleColor(candles, i - 3) === candleColor(candles, i - 2) &&
      candleColor(candles, i - 2) === candleColor(candles, i - 1) &&
      candleColor(candles, i - 1) === -candleColor(candles, i) &&
      Math.min(open[i - 3], close[i - 3]) < high[i - 4] &&
      Math.max(open[i - 3], close[i - 3]) > low[i - 4] &&
      Math.min(open[i - 2], close[i - 2]) < high[i - 4] &&
      Math.max(open[i - 2], close[i - 2]) > low[i - 4] &&
      Math.min(open[i - 1], close[i - 1]) < high[i - 4] &&
      Math.max(open[i - 1], close[i - 1]) > low[i - 4] &&
      close[i - 2] * color < close[i - 3] * color &&
      close[i - 1] * color < close[i - 2] * color &&
      open[i] * color > close[i - 1] * color &&
      close[i] * color > close[i - 4] * color
        ? 100 * color
        : 0;
    body4 += candleRange(longType, candles, i - 4) - candleRange(longType, candles, longTrailing - 4);
    body3 += candleRange(shortType, candles, i - 3) - candleRange(shortType, candles, shortTrailing - 3);
    body2 += candleRange(shortType, candles, i - 2) - candleRange(shortType, candles, shortTrailing - 2);
    body1 += candleRange(shortType, candles, i - 1) - candleRange(shortType, candles, shortTrailing - 1);
    body0 += candleRange(longType, candles, i) - candleRange(longType, candles, longTrailing);
    shortTrailing++;
    longTrailing++;
  }
}
