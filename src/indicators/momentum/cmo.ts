import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { talibEpsilon, WilderGainLoss } from './rsi.js';

/**
 * Chande Momentum Oscillator: (average gain - average loss) / (average gain + average loss)
 * x 100, from -100 to +100; traders read beyond +50 / -50 as overbought / oversold. As TA-Lib
 * 1.1.6 CMO (default period 14), the averages are Wilder-smoothed exactly as in RSI (first
 * value at bar `period`, the first averages the plain means of the first `period` changes),
 * not Chande's original plain sums over the window; so CMO = 2 x RSI - 100. A bar where both
 * averages are (near) zero gives 0, as in TA-Lib.
 * Type: momentum. @see https://ta-lib.org/functions/cmo/
 */
export function cmoLookback(period = 14): number {
  assertInteger('CMO', 'period', period, 2);
  return period;
}

export function cmo(close: Float64Array, period = 14, out?: Float64Array): Float64Array {
  cmoLookback(period);
  const result = outputArray('CMO', close.length, out);
  withFiniteRows([close], [result], ([x], [y]) => cmoKernel(x, period, y));
  return result;
}

/** The RSI loop (see rsi.ts) with CMO's output: hand-written for speed, state in locals. */
function cmoKernel(x: Float64Array, period: number, y: Float64Array): void {
  const n = x.length;
  if (n <= period) {
    y.fill(NaN);
    return;
  }
  let gain = 0;
  let loss = 0;
  let previous = x[0];
  y[0] = NaN;
  for (let i = 1; i < period; i++) {
    const current = x[i];
    const change = current - previous;
    const size = Math.abs(change);
    gain += (size + change) * 0.5;
    loss += (size - change) * 0.5;
    previous = current;
    y[i] = NaN;
  }
  {
    const current = x[period];
    const change = current - previous;
    const size = Math.abs(change);
    gain = (gain + (size + change) * 0.5) / period;
    loss = (loss + (size - change) * 0.5) / period;
    previous = current;
    const total = gain + loss;
    y[period] = total < talibEpsilon ? 0 : 100 * ((gain - loss) / total);
  }
  const keep = (period - 1) / period;
  const half = 0.5 / period;
  // A local copy: an imported binding read inside a hot loop is not folded to a constant
  // (measured: it made ADX's similar loop four times slower).
  const epsilon = talibEpsilon;
  for (let i = period + 1; i < n; i++) {
    const current = x[i];
    const change = current - previous;
    const size = Math.abs(change);
    gain = gain * keep + (size + change) * half;
    loss = loss * keep + (size - change) * half;
    previous = current;
    const total = gain + loss;
    y[i] = total < epsilon ? 0 : 100 * ((gain - loss) / total);
  }
}

export class CMO extends WilderGainLoss {
  constructor(period = 14) {
    super('CMO', period);
  }

  protected output(averageGain: number, averageLoss: number): number {
    const total = averageGain + averageLoss;
    return total < talibEpsilon ? 0 : 100 * ((averageGain - averageLoss) / total);
  }
}
