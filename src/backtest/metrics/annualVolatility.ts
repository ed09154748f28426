import { deviationNoiseFloor, sampleStandardDeviation } from './sampleStatistics.js';

/**
 * Annualised volatility: the sample standard deviation (n - 1) of per-period simple returns
 * times sqrt(periodsPerYear), as empyrical's `annual_volatility` (alpha = 2) and quantstats'
 * `volatility`. NaN below two returns; 0 when the deviation is rounding noise
 * (`deviationNoiseFloor`).
 */
export function annualVolatility(returns: ArrayLike<number>, periodsPerYear: number): number {
  const deviation = sampleStandardDeviation(returns);
  if (Number.isNaN(deviation)) return NaN;
  return deviation <= deviationNoiseFloor ? 0 : deviation * Math.sqrt(periodsPerYear);
}
