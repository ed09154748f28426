import { archBackcast } from './archBackcast.js';

export interface VarianceBounds {
  lower: Float64Array;
  upper: Float64Array;
}

/**
 * arch's loose per-observation variance bounds (`VolatilityProcess.variance_bounds`), which
 * keep a wild trial parameter from producing a zero or overflowing variance during the
 * search. From an EWMA (lambda 0.94, started at the backcast) of the squared starting
 * residuals v_t: lower = max(v_t / 1e6, var(e) / 1e8), upper = min(max(v_t * 1e6,
 * 1 + max e^2), 1e7 (1 + max e^2)), var with divisor T. A recursion value below the lower
 * bound is raised to it; above the upper bound U it becomes U + ln(value / U).
 */
export function varianceBounds(residuals: ArrayLike<number>): VarianceBounds {
  const n = residuals.length;
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  let mean = 0;
  let maxSquare = 0;
  for (let t = 0; t < n; t++) {
    mean += residuals[t];
    maxSquare = Math.max(maxSquare, residuals[t] * residuals[t]);
  }
  mean /= n;
  let variance = 0;
  for (let t = 0; t < n; t++) variance += (residuals[t] - mean) ** 2;
  variance /= n;
  const lowerFloor = variance / 1e8;
  const upperFloor = 1 + maxSquare;
  const upperCeiling = 1e7 * (1 + maxSquare);
  // The EWMA recursion with both pre-sample terms equal to the backcast.
  let previousSquare = archBackcast(residuals);
  let previousVariance = previousSquare;
  for (let t = 0; t < n; t++) {
    const ewma = 0.06 * previousSquare + 0.94 * previousVariance;
    lower[t] = Math.max(ewma / 1e6, lowerFloor);
    upper[t] = Math.min(Math.max(ewma * 1e6, upperFloor), upperCeiling);
    previousSquare = residuals[t] * residuals[t];
    previousVariance = ewma;
  }
  return { lower, upper };
}
