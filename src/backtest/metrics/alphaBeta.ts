import { deviationNoiseFloor, mean } from './sampleStatistics.js';

export interface AlphaBeta {
  /** Annualised alpha: the per-period intercept times periodsPerYear (simple, not compounded). */
  alpha: number;
  /** The per-period intercept of the regression. */
  alphaPerPeriod: number;
  beta: number;
}

/**
 * CAPM regression of the strategy's per-period excess returns on the benchmark's:
 * (r - rf) = alpha + beta·(b - rf) + e by ordinary least squares, so
 * beta = cov(r - rf, b - rf) / var(b - rf) and alpha = mean(r - rf) - beta·mean(b - rf)
 * (scipy's `linregress` slope and intercept; empyrical's `beta`). Alpha is annualised by
 * multiplying by periodsPerYear, the convention of quantstats' `greeks` and of most reports;
 * empyrical compounds instead ((1 + alpha)^periodsPerYear - 1), so its alpha equals
 * (1 + alphaPerPeriod)^periodsPerYear - 1 here. NaN below two pairs and when the benchmark's
 * deviation is zero or rounding noise.
 */
export function alphaBeta(returns: ArrayLike<number>, benchmarkReturns: ArrayLike<number>, periodsPerYear: number, riskFreePerPeriod = 0): AlphaBeta {
  const n = returns.length;
  if (n < 2) return { alpha: NaN, alphaPerPeriod: NaN, beta: NaN };
  let meanStrategy = 0;
  let meanBenchmark = 0;
  for (let i = 0; i < n; i++) {
    meanStrategy += returns[i] - riskFreePerPeriod;
    meanBenchmark += benchmarkReturns[i] - riskFreePerPeriod;
  }
  meanStrategy /= n;
  meanBenchmark /= n;
  let covariance = 0;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    const x = benchmarkReturns[i] - riskFreePerPeriod - meanBenchmark;
    covariance += x * (returns[i] - riskFreePerPeriod - meanStrategy);
    variance += x * x;
  }
  if (!(Math.sqrt(variance / (n - 1)) > deviationNoiseFloor)) return { alpha: NaN, alphaPerPeriod: NaN, beta: NaN };
  const beta = covariance / variance;
  const alphaPerPeriod = meanStrategy - beta * meanBenchmark;
  return { alpha: alphaPerPeriod * periodsPerYear, alphaPerPeriod, beta };
}

/** Pearson correlation; NaN below two pairs or when either side has no variation beyond rounding noise. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (n < 2) return NaN;
  const meanA = mean(a);
  const meanB = mean(b);
  let product = 0;
  let squaresA = 0;
  let squaresB = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i] - meanA;
    const y = b[i] - meanB;
    product += x * y;
    squaresA += x * x;
    squaresB += y * y;
  }
  const floor = deviationNoiseFloor * deviationNoiseFloor * (n - 1);
  if (!(squaresA > floor && squaresB > floor)) return NaN;
  return product / Math.sqrt(squaresA * squaresB);
}
