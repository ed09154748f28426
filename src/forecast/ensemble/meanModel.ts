import type { ForecastModel } from '../ForecastModel.js';
import { checkHistory, checkHorizon } from './checkForecastInput.js';

/**
 * The historical mean (R forecast's `meanf`): every forecast is the sample mean, standard
 * error s sqrt(1 + 1/T), s the sample standard deviation. The natural baseline for returns,
 * where the random walk of prices becomes a mean of zero change. Needs 2 observations.
 */
export function meanModel(): ForecastModel {
  const name = 'mean';
  return {
    name,
    minimumObservations: () => 2,
    forecast(history, horizon) {
      checkHorizon(horizon, name);
      checkHistory(history, 2, name);
      const T = history.length;
      let mean = 0;
      for (const value of history) mean += value;
      mean /= T;
      let sumSquares = 0;
      for (const value of history) sumSquares += (value - mean) ** 2;
      const standardError = Math.sqrt(sumSquares / (T - 1)) * Math.sqrt(1 + 1 / T);
      return { mean: new Float64Array(horizon).fill(mean), standardError: new Float64Array(horizon).fill(standardError), warnings: [] };
    },
  };
}
