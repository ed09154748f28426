import { TickforgeError } from '../../core/errors.js';
import { chiSquareSurvival } from '../special/chiSquare.js';
import { autocorrelation } from './autocorrelation.js';

export interface LjungBoxOptions {
  /** A number k tests every lag 1..k; a list tests those lags (whole numbers >= 1, below the observation count). */
  lags: number | readonly number[];
  /**
   * Parameters estimated by the model whose residuals these are (p + q for an ARMA, as
   * statsmodels' `model_df`): the chi-square has lag - modelDegreesOfFreedom degrees of freedom,
   * and the p-value is NaN where that is not positive. Default 0.
   */
  modelDegreesOfFreedom?: number;
}

export interface LjungBoxLag {
  lag: number;
  /** Q = n (n + 2) sum_{k <= lag} r_k^2 / (n - k). */
  statistic: number;
  /** P(chi-square with `degrees` > Q); NaN when `degrees` <= 0. */
  pValue: number;
  degrees: number;
  /** Box-Pierce Q = n sum_{k <= lag} r_k^2, the large-sample form, and its p-value on the same degrees. */
  boxPierceStatistic: number;
  boxPiercePValue: number;
}

export interface LjungBoxResult {
  /** One entry per requested lag, in the order asked. */
  lags: LjungBoxLag[];
  /** Observations tested (n above): the residuals after the leading NaNs. */
  observations: number;
  /** Leading NaN values skipped (the burn-in a model leaves at the start of its residuals). */
  skipped: number;
}

/**
 * The Ljung-Box portmanteau test that residuals are white noise up to each lag, as statsmodels'
 * `acorr_ljungbox(x, lags, model_df, boxpierce=True)` on the same values. Fitted models leave
 * NaN residuals where their recursion starts (GARCH's AR hold-back, differencing), so leading
 * NaNs are skipped and counted in `skipped`; a NaN or infinity after the first finite value is
 * refused, since dropping it would shift the lags.
 * @throws TF_ERR_FORECAST_OPTION for a bad lag or degrees of freedom
 * @throws TF_ERR_FORECAST_SERIES_NOT_FINITE, TF_ERR_FORECAST_SERIES_CONSTANT, TF_ERR_FORECAST_SERIES_TOO_SHORT
 */
export function ljungBox(residuals: ArrayLike<number>, options: LjungBoxOptions): LjungBoxResult {
  let skipped = 0;
  while (skipped < residuals.length && Number.isNaN(residuals[skipped])) skipped++;
  const values = Float64Array.from({ length: residuals.length - skipped }, (_, t) => residuals[skipped + t]);
  const n = values.length;
  const modelDegrees = options.modelDegreesOfFreedom ?? 0;
  if (!Number.isInteger(modelDegrees) || modelDegrees < 0) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `Ljung-Box modelDegreesOfFreedom must be a whole number >= 0 (the parameters the model estimated); got ${modelDegrees}.`, {
      details: { option: 'modelDegreesOfFreedom', value: modelDegrees },
    });
  }
  if (n < 2) {
    throw new TickforgeError('TF_ERR_FORECAST_SERIES_TOO_SHORT', `Ljung-Box needs at least 2 residuals after the ${skipped} leading NaNs; there are ${n}.`, { details: { length: n, needed: 2 } });
  }
  const requested = typeof options.lags === 'number' ? Array.from({ length: Math.max(0, options.lags) }, (_, k) => k + 1) : [...options.lags];
  if (typeof options.lags === 'number' && !Number.isInteger(options.lags)) requested.length = 0;
  if (requested.length === 0 || requested.some((lag) => !Number.isInteger(lag) || lag < 1 || lag >= n)) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `Ljung-Box lags must be a whole number or a non-empty list of whole numbers from 1 to ${n - 1} (below the ${n} residuals tested); got ${JSON.stringify(options.lags)}.`, {
      details: { option: 'lags', value: JSON.stringify(options.lags) },
    });
  }
  const maxLag = Math.max(...requested);
  const r = autocorrelation(values, maxLag);
  // Cumulative sums once over 1..maxLag, so each requested lag is a look-up.
  const ljung = new Float64Array(maxLag + 1);
  const pierce = new Float64Array(maxLag + 1);
  for (let k = 1; k <= maxLag; k++) {
    ljung[k] = ljung[k - 1] + (r[k] * r[k]) / (n - k);
    pierce[k] = pierce[k - 1] + r[k] * r[k];
  }
  const lags = requested.map((lag): LjungBoxLag => {
    const degrees = lag - modelDegrees;
    const statistic = n * (n + 2) * ljung[lag];
    const boxPierceStatistic = n * pierce[lag];
    return {
      lag,
      statistic,
      pValue: degrees > 0 ? chiSquareSurvival(statistic, degrees) : NaN,
      degrees,
      boxPierceStatistic,
      boxPiercePValue: degrees > 0 ? chiSquareSurvival(boxPierceStatistic, degrees) : NaN,
    };
  });
  return { lags, observations: n, skipped };
}
