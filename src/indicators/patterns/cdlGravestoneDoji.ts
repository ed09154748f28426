import { candleSettings, patternLookback } from './candleSettings.js';
import { runPattern } from './runPattern.js';
import { dojiShadowKernel } from './dojiShadowKernel.js';

/**
 * Gravestone doji: a doji (body at most 10% of the average range) that opens and closes at
 * its low (lower shadow under 10% of the average range) below a long upper shadow: buyers
 * pushed the price up and sellers took it all back; read as bearish after a rise.
 * +100 on the pattern, 0 otherwise, as TA-Lib (CDLGRAVESTONEDOJI signals +100 too: it leaves
 * the direction to the trend, which it does not check).
 * Type: pattern. @see https://ta-lib.org/functions/cdlgravestonedoji/
 */
export function cdlGravestoneDojiLookback(): number {
  return patternLookback(candleSettings.bodyDoji, candleSettings.shadowVeryShort);
}

export function cdlGravestoneDoji(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLGRAVESTONEDOJI', open, high, low, close, cdlGravestoneDojiLookback(), out, (c, y, lookback) => dojiShadowKernel(c, y, lookback, false));
}
