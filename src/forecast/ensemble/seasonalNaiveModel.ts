import type { ForecastModel } from '../ForecastModel.js';
import { checkHistory, checkHorizon, checkIntegerOption } from './checkForecastInput.js';
import { lagWalkForecast } from './lagWalk.js';

/**
 * The seasonal random walk (R forecast's `snaive`): step h repeats the value one season
 * before, y_{T+h-period*k}, k = floor((h - 1) / period) + 1; standard error sigma sqrt(k),
 * sigma^2 the mean square of the lag-`period` differences. Needs period + 1 observations.
 */
export function seasonalNaiveModel(period: number): ForecastModel {
  checkIntegerOption(period, 'period', 1, 100_000, 'give the number of observations in one season (e.g. 12 for monthly data)');
  const name = `seasonal-naive(${period})`;
  return {
    name,
    minimumObservations: () => period + 1,
    forecast(history, horizon) {
      checkHorizon(horizon, name);
      checkHistory(history, period + 1, name);
      return lagWalkForecast(history, period, false, horizon);
    },
  };
}
