import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { LaggedComparison } from './mom.js';

/**
 * Rate of change as a ratio in percent: (x[i] / x[i - period]) x 100, e.g. 105 for a 5% rise;
 * the growth factor over the window on a base of 100.
 * As TA-Lib ROCR100 (default period 10, first value at bar `period`); where the earlier close is 0
 * the output is 0, as in TA-Lib.
 * Type: momentum. @see https://ta-lib.org/functions/rocr100/
 */
export function rocr100Lookback(period = 10): number {
  assertInteger('ROCR100', 'period', period, 1);
  return period;
}

export function rocr100(close: Float64Array, period = 10, out?: Float64Array): Float64Array {
  rocr100Lookback(period);
  const result = outputArray('ROCR100', close.length, out);
  withFiniteRows([close], [result], ([x], [y]) => rocr100Kernel(x, period, y));
  return result;
}

/** Hand-written loop (speed is the product): one division per bar. */
function rocr100Kernel(x: Float64Array, period: number, y: Float64Array): void {
  const n = x.length;
  const warm = Math.min(period, n);
  for (let i = 0; i < warm; i++) y[i] = NaN;
  for (let i = period; i < n; i++) {
    const past = x[i - period];
    y[i] = past !== 0 ? (x[i] / past) * 100 : 0;
  }
}

export class ROCR100 extends LaggedComparison {
  constructor(period = 10) {
    super('ROCR100', period);
  }

  protected output(current: number, past: number): number {
    return past !== 0 ? (current / past) * 100 : 0;
  }
}
