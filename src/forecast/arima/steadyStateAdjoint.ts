/*
 * The steady-state phase of ArmaKalmanGradient (frozen gain g and variance F) by reverse mode,
 * hand-written for speed like ArmaKalmanFilter: the value pass (`steadyStateMean` of
 * ArmaKalmanFilter.ts) keeps the innovations, then one adjoint pass whose cost does not grow with the number of parameters. The derivation is
 * in `ArmaKalmanGradient.steadyAdjoint`. For the usual small state (m <= 4) the vectors live
 * in scalars, zero-padded to four as in ArmaKalmanFilter.run; the padding only meets zero
 * coefficients (ar_i = g_i = 0 beyond m), so it changes nothing.
 */

/**
 * The adjoint pass (see `steadyAdjoint`): leaves lambda_start in `lambda`, sum first_t
 * lambda_{t+1} in `firstSum`, sum v_t T' lambda_{t+1} in `innovationSum`, and per step the
 * weights of dw_t (c_t + g' T' lambda_{t+1}) and dc_t (lambda_{t+1,0}) when asked for.
 */
export function steadyAdjointGeneral(
  start: number,
  m: number,
  ar: Float64Array,
  gain: Float64Array,
  w: Float64Array,
  burn: number,
  innovations: Float64Array,
  observationWeights: Float64Array | null,
  interceptWeights: Float64Array | null,
  lambda: Float64Array,
  firstSum: Float64Array,
  innovationSum: Float64Array,
): void {
  lambda.fill(0);
  firstSum.fill(0);
  innovationSum.fill(0);
  const g0 = gain[0];
  for (let t = w.length - 1; t >= start; t--) {
    const v = innovations[t];
    // a_t,0 = w_t - v_t, so first_t = w_t - v_t + g0 v_t.
    const first = w[t] - v + g0 * v;
    if (interceptWeights) interceptWeights[t] = lambda[0];
    let mu0 = 0;
    for (let i = 0; i < m; i++) {
      mu0 += ar[i] * lambda[i];
      firstSum[i] += first * lambda[i];
    }
    // mu = T' lambda = (mu0, lambda_0, ..., lambda_{m-2}), written into lambda from the end.
    let s = gain[0] * mu0;
    innovationSum[0] += v * mu0;
    for (let j = m - 1; j >= 1; j--) {
      const muj = lambda[j - 1];
      innovationSum[j] += v * muj;
      s += gain[j] * muj;
      lambda[j] = muj;
    }
    const c = t >= burn ? 2 * v : 0;
    if (observationWeights) observationWeights[t] = c + s;
    lambda[0] = mu0 - s - c;
  }
}

/** `steadyAdjointGeneral` for m <= 4 with scalars (the padding only meets zero coefficients). */
export function steadyAdjointSmall(
  start: number,
  ar: Float64Array,
  gain: Float64Array,
  w: Float64Array,
  burn: number,
  innovations: Float64Array,
  observationWeights: Float64Array | null,
  interceptWeights: Float64Array | null,
  lambda: Float64Array,
  firstSum: Float64Array,
  innovationSum: Float64Array,
): void {
  const m = ar.length;
  const f0 = ar[0], f1 = m > 1 ? ar[1] : 0, f2 = m > 2 ? ar[2] : 0, f3 = m > 3 ? ar[3] : 0;
  const g0 = gain[0], g1 = m > 1 ? gain[1] : 0, g2 = m > 2 ? gain[2] : 0, g3 = m > 3 ? gain[3] : 0;
  let l0 = 0, l1 = 0, l2 = 0, l3 = 0;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i0 = 0, i1 = 0, i2 = 0, i3 = 0;
  for (let t = w.length - 1; t >= start; t--) {
    const v = innovations[t];
    const first = w[t] - v + g0 * v;
    if (interceptWeights) interceptWeights[t] = l0;
    s0 += first * l0;
    s1 += first * l1;
    s2 += first * l2;
    s3 += first * l3;
    const mu0 = f0 * l0 + f1 * l1 + f2 * l2 + f3 * l3;
    i0 += v * mu0;
    i1 += v * l0;
    i2 += v * l1;
    i3 += v * l2;
    const s = g0 * mu0 + g1 * l0 + g2 * l1 + g3 * l2;
    const c = t >= burn ? 2 * v : 0;
    if (observationWeights) observationWeights[t] = c + s;
    l3 = l2;
    l2 = l1;
    l1 = l0;
    l0 = mu0 - s - c;
  }
  const lambdas = [l0, l1, l2, l3];
  const firsts = [s0, s1, s2, s3];
  const innovationSums = [i0, i1, i2, i3];
  for (let i = 0; i < m; i++) {
    lambda[i] = lambdas[i];
    firstSum[i] = firsts[i];
    innovationSum[i] = innovationSums[i];
  }
}
