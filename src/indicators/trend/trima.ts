import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { SMA } from './sma.js';

/**
 * Triangular moving average: an SMA of an SMA, so the weights rise linearly to the middle of
 * the window and fall again; very smooth, with a lag of about half the period (TA-Lib TRIMA,
 * default period 30). As in TA-Lib, an odd period averages two SMAs of (period + 1) / 2, an even
 * period an SMA of period / 2 and then one of period / 2 + 1; the first value is at bar period - 1.
 * Type: trend/overlap. @see https://ta-lib.org/functions/trima/
 */
export function trimaLookback(period = 30): number {
  assertInteger('TRIMA', 'period', period, 2);
  return period - 1;
}

/** The two SMA periods whose composition is TRIMA(period). */
export function trimaStages(period: number): [number, number] {
  const half = period >> 1;
  return period % 2 === 1 ? [half + 1, half + 1] : [half, half + 1];
}

export function trima(close: Float64Array, period = 30, out?: Float64Array): Float64Array {
  trimaLookback(period);
  const result = outputArray('TRIMA', close.length, out);
  withFiniteRows([close], [result], ([x], [y]) => trimaKernel(x, period, y));
  return result;
}

/** Two running sums in one loop; the first stage's means are kept to be evicted from the second. */
function trimaKernel(x: Float64Array, period: number, y: Float64Array): void {
  const n = x.length;
  const [inner, outer] = trimaStages(period);
  const innerScale = 1 / inner;
  const outerScale = 1 / outer;
  const means = new Float64Array(n);
  const lookback = period - 1;
  let innerSum = 0;
  let outerSum = 0;
  y.fill(NaN, 0, Math.min(lookback, n));
  for (let i = 0; i < n; i++) {
    innerSum += x[i];
    if (i < inner - 1) continue;
    const mean = innerSum * innerScale;
    innerSum -= x[i - inner + 1];
    means[i] = mean;
    outerSum += mean;
    if (i >= lookback) {
      y[i] = outerSum * outerScale;
      outerSum -= means[i - outer + 1];
    }
  }
}

/** Streaming TRIMA: two chained streaming SMAs (the second skips the first's warm-up). */
export class TRIMA extends StreamingIndicator {
  readonly lookback: number;
  private readonly inner: SMA;
  private readonly outer: SMA;

  constructor(readonly period = 30) {
    super();
    this.lookback = trimaLookback(period);
    const [inner, outer] = trimaStages(period);
    this.inner = new SMA(inner);
    this.outer = new SMA(outer);
  }

  update(x: number): number {
    const mean = this.outer.update(this.inner.update(x));
    if (this.begin(true, Number.isFinite(x))) this.value = mean;
    return this.value;
  }

  replace(x: number): number {
    const mean = this.outer.replace(this.inner.replace(x));
    if (this.begin(false, Number.isFinite(x))) this.value = mean;
    return this.value;
  }

  protected commit(): void {
    // The inner SMAs commit their own forming bars on their next update.
  }

  protected clear(): void {
    this.inner.reset();
    this.outer.reset();
  }
}
