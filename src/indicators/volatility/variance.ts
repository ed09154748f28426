import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { MomentsStream } from '../rolling/MomentsStream.js';
import type { RunningMoments } from '../rolling/RunningMoments.js';

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

export class VAR extends MomentsStream {
  constructor(period = 5) {
    super(period, varianceLookback(period));
  }

  protected fromMoments(moments: RunningMoments): number {
    return moments.variance;
  }
}
