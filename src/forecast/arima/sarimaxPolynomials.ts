import type { SarimaxLayout } from './SarimaxSpecification.js';

/**
 * The reduced-form coefficients of the multiplicative model, as statsmodels' `update`:
 * phi(L) Phi(L^s) = 1 - sum_i ar_i L^i and theta(L) Theta(L^s) = 1 + sum_i ma_i L^i, written
 * into `ar` (length p + sP) and `ma` (length q + sQ) from constrained parameters.
 */
export function reducedPolynomials(layout: SarimaxLayout, parameters: ArrayLike<number>, ar: Float64Array, ma: Float64Array): void {
  const { p, q, seasonalP, seasonalQ, period, arOffset, maOffset, seasonalArOffset, seasonalMaOffset } = layout;
  ar.fill(0);
  ma.fill(0);
  // AR: (1 - sum phi_i L^i)(1 - sum Phi_j L^{js}) = 1 - sum phi_i L^i - sum Phi_j L^{js} + sum phi_i Phi_j L^{i+js}.
  for (let i = 1; i <= p; i++) ar[i - 1] += parameters[arOffset + i - 1];
  for (let j = 1; j <= seasonalP; j++) {
    const seasonal = parameters[seasonalArOffset + j - 1];
    ar[j * period - 1] += seasonal;
    for (let i = 1; i <= p; i++) ar[i + j * period - 1] -= parameters[arOffset + i - 1] * seasonal;
  }
  for (let i = 1; i <= q; i++) ma[i - 1] += parameters[maOffset + i - 1];
  for (let j = 1; j <= seasonalQ; j++) {
    const seasonal = parameters[seasonalMaOffset + j - 1];
    ma[j * period - 1] += seasonal;
    for (let i = 1; i <= q; i++) ma[i + j * period - 1] += parameters[maOffset + i - 1] * seasonal;
  }
}

/** Coefficients delta_0..delta_K (delta_0 = 1) of (1 - L)^d (1 - L^s)^D, K = d + sD. */
export function differencingPolynomial(layout: SarimaxLayout): Float64Array {
  let polynomial = Float64Array.of(1);
  const multiply = (factor: Float64Array): void => {
    const product = new Float64Array(polynomial.length + factor.length - 1);
    for (let i = 0; i < polynomial.length; i++) for (let j = 0; j < factor.length; j++) product[i + j] += polynomial[i] * factor[j];
    polynomial = product;
  };
  for (let i = 0; i < layout.d; i++) multiply(Float64Array.of(1, -1));
  for (let i = 0; i < layout.seasonalD; i++) {
    const seasonal = new Float64Array(layout.period + 1);
    seasonal[0] = 1;
    seasonal[layout.period] = -1;
    multiply(seasonal);
  }
  return polynomial;
}

/** sum_k delta_k x_{t-k} for t = K..n-1: the differenced series (length n - K). */
export function applyDifferencing(series: ArrayLike<number>, delta: Float64Array): Float64Array {
  const K = delta.length - 1;
  const n = series.length;
  const out = new Float64Array(Math.max(0, n - K));
  for (let t = K; t < n; t++) {
    let sum = 0;
    for (let k = 0; k <= K; k++) if (delta[k] !== 0) sum += delta[k] * series[t - k];
    out[t - K] = sum;
  }
  return out;
}

/** The trend's state intercept c_t at (0-based) time t: intercept + drift * (t + 1), statsmodels' trend_offset = 1. */
export function trendValue(layout: SarimaxLayout, parameters: ArrayLike<number>, time: number): number {
  let value = 0;
  for (let k = 0; k < layout.trendPowers.length; k++) {
    value += parameters[layout.trendOffset + k] * (layout.trendPowers[k] === 0 ? 1 : time + 1);
  }
  return value;
}

/**
 * Tangents of `reducedPolynomials` along each parameter before sigma2 (direction d = parameter
 * d): row d of `dAr` (stride `stride`) receives d ar / d parameter_d and row d of `dR` receives
 * d ma / d parameter_d shifted by one (R = (1, ma_1, ...)). The reduced coefficients are
 * bilinear in the seasonal and non-seasonal ones, so each row is a few signed entries.
 */
export function reducedPolynomialTangents(layout: SarimaxLayout, parameters: ArrayLike<number>, dAr: Float64Array, dR: Float64Array, stride: number): void {
  const { p, q, seasonalP, seasonalQ, period, arOffset, maOffset, seasonalArOffset, seasonalMaOffset } = layout;
  dAr.fill(0);
  dR.fill(0);
  for (let i = 1; i <= p; i++) {
    const row = (arOffset + i - 1) * stride;
    dAr[row + i - 1] = 1;
    for (let j = 1; j <= seasonalP; j++) dAr[row + i + j * period - 1] -= parameters[seasonalArOffset + j - 1];
  }
  for (let j = 1; j <= seasonalP; j++) {
    const row = (seasonalArOffset + j - 1) * stride;
    dAr[row + j * period - 1] = 1;
    for (let i = 1; i <= p; i++) dAr[row + i + j * period - 1] -= parameters[arOffset + i - 1];
  }
  for (let i = 1; i <= q; i++) {
    const row = (maOffset + i - 1) * stride;
    dR[row + i] = 1;
    for (let j = 1; j <= seasonalQ; j++) dR[row + i + j * period] += parameters[seasonalMaOffset + j - 1];
  }
  for (let j = 1; j <= seasonalQ; j++) {
    const row = (seasonalMaOffset + j - 1) * stride;
    dR[row + j * period] = 1;
    for (let i = 1; i <= q; i++) dR[row + i + j * period] += parameters[maOffset + i - 1];
  }
}
