import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { RunningMoments } from '../rolling/RunningMoments.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/**
 * Population variance of the last `period` values (TA-Lib VAR, default period 5): the mean
 * squared distance from the window's mean, in squared price units. Registry name `var`
 * (`var` is a reserved word in JavaScript, hence `variance`). TA-Lib's arithmetic:
 * mean(x²) - mean(x)² from running sums, so a flat window can give a rounding error just
 * below zero, as in TA-Lib. TA-Lib's VAR takes an nbDev it ignores; it is left out here.
 * Type: volatility. @see https://ta-lib.org/functions/var/
 */
export function varianceLookback(period = 5): number {
  assertInteger('VAR', 'period', period, 1);
  return period - 1;
}

export function variance(x: Float64Array, period = 5, out?: Float64Array): Float64Array {
  const lookback = varianceLookback(period);
  const result = outputArray('VAR', x.length, out);
  withFiniteRows([x], [result], ([values], [y]) => varianceKernel(values, period, lookback, y));
  return result;
}

/** Fused running sums of x and x² in TA-Lib's order, hand-written: speed is the product. */
function varianceKernel(x: Float64Array, period: number, lookback: number, y: Float64Array): void {
  const n = x.length;
  const warm = Math.min(lookback, n);
  let total = 0;
  let totalSquares = 0;
  for (let i = 0; i < warm; i++) {
    const value = x[i];
    total += value;
    totalSquares += value * value;
    y[i] = NaN;
  }
  for (let i = lookback; i < n; i++) {
    const value = x[i];
    total += value;
    totalSquares += value * value;
    const mean = total / period;
    y[i] = totalSquares / period - mean * mean;
    const oldest = x[i - lookback];
    total -= oldest;
    totalSquares -= oldest * oldest;
  }
}

export class VAR extends StreamingIndicator {
  readonly lookback: number;
  private readonly moments: RunningMoments;
  private forming = 0;

  constructor(readonly period = 5) {
    super();
    this.lookback = varianceLookback(period);
    this.moments = new RunningMoments(period);
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
    if (this.count <= this.lookback) {
      this.value = NaN;
      return;
    }
    this.moments.load(x);
    this.value = this.moments.variance;
  }

  protected commit(): void {
    this.moments.commit(this.forming);
  }

  protected clear(): void {
    this.moments.clear();
  }
}
