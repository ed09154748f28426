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

const { bodyLong, bodyDoji } = candleSettings;

/**
 * Doji star (TA-Lib CDLDOJISTAR): a long candle followed by a doji whose body gaps away from it
 * in the trend's direction; the trend has stalled and may reverse. -100 (bearish) when the long
 * candle is white and the doji gaps up, +100 (bullish) when it is black and the doji gaps down,
 * on the doji; 0 otherwise; NaN during the lookback (11 bars with TA-Lib's default candle
 * settings). TA-Lib judges the two candles only, not the trend before them.
 *
 * Type: pattern. @see https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_CDLDOJISTAR.c
 */
export function cdlDojiStarLookback(): number {
  return patternLookback(bodyDoji, bodyLong) + 1;
}

export function cdlDojiStar(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLDOJISTAR', open, high, low, close, cdlDojiStarLookback(), out, (candles, y, start) => dojiStarKernel(candles, start, y));
}

/** TA-Lib's rolling sums in TA-Lib's order (bit-identical thresholds), one pass, no allocation. */
function dojiStarKernel(candles: Candles, start: number, y: Float64Array): void {
  const n = y.length;
  let longTrailing = start - 1 - bodyLong.averagePeriod;
  let dojiTrailing = start - bodyDoji.averagePeriod;
  let longTotal = candleRangeSum(bodyLong, candles, longTrailing, start - 1);
  let dojiTotal = candleRangeSum(bodyDoji, candles, dojiTrailing, start);
  for (let i = start; i < n; i++) {
    const firstColor = candleColor(candles, i - 1);
    y[i] =
      realBody(candles, i - 1) > candleAverage(bodyLong, longTotal, candles, i - 1) &&
      realBody(candles, i) <= candleAverage(bodyDoji, dojiTotal, candles, i) &&
      ((firstColor === 1 && realBodyGapUp(candles, i, i - 1)) || (firstColor === -1 && realBodyGapDown(candles, i, i - 1)))
        ? -firstColor * 100
        : 0;
    longTotal += candleRange(bodyLong.rangeType, candles, i - 1) - candleRange(bodyLong.rangeType, candles, longTrailing);
    dojiTotal += candleRange(bodyDoji.rangeType, candles, i) - candleRange(bodyDoji.rangeType, candles, dojiTrailing);
    longTrailing++;
    dojiTrailing++;
  }
}
