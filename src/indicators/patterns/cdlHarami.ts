import { candleAverage, candleColor, candleRange, candleRangeSum, candleSettings, patternLookback, realBody, type Candles } from './candleSettings.js';
import { runPattern } from './runPattern.js';

/**
 * Harami: a long candle followed by a short one whose body lies inside the first body: the
 * move stalls. +100 after a long black candle (bullish), -100 after a long white one
 * (bearish); as TA-Lib 1.1.6, ±80 when one end of the second body touches the first body's
 * end (inside but not strictly). Long: body above the average body of the 10 previous
 * candles; short: at most the average body of the 10 previous candles. The trend is not checked.
 * Type: pattern. @see https://ta-lib.org/functions/cdlharami/
 */
export function cdlHaramiLookback(): number {
  return patternLookback(candleSettings.bodyShort, candleSettings.bodyLong) + 1;
}

export function cdlHarami(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLHARAMI', open, high, low, close, cdlHaramiLookback(), out, haramiKernel);
}

function haramiKernel(c: Candles, y: Float64Array, lookback: number): void {
  insideBarKernel(c, y, lookback, candleSettings.bodyShort);
}

/**
 * Harami and harami cross differ only in how small the second body must be (`second`).
 * Hand-written loop with rolling sums (O(1) per bar): speed is the product.
 */
export function insideBarKernel(c: Candles, y: Float64Array, lookback: number, second: typeof candleSettings.bodyShort): void {
  const n = y.length;
  const long = candleSettings.bodyLong;
  const { open, close } = c;
  // The long body is judged on the previous candle: its window ends one bar earlier.
  let longTotal = candleRangeSum(long, c, lookback - 1 - long.averagePeriod, lookback - 1);
  let secondTotal = candleRangeSum(second, c, lookback - second.averagePeriod, lookback);
  let longTrailing = lookback - 1 - long.averagePeriod;
  let secondTrailing = lookback - second.averagePeriod;
  for (let i = lookback; i < n; i++) {
    let signal = 0;
    if (realBody(c, i - 1) > candleAverage(long, longTotal, c, i - 1) && realBody(c, i) <= candleAverage(second, secondTotal, c, i)) {
      const top = close[i] > open[i] ? close[i] : open[i];
      const bottom = close[i] < open[i] ? close[i] : open[i];
      const previousTop = close[i - 1] > open[i - 1] ? close[i - 1] : open[i - 1];
      const previousBottom = close[i - 1] < open[i - 1] ? close[i - 1] : open[i - 1];
      if (top < previousTop && bottom > previousBottom) signal = -candleColor(c, i - 1) * 100;
      else if (top <= previousTop && bottom >= previousBottom) signal = -candleColor(c, i - 1) * 80;
    }
    y[i] = signal;
    longTotal += candleRange(long.rangeType, c, i - 1) - candleRange(long.rangeType, c, longTrailing++);
    secondTotal += candleRange(second.rangeType, c, i) - candleRange(second.rangeType, c, secondTrailing++);
  }
}
