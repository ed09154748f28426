import { runPattern } from './runPattern.js';
import type { Candles } from './candleSettings.js';

/**
 * Engulfing: a candle whose body covers the previous, opposite-colored body: a white body
 * engulfing a black one is bullish (+100), a black engulfing a white one bearish (-100).
 * As TA-Lib 1.1.6, when one end of the bodies matches exactly (open equal to the previous
 * close, or close equal to the previous open) the engulfing is partial and the signal is
 * ±80 instead of ±100. No body-size or trend condition. Lookback 2, as TA-Lib's (one more
 * than the pattern needs).
 * Type: pattern. @see https://ta-lib.org/functions/cdlengulfing/
 */
export function cdlEngulfingLookback(): number {
  return 2;
}

export function cdlEngulfing(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLENGULFING', open, high, low, close, cdlEngulfingLookback(), out, engulfingKernel);
}

/** Hand-written loop (no averages needed): speed is the product. */
function engulfingKernel(c: Candles, y: Float64Array, lookback: number): void {
  const n = y.length;
  const { open, close } = c;
  for (let i = lookback; i < n; i++) {
    const o = open[i];
    const cl = close[i];
    const previousOpen = open[i - 1];
    const previousClose = close[i - 1];
    const white = cl >= o;
    const previousWhite = previousClose >= previousOpen;
    let engulfs = false;
    if (white && !previousWhite) {
      engulfs = (cl >= previousOpen && o < previousClose) || (cl > previousOpen && o <= previousClose);
    } else if (!white && previousWhite) {
      engulfs = (o >= previousClose && cl < previousOpen) || (o > previousClose && cl <= previousOpen);
    }
    if (!engulfs) y[i] = 0;
    else y[i] = (white ? 1 : -1) * (o !== previousClose && cl !== previousOpen ? 100 : 80);
  }
}
