import { candleSettings, patternLookback, type Candles } from './candleSettings.js';
import { neckKernel } from './neckKernel.js';
import { runPattern } from './runPattern.js';

/**
 * Thrusting: a long black candle, then a white candle that opens below the black's low and closes into the black body, clearly above its close (by more than 5% of the average high-low range of the 5 candles before the black one) but not above its midpoint: a rebound that stays weak; a bearish continuation. -100 on the pattern, 0 otherwise (TA-Lib CDLTHRUSTING; the downtrend is not checked).
 * Long: body above the average body of the 10 candles before it.
 * Type: pattern. @see https://ta-lib.org/functions/cdlthrusting/
 */
export function cdlThrustingLookback(): number {
  return patternLookback(candleSettings.equal, candleSettings.bodyLong) + 1;
}

export function cdlThrusting(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLTHRUSTING', open, high, low, close, cdlThrustingLookback(), out, thrustingKernel);
}

function thrustingKernel(c: Candles, y: Float64Array, lookback: number): void {
  neckKernel(c, y, lookback, 'thrusting');
}
