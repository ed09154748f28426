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

const { bodyLong, bodyDoji, bodyShort } = candleSettings;

/**
 * Evening doji star (TA-Lib CDLEVENINGDOJISTAR): an evening star whose middle candle is a doji,
 * a stronger sign that a rise has exhausted itself. A long white candle, a doji whose body gaps
 * above it, then a black candle longer than short closing more than `penetration` (default
 * 0.3) of the first body below the first close. -100 on the third candle, 0 otherwise; NaN
 * during the lookback (12 bars with TA-Lib's default candle settings). A doji's body is at most
 * 10% of the average high-low range of the 10 candles before it.
 *
 * Type: pattern. @see https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_CDLEVENINGDOJISTAR.c
 */
export function cdlEveningDojiStarLookback(penetration = 0.3): number {
  assertNumber('CDLEVENINGDOJISTAR', 'penetration', penetration, 0, 1);
  return patternLookback(bodyDoji, bodyLong, bodyShort) + 2;
}

export function cdlEveningDojiStar(
  open: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  penetration = 0.3,
  out?: Float64Array,
): Float64Array {
  const lookback = cdlEveningDojiStarLookback(penetration);
  return runPattern('CDLEVENINGDOJISTAR', open, high, low, close, lookback, out, (candles, y, start) =>
    eveningDojiStarKernel(candles, penetration, start, y),
  );
}

/** TA-Lib's rolling sums in TA-Lib's order (bit-identical thresholds), one pass, no allocation. */
function eveningDojiStarKernel(candles: Candles, penetration: number, start: number, y: Float64Array): void {
  const n = y.length;
  const { close } = candles;
  let longTrailing = start - 2 - bodyLong.averagePeriod;
  let dojiTrailing = start - 1 - bodyDoji.averagePeriod;
  let shortTrailing = start - bodyShort.averagePeriod;
  let longTotal = candleRangeSum(bodyLong, candles, longTrailing, start - 2);
  let dojiTotal = candleRangeSum(bodyDoji, candles, dojiTrailing, start - 1);
  let shortTotal = candleRangeSum(bodyShort, candles, shortTrailing, start);
  for (let i = start; i < n; i++) {
    y[i] =
      realBody(candles, i - 2) > candleAverage(bodyLong, longTotal, candles, i - 2) &&
      candleColor(candles, i - 2) === 1 &&
      realBody(candles, i - 1) <= candleAverage(bodyDoji, dojiTotal, candles, i - 1) &&
      realBodyGapUp(candles, i - 1, i - 2) &&
      realBody(candles, i) > candleAverage(bodyShort, shortTotal, candles, i) &&
      candleColor(candles, i) === -1 &&
      close[i] < close[i - 2] - realBody(candles, i - 2) * penetration
        ? -100
        : 0;
    longTotal += candleRange(bodyLong.rangeType, candles, i - 2) - candleRange(bodyLong.rangeType, candles, longTrailing);
    dojiTotal += candleRange(bodyDoji.rangeType, candles, i - 1) - candleRange(bodyDoji.rangeType, candles, dojiTrailing);
    shortTotal += candleRange(bodyShort.rangeType, candles, i) - candleRange(bodyShort.rangeType, candles, shortTrailing);
    longTrailing++;
    dojiTrailing++;
    shortTrailing++;
  }
}
