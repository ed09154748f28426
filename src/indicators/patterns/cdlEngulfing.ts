import { withFiniteRowsDetected } from '../nanPolicy.js';
import { assertSameLength, outputArray } from '../parameters.js';

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
  const length = assertSameLength('CDLENGULFING', { open, high, low, close });
  const result = outputArray('CDLENGULFING', length, out);
  // The missing-value rule of every pattern (see runPattern.ts), with the non-finite check
  // done inside the kernel's own pass instead of a separate scan of the four inputs.
  withFiniteRowsDetected([open, high, low, close], [result], ([o, h, l, c], [y]) => engulfingKernel(o, h, l, c, y));
  return result;
}

/**
 * Hand-written loop, speed being the product: the previous candle stays in locals and the
 * conditions are combined as 0/1 integers with bitwise operators (&& and || would branch, and
 * candle colors are unpredictable, so such branches mispredict). Returns whether every input
 * was finite: x * 0 is 0 for a finite x and NaN otherwise, and a NaN stays in the sum.
 */
function engulfingKernel(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, y: Float64Array): boolean {
  const n = y.length;
  const lookback = cdlEngulfingLookback();
  let check = 0;
  // The signal by (bullish, bearish, one end touching): a table read instead of float arithmetic.
  const signals = Float64Array.of(0, 0, -100, -80, 100, 80);
  for (let i = 0; i < n && i < lookback; i++) {
    check += (open[i] + high[i] + low[i] + close[i]) * 0;
    y[i] = NaN;
  }
  if (n <= lookback) return check === 0;
  let previousOpen = open[lookback - 1];
  let previousClose = close[lookback - 1];
  for (let i = lookback; i < n; i++) {
    const o = open[i];
    const c = close[i];
    check += (o + high[i] + low[i] + c) * 0;
    const white = +(c >= o);
    const previousWhite = +(previousClose >= previousOpen);
    const openTouches = +(o === previousClose);
    const closeTouches = +(c === previousOpen);
    // Either body covers the other's range, not both ends matching exactly (TA-Lib's two
    // alternatives, one strict at each end, combined); the color pair says which way.
    const notBoth = (openTouches & closeTouches) ^ 1;
    const bullish = white & (previousWhite ^ 1) & +(c >= previousOpen) & +(o <= previousClose) & notBoth;
    const bearish = (white ^ 1) & previousWhite & +(o >= previousClose) & +(c <= previousOpen) & notBoth;
    y[i] = signals[(bullish << 2) | (bearish << 1) | openTouches | closeTouches];
    previousOpen = o;
    previousClose = c;
  }
  return check === 0;
}
