import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { EMA, emaKernel } from './ema.js';

/**
 * Triple exponential moving average (Mulloy): 3 * EMA - 3 * EMA(EMA) + EMA(EMA(EMA)), even less
 * lag than DEMA (TA-Lib TEMA, default period 30). Each EMA is TA-Lib's, seeded with the mean of
 * its first `period` inputs, so the first value is at bar 3 * (period - 1). Not to be confused
 * with T3 or TRIX.
 * Type: trend/overlap. @see https://ta-lib.org/functions/tema/
 */
export function temaLookback(period = 30): number {
  assertInteger('TEMA', 'period', period, 2);
  return 3 * (period - 1);
}

export function tema(close: Float64Array, period = 30, out?: Float64Array): Float64Array {
  temaLookback(period);
  const result = outputArray('TEMA', close.length, out);
  withFiniteRows([close], [result], ([x], [y]) => temaKernel(x, period, y));
  return result;
}

/** Three EMA passes, each over the previous one's valid part (the third written into y), then one combining loop. */
function temaKernel(x: Float64Array, period: number, y: Float64Array): void {
  const n = x.length;
  const factor = 2 / (period + 1);
  const start = period - 1;
  y.fill(NaN, 0, Math.min(2 * start, n));
  if (n <= 2 * start) return;
  const first = new Float64Array(n);
  const second = new Float64Array(n);
  emaKernel(x, period, factor, 'sma', first);
  emaKernel(first.subarray(start), period, factor, 'sma', second.subarray(start));
  emaKernel(second.subarray(2 * start), period, factor, 'sma', y.subarray(2 * start));
  for (let i = 3 * start; i < n; i++) y[i] = y[i] + (3 * first[i] - 3 * second[i]);
}

/** Streaming TEMA: three chained streaming EMAs, each skipping the previous one's warm-up. */
export class TEMA extends StreamingIndicator {
  readonly lookback: number;
  private readonly first: EMA;
  private readonly second: EMA;
  private readonly third: EMA;

  constructor(readonly period = 30) {
    super();
    this.lookback = temaLookback(period);
    this.first = new EMA(period);
    this.second = new EMA(period);
    this.third = new EMA(period);
  }

  update(x: number): number {
    const e1 = this.first.update(x);
    const e2 = this.second.update(e1);
    const e3 = this.third.update(e2);
    if (this.begin(true, Number.isFinite(x))) this.value = e3 + (3 * e1 - 3 * e2);
    return this.value;
  }

  replace(x: number): number {
    const e1 = this.first.replace(x);
    const e2 = this.second.replace(e1);
    const e3 = this.third.replace(e2);
    if (this.begin(false, Number.isFinite(x))) this.value = e3 + (3 * e1 - 3 * e2);
    return this.value;
  }

  protected commit(): void {
    // The inner EMAs commit their own forming bars on their next update.
  }

  protected clear(): void {
    this.first.reset();
    this.second.reset();
    this.third.reset();
  }
}
