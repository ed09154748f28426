import { assertNumber } from '../parameters.js';
import { candleSettings, patternLookback } from './candleSettings.js';
import { runPattern } from './runPattern.js';
import { starKernel } from './starKernel.js';

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
    starKernel(candles, bodyDoji, 'abandonedBaby', penetration, start, y),
  );
}
