import { TickforgeError } from '../../core/errors.js';

/**
 * Refuses a history no model can use, with an error naming the model and the problem: a
 * non-finite value (with its index) or fewer than `needed` observations.
 */
export function checkHistory(history: ArrayLike<number>, needed: number, modelName: string): void {
  for (let i = 0; i < history.length; i++) {
    if (!Number.isFinite(history[i])) {
      throw new TickforgeError('TF_ERR_FORECAST_SERIES_NOT_FINITE', `${modelName}: history value ${i} is ${history[i]}; drop or fill missing and non-finite values before forecasting.`, {
        details: { model: modelName, index: i, value: String(history[i]) },
      });
    }
  }
  if (history.length < needed) {
    throw new TickforgeError('TF_ERR_FORECAST_SERIES_TOO_SHORT', `${modelName} needs at least ${needed} observations; the history has ${history.length}. Use a longer history.`, {
      details: { model: modelName, length: history.length, needed },
    });
  }
}

/** A forecast horizon must be a whole number of steps in [1, 10000]. */
export function checkHorizon(horizon: number, modelName: string): void {
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 10_000) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `${modelName}: forecast horizon ${horizon} is not an integer in [1, 10000]; give the number of steps to forecast.`);
  }
}

/** An integer option in [minimum, maximum], or a TF_ERR_FORECAST_OPTION naming it. */
export function checkIntegerOption(value: number, name: string, minimum: number, maximum = Number.MAX_SAFE_INTEGER, hint = ''): void {
  if (!Number.isInteger(value) || value < minimum || value > maximum) {
    const range = maximum === Number.MAX_SAFE_INTEGER ? `>= ${minimum}` : `in [${minimum}, ${maximum}]`;
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `option ${name} = ${value} is not an integer ${range}${hint ? `; ${hint}` : ''}.`);
  }
}
