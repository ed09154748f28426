import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { RollingExtreme } from './RollingExtreme.js';
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

export class MIN extends StreamingIndicator {
  readonly lookback: number;
  private readonly window: RollingExtreme;
  private forming = 0;

  constructor(readonly period = 30) {
    super();
    this.lookback = minLookback(period);
    this.window = new RollingExtreme(period, false);
  }

  update(x: number): number {
    if (this.begin(true, Number.isFinite(x))) this.compute(x);
    return this.value;
  }

  replace(x: number): number {
    if (this.begin(false, Number.isFinite(x))) this.compute(x);
    return this.value;
  }

  private compute(x: number): void {
    this.forming = x;
    this.value = this.count > this.lookback ? this.window.extreme(x) : NaN;
  }

  protected commit(): void {
    this.window.commit(this.forming, 0);
  }

  protected clear(): void {
    this.window.clear();
  }
}
