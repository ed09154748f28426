import { assertNumber } from '../parameters.js';
import { candleSettings, patternLookback } from './candleSettings.js';
import { runPattern } from './runPattern.js';
import { starKernel } from './starKernel.js';

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
    starKernel(candles, bodyShort, 'evening', penetration, start, y),
  );
}
