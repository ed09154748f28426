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
 * Three inside up/down (TA-Lib CDL3INSIDE): a harami confirmed by the next candle. A long
 * candle, a short candle whose body lies strictly inside the first body, then a candle of the
 * opposite color to the first that closes beyond the first candle's open. +100 (three inside
 * up: black, short, white closing above the first open) or -100 (three inside down) on the
 * third candle, 0 otherwise; NaN during the lookback (12 bars with TA-Lib's default candle
 * settings).
 *
 * Type: pattern. @see https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_CDL3INSIDE.c
 */
export function cdl3InsideLookback(): number {
  return patternLookback(bodyShort, bodyLong) + 2;
}

export function cdl3Inside(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDL3INSIDE', open, high, low, close, cdl3InsideLookback(), out, (candles, y, start) => threeInsideKernel(candles, start, y));
}

/** TA-Lib's rolling sums in TA-Lib's order (bit-identical thresholds), one pass, no allocation. */
function threeInsideKernel(candles: Candles, start: number, y: Float64Array): void {
  const n = y.length;
  const { open, close } = candles;
  let longTrailing = start - 2 - bodyLong.averagePeriod;
  let shortTrailing = start - 1 - bodyShort.averagePeriod;
  let longTotal = candleRangeSum(bodyLong, candles, longTrailing, start - 2);
  let shortTotal = candleRangeSum(bodyShort, candles, shortTrailing, start - 1);
  for (let i = start; i < n; i++) {
    const firstColor = candleColor(candles, i - 2);
    const thirdColor = candleColor(candles, i);
    y[i] =
      realBody(candles, i - 2) > candleAverage(bodyLong, longTotal, candles, i - 2) &&
      realBody(candles, i - 1) <= candleAverage(bodyShort, shortTotal, candles, i - 1) &&
      Math.max(close[i - 1], open[i - 1]) < Math.max(close[i - 2], open[i - 2]) &&
      Math.min(close[i - 1], open[i - 1]) > Math.min(close[i - 2], open[i - 2]) &&
      ((firstColor === 1 && thirdColor === -1 && close[i] < open[i - 2]) || (firstColor === -1 && thirdColor === 1 && close[i] > open[i - 2]))
        ? -firstColor * 100
        : 0;
    longTotal += candleRange(bodyLong.rangeType, candles, i - 2) - candleRange(bodyLong.rangeType, candles, longTrailing);
    shortTotal += candleRange(bodyShort.rangeType, candles, i - 1) - candleRange(bodyShort.rangeType, candles, shortTrailing);
    longTrailing++;
    shortTrailing++;
  }
}
