import { TickforgeError } from '../../core/errors.js';
import { invertMatrix } from '../linearAlgebra/invertMatrix.js';

export interface AutoregressionFit {
  /** The chosen order p (0: white noise). */
  order: number;
  /** phi_1..phi_p of y_t = sum_j phi_j y_{t-j} + e_t (no intercept). */
  coefficients: Float64Array;
  /** RSS / (m - p) over the m fitted observations: the innovation variance. */
  innovationVariance: number;
  /** m log(RSS / m) + 2 p on the common sample of every candidate order. */
  aic: number;
  /** m = n - maximumOrder, the observations every candidate order was fitted on. */
  observations: number;
  warnings: string[];
}

/**
 * A zero-mean AR(p) fitted by ordinary least squares for p = 0..maximumOrder, all on the same
 * sample (t = maximumOrder..n-1, so the AIC values compare like with like), keeping the
 * lowest-AIC order among the stationary fits (partial autocorrelations from the step-down
 * Levinson recursion all inside (-1, 1)). SAMoSSA's residual model: the SSA reconstruction has
 * taken out the level, so no intercept. A series whose root mean square is at most
 * `negligibleScale` (callers pass ~1e-10 times the data's scale) is rounding, not noise: order 0,
 * variance 0 and a warning.
 */
export function fitAutoregression(series: Float64Array, maximumOrder: number, negligibleScale = 0): AutoregressionFit {
  if (!Number.isInteger(maximumOrder) || maximumOrder < 0) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `maximumArOrder ${maximumOrder} must be a non-negative integer.`);
  }
  const n = series.length;
  if (n < 2 * maximumOrder + 2) {
    throw new TickforgeError('TF_ERR_FORECAST_SERIES_TOO_SHORT', `An AR model of order up to ${maximumOrder} needs at least ${2 * maximumOrder + 2} residuals; there are ${n}. Lower maximumArOrder or give a longer series.`);
  }
  const P = maximumOrder;
  const m = n - P;
  const warnings: string[] = [];
  let sumOfSquares = 0;
  for (let t = P; t < n; t++) sumOfSquares += series[t] * series[t];
  let best: AutoregressionFit = { order: 0, coefficients: new Float64Array(0), innovationVariance: sumOfSquares / m, aic: m * Math.log(sumOfSquares / m), observations: m, warnings };
  if (!(Math.sqrt(sumOfSquares / m) > negligibleScale)) {
    warnings.push('the residual is zero to rounding: the signal explains the series exactly and the AR part is empty');
    return { ...best, innovationVariance: 0, aic: -Infinity };
  }
  // Every order regresses on the same sample, so one cross-product matrix of the lags 0..P
  // serves them all: entry (i, j) = sum_t y_{t-i} y_{t-j}, accumulated in row order as a
  // per-order X'X would be. That is O(m P^2 / 2) once instead of O(m p^2) for every order.
  const size = P + 1;
  const products = new Float64Array(size * size);
  for (let t = P; t < n; t++) {
    for (let i = 0; i <= P; i++) {
      const yi = series[t - i];
      for (let j = i; j <= P; j++) products[i * size + j] += yi * series[t - j];
    }
  }
  for (let i = 0; i <= P; i++) for (let j = 0; j < i; j++) products[i * size + j] = products[j * size + i];
  for (let p = 1; p <= P; p++) {
    const gram = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) gram[i * p + j] = products[(i + 1) * size + j + 1];
    const inverse = invertMatrix(gram, p);
    if (!inverse) continue;
    const coefficients = new Float64Array(p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) coefficients[i] += inverse[i * p + j] * products[(j + 1) * size];
    if (!isStationary(coefficients)) continue;
    let rss = 0;
    for (let t = P; t < n; t++) {
      let fitted = 0;
      for (let j = 0; j < p; j++) fitted += coefficients[j] * series[t - 1 - j];
      rss += (series[t] - fitted) ** 2;
    }
    const aic = m * Math.log(rss / m) + 2 * p;
    if (aic < best.aic) best = { order: p, coefficients, innovationVariance: rss / (m - p), aic, observations: m, warnings };
  }
  if (P > 0 && best.order === P) warnings.push(`the AIC chose the largest AR order allowed (${P}); a larger maximumArOrder may fit better`);
  return best;
}

/** Step-down (reverse Levinson-Durbin) recursion: stationary iff every partial autocorrelation is inside (-1, 1). */
export function isStationary(coefficients: ArrayLike<number>): boolean {
  let a = Array.from(coefficients);
  for (let p = a.length; p > 0; p--) {
    const kappa = a[p - 1];
    if (!(Math.abs(kappa) < 1)) return false;
    const denominator = 1 - kappa * kappa;
    a = Array.from({ length: p - 1 }, (_, j) => (a[j] + kappa * a[p - 2 - j]) / denominator);
  }
  return true;
}

/** Forecasts of the AR model after `history` and their variances sigma^2 sum_{j<h} psi_j^2. */
export function forecastAutoregression(fit: AutoregressionFit, history: Float64Array, horizon: number): { mean: Float64Array; variance: Float64Array } {
  const p = fit.order;
  const phi = fit.coefficients;
  const extended = new Float64Array(p + horizon);
  for (let j = 0; j < p; j++) extended[j] = history[history.length - p + j];
  const mean = new Float64Array(horizon);
  const psi = new Float64Array(horizon);
  const variance = new Float64Array(horizon);
  let cumulative = 0;
  for (let h = 0; h < horizon; h++) {
    let sum = 0;
    for (let j = 0; j < p; j++) sum += phi[j] * extended[p + h - 1 - j];
    extended[p + h] = sum;
    mean[h] = sum;
    psi[h] = h === 0 ? 1 : 0;
    for (let j = 1; j <= Math.min(h, p); j++) psi[h] += phi[j - 1] * psi[h - j];
    cumulative += psi[h] * psi[h];
    variance[h] = fit.innovationVariance * cumulative;
  }
  return { mean, variance };
}

/** max |x|: the scale below which a residual counts as rounding. */
export function largestMagnitude(values: ArrayLike<number>): number {
  let largest = 0;
  for (let t = 0; t < values.length; t++) largest = Math.max(largest, Math.abs(values[t]));
  return largest;
}
