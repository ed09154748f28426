import { candleSettings, patternLookback, type Candles } from './candleSettings.js';
import { neckKernel } from './neckKernel.js';
import { runPattern } from './runPattern.js';

/**
 * On-neck: a long black candle, then a white candle that opens below the black's low and closes at that low (within 5% of the average high-low range of the 5 candles before the black one): the rebound failed at once; a bearish continuation. -100 on the pattern, 0 otherwise (TA-Lib CDLONNECK; the downtrend is not checked).
 * Long: body above the average body of the 10 candles before it.
 * Type: pattern. @see https://ta-lib.org/functions/cdlonneck/
 */
export function cdlOnNeckLookback(): number {
  return patternLookback(candleSettings.equal, candleSettings.bodyLong) + 1;
}

export function cdlOnNeck(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLONNECK', open, high, low, close, cdlOnNeckLookback(), out, onNeckKernel);
}

function onNeckKernel(c: Candles, y: Float64Array, lookback: number): void {
  neckKernel(c, y, lookback, 'onNeck');
}
