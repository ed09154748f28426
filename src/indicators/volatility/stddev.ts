import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertNumber, outputArray } from '../parameters.js';
import { MomentsStream } from '../rolling/MomentsStream.js';
import type { RunningMoments } from '../rolling/RunningMoments.js';

/**
 * Population standard deviation of the last `period` values times `nbDev` (TA-Lib STDDEV,
 * defaults period 5, nbDev 1): how widely price has been swinging around its mean, in price
 * units. TA-Lib's arithmetic: sqrt(mean(x²) - mean(x)²) from running sums, and 0 when that
 * variance is below 1e-14 (a flat window; note the threshold is absolute, so series of very
 * small values, e.g. prices of 1e-4, read 0 too, as in TA-Lib). nbDev may be negative, as
 * TA-Lib allows.
 * Type: volatility. @see https://ta-lib.org/functions/stddev/
 */
export function stddevLookback(period = 5, nbDev = 1): number {
  assertInteger('STDDEV', 'period', period, 2);
  assertNumber('STDDEV', 'nbDev', nbDev, -100, 100);
  return period - 1;
}

export function stddev(x: Float64Array, period = 5, nbDev = 1, out?: Float64Array): Float64Array {
  const lookback = stddevLookback(period, nbDev);
  const result = outputArray('STDDEV', x.length, out);
  withFiniteRows([x], [result], ([values], [y]) => stddevKernel(values, period, nbDev, lookback, y));
  return result;
}

/** TA-Lib's zero test (TA_IS_ZERO_OR_NEG): variances below it read as 0. */
export const varianceEpsilon = 1e-14;

/** Fused running sums of x and x² in TA-Lib's order, hand-written: speed is the product. */
function stddevKernel(x: Float64Array, period: number, nbDev: number, lookback: number, y: Float64Array): void {
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
    const variance = totalSquares / period - mean * mean;
    y[i] = variance < varianceEpsilon ? 0 : Math.sqrt(variance) * nbDev;
    const oldest = x[i - lookback];
    total -= oldest;
    totalSquares -= oldest * oldest;
  }
}

export class STDDEV extends MomentsStream {
  constructor(
    period = 5,
    readonly nbDev = 1,
  ) {
    super(period, stddevLookback(period, nbDev));
  }

  protected fromMoments(moments: RunningMoments): number {
    const variance = moments.variance;
    return variance < varianceEpsilon ? 0 : Math.sqrt(variance) * this.nbDev;
  }
}
