import { TickforgeError } from '../../core/errors.js';

/**
 * The linear recurrence (LRR) that SSA's signal subspace span{U_1..U_r} implies (Golyandina,
 * Nekrutkin and Zhigljavsky 2001, section 2.1): with pi_i the last entry of U_i, U_i^v its first
 * L - 1 entries and the verticality nu^2 = sum pi_i^2 < 1,
 *   R = (a_{L-1}, ..., a_1) = sum_i pi_i U_i^v / (1 - nu^2),
 * and every L-lagged vector of the subspace satisfies y_L = R' (y_1, ..., y_{L-1}).
 */
export interface LinearRecurrence {
  /** R: the weights of the previous L - 1 values, oldest first. */
  coefficients: Float64Array;
  /** nu^2, the squared cosine between e_L and the subspace. */
  verticality: number;
  warnings: string[];
}

/** nu^2 this close to 1 means e_L lies in the subspace: no recurrence exists. */
const verticalityLimit = 1 - 1e-9;

export function linearRecurrence(basis: readonly Float64Array[]): LinearRecurrence {
  const L = basis[0].length;
  let verticality = 0;
  for (const u of basis) verticality += u[L - 1] * u[L - 1];
  if (!(verticality < verticalityLimit)) {
    throw new TickforgeError(
      'TF_ERR_FORECAST_OPTION',
      `SSA forecasting needs verticality nu^2 < 1, but the ${basis.length} chosen eigenvectors give nu^2 = ${verticality}: the last lag is (almost) in their span. Use fewer components or another window length.`,
    );
  }
  const coefficients = new Float64Array(L - 1);
  for (const u of basis) {
    const weight = u[L - 1] / (1 - verticality);
    for (let i = 0; i < L - 1; i++) coefficients[i] += weight * u[i];
  }
  const warnings: string[] = [];
  if (verticality > 0.99) {
    warnings.push(`verticality nu^2 = ${verticality.toPrecision(6)} is close to 1: the recurrence weights are amplified ${(1 / (1 - verticality)).toPrecision(3)}-fold and forecasts may be unstable`);
  }
  return { coefficients, verticality, warnings };
}

/** R-forecasting: continues `base` (the reconstructed series) by the recurrence for `horizon` steps. */
export function recurrentForecast(base: Float64Array, recurrence: LinearRecurrence, horizon: number): Float64Array {
  const R = recurrence.coefficients;
  const lags = R.length;
  const N = base.length;
  const extended = new Float64Array(N + horizon);
  extended.set(base);
  for (let n = N; n < N + horizon; n++) {
    let sum = 0;
    for (let i = 0; i < lags; i++) sum += R[i] * extended[n - lags + i];
    extended[n] = sum;
  }
  return extended.slice(N);
}

/**
 * V-forecasting (Golyandina et al. 2001, section 2.3.1): starting from the last lagged vector of
 * the reconstructed series, each new L-vector is the subspace vector whose first L - 1 entries
 * are the orthogonal projection of the previous vector's last L - 1 entries onto span{U_i^v}
 * (the projector V^v V^v' + (1 - nu^2) R R', applied in factored form, O(r L) per step); its last
 * entry is R' times them. horizon + L - 1 new vectors are built and the forecasts are the
 * averages of their anti-diagonals, each of length L.
 */
export function vectorForecast(base: Float64Array, basis: readonly Float64Array[], recurrence: LinearRecurrence, horizon: number): Float64Array {
  const L = basis[0].length;
  const N = base.length;
  const R = recurrence.coefficients;
  const complement = 1 - recurrence.verticality;
  const steps = horizon + L - 1;
  const vectors = new Float64Array((steps + 1) * L);
  vectors.set(base.subarray(N - L), 0);
  for (let m = 1; m <= steps; m++) {
    const previous = (m - 1) * L + 1;
    const current = m * L;
    let alongR = 0;
    for (let i = 0; i < L - 1; i++) alongR += R[i] * vectors[previous + i];
    for (let i = 0; i < L - 1; i++) vectors[current + i] = complement * alongR * R[i];
    for (const u of basis) {
      let dot = 0;
      for (let i = 0; i < L - 1; i++) dot += u[i] * vectors[previous + i];
      for (let i = 0; i < L - 1; i++) vectors[current + i] += dot * u[i];
    }
    vectors[current + L - 1] = alongR;
  }
  const forecast = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) {
    // Anti-diagonal N - 1 + h of the extended trajectory: row i sits in new vector L - 1 + h - i.
    let sum = 0;
    for (let i = 0; i < L; i++) sum += vectors[(L - 1 + h - i) * L + i];
    forecast[h - 1] = sum / L;
  }
  return forecast;
}
