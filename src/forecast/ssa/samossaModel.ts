import type { ForecastModel, ModelForecast } from '../ForecastModel.js';
import { fitAutoregression, largestMagnitude, forecastAutoregression } from './fitAutoregression.js';
import { forecastSsa } from './forecastSsa.js';
import { decomposeForModel, forecastWithRecurrence, ssaMinimumObservations, type SsaModelOptions } from './ssaModel.js';

export interface SamossaModelOptions extends SsaModelOptions {
  /** Largest AR order tried on the residual; default min(10, floor((N - 2) / 2)). */
  maximumArOrder?: number;
}

/**
 * SAMoSSA on one series as a ForecastModel (see forecastSamossa.ts for the method and several
 * series): SSA signal forecast plus the forecast of an AIC-chosen AR(p) fitted to the residual
 * series - reconstruction. Standard errors are the AR forecast's, sigma^2 sum_{j<h} psi_j^2:
 * with p = 0 that is the residual variance at every step. They leave out the error of the
 * estimated signal, so they are a lower bound when the signal is poorly determined. Warm starts
 * as ssaModel.
 */
export function samossaModel(options: SamossaModelOptions = {}): ForecastModel {
  let previous: { windowLength: number; vectors: Float64Array } | undefined;
  return {
    name: 'samossa',
    minimumObservations: () => Math.max(ssaMinimumObservations, (options.windowLength ?? 0) + 1, 2 * (options.maximumArOrder ?? 0) + 2),
    forecast(history: Float64Array, horizon: number): ModelForecast {
      const decomposition = decomposeForModel(history, options, previous?.vectors, previous?.windowLength);
      const vectors = new Float64Array(decomposition.components * decomposition.windowLength);
      decomposition.eigenvectors.forEach((row, r) => vectors.set(row, r * decomposition.windowLength));
      previous = { windowLength: decomposition.windowLength, vectors };
      const signal = forecastWithRecurrence(decomposition.components, (group) => forecastSsa(decomposition, { horizon, group, method: options.method }));
      const residual = decomposition.series.map((value, t) => value - signal.result.reconstruction[t]);
      const model = fitAutoregression(residual, options.maximumArOrder ?? Math.min(10, Math.floor((history.length - 2) / 2)), 1e-10 * largestMagnitude(history));
      const noise = forecastAutoregression(model, residual, horizon);
      return {
        mean: signal.result.mean.map((value, h) => value + noise.mean[h]),
        standardError: noise.variance.map(Math.sqrt),
        warnings: [...signal.result.warnings, ...signal.warnings, ...model.warnings.map((warning) => `residual AR: ${warning}`)],
      };
    },
  };
}
