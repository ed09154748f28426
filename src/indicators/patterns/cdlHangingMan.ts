import { candleSettings, patternLookback } from './candleSettings.js';
import { runPattern } from './runPattern.js';
import { hammerKernel } from './hammerKernel.js';

/**
 * Hanging man: the hammer's shape (small body at the top, long lower shadow, almost no upper
 * shadow) with its body near or above the previous candle's high: after a rise, sellers
 * showed up; read as bearish. -100 on the pattern, 0 otherwise (TA-Lib CDLHANGINGMAN; the
 * prior rise is not checked).
 * Type: pattern. @see https://ta-lib.org/functions/cdlhangingman/
 */
export function cdlHangingManLookback(): number {
  const s = candleSettings;
  return patternLookback(s.bodyShort, s.shadowLong, s.shadowVeryShort, s.near) + 1;
}

export function cdlHangingMan(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLHANGINGMAN', open, high, low, close, cdlHangingManLookback(), out, (c, y, lookback) => hammerKernel(c, y, lookback, true));
}
