import type { ModelForecast } from '../ForecastModel.js';

/**
 * The random-walk family of R's forecast package (`lagwalk` and `forecast.lagwalk` of
 * forecast 8.x: `naive`/`rwf`, `rwf(drift = TRUE)` and `snaive`), on a checked history:
 *
 * - forecast y_{T+h} = y_{T+h-lag*k} + k b, with k = floor((h - 1) / lag) + 1 the number of
 *   seasonal steps and b the drift (0 without drift);
 * - residuals e_t = y_t - y_{t-lag} - b over the N = T - lag available differences;
 * - mse = sum e^2 / (N - [drift]) (R divides by N - 1 when a drift was estimated: the
 *   drift's residual standard deviation s);
 * - standard error sqrt(mse k + (k se_b)^2), se_b = s / sqrt(N) the drift's standard
 *   error, which for lag 1 is Hyndman's s sqrt(h (1 + h / (T - 1))).
 *
 * R skips the drift's degree of freedom when the estimate is exactly 0; here the divisor is
 * always N - 1 with a drift, so the two differ only for a drift of exactly zero.
 */
export function lagWalkForecast(history: Float64Array, lag: number, drift: boolean, horizon: number): ModelForecast {
  const T = history.length;
  const N = T - lag;
  let b = 0;
  if (drift) {
    for (let t = lag; t < T; t++) b += history[t] - history[t - lag];
    b /= N;
  }
  let sumSquares = 0;
  for (let t = lag; t < T; t++) {
    const e = history[t] - history[t - lag] - b;
    sumSquares += e * e;
  }
  const mse = sumSquares / (drift ? N - 1 : N);
  const driftStandardError = drift ? Math.sqrt(mse / N) : 0;
  const mean = new Float64Array(horizon);
  const standardError = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) {
    const steps = Math.floor((h - 1) / lag) + 1;
    mean[h - 1] = history[T - lag + ((h - 1) % lag)] + steps * b;
    standardError[h - 1] = Math.sqrt(mse * steps + (steps * driftStandardError) ** 2);
  }
  return { mean, standardError, warnings: [] };
}
