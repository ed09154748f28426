/*
 * The conditional-sum-of-squares recursion and its adjoint, hand-written for speed (the CSS
 * start evaluates them dozens of times on the whole series): for the usual small orders
 * (reduced AR and MA degrees up to four) the lags live in scalars, zero-padded, instead of
 * short inner loops over arrays, as ArmaKalmanFilter's steady state does.
 *
 * Shocks: e_t = w_t - c_{t-1} - sum_i ar_i w_{t-1-i} - sum_j ma_j e_{t-1-j} for t >= p (the
 * AR degree; earlier shocks are 0, as are shocks before the series), c_{t-1} = 0 at t = 0.
 * Adjoint of Q = sum_{t >= p} e_t^2: lambda_t = 2 e_t - sum_j ma_j lambda_{t+1+j} (0 beyond
 * the series and before p), with dQ/d ar_i = -sum lambda_t w_{t-1-i} and
 * dQ/d ma_j = -sum lambda_t e_{t-1-j}.
 */

/** Fills `shocks` (length n) and returns Q = sum_{t >= p} e_t^2. */
export function conditionalShocks(observed: Float64Array, intercepts: Float64Array | null, ar: Float64Array, ma: Float64Array, shocks: Float64Array): number {
  const n = observed.length;
  const p = ar.length;
  const q = ma.length;
  shocks.fill(0, 0, Math.min(p, n));
  if (p > 4 || q > 4) return conditionalShocksGeneral(observed, intercepts, ar, ma, shocks);
  const a0 = p > 0 ? ar[0] : 0, a1 = p > 1 ? ar[1] : 0, a2 = p > 2 ? ar[2] : 0, a3 = p > 3 ? ar[3] : 0;
  const b0 = q > 0 ? ma[0] : 0, b1 = q > 1 ? ma[1] : 0, b2 = q > 2 ? ma[2] : 0, b3 = q > 3 ? ma[3] : 0;
  // w1..w4 = w_{t-1..t-4} (0 before the series: their coefficients are 0 there), e1..e4 likewise.
  const at = (t: number): number => (t >= 0 ? observed[t] : 0);
  let w1 = at(p - 1), w2 = at(p - 2), w3 = at(p - 3), w4 = at(p - 4);
  let e1 = 0, e2 = 0, e3 = 0, e4 = 0;
  let sum = 0;
  for (let t = p; t < n; t++) {
    const w = observed[t];
    let e = w - (a0 * w1 + a1 * w2 + a2 * w3 + a3 * w4) - (b0 * e1 + b1 * e2 + b2 * e3 + b3 * e4);
    if (intercepts !== null && t > 0) e -= intercepts[t - 1];
    shocks[t] = e;
    sum += e * e;
    w4 = w3;
    w3 = w2;
    w2 = w1;
    w1 = w;
    e4 = e3;
    e3 = e2;
    e2 = e1;
    e1 = e;
  }
  return sum;
}

function conditionalShocksGeneral(observed: Float64Array, intercepts: Float64Array | null, ar: Float64Array, ma: Float64Array, shocks: Float64Array): number {
  const n = observed.length;
  const p = ar.length;
  const q = ma.length;
  let sum = 0;
  for (let t = p; t < n; t++) {
    let e = observed[t];
    if (intercepts !== null && t > 0) e -= intercepts[t - 1];
    for (let i = 0; i < p; i++) e -= ar[i] * observed[t - i - 1];
    for (let j = 0; j < q && j < t; j++) e -= ma[j] * shocks[t - j - 1];
    shocks[t] = e;
    sum += e * e;
  }
  return sum;
}

/**
 * The adjoint pass after `conditionalShocks`: fills `adjoint` with lambda_t (0 before p) and
 * writes dQ/d ar into `gradientAr` and dQ/d ma into `gradientMa`.
 */
export function conditionalShocksAdjoint(observed: Float64Array, ar: Float64Array, ma: Float64Array, shocks: Float64Array, adjoint: Float64Array, gradientAr: Float64Array, gradientMa: Float64Array): void {
  const n = observed.length;
  const p = ar.length;
  const q = ma.length;
  adjoint.fill(0, 0, Math.min(p, n));
  if (p > 4 || q > 4) {
    conditionalShocksAdjointGeneral(observed, ar, ma, shocks, adjoint, gradientAr, gradientMa);
    return;
  }
  const b0 = q > 0 ? ma[0] : 0, b1 = q > 1 ? ma[1] : 0, b2 = q > 2 ? ma[2] : 0, b3 = q > 3 ? ma[3] : 0;
  const observedAt = (t: number): number => (t >= 0 ? observed[t] : 0);
  const shockAt = (t: number): number => (t >= 0 ? shocks[t] : 0);
  // l1..l4 = lambda_{t+1..t+4}; w1..w4 = w_{t-1..t-4}; e1..e4 = e_{t-1..t-4}.
  let l1 = 0, l2 = 0, l3 = 0, l4 = 0;
  const last = n - 1;
  let w1 = observedAt(last - 1), w2 = observedAt(last - 2), w3 = observedAt(last - 3), w4 = observedAt(last - 4);
  let e1 = shockAt(last - 1), e2 = shockAt(last - 2), e3 = shockAt(last - 3), e4 = shockAt(last - 4);
  let ga0 = 0, ga1 = 0, ga2 = 0, ga3 = 0;
  let gm0 = 0, gm1 = 0, gm2 = 0, gm3 = 0;
  for (let t = last; t >= p; t--) {
    const lambda = 2 * shocks[t] - (b0 * l1 + b1 * l2 + b2 * l3 + b3 * l4);
    adjoint[t] = lambda;
    ga0 -= lambda * w1;
    ga1 -= lambda * w2;
    ga2 -= lambda * w3;
    ga3 -= lambda * w4;
    gm0 -= lambda * e1;
    gm1 -= lambda * e2;
    gm2 -= lambda * e3;
    gm3 -= lambda * e4;
    l4 = l3;
    l3 = l2;
    l2 = l1;
    l1 = lambda;
    w1 = w2;
    w2 = w3;
    w3 = w4;
    w4 = observedAt(t - 5);
    e1 = e2;
    e2 = e3;
    e3 = e4;
    e4 = shockAt(t - 5);
  }
  const ga = [ga0, ga1, ga2, ga3];
  const gm = [gm0, gm1, gm2, gm3];
  for (let i = 0; i < p; i++) gradientAr[i] = ga[i];
  for (let j = 0; j < q; j++) gradientMa[j] = gm[j];
}

function conditionalShocksAdjointGeneral(observed: Float64Array, ar: Float64Array, ma: Float64Array, shocks: Float64Array, adjoint: Float64Array, gradientAr: Float64Array, gradientMa: Float64Array): void {
  const n = observed.length;
  const p = ar.length;
  const q = ma.length;
  gradientAr.fill(0);
  gradientMa.fill(0);
  for (let t = n - 1; t >= p; t--) {
    let lambda = 2 * shocks[t];
    for (let j = 0; j < q && t + 1 + j < n; j++) lambda -= ma[j] * adjoint[t + 1 + j];
    adjoint[t] = lambda;
    for (let i = 0; i < p; i++) gradientAr[i] -= lambda * observed[t - i - 1];
    for (let j = 0; j < q && j < t; j++) gradientMa[j] -= lambda * shocks[t - j - 1];
  }
}
