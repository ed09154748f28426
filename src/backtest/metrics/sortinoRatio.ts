import { deviationNoiseFloor } from './sampleStatistics.js';

/**
 * Downside deviation below a per-period target, annualised: sqrt(mean(min(r - target, 0)^2)) ·
 * sqrt(periodsPerYear), the mean taken over all periods (not only the losing ones) as in
 * Sortino and Forsey's definition and empyrical's `downside_risk` / quantstats' `sortino`.
 * NaN for no returns.
 */
export function downsideDeviation(returns: ArrayLike<number>, periodsPerYear: number, targetPerPeriod = 0): number {
  const n = returns.length;
  if (n === 0) return NaN;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const shortfall = returns[i] - targetPerPeriod;
    if (shortfall < 0) squares += shortfall * shortfall;
  }
  return Math.sqrt(squares / n) * Math.sqrt(periodsPerYear);
}

/**
 * Annualised Sortino ratio: mean(r - target) · periodsPerYear / downsideDeviation, i.e.
 * mean(r - target) / sqrt(mean(min(r - target, 0)^2)) · sqrt(periodsPerYear) (empyrical's
 * `sortino_ratio`). The target is the per-period risk-free rate in `computeMetrics`. NaN below
 * two returns (as empyrical) and when no period falls below the target (empyrical: inf), since
 * the ratio is then undefined.
 */
export function sortinoRatio(returns: ArrayLike<number>, periodsPerYear: number, targetPerPeriod = 0): number {
  const n = returns.length;
  if (n < 2) return NaN;
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const excess = returns[i] - targetPerPeriod;
    sum += excess;
    if (excess < 0) squares += excess * excess;
  }
  const deviation = Math.sqrt(squares / n);
  if (!(deviation > deviationNoiseFloor)) return NaN;
  return (sum / n / deviation) * Math.sqrt(periodsPerYear);
}
