import { decomposeMssa, forecastMssa, type MssaOptions } from './decomposeMssa.js';
import type { SsaForecastMethod } from './forecastSsa.js';
import { defaultSsaMaximumComponents, defaultSsaVarianceShare } from './validateSsaInput.js';
import { fitAutoregression, largestMagnitude, forecastAutoregression, type AutoregressionFit } from './fitAutoregression.js';

/**
 * Signal selection as in MssaOptions; with neither `components` nor `varianceShare` the default is
 * varianceShare 0.99 with at most `maximumComponents` (default 10) eigen-triples.
 */
export interface SamossaOptions extends MssaOptions {
  horizon: number;
  /** Largest AR order tried on each residual (AIC picks 0..this). Default 10. */
  maximumArOrder?: number;
  method?: SsaForecastMethod;
}

export interface SamossaForecast {
  /** mean[p] = deterministic[p] + the AR forecast of series p's residual. */
  mean: Float64Array[];
  /** sqrt of the AR forecast variance sigma^2 sum_{j<h} psi_j^2 (see below). */
  standardError: Float64Array[];
  /** The MSSA forecasts of the signal alone. */
  deterministic: Float64Array[];
  reconstruction: Float64Array[];
  residualModels: AutoregressionFit[];
  components: number;
  warnings: string[];
}

/**
 * SAMoSSA (Alomar, Dahleh, Mann and Shah, "SAMoSSA: Multivariate Singular Spectrum Analysis with
 * Stochastic Autoregressive Noise", NeurIPS 2023): multivariate SSA (decomposeMssa, horizontally
 * stacked) estimates the deterministic trend and seasonal part, an AR(p) fitted by least squares
 * with p chosen by AIC (fitAutoregression) models each series' residual, and the forecast adds
 * the two. The standard errors are the AR forecast's: they count the residual noise and its
 * persistence but not the error of the estimated signal, so they understate the uncertainty
 * when the signal is poorly determined (short series, many components).
 */
export function forecastSamossa(seriesList: readonly ArrayLike<number>[], options: SamossaOptions): SamossaForecast {
  const selection = options.components === undefined && options.varianceShare === undefined ? { varianceShare: defaultSsaVarianceShare, maximumComponents: options.maximumComponents ?? defaultSsaMaximumComponents } : {};
  const decomposition = decomposeMssa(seriesList, { ...options, ...selection });
  const signal = forecastMssa(decomposition, { horizon: options.horizon, method: options.method });
  const warnings = [...signal.warnings];
  const residualModels: AutoregressionFit[] = [];
  const mean: Float64Array[] = [];
  const standardError: Float64Array[] = [];
  decomposition.series.forEach((series, p) => {
    const residual = series.map((value, t) => value - signal.reconstruction[p][t]);
    const model = fitAutoregression(residual, options.maximumArOrder ?? Math.min(10, Math.floor((series.length - 2) / 2)), 1e-10 * largestMagnitude(series));
    model.warnings.forEach((warning) => warnings.push(`series ${p}: ${warning}`));
    const noise = forecastAutoregression(model, residual, options.horizon);
    residualModels.push(model);
    mean.push(signal.mean[p].map((value, h) => value + noise.mean[h]));
    standardError.push(noise.variance.map(Math.sqrt));
  });
  return { mean, standardError, deterministic: signal.mean, reconstruction: signal.reconstruction, residualModels, components: decomposition.components, warnings };
}
