import { candleSettings, patternLookback, type Candles } from './candleSettings.js';
import { insideBarKernel } from './cdlHarami.js';
import { runPattern } from './runPattern.js';

/**
 * Harami cross: a harami whose second candle is a doji (body at most 10% of the average
 * high-low range of the 10 previous candles), a stronger sign that the move has stalled.
 * +100 after a long black candle, -100 after a long white one; ±80 when one end of the doji's
 * body touches the first body's end (TA-Lib 1.1.6 CDLHARAMICROSS). The trend is not checked.
 * Type: pattern. @see https://ta-lib.org/functions/cdlharamicross/
 */
export function cdlHaramiCrossLookback(): number {
  return patternLookback(candleSettings.bodyDoji, candleSettings.bodyLong) + 1;
}

export function cdlHaramiCross(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLHARAMICROSS', open, high, low, close, cdlHaramiCrossLookback(), out, haramiCrossKernel);
}

function haramiCrossKernel(c: Candles, y: Float64Array, lookback: number): void {
  insideBarKernel(c, y, lookback, candleSettings.bodyDoji);
}
