import { candleSettings, patternLookback } from './candleSettings.js';
import { runPattern } from './runPattern.js';
import { dojiShadowKernel } from './dojiShadowKernel.js';

/**
 * Dragonfly doji: a doji (body at most 10% of the average range) that opens and closes at
 * its high (upper shadow under 10% of the average range) after a long lower shadow: sellers
 * pushed the price down and buyers took it all back; read as bullish after a decline.
 * +100 on the pattern, 0 otherwise (TA-Lib CDLDRAGONFLYDOJI; the trend is not checked).
 * Type: pattern. @see https://ta-lib.org/functions/cdldragonflydoji/
 */
export function cdlDragonflyDojiLookback(): number {
  return patternLookback(candleSettings.bodyDoji, candleSettings.shadowVeryShort);
}

export function cdlDragonflyDoji(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLDRAGONFLYDOJI', open, high, low, close, cdlDragonflyDojiLookback(), out, (c, y, lookback) => dojiShadowKernel(c, y, lookback, true));
}
