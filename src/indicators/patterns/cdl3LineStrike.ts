import {
  candleAverage,
  candleColor,
  candleRange,
  candleRangeSum,
  candleSettings,
  patternLookback,
  type Candles,
} from './candleSettings.js';
import { runPattern } from './runPattern.js';

const { near } = candleSettings;

/**
 * Three-line strike (TA-Lib CDL3LINESTRIKE): three candles of one color with closes moving in
 * their direction, each opening within or near the previous body, then a fourth candle of the
 * opposite color that opens beyond the third close and closes beyond the first open, wiping
 * out the three. TA-Lib gives the three candles' direction: +100 after three white candles
 * struck by a black one, -100 after three black candles struck by a white one, on the fourth
 * candle; 0 otherwise; NaN during the lookback (8 bars with TA-Lib's default candle settings).
 *
 * Type: pattern. @see https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_CDL3LINESTRIKE.c
 */
export function cdl3LineStrikeLookback(): number {
  return patternLookback(near) + 3;
}

export function cdl3LineStrike(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDL3LINESTRIKE', open, high, low, close, cdl3LineStrikeLookback(), out, (candles, y, start) => threeLineStrikeKernel(candles, start, y));
}

/** TA-Lib's rolling sums in TA-Lib's order (bit-identical thresholds), one pass, no allocation. */
function threeLineStrikeKernel(candles: Candles, start: number, y: Float64Array): void {
  const n = y.length;
  const { open, close } = candles;
  const nearType = near.rangeType;
  let trailing = start - near.averagePeriod;
  let near3 = candleRangeSum(near, candles, trailing - 3, start - 3);
  let near2 = candleRangeSum(near, candles, trailing - 2, start - 2);
  for (let i = start; i < n; i++) {
    const color = candleColor(candles, i - 1);
    const nearFirst = candleAverage(near, near3, candles, i - 3);
    const nearSecond = candleAverage(near, near2, candles, i - 2);
    y[i] =
      candleColor(candles, i - 3) === candleColor(candles, i - 2) &&
      candleColor(candles, i - 2) === color &&
      candleColor(candles, i) === -color &&
      open[i - 2] >= Math.min(open[i - 3], close[i - 3]) - nearFirst &&
      open[i - 2] <= Math.max(open[i - 3], close[i - 3]) + nearFirst &&
      open[i - 1] >= Math.min(open[i - 2], close[i - 2]) - nearSecond &&
      open[i - 1] <= Math.max(open[i - 2], close[i - 2]) + nearSecond &&
      ((color === 1 && close[i - 1] > close[i - 2] && close[i - 2] > close[i - 3] && open[i] > close[i - 1] && close[i] < open[i - 3]) ||
        (color === -1 && close[i - 1] < close[i - 2] && close[i - 2] < close[i - 3] && open[i] < close[i - 1] && close[i] > open[i - 3]))
        ? color * 100
        : 0;
    near3 += candleRange(nearType, candles, i - 3) - candleRange(nearType, candles, trailing - 3);
    near2 += candleRange(nearType, candles, i - 2) - candleRange(nearType, candles, trailing - 2);
    trailing++;
  }
}
