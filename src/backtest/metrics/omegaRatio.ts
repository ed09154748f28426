/**
 * Omega ratio at a per-period threshold (Keating and Shadwick): the sum of gains above the
 * threshold over the sum of losses below it, sum(max(r - t, 0)) / sum(max(t - r, 0)), as
 * empyrical's `omega_ratio` with `risk_free = t` and `required_return = 0`. `computeMetrics`
 * uses t = 0. NaN below two returns and when no return falls below the threshold (as empyrical).
 */
export function omegaRatio(returns: ArrayLike<number>, thresholdPerPeriod = 0): number {
  const n = returns.length;
  if (n < 2) return NaN;
  let gains = 0;
  let losses = 0;
  for (let i = 0; i < n; i++) {
    const excess = returns[i] - thresholdPerPeriod;
    if (excess > 0) gains += excess;
    else if (excess < 0) losses -= excess;
  }
  return losses > 0 ? gains / losses : NaN;
}
