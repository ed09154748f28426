/*
 * Monahan's (1984) reparameterisation, exactly as statsmodels'
 * `constrain_stationary_univariate` / `unconstrain_stationary_univariate`: each real x_k maps to a
 * partial autocorrelation r_k = x_k / sqrt(1 + x_k^2) in (-1, 1), and the Durbin-Levinson
 * recursion turns partial autocorrelations into the coefficients phi of a stationary
 * polynomial 1 - phi_1 L - ... - phi_n L^n. The MA side uses theta = -constrain(x) (the
 * polynomial 1 + theta_1 L + ... is invertible iff -theta are stationary AR coefficients).
 */

/** The coefficients phi (stationary AR polynomial 1 - sum phi_i L^i) of the unconstrained vector x. */
export function constrainStationary(unconstrained: ArrayLike<number>, out = new Float64Array(unconstrained.length)): Float64Array {
  const n = unconstrained.length;
  // Row k of statsmodels' y matrix, kept in two rolling buffers.
  let previous = new Float64Array(n);
  let current = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const x = unconstrained[k];
    const r = x / Math.sqrt(1 + x * x);
    for (let i = 0; i < k; i++) current[i] = previous[i] + r * previous[k - i - 1];
    current[k] = r;
    [previous, current] = [current, previous];
  }
  for (let i = 0; i < n; i++) out[i] = -previous[i];
  return out;
}

/**
 * `constrainStationary` with its Jacobian: `jacobian[i * n + j]` = d phi_i / d x_j (row-major
 * n x n), by differentiating the same recursion (dr_k / dx_k = (1 + x_k^2)^(-3/2)). Used to
 * chain the likelihood's gradient to the optimiser's unconstrained coordinates.
 */
export function constrainStationaryWithJacobian(unconstrained: ArrayLike<number>, out: Float64Array, jacobian: Float64Array): Float64Array {
  const n = unconstrained.length;
  let previous = new Float64Array(n);
  let current = new Float64Array(n);
  // Row-major tangents of previous / current: entry i * n + j = d (row)_i / d x_j.
  let dPrevious = new Float64Array(n * n);
  let dCurrent = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const x = unconstrained[k];
    const root = Math.sqrt(1 + x * x);
    const r = x / root;
    const dr = 1 / (root * root * root);
    for (let i = 0; i < k; i++) {
      current[i] = previous[i] + r * previous[k - i - 1];
      for (let j = 0; j < n; j++) dCurrent[i * n + j] = dPrevious[i * n + j] + r * dPrevious[(k - i - 1) * n + j];
      dCurrent[i * n + k] += dr * previous[k - i - 1];
    }
    current[k] = r;
    dCurrent.fill(0, k * n, (k + 1) * n);
    dCurrent[k * n + k] = dr;
    [previous, current] = [current, previous];
    [dPrevious, dCurrent] = [dCurrent, dPrevious];
  }
  for (let i = 0; i < n; i++) out[i] = -previous[i];
  for (let e = 0; e < n * n; e++) jacobian[e] = -dPrevious[e];
  return out;
}

/**
 * The inverse of `constrainStationary`; NaN entries when phi is not stationary (a partial
 * autocorrelation reaches +-1 on the way down).
 */
export function unconstrainStationary(constrained: ArrayLike<number>): Float64Array {
  const partial = partialAutocorrelations(constrained);
  return partial.map((r) => (Math.abs(r) < 1 ? r / Math.sqrt(1 - r * r) : NaN));
}

/**
 * The partial autocorrelations r_1..r_n of the AR polynomial 1 - sum phi_i L^i by the step-down
 * (inverse Durbin-Levinson) recursion. The polynomial is stationary (all roots outside the unit
 * circle) iff every |r_k| < 1 (Schur-Cohn); a NaN marks a step that could not be taken.
 */
export function partialAutocorrelations(phi: ArrayLike<number>): Float64Array {
  const n = phi.length;
  const result = new Float64Array(n);
  let row = Float64Array.from(phi, (value) => -value);
  for (let k = n - 1; k >= 0; k--) {
    const r = row[k];
    result[k] = r;
    if (k === 0) break;
    const next = new Float64Array(k);
    const denominator = 1 - r * r;
    for (let i = 0; i < k; i++) next[i] = (row[i] - r * row[k - i - 1]) / denominator;
    if (!(Math.abs(r) < 1)) {
      result.fill(NaN, 0, k);
      break;
    }
    row = next;
  }
  return result;
}

/** True when 1 - sum phi_i L^i has all roots outside the unit circle (with statsmodels' 1e-10 margin on the partial autocorrelations). */
export function isStationary(phi: ArrayLike<number>): boolean {
  for (const r of partialAutocorrelations(phi)) if (!(Math.abs(r) < 1 - 1e-10)) return false;
  return true;
}
