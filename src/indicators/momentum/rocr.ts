import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { LaggedComparison } from './mom.js';

/**
 * Rate of change as a ratio: x[i] / x[i - period], e.g. 1.05 for a 5% rise; the growth factor
 * over the window.
 * As TA-Lib ROCR (default period 10, first value at bar `period`); where the earlier close is 0
 * the output is 0, as in TA-Lib.
 * Type: momentum. @see https://ta-lib.org/functions/rocr/
 */
export function rocrLookback(period = 10): number {
  assertInteger('ROCR', 'period', period, 1);
  return period;
}

export function rocr(close: Float64Array, period = 10, out?: Float64Array): Float64Array {
  rocrLookback(period);
  const result = outputArray('ROCR', close.length, out);
  withFiniteRows([close], [result], ([x], [y]) => rocrKernel(x, period, y));
  return result;
}

/** Hand-written loop (speed is the product): one division per bar. */
function rocrKernel(x: Float64Array, period: number, y: Float64Array): void {
  const n = x.length;
  const warm = Math.min(period, n);
  for (let i = 0; i < warm; i++) y[i] = NaN;
  for (let i = period; i < n; i++) {
    const past = x[i - period];
    y[i] = past !== 0 ? x[i] / past : 0;
  }
}

export class ROCR extends LaggedComparison {
  constructor(period = 10) {
    super('ROCR', period);
  }

  protected output(current: number, past: number): number {
    return past !== 0 ? current / past : 0;
  }
}
