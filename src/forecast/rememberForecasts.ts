import type { ForecastModel, ModelForecast } from './ForecastModel.js';

/** Forecasts a model made, by the history they came from: what `rememberForecasts` keeps between runs. */
export type ForecastMemory = Record<string, { mean: number[]; standardError: number[]; warnings: string[] }>;

/**
 * `model`, answering from `previous` when it has already forecast this exact history and horizon,
 * and recording every forecast of this run in `next` (so a memory holds one run's forecasts and
 * does not grow). A forecast depends only on the history it is given, so
 * after one new bar an ensemble's validation origins (all but the newest) need no refit: their
 * histories are unchanged prefixes. Keys are the history's length and a 64-bit hash of its
 * bytes, so a revised bar anywhere in a prefix makes that prefix a new key. A shorter horizon is
 * answered from a longer forecast of the same history: only for models whose forecasts are
 * recursions, where the first k steps of an h-step forecast are the k-step forecast (ARIMA, SSA,
 * the random walks), so the last run's final forecast serves as this run's newest validation
 * origin. The memory is plain
 * data (numbers, strings) so it crosses to worker threads and into the cache as it is.
 */
export function rememberForecasts(model: ForecastModel, previous: ForecastMemory, next: ForecastMemory): ForecastModel {
  return {
    name: model.name,
    minimumObservations: () => model.minimumObservations(),
    forecast(history: Float64Array, horizon: number): ModelForecast {
      const key = `${history.length}:${historyHash(history)}`;
      const known = next[key] ?? previous[key];
      if (known !== undefined && known.mean.length >= horizon) {
        next[key] = known;
        return { mean: Float64Array.from(known.mean.slice(0, horizon)), standardError: Float64Array.from(known.standardError.slice(0, horizon)), warnings: [...known.warnings] };
      }
      const result = model.forecast(history, horizon);
      next[key] = { mean: Array.from(result.mean), standardError: Array.from(result.standardError), warnings: [...result.warnings] };
      return result;
    },
  };
}

/** Two 32-bit FNV-1a lanes over the values' bytes (the second also mixing the first), as 16 hex digits: no BigInt in the loop. */
export function historyHash(values: Float64Array): string {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  let low = 0x811c9dc5;
  let high = 0x01000193;
  for (let i = 0; i < words.length; i++) {
    low = Math.imul(low ^ words[i], 0x01000193) >>> 0;
    high = Math.imul(high ^ words[i] ^ (low >>> 7), 0x01000193) >>> 0;
  }
  return `${high.toString(16)}${low.toString(16).padStart(8, '0')}`;
}
