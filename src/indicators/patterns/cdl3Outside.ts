import { candleColor, type Candles } from './candleSettings.js';
import { runPattern } from './runPattern.js';

/**
 * Three outside up/down (TA-Lib CDL3OUTSIDE): an engulfing pattern confirmed by the next
 * candle. A candle whose body is engulfed by the opposite-colored body after it, then a third
 * candle closing beyond the second. +100 (three outside up: black, engulfing white, higher
 * close) or -100 (three outside down) on the third candle, 0 otherwise; NaN during the
 * lookback of 3 bars. Needs no candle averages: TA-Lib's definition is geometric only.
 *
 * Type: pattern. @see https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_CDL3OUTSIDE.c
 */
export function cdl3OutsideLookback(): number {
  return 3;
}

export function cdl3Outside(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDL3OUTSIDE', open, high, low, close, cdl3OutsideLookback(), out, (candles, y, start) => threeOutsideKernel(candles, start, y));
}

/** One pass, no allocation. */
function threeOutsideKernel(candles: Candles, start: number, y: Float64Array): void {
  const n = y.length;
  const { open, close } = candles;
  for (let i = start; i < n; i++) {
    const firstColor = candleColor(candles, i - 2);
    const secondColor = candleColor(candles, i - 1);
    y[i] =
      (secondColor === 1 && firstColor === -1 && close[i - 1] > open[i - 2] && open[i - 1] < close[i - 2] && close[i] > close[i - 1]) ||
      (secondColor === -1 && firstColor === 1 && open[i - 1] > close[i - 2] && close[i - 1] < open[i - 2] && close[i] < close[i - 1])
        ? secondColor * 100
        : 0;
  }
}
