import { addResidualSlopeAt } from './garchNegativeLogLikelihood.js';
import { densityConstants, negativeLogDensity, type TermDerivatives } from './innovationLogDensity.js';
import type { LikelihoodWorkspace } from './LikelihoodWorkspace.js';

/** E|z| for a standard normal, the constant arch subtracts (SQRT2_OV_PI, also under the Student-t). */
export const meanAbsoluteNormal = 0.79788456080286541;
/** arch's cap on ln s2 (LNSIGMA_MAX): ln(largest double) - 0.1, so exp never overflows. */
export const maxLogVariance = Math.log(Number.MAX_VALUE) - 0.1;

/**
 * Negative log-likelihood of EGARCH(p, o, q) (Nelson 1991, in arch's parameterisation), with
 * analytic gradient and scores:
 *
 *   ln s2_t = omega + sum_j alpha_j (|z_{t-1-j}| - sqrt(2/pi)) + sum_j gamma_j z_{t-1-j}
 *             + sum_j beta_j ln s2_{t-1-j},   z = e / s.
 *
 * As arch's `egarch_recursion`: pre-sample shocks contribute nothing (their expectation),
 * pre-sample ln s2 is ln B, ln s2 is capped at `maxLogVariance`, and the variance bounds act
 * on s2 (raised to the lower bound; above U it becomes U + ln s2 - ln U).
 *
 * Derivatives: dz_s = de_s / s_s - z_s d(ln s2_s) / 2, d|z| = sign(z) dz; the last
 * max(p, o, q) vectors of d(ln s2) and dz are kept.
 */
export function egarchNegativeLogLikelihood(workspace: LikelihoodWorkspace, theta: ArrayLike<number>, gradient?: Float64Array, scores?: Float64Array): number {
  const layout = workspace.layout;
  const { p, o, q, meanCount, count: K, degreesIndex, holdBack, maxLag } = layout;
  const v0 = layout.varianceOffset;
  const want = gradient !== undefined || scores !== undefined;
  workspace.computeResiduals(theta);
  const startup = workspace.startup(want);
  const logStartup = Math.log(startup);
  const startupGradient = workspace.startupGradient;
  const constants = densityConstants(layout.distribution, degreesIndex >= 0 ? theta[degreesIndex] : NaN, want);
  const e = workspace.residuals;
  const s2 = workspace.variance;
  const y = workspace.y;
  const { lower, upper } = workspace.bounds;
  const T = workspace.observations;
  const alphaAt = v0 + 1;
  const gammaAt = alphaAt + p;
  const betaAt = gammaAt + o;
  const ring = maxLag + 1;
  // ln s2 and z of the last `ring` observations, and their derivative vectors.
  const logVariance = new Float64Array(ring);
  const standardized = new Float64Array(ring);
  const logDerivative = want ? new Float64Array(ring * K) : undefined;
  const zDerivative = want ? new Float64Array(ring * K) : undefined;
  const term: TermDerivatives = { variance: 0, residual: 0, degrees: 0 };
  const row = want ? new Float64Array(K) : undefined;
  if (gradient) gradient.fill(0);
  let total = 0;
  for (let t = 0; t < T; t++) {
    const slot = t % ring;
    let value = theta[v0];
    for (let j = 0; j < p; j++) {
      const s = t - 1 - j;
      if (s >= 0) value += theta[alphaAt + j] * (Math.abs(standardized[s % ring]) - meanAbsoluteNormal);
    }
    for (let j = 0; j < o; j++) {
      const s = t - 1 - j;
      if (s >= 0) value += theta[gammaAt + j] * standardized[s % ring];
    }
    for (let j = 0; j < q; j++) {
      const s = t - 1 - j;
      value += theta[betaAt + j] * (s >= 0 ? logVariance[s % ring] : logStartup);
    }
    // Offsets into the derivative rings, not subarrays, so the loop allocates nothing.
    const base = slot * K;
    if (logDerivative && zDerivative) {
      for (let k = 0; k < K; k++) logDerivative[base + k] = 0;
      logDerivative[base + v0] = 1;
      for (let j = 0; j < p; j++) {
        const s = t - 1 - j;
        if (s < 0) continue;
        const z = standardized[s % ring];
        logDerivative[base + alphaAt + j] += Math.abs(z) - meanAbsoluteNormal;
        const factor = theta[alphaAt + j] * Math.sign(z);
        const previous = (s % ring) * K;
        for (let k = 0; k < K; k++) logDerivative[base + k] += factor * zDerivative[previous + k];
      }
      for (let j = 0; j < o; j++) {
        const s = t - 1 - j;
        if (s < 0) continue;
        logDerivative[base + gammaAt + j] += standardized[s % ring];
        const factor = theta[gammaAt + j];
        const previous = (s % ring) * K;
        for (let k = 0; k < K; k++) logDerivative[base + k] += factor * zDerivative[previous + k];
      }
      for (let j = 0; j < q; j++) {
        const s = t - 1 - j;
        const coefficient = theta[betaAt + j];
        if (s >= 0) {
          logDerivative[base + betaAt + j] += logVariance[s % ring];
          const previous = (s % ring) * K;
          for (let k = 0; k < K; k++) logDerivative[base + k] += coefficient * logDerivative[previous + k];
        } else {
          logDerivative[base + betaAt + j] += logStartup;
          for (let k = 0; k < K; k++) logDerivative[base + k] += (coefficient * startupGradient[k]) / startup;
        }
      }
    }
    if (value > maxLogVariance) {
      value = maxLogVariance;
      if (logDerivative) for (let k = 0; k < K; k++) logDerivative[base + k] = 0;
    }
    let variance = Math.exp(value);
    if (variance < lower[t]) {
      variance = lower[t];
      value = Math.log(variance);
      if (logDerivative) for (let k = 0; k < K; k++) logDerivative[base + k] = 0;
    } else if (variance > upper[t]) {
      variance = upper[t] + value - Math.log(upper[t]);
      if (logDerivative) for (let k = 0; k < K; k++) logDerivative[base + k] /= variance;
      value = Math.log(variance);
    }
    s2[t] = variance;
    logVariance[slot] = value;
    const deviation = Math.sqrt(variance);
    const z = e[t] / deviation;
    standardized[slot] = z;
    if (!logDerivative || !zDerivative || !row) {
      total += negativeLogDensity(constants, e[t], variance);
      continue;
    }
    total += negativeLogDensity(constants, e[t], variance, term);
    for (let k = 0; k < K; k++) zDerivative[base + k] = -0.5 * z * logDerivative[base + k];
    addResidualSlopeAt(zDerivative, base, 1 / deviation, t + holdBack, y, meanCount);
    for (let k = 0; k < K; k++) row[k] = term.variance * variance * logDerivative[base + k];
    addResidualSlopeAt(row, 0, term.residual, t + holdBack, y, meanCount);
    if (degreesIndex >= 0) row[degreesIndex] += term.degrees;
    if (gradient) for (let k = 0; k < K; k++) gradient[k] += row[k];
    if (scores) for (let k = 0; k < K; k++) scores[t * K + k] = row[k];
  }
  return total;
}
