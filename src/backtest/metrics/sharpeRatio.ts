import { deviationNoiseFloor } from './sampleStatistics.js';

/**
 * Annualised Sharpe ratio: mean(r - rf) / std(r - rf) · sqrt(periodsPerYear), std the sample
 * deviation (n - 1) and rf the risk-free rate per period (see `perPeriodRate`); empyrical's
 * `sharpe_ratio` with a constant risk-free return. NaN below two returns and when the deviation is
 * zero or rounding noise (a flat or constant-growth curve), where empyrical gives inf or nan:
 * a ratio with nothing to divide by is undefined, and NaN survives JSON as null where Infinity
 * does not.
 */
export function sharpeRatio(returns: ArrayLike<number>, periodsPerYear: number, riskFreePerPeriod = 0): number {
  const n = returns.length;
  if (n < 2) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += returns[i] - riskFreePerPeriod;
  const meanExcess = sum / n;
  // Two passes, so a large mean does not cancel a small spread.
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = returns[i] - riskFreePerPeriod - meanExcess;
    squares += d * d;
  }
  const deviation = Math.sqrt(squares / (n - 1));
  if (!(deviation > deviationNoiseFloor)) return NaN;
  return (meanExcess / deviation) * Math.sqrt(periodsPerYear);
}
