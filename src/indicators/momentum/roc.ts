import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { LaggedComparison } from './mom.js';

/**
 * Rate of change in percent: ((x[i] / x[i - period]) - 1) x 100; traders read it as the
 * percentage move over the window, comparable across price levels.
 * As TA-Lib ROC (default period 10, first value at bar `period`); where the earlier close is 0
 * the output is 0, as in TA-Lib.
 * Type: momentum. @see https://ta-lib.org/functions/roc/
 */
export function rocLookback(period = 10): number {
  assertInteger('ROC', 'period', period, 1);
  return period;
}

export function roc(close: Float64Array, period = 10, out?: Float64Array): Float64Array {
  rocLookback(period);
  const result = outputArray('ROC', close.length, out);
  withFiniteRows([close], [result], ([x], [y]) => rocKernel(x, period, y));
  return result;
}

/** Hand-written loop (speed is the product): one division per bar. */
function rocKernel(x: Float64Array, period: number, y: Float64Array): void {
  const n = x.length;
  const warm = Math.min(period, n);
  for (let i = 0; i < warm; i++) y[i] = NaN;
  for (let i = period; i < n; i++) {
    const past = x[i - period];
    y[i] = past !== 0 ? (x[i] / past - 1) * 100 : 0;
  }
}

export class ROC extends LaggedComparison {
  constructor(period = 10) {
    super('ROC', period);
  }

  protected output(current: number, past: number): number {
    return past !== 0 ? (current / past - 1) * 100 : 0;
  }
}
