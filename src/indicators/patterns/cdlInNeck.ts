import { candleSettings, patternLookback, type Candles } from './candleSettings.js';
import { neckKernel } from './neckKernel.js';
import { runPattern } from './runPattern.js';

/**
 * In-neck: a long black candle, then a white candle that opens below the black's low and closes at or barely above the black's close (within 5% of the average high-low range of the 5 candles before the black one): a weak rebound; a bearish continuation. -100 on the pattern, 0 otherwise (TA-Lib CDLINNECK; the downtrend is not checked).
 * Long: body above the average body of the 10 candles before it.
 * Type: pattern. @see https://ta-lib.org/functions/cdlinneck/
 */
export function cdlInNeckLookback(): number {
  return patternLookback(candleSettings.equal, candleSettings.bodyLong) + 1;
}

export function cdlInNeck(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLINNECK', open, high, low, close, cdlInNeckLookback(), out, inNeckKernel);
}

function inNeckKernel(c: Candles, y: Float64Array, lookback: number): void {
  neckKernel(c, y, lookback, 'inNeck');
}
