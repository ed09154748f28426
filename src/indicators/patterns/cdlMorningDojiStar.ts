import { assertNumber } from '../parameters.js';
import { candleSettings, patternLookback } from './candleSettings.js';
import { runPattern } from './runPattern.js';
import { starKernel } from './starKernel.js';

const { bodyLong, bodyDoji, bodyShort } = candleSettings;

/**
 * Morning doji star (TA-Lib CDLMORNINGDOJISTAR): a morning star whose middle candle is a doji,
 * a stronger sign that a decline has exhausted itself. A long black candle, a doji whose body
 * gaps below it, then a white candle longer than short closing more than `penetration`
 * (default 0.3) of the first body above the first close. +100 on the third candle, 0
 * otherwise; NaN during the lookback (12 bars with TA-Lib's default candle settings). A doji's
 * body is at most 10% of the average high-low range of the 10 candles before it.
 *
 * Type: pattern. @see https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_CDLMORNINGDOJISTAR.c
 */
export function cdlMorningDojiStarLookback(penetration = 0.3): number {
  assertNumber('CDLMORNINGDOJISTAR', 'penetration', penetration, 0, 1);
  return patternLookback(bodyDoji, bodyLong, bodyShort) + 2;
}

export function cdlMorningDojiStar(
  open: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  penetration = 0.3,
  out?: Float64Array,
): Float64Array {
  const lookback = cdlMorningDojiStarLookback(penetration);
  return runPattern('CDLMORNINGDOJISTAR', open, high, low, close, lookback, out, (candles, y, start) =>
    starKernel(candles, bodyDoji, 'morning', penetration, start, y),
  );
}
