import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { RollingExtremeStream } from './RollingExtremeStream.js';
import { rollingMaxKernel } from './rollingExtremeKernels.js';

/**
 * Highest value over the last `period` bars (TA-Lib MAX, default period 30): the top of a
 * range, a breakout level, the upper Donchian channel. O(1) amortised per bar (monotonic deque).
 * Type: rolling. @see https://ta-lib.org/functions/max/
 */
export function maxLookback(period = 30): number {
  assertInteger('MAX', 'period', period, 2);
  return period - 1;
}

export function max(x: Float64Array, period = 30, out?: Float64Array): Float64Array {
  maxLookback(period);
  const result = outputArray('MAX', x.length, out);
  withFiniteRows([x], [result], ([values], [y]) => rollingMaxKernel(values, period, y));
  return result;
}

export class MAX extends RollingExtremeStream {
  constructor(period = 30) {
    super(period, maxLookback(period), true);
  }
}
