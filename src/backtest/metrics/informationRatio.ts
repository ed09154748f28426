import { deviationNoiseFloor, mean, sampleStandardDeviation } from './sampleStatistics.js';

function activeReturns(returns: ArrayLike<number>, benchmarkReturns: ArrayLike<number>): Float64Array {
  const active = new Float64Array(returns.length);
  for (let i = 0; i < active.length; i++) active[i] = returns[i] - benchmarkReturns[i];
  return active;
}

/**
 * Annualised tracking error: the sample deviation of active returns (r - b) times
 * sqrt(periodsPerYear). NaN below two returns; 0 when the deviation is rounding noise.
 */
export function trackingError(returns: ArrayLike<number>, benchmarkReturns: ArrayLike<number>, periodsPerYear: number): number {
  const deviation = sampleStandardDeviation(activeReturns(returns, benchmarkReturns));
  if (Number.isNaN(deviation)) return NaN;
  return deviation <= deviationNoiseFloor ? 0 : deviation * Math.sqrt(periodsPerYear);
}

/**
 * Annualised information ratio: mean(r - b) / std(r - b) · sqrt(periodsPerYear), std the sample
 * deviation (n - 1). With periodsPerYear = 1 it is empyrical's `excess_sharpe` (per period, as
 * quantstats' `information_ratio`); annualised here like the Sharpe ratio it sits beside. NaN
 * below two returns and when the tracking error is zero or rounding noise.
 */
export function informationRatio(returns: ArrayLike<number>, benchmarkReturns: ArrayLike<number>, periodsPerYear: number): number {
  if (returns.length < 2) return NaN;
  const active = activeReturns(returns, benchmarkReturns);
  const deviation = sampleStandardDeviation(active);
  if (!(deviation > deviationNoiseFloor)) return NaN;
  return (mean(active) / deviation) * Math.sqrt(periodsPerYear);
}
