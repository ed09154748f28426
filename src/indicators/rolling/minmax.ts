import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { RollingExtreme } from './RollingExtreme.js';
import { rollingMaxKernel, rollingMinKernel } from './rollingExtremeKernels.js';

export interface MinMaxOutput {
  min: Float64Array;
  max: Float64Array;
}

/**
 * Lowest and highest values over the last `period` bars in one call (TA-Lib MINMAX, default
 * period 30): the range a price has traded in.
 * Type: rolling. @see https://ta-lib.org/functions/minmax/
 */
export function minmaxLookback(period = 30): number {
  assertInteger('MINMAX', 'period', period, 2);
  return period - 1;
}

export function minmax(x: Float64Array, period = 30, out?: MinMaxOutput): MinMaxOutput {
  minmaxLookback(period);
  const result = { min: outputArray('MINMAX', x.length, out?.min), max: outputArray('MINMAX', x.length, out?.max) };
  withFiniteRows([x], [result.min, result.max], ([values], [low, high]) => {
    rollingMinKernel(values, period, low);
    rollingMaxKernel(values, period, high);
  });
  return result;
}

/** `value` is the minimum; `max` the maximum. */
export class MINMAX extends StreamingIndicator {
  readonly lookback: number;
  max = NaN;
  private readonly lowest: RollingExtreme;
  private readonly highest: RollingExtreme;
  private forming = 0;

  constructor(readonly period = 30) {
    super();
    this.lookback = minmaxLookback(period);
    this.lowest = new RollingExtreme(period, false);
    this.highest = new RollingExtreme(period, true);
  }

  update(x: number): number {
    if (this.begin(true, Number.isFinite(x))) this.compute(x);
    else this.max = NaN;
    return this.value;
  }

  replace(x: number): number {
    if (this.begin(false, Number.isFinite(x))) this.compute(x);
    else this.max = NaN;
    return this.value;
  }

  private compute(x: number): void {
    this.forming = x;
    const ready = this.count > this.lookback;
    this.value = ready ? this.lowest.extreme(x) : NaN;
    this.max = ready ? this.highest.extreme(x) : NaN;
  }

  protected commit(): void {
    this.lowest.commit(this.forming, 0);
    this.highest.commit(this.forming, 0);
  }

  protected clear(): void {
    this.lowest.clear();
    this.highest.clear();
    this.max = NaN;
  }
}
