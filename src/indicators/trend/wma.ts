import { RingBuffer } from '../../core/RingBuffer.js';
import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/** Running sums are re-summed exactly every this many windows (about 1/8 extra work). */
const windowsPerResum = 8;

/**
 * Weighted moving average: the last `period` values weighted 1, 2, ..., period (newest
 * heaviest), divided by period * (period + 1) / 2 (TA-Lib WMA, default period 30). It follows
 * price faster than an SMA of the same period because recent bars count more.
 * Period 1 is accepted and returns the input (as TA-Lib's MA does); TA-Lib's WMA itself starts at 2.
 * Like TA-Lib it keeps running sums (O(1) per bar), but unlike TA-Lib it re-sums them exactly from
 * the window every 8 * period bars, so rounding cannot pile up over long series or carry over from
 * a much higher price level (TA-Lib's can: on a 1,000,000-bar walk from 1e13 down to 1e4 its WMA is
 * off by several percent).
 * Type: trend/overlap. @see https://ta-lib.org/functions/wma/
 */
export function wmaLookback(period = 30): number {
  assertInteger('WMA', 'period', period, 1);
  return period - 1;
}

export function wma(close: Float64Array, period = 30, out?: Float64Array): Float64Array {
  wmaLookback(period);
  const result = outputArray('WMA', close.length, out);
  withFiniteRows([close], [result], ([x], [y]) => wmaKernel(x, period, y));
  return result;
}

/**
 * The WMA over finite input, for indicators built from WMAs (HMA). Two running sums (plain and
 * weighted) make it O(1) per bar; hand-written because speed is the product. `y` must not
 * be `x`.
 */
export function wmaKernel(x: Float64Array, period: number, y: Float64Array): void {
  const n = x.length;
  const lookback = period - 1;
  const scale = 2 / (period * (period + 1));
  // Over the previous period-1 values (oldest first): sum = their sum, weighted = sum of
  // value * (1-based position), so that adding period * x completes the window's weights.
  let sum = 0;
  let weighted = 0;
  const warm = Math.min(lookback, n);
  for (let i = 0; i < warm; i++) {
    const v = x[i];
    weighted += (i + 1) * v;
    sum += v;
    y[i] = NaN;
  }
  const shifted = period - 1;
  const resumEvery = windowsPerResum * period;
  let untilResum = resumEvery - warm;
  for (let i = lookback; i < n; i++) {
    const v = x[i];
    const evicted = x[i - lookback];
    y[i] = (weighted + period * v) * scale;
    // Shift every weight down by one (the oldest drops to weight 0), add v at weight period-1.
    weighted = weighted - sum + shifted * v;
    sum = sum - evicted + v;
    if (--untilResum === 0) {
      untilResum = resumEvery;
      sum = 0;
      weighted = 0;
      for (let k = 1; k <= lookback; k++) {
        const u = x[i - lookback + k];
        weighted += k * u;
        sum += u;
      }
    }
  }
}

/** Streaming WMA: O(1) per bar over a ring of the last period-1 committed values. */
export class WMA extends StreamingIndicator {
  readonly lookback: number;
  private readonly window: RingBuffer;
  private readonly scale: number;
  private sum = 0;
  private weighted = 0;
  private forming = 0;
  private readonly resumEvery: number;

  constructor(readonly period = 30) {
    super();
    this.lookback = wmaLookback(period);
    this.window = new RingBuffer(Math.max(1, period - 1));
    this.scale = 2 / (period * (period + 1));
    this.resumEvery = windowsPerResum * period;
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
    this.value = this.count > this.lookback ? (this.weighted + this.period * x) * this.scale : NaN;
  }

  protected commit(): void {
    if (this.period === 1) return;
    const v = this.forming;
    const held = this.window.length;
    if (held < this.period - 1) {
      this.weighted += (held + 1) * v;
      this.sum += v;
      this.window.push(v);
      return;
    }
    const evicted = this.window.push(v);
    this.weighted = this.weighted - this.sum + (this.period - 1) * v;
    this.sum = this.sum - evicted + v;
    // At the same bars as the batch kernel (count = committed bars), so both round alike.
    if (this.count % this.resumEvery === 0) this.resum();
  }

  private resum(): void {
    const window = this.window;
    let sum = 0;
    let weighted = 0;
    for (let k = 0; k < window.length; k++) {
      const u = window.at(k);
      weighted += (k + 1) * u;
      sum += u;
    }
    this.sum = sum;
    this.weighted = weighted;
  }

  protected clear(): void {
    this.window.clear();
    this.sum = 0;
    this.weighted = 0;
  }
}
