import type { ForecastModel } from '../ForecastModel.js';
import { checkHistory, checkHorizon } from './checkForecastInput.js';
import { lagWalkForecast } from './lagWalk.js';

/**
 * The random walk (R forecast's `naive`/`rwf`): every forecast is the last value; the
 * standard error at step h is sigma sqrt(h), sigma^2 the mean square of the one-step
 * differences (not demeaned). The baseline every model must beat; needs 2 observations.
 */
export function naiveModel(): ForecastModel {
  const name = 'naive';
  return {
    name,
    minimumObservations: () => 2,
    forecast(history, horizon) {
      checkHorizon(horizon, name);
      checkHistory(history, 2, name);
      return lagWalkForecast(history, 1, false, horizon);
    },
  };
}
