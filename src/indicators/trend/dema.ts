import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { EMA, emaKernel } from './ema.js';

/**
 * Double exponential moving average (Mulloy): 2 * EMA - EMA(EMA), which removes most of an
 * EMA's lag while staying smooth (TA-Lib DEMA, default period 30). Both EMAs are TA-Lib's,
 * each seeded with the mean of its first `period` inputs, so the first value is at bar
 * 2 * (period - 1).
 * Type: trend/overlap. @see https://ta-lib.org/functions/dema/
 */
export function demaLookback(period = 30): number {
  assertInteger('DEMA', 'period', period, 2);
  return 2 * (period - 1);
}

export function dema(close: Float64Array, period = 30, out?: Float64Array): Float64Array {
  demaLookback(period);
  const result = outputArray('DEMA', close.length, out);
  withFiniteRows([close], [result], ([x], [y]) => demaKernel(x, period, y));
  return result;
}

/** Two EMA passes (the second over the first's valid part, written into y), then one combining loop. */
function demaKernel(x: Float64Array, period: number, y: Float64Array): void {
  const n = x.length;
  const factor = 2 / (period + 1);
  const first = new Float64Array(n);
  emaKernel(x, period, factor, 'sma', first);
  const start = period - 1;
  y.fill(NaN, 0, Math.min(start, n));
  if (n <= start) return;
  emaKernel(first.subarray(start), period, factor, 'sma', y.subarray(start));
  for (let i = 2 * start; i < n; i++) y[i] = 2 * first[i] - y[i];
}

/** Streaming DEMA: two chained streaming EMAs; the inner one skips the outer's warm-up. */
export class DEMA extends StreamingIndicator {
  readonly lookback: number;
  private readonly first: EMA;
  private readonly second: EMA;

  constructor(readonly period = 30) {
    super();
    this.lookback = demaLookback(period);
    this.first = new EMA(period);
    this.second = new EMA(period);
  }

  update(x: number): number {
    const e1 = this.first.update(x);
    const e2 = this.second.update(e1);
    if (this.begin(true, Number.isFinite(x))) this.compute(e1, e2);
    return this.value;
  }

  replace(x: number): number {
    const e1 = this.first.replace(x);
    const e2 = this.second.replace(e1);
    if (this.begin(false, Number.isFinite(x))) this.compute(e1, e2);
    return this.value;
  }

  private compute(e1: number, e2: number): void {
    this.value = 2 * e1 - e2;
  }

  protected commit(): void {
    // The inner EMAs commit their own forming bars on their next update.
  }

  protected clear(): void {
    this.first.reset();
    this.second.reset();
  }
}
