import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertNumber, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { OrderStatisticsWindow } from './OrderStatisticsWindow.js';

/**
 * Rolling quantile `q` of the last `period` values (default period 30, q 0.5): robust levels
 * such as the 5th/95th percentile of returns (value at risk) or of spreads, unmoved by
 * single outliers.
 *
 * Definition: numpy's default `method='linear'` (Hyndman and Fan type 7, also R's default and
 * pandas' `rolling().quantile()`): sort the window as s_0 <= ... <= s_{n-1}, let h = (n-1)·q,
 * j = floor(h), g = h - j; the quantile is s_j + g·(s_{j+1} - s_j), evaluated as numpy does
 * (from s_{j+1} downwards when g >= 0.5), so results equal `numpy.quantile` bit for bit.
 * q = 0 is the minimum, q = 1 the maximum. O(log period) per bar (two indexed heaps).
 * Type: rolling. @see https://numpy.org/doc/stable/reference/generated/numpy.quantile.html
 */
export function quantileLookback(period = 30, q = 0.5): number {
  assertInteger('QUANTILE', 'period', period, 1);
  assertNumber('QUANTILE', 'q', q, 0, 1);
  return period - 1;
}

export function quantile(x: Float64Array, period = 30, q = 0.5, out?: Float64Array): Float64Array {
  const lookback = quantileLookback(period, q);
  const result = outputArray('QUANTILE', x.length, out);
  withFiniteRows([x], [result], ([values], [y]) => {
    const window = new QuantileWindow(period, q);
    const n = values.length;
    for (let i = 0; i < n; i++) {
      y[i] = i >= lookback ? window.valueWith(values[i]) : NaN;
      window.push(values[i]);
    }
  });
  return result;
}

/** The committed window plus the interpolation rule, shared by batch and stream. */
class QuantileWindow {
  private readonly statistics: OrderStatisticsWindow;
  private readonly fraction: number;

  constructor(period: number, q: number) {
    const position = (period - 1) * q;
    const rank = Math.floor(position);
    this.fraction = position - rank;
    this.statistics = new OrderStatisticsWindow(period - 1, rank);
  }

  valueWith(x: number): number {
    const low = this.statistics.orderWith(x);
    const g = this.fraction;
    if (g === 0) return low;
    const high = this.statistics.nextOrderWith(x);
    const difference = high - low;
    return g < 0.5 ? low + difference * g : high - difference * (1 - g);
  }

  push(x: number): void {
    this.statistics.push(x);
  }

  clear(): void {
    this.statistics.clear();
  }
}

export class QUANTILE extends StreamingIndicator {
  readonly lookback: number;
  private readonly window: QuantileWindow;
  private forming = 0;

  constructor(
    readonly period = 30,
    readonly q = 0.5,
  ) {
    super();
    this.lookback = quantileLookback(period, q);
    this.window = new QuantileWindow(period, q);
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
