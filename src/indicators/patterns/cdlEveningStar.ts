import { assertNumber } from '../parameters.js';
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
 * Evening star (TA-Lib CDLEVENINGSTAR): a bearish three-candle reversal at the end of a rise.
 * A long white candle, a short candle whose body gaps above it (the "star", indecision), then a
 * black candle longer than short that closes more than `penetration` (default 0.3, i.e. 30%) of
 * the first body below the first close. -100 on the third candle, 0 otherwise; NaN during the
 * lookback (12 bars with TA-Lib's default candle settings). "Long" and "short" compare with the
 * average body of the 10 candles before each candle (see candleSettings.ts).
 *
 * Type: pattern. @see https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_CDLEVENINGSTAR.c
 */
export function cdlEveningStarLookback(penetration = 0.3): number {
  assertNumber('CDLEVENINGSTAR', 'penetration', penetration, 0, 1);
  return patternLookback(bodyLong, bodyShort) + 2;
}

export function cdlEveningStar(
  open: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  penetration = 0.3,
  out?: Float64Array,
): Float64Array {
  const lookback = cdlEveningStarLookback(penetration);
  return runPattern('CDLEVENINGSTAR', open, high, low, close, lookback, out, (candles, y, start) =>
    eveningStarKernel(candles, penetration, start, y),
  );
}

/**
 * One pass with TA-Lib's rolling sums (added and dropped in TA-Lib's order so thresholds are
 * bit-identical), hand-written because patterns run over whole universes.
 */
function eveningStarKernel(candles: Candles, penetration: number, start: number, y: Float64Array): void {
  const n = y.length;
  const { close } = candles;
  const longType = bodyLong.rangeType;
  const shortType = bodyShort.rangeType;
  let longTrailing = start - 2 - bodyLong.averagePeriod;
  let shortTrailing = start - 1 - bodyShort.averagePeriod;
  // Averages for the first (i-2), second (i-1) and third (i) candle.
  let longTotal = candleRangeSum(bodyLong, candles, longTrailing, start - 2);
  let shortTotal = candleRangeSum(bodyShort, candles, shortTrailing, start - 1);
  let shortTotal2 = candleRangeSum(bodyShort, candles, shortTrailing + 1, start);
  for (let i = start; i < n; i++) {
    y[i] =
      realBody(candles, i - 2) > candleAverage(bodyLong, longTotal, candles, i - 2) &&
      candleColor(candles, i - 2) === 1 &&
      realBody(candles, i - 1) <= candleAverage(bodyShort, shortTotal, candles, i - 1) &&
      realBodyGapUp(candles, i - 1, i - 2) &&
      realBody(candles, i) > candleAverage(bodyShort, shortTotal2, candles, i) &&
      candleColor(candles, i) === -1 &&
      close[i] < close[i - 2] - realBody(candles, i - 2) * penetration
        ? -100
        : 0;
    longTotal += candleRange(longType, candles, i - 2) - candleRange(longType, candles, longTrailing);
    shortTotal += candleRange(shortType, candles, i - 1) - candleRange(shortType, candles, shortTrailing);
    shortTotal2 += candleRange(shortType, candles, i) - candleRange(shortType, candles, shortTrailing + 1);
    longTrailing++;
    shortTrailing++;
  }
}
