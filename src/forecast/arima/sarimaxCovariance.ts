import { invertMatrix } from '../linearAlgebra/invertMatrix.js';
import { centralDifferenceStep } from '../optimizer/finiteDifferenceGradient.js';
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
 *   with complex steps; here central differences of values, statsmodels' approx_hess3 scheme);
 * - 'opg': the inverse of sum_t s_t s_t', s_t the score of observation t (central differences).
 * sigma2 is handled analytically: lnL = -1/2 (n ln 2pi + n ln sigma2 + S_F + S_v / sigma2), so
 * only the other parameters need differencing. Those are differenced in scaled coordinates
 * (`scales`: regression and trend coefficients times the size of their regressor over the size
 * of the series) so one relative step suits all of them.
 */
export function sarimaxCovariances(problem: SarimaxProblem, parameters: Float64Array, scales: Float64Array): SarimaxCovariances {
  const { layout } = problem;
  const K = layout.count;
  const k = K - 1;
  const sigma2 = parameters[k];
  const n = problem.observations;
  const point = parameters.slice(0, k);
  const toScaled = Float64Array.from(point, (value, i) => value * scales[i]);
  const fromScaled = (z: Float64Array, out: Float64Array): Float64Array => {
    for (let i = 0; i < k; i++) out[i] = z[i] / scales[i];
    return out;
  };
  const probe = new Float64Array(k);
  const sumsAt = (z: Float64Array) => problem.evaluate(fromScaled(z, probe));
  const logLikelihood = (z: Float64Array): number => {
    const sums = sumsAt(z);
    return sums ? logLikelihoodAt(sums, sigma2) : NaN;
  };
  const squaresAt = (z: Float64Array): number => sumsAt(z)?.sumSquares ?? NaN;

  // --- approx: Hessian blocks.
  const hessian = new Float64Array(K * K);
  if (k > 0) {
    const block = numericalHessian(toScaled, { value: (z) => -logLikelihood(z), typicalSize: 0.1 });
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) hessian[i * K + j] = block[i * k + j] * scales[i] * scales[j];
  }
  const squares = problem.evaluate(point)!.sumSquares;
  // -d2 lnL / d sigma2^2 and -d2 lnL / d sigma2 d theta_i.
  hessian[k * K + k] = -n / (2 * sigma2 * sigma2) + squares / (sigma2 * sigma2 * sigma2);
  const z = Float64Array.from(toScaled);
  for (let i = 0; i < k; i++) {
    const h = stepOf(z[i], centralDifferenceStep);
    const zi = z[i];
    z[i] = zi + h;
    const plus = squaresAt(z);
    z[i] = zi - h;
    const minus = squaresAt(z);
    z[i] = zi;
    const cross = (-0.5 * ((plus - minus) / (2 * h)) * scales[i]) / (sigma2 * sigma2);
    hessian[i * K + k] = cross;
    hessian[k * K + i] = cross;
  }
  const approxInverse = invertMatrix(hessian, K);

  // --- opg: per-observation scores.
  const T = problem.differenced.length;
  const burn = problem.burn;
  const scores = new Float64Array(T * K);
  const v = new Float64Array(T);
  const f = new Float64Array(T);
  const vMinus = new Float64Array(T);
  const fMinus = new Float64Array(T);
  const perObservation = (innovation: number, variance: number): number =>
    -0.5 * (Math.log(2 * Math.PI) + Math.log(sigma2) + Math.log(variance) + (innovation * innovation) / (sigma2 * variance));
  for (let i = 0; i < k; i++) {
    const h = stepOf(z[i], centralDifferenceStep);
    const zi = z[i];
    z[i] = zi + h;
    const okPlus = problem.evaluate(fromScaled(z, probe), v, f);
    z[i] = zi - h;
    const okMinus = problem.evaluate(fromScaled(z, probe), vMinus, fMinus);
    z[i] = zi;
    for (let t = burn; t < T; t++) {
      scores[t * K + i] = okPlus && okMinus ? ((perObservation(v[t], f[t]) - perObservation(vMinus[t], fMinus[t])) / (2 * h)) * scales[i] : NaN;
    }
  }
  problem.evaluate(point, v, f);
  for (let t = burn; t < T; t++) scores[t * K + k] = -0.5 * (1 / sigma2 - (v[t] * v[t]) / (sigma2 * sigma2 * f[t]));
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

function stepOf(value: number, relative: number): number {
  const h = relative * Math.max(Math.abs(value), 0.1);
  return value + h - value;
}
