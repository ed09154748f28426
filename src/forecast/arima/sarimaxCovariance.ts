import { invertMatrix } from '../linearAlgebra/invertMatrix.js';
import { numericalHessian } from '../optimizer/numericalHessian.js';
import { logLikelihoodAt } from './ArmaKalmanFilter.js';
import type { SarimaxProblem } from './SarimaxProblem.js';

export interface SarimaxCovariances {
  /** Row-major K x K, NaN when singular. */
  opg: Float64Array;
  approx: Float64Array;
  opgSingular: boolean;
  approxSingular: boolean;
}

/**
 * statsmodels' two covariance estimators at the constrained estimate (sigma2 last):
 * - 'approx': the inverse of minus the Hessian of the log-likelihood (statsmodels differentiates
 *   with complex steps; here central differences of the analytic gradient, see
 *   ArmaKalmanGradient.ts, accurate to about eps^(2/3));
 * - 'opg': the inverse of sum_t s_t s_t', s_t the score of observation t, analytic from the
 *   filter's per-observation derivatives dv_t and dF_t.
 * sigma2 is handled analytically: lnL = -1/2 (n ln 2pi + n ln sigma2 + S_F + S_v / sigma2), so
 * only the other parameters need the filter's derivatives. The Hessian's differences are taken
 * in scaled coordinates (`scales`: regression and trend coefficients times the size of their
 * regressor over the size of the series) so one relative step suits all of them.
 */
export function sarimaxCovariances(problem: SarimaxProblem, parameters: Float64Array, scales: Float64Array): SarimaxCovariances {
  const { layout } = problem;
  const K = layout.count;
  const k = K - 1;
  const sigma2 = parameters[k];
  const n = problem.observations;
  const point = parameters.slice(0, k);
  const toScaled = Float64Array.from(point, (value, i) => value * scales[i]);
  const probe = new Float64Array(k);
  /** d lnL / d z (scaled coordinates) at sigma2 fixed; returns lnL. */
  const scaledGradient = (z: Float64Array, out: Float64Array): number => {
    for (let i = 0; i < k; i++) probe[i] = z[i] / scales[i];
    const sums = problem.evaluateGradient(probe);
    if (!sums) {
      out.fill(NaN);
      return NaN;
    }
    const { dSumSquares, dSumLogVariance } = problem.gradient;
    for (let i = 0; i < k; i++) out[i] = (-0.5 * (dSumLogVariance[i] + dSumSquares[i] / sigma2)) / scales[i];
    return logLikelihoodAt(sums, sigma2);
  };

  // --- approx: Hessian blocks.
  const hessian = new Float64Array(K * K);
  if (k > 0) {
    // block = the Hessian of lnL in scaled coordinates; `hessian` holds minus the Hessian.
    const block = numericalHessian(toScaled, { gradient: scaledGradient, typicalSize: 0.1 });
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) hessian[i * K + j] = -block[i * k + j] * scales[i] * scales[j];
  }
  const T = problem.differenced.length;
  const burn = problem.burn;
  const v = new Float64Array(T);
  const f = new Float64Array(T);
  const dv = new Float64Array(T * k);
  const dF = new Float64Array(T * k);
  const sums = problem.evaluateGradient(point, dv, dF);
  const squares = sums!.sumSquares;
  // -d2 lnL / d sigma2^2 and -d2 lnL / d sigma2 d theta_i = -(1/2) dS_v/d theta_i / sigma2^2.
  hessian[k * K + k] = -n / (2 * sigma2 * sigma2) + squares / (sigma2 * sigma2 * sigma2);
  for (let i = 0; i < k; i++) {
    const cross = (-0.5 * problem.gradient.dSumSquares[i]) / (sigma2 * sigma2);
    hessian[i * K + k] = cross;
    hessian[k * K + i] = cross;
  }
  const approxInverse = invertMatrix(hessian, K);

  // --- opg: per-observation scores, l_t = -1/2 (ln 2pi + ln sigma2 + ln F_t + v_t^2 / (sigma2 F_t)).
  problem.evaluate(point, v, f);
  const scores = new Float64Array(T * K);
  for (let t = burn; t < T; t++) {
    const variance = f[t];
    const innovation = v[t];
    for (let i = 0; i < k; i++) {
      const dVariance = dF[t * k + i];
      scores[t * K + i] = -0.5 * (dVariance / variance + (2 * innovation * dv[t * k + i]) / (sigma2 * variance) - (innovation * innovation * dVariance) / (sigma2 * variance * variance));
    }
    scores[t * K + k] = -0.5 * (1 / sigma2 - (innovation * innovation) / (sigma2 * sigma2 * variance));
  }
  const outer = new Float64Array(K * K);
  for (let t = burn; t < T; t++) {
    for (let i = 0; i < K; i++) {
      const si = scores[t * K + i];
      for (let j = 0; j <= i; j++) outer[i * K + j] += si * scores[t * K + j];
    }
  }
  for (let i = 0; i < K; i++) for (let j = 0; j < i; j++) outer[j * K + i] = outer[i * K + j];
  const opgInverse = outer.every(Number.isFinite) ? invertMatrix(outer, K) : undefined;
  const nan = (): Float64Array => new Float64Array(K * K).fill(NaN);
  return {
    opg: opgInverse ?? nan(),
    approx: approxInverse ?? nan(),
    opgSingular: !opgInverse,
    approxSingular: !approxInverse,
  };
}
