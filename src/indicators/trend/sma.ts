import { RingBuffer } from '../../core/RingBuffer.js';
import { withFiniteRowsDetected } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/**
 * Simple moving average: the mean of the last `period` values (TA-Lib SMA, default period 30).
 * Type: trend/overlap. @see https://ta-lib.org/functions/sma/
 */
export function smaLookback(period = 30): number {
  assertInteger('SMA', 'period', period, 1);
  return period - 1;
}

export function sma(close: Float64Array, period = 30, out?: Float64Array): Float64Array {
  const lookback = smaLookback(period);
  const result = outputArray('SMA', close.length, out);
  withFiniteRowsDetected([close], [result], ([x], [y]) => smaKernel(x, period, lookback, y));
  return result;
}

/**
 * Running sum, hand-written because this loop is the speed the library promises. Returns
 * whether every input was finite: any NaN or infinity leaves the running sum non-finite.
 * TA-Lib's order (add the new value, then subtract the oldest) is kept although its two
 * dependent additions per bar bound the loop: adding the two bars' differences once per two
 * bars measured 25% faster, but its last-bit differences from TA-Lib's sums became 1.6e-8
 * relative differences in composites that average a small difference of two averages
 * (MACDEXT's signal line), beyond the 1e-9 agreement with TA-Lib.
 */
function smaKernel(x: Float64Array, period: number, lookback: number, y: Float64Array): boolean {
  const n = x.length;
  const warm = Math.min(lookback, n);
  let sum = 0;
  for (let i = 0; i < warm; i++) {
    sum += x[i];
    y[i] = NaN;
  }
  const scale = 1 / period;
  // Two bars per iteration, the same operations in the same order: the one-bar loop ran 45%
  // slower in some processes than in others (depending on where its code landed), the
  // unrolled one within 10%.
  let i = lookback;
  for (; i + 1 < n; i += 2) {
    sum += x[i];
    y[i] = sum * scale;
    sum -= x[i - lookback];
    sum += x[i + 1];
    y[i + 1] = sum * scale;
    sum -= x[i + 1 - lookback];
  }
  if (i < n) {
    sum += x[i];
    y[i] = sum * scale;
    sum -= x[i - lookback];
  }
  // Every input was added once: a NaN stays in the sum, an infinity stays or turns into NaN.
  return Number.isFinite(sum);
}

export class SMA extends StreamingIndicator {
  readonly lookback: number;
  private readonly window: RingBuffer;
  private sum = 0;
  private forming = 0;
  private readonly scale: number;

  constructor(readonly period = 30) {
    super();
    this.lookback = smaLookback(period);
    // Committed values of the last period-1 bars; the forming bar completes the window.
    this.window = new RingBuffer(Math.max(1, period - 1));
    this.scale = 1 / period;
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
    this.value = this.count > this.lookback ? (this.sum + x) * this.scale : NaN;
  }

  protected commit(): void {
    if (this.period === 1) return;
    const evicted = this.window.push(this.forming);
    // push() returns NaN until the window is full; stored values are always finite.
    this.sum += evicted === evicted ? this.forming - evicted : this.forming;
  }

  protected clear(): void {
    this.window.clear();
    this.sum = 0;
  }
}
