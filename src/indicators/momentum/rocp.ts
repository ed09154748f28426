import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { LaggedComparison } from './mom.js';

/**
 * Rate of change as a fraction: (x[i] - x[i - period]) / x[i - period], e.g. 0.05 for a 5%
 * rise; the percentage move over the window as a return.
 * As TA-Lib ROCP (default period 10, first value at bar `period`); where the earlier close is 0
 * the output is 0, as in TA-Lib.
 * Type: momentum. @see https://ta-lib.org/functions/rocp/
 */
export function rocpLookback(period = 10): number {
  assertInteger('ROCP', 'period', period, 1);
  return period;
}

export function rocp(close: Float64Array, period = 10, out?: Float64Array): Float64Array {
  rocpLookback(period);
  const result = outputArray('ROCP', close.length, out);
  withFiniteRows([close], [result], ([x], [y]) => rocpKernel(x, period, y));
  return result;
}

/** Hand-written loop (speed is the product): one division per bar. */
function rocpKernel(x: Float64Array, period: number, y: Float64Array): void {
  const n = x.length;
  const warm = Math.min(period, n);
  for (let i = 0; i < warm; i++) y[i] = NaN;
  for (let i = period; i < n; i++) {
    const past = x[i - period];
    y[i] = past !== 0 ? (x[i] - past) / past : 0;
  }
}

export class ROCP extends LaggedComparison {
  constructor(period = 10) {
    super('ROCP', period);
  }

  protected output(current: number, past: number): number {
    return past !== 0 ? (current - past) / past : 0;
  }
}
