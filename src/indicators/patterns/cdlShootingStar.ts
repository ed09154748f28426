import { candleSettings, patternLookback } from './candleSettings.js';
import { runPattern } from './runPattern.js';
import { invertedHammerKernel } from './invertedHammerKernel.js';

/**
 * Shooting star: the inverted hammer's shape (small body at the bottom, long upper shadow,
 * almost no lower shadow) with its body gapping above the previous body: after a rise, buyers
 * were rejected; read as bearish. -100 on the pattern, 0 otherwise (TA-Lib CDLSHOOTINGSTAR;
 * the prior rise is not checked).
 * Type: pattern. @see https://ta-lib.org/functions/cdlshootingstar/
 */
export function cdlShootingStarLookback(): number {
  const s = candleSettings;
  return patternLookback(s.bodyShort, s.shadowLong, s.shadowVeryShort) + 1;
}

export function cdlShootingStar(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLSHOOTINGSTAR', open, high, low, close, cdlShootingStarLookback(), out, (c, y, lookback) => invertedHammerKernel(c, y, lookback, true));
}
