import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { RollingExtreme } from './RollingExtreme.js';
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

export class MAX extends StreamingIndicator {
  readonly lookback: number;
  private readonly window: RollingExtreme;
  private forming = 0;

  constructor(readonly period = 30) {
    super();
    this.lookback = maxLookback(period);
    this.window = new RollingExtreme(period, true);
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
