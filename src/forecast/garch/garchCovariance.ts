import { invertMatrix } from '../linearAlgebra/invertMatrix.js';

export interface ParameterCovariances {
  /** Inverse Hessian of the negative log-likelihood (information-matrix equality assumed). */
  classic: Float64Array;
  /** Bollerslev-Wooldridge sandwich H^-1 (T cov(scores)) H^-1, arch's default 'robust'. */
  robust: Float64Array;
}

/**
 * Both covariance estimators from the Hessian of the summed negative log-likelihood and the
 * T x K per-observation scores, as arch's `compute_param_cov`: arch divides the Hessian by T,
 * inverts, and forms inv(H/T) cov(S) inv(H/T) / T, where cov is numpy's (demeaned, divisor
 * T - 1); that equals T inv(H) cov(S) inv(H). Undefined when the Hessian is singular.
 */
export function garchCovariance(hessian: Float64Array, scores: Float64Array, observations: number, count: number): ParameterCovariances | undefined {
  const K = count;
  const T = observations;
  const inverse = invertMatrix(hessian, K);
  if (!inverse) return undefined;
  const means = new Float64Array(K);
  for (let t = 0; t < T; t++) for (let k = 0; k < K; k++) means[k] += scores[t * K + k];
  for (let k = 0; k < K; k++) means[k] /= T;
  const scoreCovariance = new Float64Array(K * K);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < K; i++) {
      const di = scores[t * K + i] - means[i];
      for (let j = i; j < K; j++) scoreCovariance[i * K + j] += di * (scores[t * K + j] - means[j]);
    }
  }
  for (let i = 0; i < K; i++) {
    for (let j = i; j < K; j++) {
      const value = scoreCovariance[i * K + j] / (T - 1);
      scoreCovariance[i * K + j] = value;
      scoreCovariance[j * K + i] = value;
    }
  }
  const middle = multiply(multiply(inverse, scoreCovariance, K), inverse, K);
  for (let k = 0; k < K * K; k++) middle[k] *= T;
  return { classic: inverse, robust: middle };
}

/** Row-major product of two K x K matrices. */
export function multiply(a: ArrayLike<number>, b: ArrayLike<number>, K: number): Float64Array {
  const out = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    for (let k = 0; k < K; k++) {
      const aik = a[i * K + k];
      if (aik === 0) continue;
      for (let j = 0; j < K; j++) out[i * K + j] += aik * b[k * K + j];
    }
  }
  return out;
}

/** J C J' for a K x K covariance C and Jacobian J. */
export function transformCovariance(covariance: Float64Array, jacobian: Float64Array, K: number): Float64Array {
  const transposed = new Float64Array(K * K);
  for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) transposed[j * K + i] = jacobian[i * K + j];
  return multiply(multiply(jacobian, covariance, K), transposed, K);
}
