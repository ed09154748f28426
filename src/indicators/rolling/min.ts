import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { RollingExtremeStream } from './RollingExtremeStream.js';
import { rollingMinKernel } from './rollingExtremeKernels.js';

/**
 * Lowest value over the last `period` bars (TA-Lib MIN, default period 30): the bottom of a
 * range, a breakdown level, the lower Donchian channel. O(1) amortised per bar (monotonic deque).
 * Type: rolling. @see https://ta-lib.org/functions/min/
 */
export function minLookback(period = 30): number {
  assertInteger('MIN', 'period', period, 2);
  return period - 1;
}

export function min(x: Float64Array, period = 30, out?: Float64Array): Float64Array {
  minLookback(period);
  const result = outputArray('MIN', x.length, out);
  withFiniteRows([x], [result], ([values], [y]) => rollingMinKernel(values, period, y));
  return result;
}

export class MIN extends RollingExtremeStream {
  constructor(period = 30) {
    super(period, minLookback(period), false);
  }
}
