import { densityConstants, negativeLogDensity, type TermDerivatives } from './innovationLogDensity.js';
import type { LikelihoodWorkspace } from './LikelihoodWorkspace.js';

/**
 * Negative log-likelihood of a GARCH(p, q) or GJR-GARCH(p, o, q) model, with its analytic
 * gradient and per-observation scores on request. The recursion is arch's `garch_recursion`
 * with power 2:
 *
 *   s2_t = omega + sum_j alpha_j e_{t-1-j}^2 + sum_j gamma_j e_{t-1-j}^2 [e_{t-1-j} < 0]
 *          + sum_j beta_j s2_{t-1-j},
 *
 * pre-sample terms e^2 = s2 = B and the asymmetric term B / 2 (B the start-up, see
 * GarchStartup), then arch's bounds: below the lower bound s2 is raised to it, above the
 * upper bound U it becomes U + ln(s2 / U).
 *
 * The gradient follows the recursion forwards (Fiorentini, Calzolari and Panattoni 1996):
 * ds2_t/dtheta = direct terms + sum_j beta_j ds2_{t-1-j}/dtheta, with the mean parameters
 * entering through de_s/dtheta; only the last q derivative vectors are kept.
 */
export function garchNegativeLogLikelihood(workspace: LikelihoodWorkspace, theta: ArrayLike<number>, gradient?: Float64Array, scores?: Float64Array): number {
  const layout = workspace.layout;
  const { p, o, q, meanCount, count: K, degreesIndex, holdBack } = layout;
  const v0 = layout.varianceOffset;
  const want = gradient !== undefined || scores !== undefined;
  workspace.computeResiduals(theta);
  const startup = workspace.startup(want);
  const startupGradient = workspace.startupGradient;
  const constants = densityConstants(layout.distribution, degreesIndex >= 0 ? theta[degreesIndex] : NaN, want);
  const e = workspace.residuals;
  const s2 = workspace.variance;
  const y = workspace.y;
  const { lower, upper } = workspace.bounds;
  const T = workspace.observations;
  const omega = theta[v0];
  const alphaAt = v0 + 1;
  const gammaAt = alphaAt + p;
  const betaAt = gammaAt + o;
  const ring = q + 1;
  // Derivative vectors of the last q + 1 variances, row (t mod ring); offsets, not subarrays, so
  // the loop allocates nothing.
  const history = want ? new Float64Array(ring * K) : undefined;
  const term: TermDerivatives = { variance: 0, residual: 0, degrees: 0 };
  const row = want ? new Float64Array(K) : undefined;
  if (gradient) gradient.fill(0);
  let total = 0;
  for (let t = 0; t < T; t++) {
    let value = omega;
    for (let j = 0; j < p; j++) {
      const s = t - 1 - j;
      value += theta[alphaAt + j] * (s >= 0 ? e[s] * e[s] : startup);
    }
    for (let j = 0; j < o; j++) {
      const s = t - 1 - j;
      value += theta[gammaAt + j] * (s >= 0 ? (e[s] < 0 ? e[s] * e[s] : 0) : 0.5 * startup);
    }
    for (let j = 0; j < q; j++) {
      const s = t - 1 - j;
      value += theta[betaAt + j] * (s >= 0 ? s2[s] : startup);
    }
    if (history === undefined || row === undefined) {
      if (value < lower[t]) value = lower[t];
      else if (value > upper[t]) value = Number.isFinite(value) ? upper[t] + Math.log(value / upper[t]) : upper[t] + 1000;
      s2[t] = value;
      total += negativeLogDensity(constants, e[t], value);
      continue;
    }
    const base = (t % ring) * K;
    for (let k = 0; k < K; k++) history[base + k] = 0;
    history[base + v0] = 1;
    for (let j = 0; j < p; j++) {
      const s = t - 1 - j;
      const coefficient = theta[alphaAt + j];
      if (s >= 0) {
        history[base + alphaAt + j] += e[s] * e[s];
        addResidualSlopeAt(history, base, coefficient * 2 * e[s], s + holdBack, y, meanCount);
      } else {
        history[base + alphaAt + j] += startup;
        for (let k = 0; k < meanCount; k++) history[base + k] += coefficient * startupGradient[k];
      }
    }
    for (let j = 0; j < o; j++) {
      const s = t - 1 - j;
      const coefficient = theta[gammaAt + j];
      if (s >= 0) {
        if (e[s] < 0) {
          history[base + gammaAt + j] += e[s] * e[s];
          addResidualSlopeAt(history, base, coefficient * 2 * e[s], s + holdBack, y, meanCount);
        }
      } else {
        history[base + gammaAt + j] += 0.5 * startup;
        for (let k = 0; k < meanCount; k++) history[base + k] += 0.5 * coefficient * startupGradient[k];
      }
    }
    for (let j = 0; j < q; j++) {
      const s = t - 1 - j;
      const coefficient = theta[betaAt + j];
      if (s >= 0) {
        history[base + betaAt + j] += s2[s];
        const previous = (s % ring) * K;
        for (let k = 0; k < K; k++) history[base + k] += coefficient * history[previous + k];
      } else {
        history[base + betaAt + j] += startup;
        for (let k = 0; k < meanCount; k++) history[base + k] += coefficient * startupGradient[k];
      }
    }
    if (value < lower[t]) {
      value = lower[t];
      for (let k = 0; k < K; k++) history[base + k] = 0;
    } else if (value > upper[t]) {
      if (Number.isFinite(value)) {
        for (let k = 0; k < K; k++) history[base + k] /= value;
        value = upper[t] + Math.log(value / upper[t]);
      } else {
        value = upper[t] + 1000;
        for (let k = 0; k < K; k++) history[base + k] = 0;
      }
    }
    s2[t] = value;
    total += negativeLogDensity(constants, e[t], value, term);
    for (let k = 0; k < K; k++) row[k] = term.variance * history[base + k];
    addResidualSlopeAt(row, 0, term.residual, t + holdBack, y, meanCount);
    if (degreesIndex >= 0) row[degreesIndex] += term.degrees;
    if (gradient) for (let k = 0; k < K; k++) gradient[k] += row[k];
    if (scores) for (let k = 0; k < K; k++) scores[t * K + k] = row[k];
  }
  return total;
}

/**
 * target[offset + m] += factor * de_i/d(mean parameter m) for the residual of y[i]: -1 for the
 * constant, -y[i - m] for AR lag m.
 */
export function addResidualSlopeAt(target: Float64Array, offset: number, factor: number, i: number, y: Float64Array, meanCount: number): void {
  if (meanCount === 0) return;
  target[offset] -= factor;
  for (let m = 1; m < meanCount; m++) target[offset + m] -= factor * y[i - m];
}
