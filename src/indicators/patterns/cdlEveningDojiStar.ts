import { assertNumber } from '../parameters.js';
import { candleSettings, patternLookback } from './candleSettings.js';
import { runPattern } from './runPattern.js';
import { starKernel } from './starKernel.js';

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
    starKernel(candles, bodyDoji, 'evening', penetration, start, y),
  );
}
