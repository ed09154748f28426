import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { OrderStatisticsWindow } from './OrderStatisticsWindow.js';

/**
 * Rolling median of the last `period` values (default 30): the middle value, a moving
 * average that ignores spikes and bad ticks. For an even period it is the mean of the two
 * middle values, (a + b) / 2, as `numpy.median` computes it (`quantile(x, period, 0.5)` may
 * differ from it in the last bit, because numpy interpolates quantiles differently).
 * O(log period) per bar (two indexed heaps).
 * Type: rolling. @see https://numpy.org/doc/stable/reference/generated/numpy.median.html
 */
export function medianLookback(period = 30): number {
  assertInteger('MEDIAN', 'period', period, 1);
  return period - 1;
}

export function median(x: Float64Array, period = 30, out?: Float64Array): Float64Array {
  const lookback = medianLookback(period);
  const result = outputArray('MEDIAN', x.length, out);
  withFiniteRows([x], [result], ([values], [y]) => {
    const window = new MedianWindow(period);
    const n = values.length;
    for (let i = 0; i < n; i++) {
      y[i] = i >= lookback ? window.valueWith(values[i]) : NaN;
      window.push(values[i]);
    }
  });
  return result;
}

class MedianWindow {
  private readonly statistics: OrderStatisticsWindow;
  private readonly even: boolean;

  constructor(period: number) {
    this.statistics = new OrderStatisticsWindow(period - 1, (period - 1) >> 1);
    this.even = period % 2 === 0;
  }

  valueWith(x: number): number {
    const low = this.statistics.orderWith(x);
    return this.even ? (low + this.statistics.nextOrderWith(x)) / 2 : low;
  }

  push(x: number): void {
    this.statistics.push(x);
  }

  clear(): void {
    this.statistics.clear();
  }
}

export class MEDIAN extends StreamingIndicator {
  readonly lookback: number;
  private readonly window: MedianWindow;
  private forming = 0;

  constructor(readonly period = 30) {
    super();
    this.lookback = medianLookback(period);
    this.window = new MedianWindow(period);
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
    this.value = this.count > this.lookback ? this.window.valueWith(x) : NaN;
  }

  protected commit(): void {
    this.window.push(this.forming);
  }

  protected clear(): void {
    this.window.clear();
  }
}
