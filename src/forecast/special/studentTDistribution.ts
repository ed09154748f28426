import { logGamma } from './logGamma.js';
import { normalQuantile } from './normalDistribution.js';
import { regularizedIncompleteBeta } from './regularizedIncompleteBeta.js';

/** Density of Student's t with `degrees` degrees of freedom (not standardised). */
export function studentTDensity(t: number, degrees: number): number {
  const logConstant = logGamma((degrees + 1) / 2) - logGamma(degrees / 2) - 0.5 * Math.log(degrees * Math.PI);
  return Math.exp(logConstant - ((degrees + 1) / 2) * Math.log1p((t * t) / degrees));
}

/** P(T > |t|) = I_{v/(v+t^2)}(v/2, 1/2) / 2: the tail, computed directly so it stays relatively accurate. */
function upperTail(t: number, degrees: number): number {
  return 0.5 * regularizedIncompleteBeta(degrees / (degrees + t * t), degrees / 2, 0.5);
}

/** CDF of Student's t with `degrees` > 0 degrees of freedom. */
export function studentTCdf(t: number, degrees: number): number {
  if (Number.isNaN(t) || !(degrees > 0)) return NaN;
  const tail = upperTail(t, degrees);
  return t > 0 ? 1 - tail : tail;
}

/**
 * Quantile of Student's t: solves tail(t) = min(p, 1 - p) for t >= 0 by Newton steps on
 * ln tail(t) (nearly linear in ln t for heavy tails, so it converges where Newton on the CDF
 * overshoots), safeguarded by a bisection bracket, then applies the sign.
 */
export function studentTQuantile(p: number, degrees: number): number {
  if (!(p >= 0 && p <= 1) || !(degrees > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  const tail = Math.min(p, 1 - p);
  const sign = p < 0.5 ? -1 : 1;
  const logTarget = Math.log(tail);
  // Cornish-Fisher start from the normal quantile (good for moderate degrees of freedom).
  const z = -normalQuantile(tail);
  let t = z + (z * z * z + z) / (4 * degrees);
  if (!(t > 0) || !Number.isFinite(t)) t = 1;
  let low = 0;
  let high = Infinity;
  for (let iteration = 0; iteration < 200; iteration++) {
    const value = upperTail(t, degrees);
    const residual = Math.log(value) - logTarget;
    if (residual > 0) low = t;
    else high = t;
    if (Math.abs(residual) < 1e-15) break;
    // d/dt ln tail(t) = -density(t) / tail(t).
    let next = t + (residual * value) / studentTDensity(t, degrees);
    if (!(next > low && next < high)) next = Number.isFinite(high) ? 0.5 * (low + high) : Math.max(2 * t, low + 1);
    if (Math.abs(next - t) <= 1e-15 * t) {
      t = next;
      break;
    }
    t = next;
  }
  return sign * t;
}
