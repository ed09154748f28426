import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { MomentsStream } from './MomentsStream.js';
import type { RunningMoments } from './RunningMoments.js';

/**
 * Rolling z-score, (x - mean) / stddev over the last `period` values including x (default 30):
 * how many standard deviations the latest value sits from its recent average, the basis of
 * mean-reversion entries. The mean and the population standard deviation use TA-Lib's
 * SMA/STDDEV arithmetic, so z = (x - SMA) / STDDEV exactly. When the window's variance is
 * indistinguishable from rounding noise (at most 1e-12 of the mean square, i.e. a flat
 * window), z is 0: the value is at its mean.
 * Type: rolling. @see https://en.wikipedia.org/wiki/Standard_score
 */
export function zscoreLookback(period = 30): number {
  assertInteger('ZSCORE', 'period', period, 2);
  return period - 1;
}

export function zscore(x: Float64Array, period = 30, out?: Float64Array): Float64Array {
  const lookback = zscoreLookback(period);
  const result = outputArray('ZSCORE', x.length, out);
  withFiniteRows([x], [result], ([values], [y]) => zscoreKernel(values, period, lookback, y));
  return result;
}

/** Relative variance below which the window counts as flat. */
const flatVariance = 1e-12;

/** Fused running sums of x and x², hand-written: speed is the product. */
function zscoreKernel(x: Float64Array, period: number, lookback: number, y: Float64Array): void {
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
    const meanSquare = totalSquares / period;
    const variance = meanSquare - mean * mean;
    y[i] = variance > flatVariance * meanSquare ? (value - mean) / Math.sqrt(variance) : 0;
    const oldest = x[i - lookback];
    total -= oldest;
    totalSquares -= oldest * oldest;
  }
}

export class ZSCORE extends MomentsStream {
  constructor(period = 30) {
    super(period, zscoreLookback(period));
  }

  protected fromMoments(moments: RunningMoments, x: number): number {
    return moments.variance > flatVariance * moments.meanSquare ? (x - moments.mean) / Math.sqrt(moments.variance) : 0;
  }
}
