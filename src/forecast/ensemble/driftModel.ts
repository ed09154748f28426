import type { ForecastModel } from '../ForecastModel.js';
import { checkHistory, checkHorizon } from './checkForecastInput.js';
import { lagWalkForecast } from './lagWalk.js';

/**
 * The random walk with drift (R forecast's `rwf(drift = TRUE)`): y_{T+h} = y_T + h b, b the
 * mean one-step difference (y_T - y_1) / (T - 1), standard error s sqrt(h (1 + h / (T - 1))),
 * s the standard deviation of the differences; the second term is the drift's estimation
 * error. Needs 3 observations (two differences for s).
 */
export function driftModel(): ForecastModel {
  const name = 'drift';
  return {
    name,
    minimumObservations: () => 3,
    forecast(history, horizon) {
      checkHorizon(horizon, name);
      checkHistory(history, 3, name);
      return lagWalkForecast(history, 1, true, horizon);
    },
  };
}
