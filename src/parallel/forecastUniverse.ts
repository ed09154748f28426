import { availableParallelism } from 'node:os';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { forecastSymbol, type SymbolForecast, type SymbolForecastSettings, type SymbolForecastState } from '../forecast/forecastSymbol.js';
import { contiguousChunks } from './contiguousChunks.js';
import type { ForecastTask, ForecastTaskResult } from './forecastWorker.js';
import { createWorkerPool } from './workerPool.js';

export interface UniverseSeries {
  symbol: string;
  closes: Float64Array;
  /** The state the last run left for this symbol, when there is one (a warm refit). */
  state?: SymbolForecastState;
}

export interface ForecastUniverseOptions {
  settings?: SymbolForecastSettings;
  /** Worker threads; 0 runs here; 'auto' (default) uses every core from 8 symbols on. */
  threads?: number | 'auto';
  /** Called after each symbol: done of total. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Expected return and volatility for every series (`forecastSymbol`), spread over worker
 * threads in contiguous chunks, several per thread so a slow chunk does not leave a core idle;
 * each chunk's closes cross as one transferred buffer. Results (and the states for the next
 * run) come back in input order whatever the thread count, equal to a single-thread run.
 */
export async function forecastUniverse(universe: readonly UniverseSeries[], options: ForecastUniverseOptions = {}): Promise<{ forecasts: SymbolForecast[]; states: SymbolForecastState[] }> {
  const requested = options.threads ?? 'auto';
  const threads = requested !== 'auto' ? requested : universe.length < 8 ? 0 : availableParallelism();
  const total = universe.length;
  let done = 0;
  const task = (from: number, to: number): ForecastTask => {
    const slice = universe.slice(from, to);
    const lengths = slice.map((series) => series.closes.length);
    const closes = new Float64Array(lengths.reduce((n, length) => n + length, 0));
    let offset = 0;
    for (const series of slice) {
      closes.set(series.closes, offset);
      offset += series.closes.length;
    }
    return { symbols: slice.map((series) => series.symbol), lengths, closes: closes.buffer, states: slice.map((series) => series.state), settings: options.settings ?? {} };
  };
  if (threads === 0) {
    // On this thread the closes need no packing: each series is forecast where it is.
    const forecasts: SymbolForecast[] = [];
    const states: SymbolForecastState[] = [];
    for (const series of universe) {
      const result = forecastSymbol(series.symbol, series.closes, options.settings, series.state);
      forecasts.push(result.forecast);
      states.push(result.state);
      options.onProgress?.(++done, total);
    }
    return { forecasts, states };
  }
  const chunks = contiguousChunks(total, Math.min(total, threads * 4)).filter(([from, to]) => to > from);
  const pool = createWorkerPool('forecastWorker', Math.min(threads, chunks.length));
  try {
    const results = await Promise.all(
      chunks.map(async ([from, to]) => {
        const payload = task(from, to);
        const result = (await pool.run(move({ [transferableSymbol]: payload.closes, [valueSymbol]: payload }))) as ForecastTaskResult;
        options.onProgress?.((done += to - from), total);
        return result;
      }),
    );
    return merge(results);
  } finally {
    await pool.destroy();
  }
}

function merge(results: ForecastTaskResult[]): { forecasts: SymbolForecast[]; states: SymbolForecastState[] } {
  return { forecasts: results.flatMap((result) => result.forecasts), states: results.flatMap((result) => result.states) };
}
