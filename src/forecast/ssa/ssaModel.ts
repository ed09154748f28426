import { TickforgeError } from '../../core/errors.js';
import type { ForecastModel, ModelForecast } from '../ForecastModel.js';
import { decomposeSsa, type SsaDecomposition } from './decomposeSsa.js';
import { forecastSsa, type SsaForecastMethod } from './forecastSsa.js';
import { checkWindowLength, defaultSsaMaximumComponents, defaultSsaVarianceShare } from './validateSsaInput.js';

export interface SsaModelOptions {
  /** Window length; default min(floor(N / 2), 120) for each history (see defaultSsaWindowLength). */
  windowLength?: number;
  /** A fixed number of leading eigen-triples; default: chosen by `varianceShare`. */
  components?: number;
  /** Default 0.99 (see defaultSsaVarianceShare). */
  varianceShare?: number;
  /** Default 10. */
  maximumComponents?: number;
  method?: SsaForecastMethod;
}

/** Fewest observations the SSA models accept: a window of 5 and 6 lagged vectors. */
export const ssaMinimumObservations = 10;

/**
 * SSA as a ForecastModel: decompose, keep the leading eigen-triples (a fixed count or the
 * variance-share rule), forecast the signal recurrently (default) or by vectors. Standard errors
 * are NaN: basic SSA estimates a signal and has no model of the noise around it (samossaModel
 * adds one). The model remembers the last eigenvectors and starts the next decomposition with the
 * same window from them, so a refit after one new bar takes an iteration or two. When the chosen
 * eigenvectors leave no recurrence (nu^2 at 1) the trailing ones are dropped, with a warning.
 */
export function ssaModel(options: SsaModelOptions = {}): ForecastModel {
  let previous: { windowLength: number; vectors: Float64Array } | undefined;
  return {
    name: options.method === 'vector' ? 'ssa-vector' : 'ssa',
    minimumObservations: () => Math.max(ssaMinimumObservations, (options.windowLength ?? 0) + 1),
    forecast(history: Float64Array, horizon: number): ModelForecast {
      const decomposition = decomposeForModel(history, options, previous?.vectors, previous?.windowLength);
      previous = { windowLength: decomposition.windowLength, vectors: flatten(decomposition.eigenvectors) };
      const forecast = forecastWithRecurrence(decomposition.components, (group) => forecastSsa(decomposition, { horizon, group, method: options.method }));
      return { mean: forecast.result.mean, standardError: new Float64Array(horizon).fill(NaN), warnings: [...forecast.result.warnings, ...forecast.warnings] };
    },
  };
}

/** Shared by ssaModel and samossaModel: the decomposition with the models' defaults. */
export function decomposeForModel(history: Float64Array, options: SsaModelOptions, start: Float64Array | undefined, startWindow: number | undefined): SsaDecomposition {
  if (history.length < ssaMinimumObservations) {
    throw new TickforgeError('TF_ERR_FORECAST_SERIES_TOO_SHORT', `SSA forecasting needs at least ${ssaMinimumObservations} observations; the history has ${history.length}.`);
  }
  const selection = options.components !== undefined ? { components: options.components } : { varianceShare: options.varianceShare ?? defaultSsaVarianceShare, maximumComponents: options.maximumComponents ?? defaultSsaMaximumComponents };
  const windowLength = checkWindowLength(options.windowLength, history.length);
  const startingVectors = start !== undefined && startWindow === windowLength ? start : undefined;
  return decomposeSsa(history, { windowLength, ...selection, startingVectors });
}

/** Tries the full group, then drops trailing eigen-triples while nu^2 >= 1 leaves no recurrence. */
export function forecastWithRecurrence<T>(components: number, attempt: (group: number[]) => T): { result: T; group: number[]; warnings: string[] } {
  for (let count = components; count >= 1; count--) {
    const group = Array.from({ length: count }, (_, k) => k);
    try {
      const result = attempt(group);
      const warnings = count < components ? [`the leading ${components} eigen-triples leave no linear recurrence (verticality nu^2 = 1); forecasting with the leading ${count}`] : [];
      return { result, group, warnings };
    } catch (error) {
      if (!(error instanceof TickforgeError) || !error.message.includes('verticality') || count === 1) throw error;
    }
  }
  throw new TickforgeError('TF_ERR_FORECAST_OPTION', 'SSA found no group of eigen-triples with a linear recurrence.');
}

function flatten(rows: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(rows.reduce((sum, row) => sum + row.length, 0));
  let offset = 0;
  for (const row of rows) {
    out.set(row, offset);
    offset += row.length;
  }
  return out;
}
