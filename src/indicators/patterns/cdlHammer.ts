import { candleSettings, patternLookback } from './candleSettings.js';
import { runPattern } from './runPattern.js';
import { hammerKernel } from './hammerKernel.js';

/**
 * Hammer: a small body at the top of the candle (upper shadow under 10% of the average
 * range) with a lower shadow longer than the body, its body near or below the previous
 * candle's low: sellers were rejected; read as bullish after a decline. +100 on the pattern,
 * 0 otherwise (TA-Lib CDLHAMMER; the prior decline is not checked).
 * Type: pattern. @see https://ta-lib.org/functions/cdlhammer/
 */
export function cdlHammerLookback(): number {
  const s = candleSettings;
  return patternLookback(s.bodyShort, s.shadowLong, s.shadowVeryShort, s.near) + 1;
}

export function cdlHammer(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLHAMMER', open, high, low, close, cdlHammerLookback(), out, (c, y, lookback) => hammerKernel(c, y, lookback, false));
}
