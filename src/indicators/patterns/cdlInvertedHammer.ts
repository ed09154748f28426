import { candleSettings, patternLookback } from './candleSettings.js';
import { runPattern } from './runPattern.js';
import { invertedHammerKernel } from './invertedHammerKernel.js';

/**
 * Inverted hammer: a small body at the bottom of the candle (lower shadow under 10% of the
 * average range) below an upper shadow longer than the body, its body gapping below the
 * previous body: buyers tested higher prices after a decline; read as bullish if confirmed.
 * +100 on the pattern, 0 otherwise (TA-Lib CDLINVERTEDHAMMER; the prior decline is not checked).
 * Type: pattern. @see https://ta-lib.org/functions/cdlinvertedhammer/
 */
export function cdlInvertedHammerLookback(): number {
  const s = candleSettings;
  return patternLookback(s.bodyShort, s.shadowLong, s.shadowVeryShort) + 1;
}

export function cdlInvertedHammer(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLINVERTEDHAMMER', open, high, low, close, cdlInvertedHammerLookback(), out, (c, y, lookback) => invertedHammerKernel(c, y, lookback, false));
}
