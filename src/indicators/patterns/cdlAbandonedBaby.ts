import { assertNumber } from '../parameters.js';
import {
  candleAverage,
  candleColor,
  candleGapDown,
  candleGapUp,
  candleRange,
  candleRangeSum,
  candleSettings,
  patternLookback,
  realBody,
  type Candles,
} from './candleSettings.js';
import { runPattern } from './runPattern.js';

const { bodyLong, bodyDoji, bodyShort } = candleSettings;

/**
 * Abandoned baby (TA-Lib CDLABANDONEDBABY): a rare, strong reversal. A long candle, a doji that
 * gaps completely away from it (shadows included, the "abandoned" baby), then a candle of the
 * opposite color, longer than short, that gaps completely back and closes more than
 * `penetration` (default 0.3) of the first body into it. +100 (bullish: black, doji gapping
 * down, white gapping up) or -100 (bearish) on the third candle, 0 otherwise; NaN during the
 * lookback (12 bars with TA-Lib's default candle settings).
 *
 * Type: pattern. @see https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_CDLABANDONEDBABY.c
 */
export function cdlAbandonedBabyLookback(penetration = 0.3): number {
  assertNumber('CDLABANDONEDBABY', 'penetration', penetration, 0, 1);
  return patternLookback(bodyDoji, bodyLong, bodyShort) + 2;
}

export function cdlAbandonedBaby(
  open: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  penetration = 0.3,
  out?: Float64Array,
): Float64Array {
  const lookback = cdlAbandonedBabyLookback(penetration);
  return runPattern('CDLABANDONEDBABY', open, high, low, close, lookback, out, (candles, y, start) =>
    abandonedBabyKernel(candles, penetration, start, y),
  );
}

/** TA-Lib's rolling sums in TA-Lib's order (bit-identical thresholds), one pass, no allocation. */
function abandonedBabyKernel(candles: Candles, penetration: number, start: number, y: Float64Array): void {
  const n = y.length;
  const { close } = candles;
  let longTrailing = start - 2 - bodyLong.averagePeriod;
  let dojiTrailing = start - 1 - bodyDoji.averagePeriod;
  let shortTrailing = start - bodyShort.averagePeriod;
  let longTotal = candleRangeSum(bodyLong, candles, longTrailing, start - 2);
  let dojiTotal = candleRangeSum(bodyDoji, candles, dojiTrailing, start - 1);
  let shortTotal = candleRangeSum(bodyShort, candles, shortTrailing, start);
  for (let i = start; i < n; i++) {
    const firstColor = candleColor(candles, i - 2);
    const thirdColor = candleColor(candles, i);
    y[i] =
      realBody(candles, i - 2) > candleAverage(bodyLong, longTotal, candles, i - 2) &&
      realBody(candles, i - 1) <= candleAverage(bodyDoji, dojiTotal, candles, i - 1) &&
      realBody(candles, i) > candleAverage(bodyShort, shortTotal, candles, i) &&
      ((firstColor === 1 &&
        thirdColor === -1 &&
        close[i] < close[i - 2] - realBody(candles, i - 2) * penetration &&
        candleGapUp(candles, i - 1, i - 2) &&
        candleGapDown(candles, i, i - 1)) ||
        (firstColor === -1 &&
          thirdColor === 1 &&
          close[i] > close[i - 2] + realBody(candles, i - 2) * penetration &&
          candleGapDown(candles, i - 1, i - 2) &&
          candleGapUp(candles, i, i - 1)))
        ? thirdColor * 100
        : 0;
    longTotal += candleRange(bodyLong.rangeType, candles, i - 2) - candleRange(bodyLong.rangeType, candles, longTrailing);
    dojiTotal += candleRange(bodyDoji.rangeType, candles, i - 1) - candleRange(bodyDoji.rangeType, candles, dojiTrailing);
    shortTotal += candleRange(bodyShort.rangeType, candles, i) - candleRange(bodyShort.rangeType, candles, shortTrailing);
    longTrailing++;
    dojiTrailing++;
    shortTrailing++;
  }
}
