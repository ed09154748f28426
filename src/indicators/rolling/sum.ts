import { RingBuffer } from '../../core/RingBuffer.js';
import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/**
 * Sum of the last `period` values (TA-Lib SUM, default period 30): total volume or total
 * change over a window. A running sum, added and subtracted in TA-Lib's order, so results
 * match TA-Lib to the last bit.
 * Type: rolling. @see https://ta-lib.org/functions/sum/
 */
export function sumLookback(period = 30): number {
  assertInteger('SUM', 'period', period, 2);
  return period - 1;
}

export function sum(x: Float64Array, period = 30, out?: Float64Array): Float64Array {
  const lookback = sumLookback(period);
  const result = outputArray('SUM', x.length, out);
  withFiniteRows([x], [result], ([values], [y]) => sumKernel(values, lookback, y));
  return result;
}

/** Running sum, hand-written: speed is the product. */
function sumKernel(x: Float64Array, lookback: number, y: Float64Array): void {
  const n = x.length;
  const warm = Math.min(lookback, n);
  let total = 0;
  for (let i = 0; i < warm; i++) {
    total += x[i];
    y[i] = NaN;
  }
  for (let i = lookback; i < n; i++) {
    total += x[i];
    y[i] = total;
    total -= x[i - lookback];
  }
}

export class SUM extends StreamingIndicator {
  readonly lookback: number;
  private readonly window: RingBuffer;
  private total = 0;
  private forming = 0;

  constructor(readonly period = 30) {
    super();
    this.lookback = sumLookback(period);
    // The committed last period-1 values; the forming value completes the window.
    this.window = new RingBuffer(period - 1);
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
    this.value = this.count > this.lookback ? this.total + x : NaN;
  }

  protected commit(): void {
    const evicted = this.window.push(this.forming);
    // Same order as the batch loop (add, then subtract the oldest), so both agree bit for bit.
    this.total = evicted === evicted ? this.total + this.forming - evicted : this.total + this.forming;
  }

  protected clear(): void {
    this.window.clear();
    this.total = 0;
  }
}
