import { assertNumber } from '../parameters.js';
import { candleSettings, patternLookback } from './candleSettings.js';
import { runPattern } from './runPattern.js';
import { starKernel } from './starKernel.js';

const { bodyLong, bodyShort } = candleSettings;

/**
 * Morning star (TA-Lib CDLMORNINGSTAR): a bullish three-candle reversal at the end of a decline.
 * A long black candle, a short candle whose body gaps below it (the "star", indecision), then a
 * white candle longer than short that closes more than `penetration` (default 0.3, i.e. 30%) of
 * the first body above the first close. +100 on the third candle, 0 otherwise; NaN during the
 * lookback (12 bars with TA-Lib's default candle settings). "Long" and "short" compare with the
 * average body of the 10 candles before each candle (see candleSettings.ts).
 *
 * Type: pattern. @see https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_CDLMORNINGSTAR.c
 */
export function cdlMorningStarLookback(penetration = 0.3): number {
  assertNumber('CDLMORNINGSTAR', 'penetration', penetration, 0, 1);
  return patternLookback(bodyLong, bodyShort) + 2;
}

export function cdlMorningStar(
  open: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  penetration = 0.3,
  out?: Float64Array,
): Float64Array {
  const lookback = cdlMorningStarLookback(penetration);
  return runPattern('CDLMORNINGSTAR', open, high, low, close, lookback, out, (candles, y, start) =>
    starKernel(candles, bodyShort, 'morning', penetration, start, y),
  );
}
