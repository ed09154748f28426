import {
  candleAverage,
  candleColor,
  candleRange,
  candleRangeSum,
  candleSettings,
  patternLookback,
  realBody,
  realBodyGapUp,
  type Candles,
} from './candleSettings.js';
import { runPattern } from './runPattern.js';

const { bodyLong, bodyShort } = candleSettings;

/**
 * Upside gap two crows (TA-Lib CDLUPSIDEGAP2CROWS): a bearish reversal in an uptrend. A long
 * white candle, a short black candle whose body gaps above it, then a black candle engulfing
 * the second body that still closes above the first close (the gap is not yet filled). -100 on
 * the third candle, 0 otherwise; NaN during the lookback (12 bars with TA-Lib's default candle
 * settings).
 *
 * Type: pattern. @see https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_CDLUPSIDEGAP2CROWS.c
 */
export function cdlUpsideGap2CrowsLookback(): number {
  return patternLookback(bodyShort, bodyLong) + 2;
}

export function cdlUpsideGap2Crows(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLUPSIDEGAP2CROWS', open, high, low, close, cdlUpsideGap2CrowsLookback(), out, (candles, y, start) => upsideGapTwoCrowsKernel(candles, start, y));
}

/** TA-Lib's rolling sums in TA-Lib's order (bit-identical thresholds), one pass, no allocation. */
function upsideGapTwoCrowsKernel(candles: Candles, start: number, y: Float64Array): void {
  const n = y.length;
  const { open, close } = candles;
  let longTrailing = start - 2 - bodyLong.averagePeriod;
  let shortTrailing = start - 1 - bodyShort.averagePeriod;
  let longTotal = candleRangeSum(bodyLong, candles, longTrailing, start - 2);
  let shortTotal = candleRangeSum(bodyShort, candles, shortTrailing, start - 1);
  for (let i = start; i < n; i++) {
    y[i] =
      candleColor(candles, i - 2) === 1 &&
      realBody(candles, i - 2) > candleAverage(bodyLong, longTotal, candles, i - 2) &&
      candleColor(candles, i - 1) === -1 &&
      realBody(candles, i - 1) <= candleAverage(bodyShort, shortTotal, candles, i - 1) &&
      realBodyGapUp(candles, i - 1, i - 2) &&
      candleColor(candles, i) === -1 &&
      open[i] > open[i - 1] &&
      close[i] < close[i - 1] &&
      close[i] > close[i - 2]
        ? -100
        : 0;
    longTotal += candleRange(bodyLong.rangeType, candles, i - 2) - candleRange(bodyLong.rangeType, candles, longTrailing);
    shortTotal += candleRange(bodyShort.rangeType, candles, i - 1) - candleRange(bodyShort.rangeType, candles, shortTrailing);
    longTrailing++;
    shortTrailing++;
  }
}
