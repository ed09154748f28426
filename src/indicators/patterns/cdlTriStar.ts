import {
  candleAverage,
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

const { bodyDoji } = candleSettings;

/**
 * Tristar (TA-Lib CDLTRISTAR): three dojis in a row, the middle one's body gapping away from
 * the first: extreme indecision, a rare reversal sign. -100 when the middle doji gaps up and
 * the third is not higher than it (top), +100 when it gaps down and the third is not lower
 * (bottom), on the third doji; 0 otherwise; NaN during the lookback (12 bars with TA-Lib's
 * default candle settings). As TA-Lib, all three bodies are compared with the doji threshold of
 * the first candle (10% of the average high-low range of the 10 candles before it).
 *
 * Type: pattern. @see https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_CDLTRISTAR.c
 */
export function cdlTriStarLookback(): number {
  return patternLookback(bodyDoji) + 2;
}

export function cdlTriStar(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLTRISTAR', open, high, low, close, cdlTriStarLookback(), out, (candles, y, start) => triStarKernel(candles, start, y));
}

/** TA-Lib's rolling sum in TA-Lib's order (bit-identical thresholds), one pass, no allocation. */
function triStarKernel(candles: Candles, start: number, y: Float64Array): void {
  const n = y.length;
  const { open, close } = candles;
  let trailing = start - 2 - bodyDoji.averagePeriod;
  let dojiTotal = candleRangeSum(bodyDoji, candles, trailing, start - 2);
  for (let i = start; i < n; i++) {
    const doji = candleAverage(bodyDoji, dojiTotal, candles, i - 2);
    let signal = 0;
    if (realBody(candles, i - 2) <= doji && realBody(candles, i - 1) <= doji && realBody(candles, i) <= doji) {
      if (realBodyGapUp(candles, i - 1, i - 2) && Math.max(open[i], close[i]) < Math.max(open[i - 1], close[i - 1])) signal = -100;
      if (realBodyGapDown(candles, i - 1, i - 2) && Math.min(open[i], close[i]) > Math.min(open[i - 1], close[i - 1])) signal = 100;
    }
    y[i] = signal;
    dojiTotal += candleRange(bodyDoji.rangeType, candles, i - 2) - candleRange(bodyDoji.rangeType, candles, trailing);
    trailing++;
  }
}
