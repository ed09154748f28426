import { TickforgeError } from '../../core/errors.js';
import { normalQuantile } from '../special/normalDistribution.js';
import { differencingPolynomial, reducedPolynomials, trendValue } from './sarimaxPolynomials.js';
import type { SarimaxFit } from './SarimaxFit.js';

export interface SarimaxForecastOptions {
  /** Coverage of the prediction interval (default 0.95, statsmodels' alpha = 0.05). */
  level?: number;
  /** Future regressors, one column per exog column, each with at least `horizon` values. */
  exog?: readonly ArrayLike<number>[];
}

export interface SarimaxForecast {
  /** E[y_{n+h} | y_1..y_n], h = 1..horizon, in the units of the series (undifferenced). */
  mean: Float64Array;
  /** Standard deviation of the h-step forecast error (statsmodels' mean_se). */
  standardError: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

/**
 * h-step forecasts with Gaussian prediction intervals, as statsmodels'
 * `get_forecast(h).summary_frame(alpha)`. The differenced ARMA state from the end of the fit is
 * extended with the last d + sD values of u_t = y_t - x_t'beta, which are known exactly, so
 * the state of statsmodels' integrated representation is rebuilt: u_t = x_{t,1} - sum_k
 * delta_k u_{t-k}. Mean and covariance are propagated through that augmented transition
 * (dimension K + m, dense: horizons are short and this runs once per forecast).
 */
export function forecastSarimax(fit: SarimaxFit, horizon: number, options: SarimaxForecastOptions = {}): SarimaxForecast {
  const { layout } = fit;
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SARIMAX forecast horizon must be a positive integer; got ${horizon}.`);
  }
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SARIMAX forecast level must lie in (0, 1); got ${level}.`);
  const futureExog = options.exog ?? [];
  if (futureExog.length !== layout.exogCount) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SARIMAX forecast needs ${layout.exogCount} future exog column(s); got ${futureExog.length}.`);
  }
  futureExog.forEach((column, j) => {
    if (column.length < horizon) {
      throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SARIMAX forecast exog column ${j + 1} has ${column.length} values for a horizon of ${horizon}; give one per step.`);
    }
    for (let h = 0; h < horizon; h++) {
      if (!Number.isFinite(column[h])) throw new TickforgeError('TF_ERR_FORECAST_SERIES_NOT_FINITE', `SARIMAX forecast exog column ${j + 1} value at step ${h + 1} is not finite.`);
    }
  });
  const parameters = fit.parameters;
  const sigma2 = parameters[layout.varianceOffset];
  const delta = differencingPolynomial(layout);
  const K = delta.length - 1;
  const m = fit.finalState.length;
  const ar = new Float64Array(layout.arDegree);
  const ma = new Float64Array(layout.maDegree);
  reducedPolynomials(layout, parameters, ar, ma);
  const phi = new Float64Array(m);
  phi.set(ar);
  const selection = new Float64Array(m);
  selection[0] = 1;
  selection.set(ma, 1);
  const n = fit.series.length;
  const regression = (t: number, future: boolean): number => {
    let value = 0;
    for (let j = 0; j < layout.exogCount; j++) value += parameters[layout.exogOffset + j] * (future ? futureExog[j][t - n] : fit.exog[j][t]);
    return value;
  };

  const size = K + m;
  const state = new Float64Array(size);
  for (let k = 1; k <= K; k++) state[k - 1] = fit.series[n - k] - regression(n - k, false);
  state.set(fit.finalState, K);
  let covariance = new Float64Array(size * size);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) covariance[(K + i) * size + K + j] = fit.finalStateCovariance[i * m + j];
  // Observation row: u_t = x_{t,1} - sum_k delta_k u_{t-k}.
  const design = new Float64Array(size);
  for (let k = 1; k <= K; k++) design[k - 1] = -delta[k];
  design[K] = 1;
  const transition = new Float64Array(size * size);
  transition.set(design, 0);
  for (let i = 1; i < K; i++) transition[i * size + i - 1] = 1;
  for (let i = 0; i < m; i++) {
    transition[(K + i) * size + K] = phi[i];
    if (i + 1 < m) transition[(K + i) * size + K + i + 1] = 1;
  }
  const mean = new Float64Array(horizon);
  const standardError = new Float64Array(horizon);
  const nextState = new Float64Array(size);
  const product = new Float64Array(size * size);
  let next = new Float64Array(size * size);
  for (let h = 0; h < horizon; h++) {
    const t = n + h;
    let u = 0;
    for (let i = 0; i < size; i++) u += design[i] * state[i];
    let variance = 0;
    for (let i = 0; i < size; i++) {
      if (design[i] === 0) continue;
      for (let j = 0; j < size; j++) variance += design[i] * covariance[i * size + j] * design[j];
    }
    mean[h] = u + regression(t, true);
    standardError[h] = Math.sqrt(Math.max(variance, 0));
    if (h + 1 === horizon) break;
    for (let i = 0; i < size; i++) {
      let sum = 0;
      for (let j = 0; j < size; j++) sum += transition[i * size + j] * state[j];
      nextState[i] = sum;
    }
    nextState[K] += trendValue(layout, parameters, t);
    state.set(nextState);
    // P <- T P T' + sigma2 R R'
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        let sum = 0;
        for (let l = 0; l < size; l++) sum += transition[i * size + l] * covariance[l * size + j];
        product[i * size + j] = sum;
      }
    }
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        let sum = 0;
        for (let l = 0; l < size; l++) sum += product[i * size + l] * transition[j * size + l];
        next[i * size + j] = sum;
      }
    }
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) next[(K + i) * size + K + j] += sigma2 * selection[i] * selection[j];
    [covariance, next] = [next, covariance];
  }
  const z = normalQuantile(0.5 + level / 2);
  return {
    mean,
    standardError,
    lower: mean.map((value, h) => value - z * standardError[h]),
    upper: mean.map((value, h) => value + z * standardError[h]),
  };
}
