import type { Cache } from '../cache/ports.js';
import { seriesTag } from '../cache/CachedCandleStore.js';
import type { Bars } from '../core/Bars.js';
import { defaultSymbolForecastSettings, seriesVersion, type SymbolForecast, type SymbolForecastSettings, type SymbolForecastState } from '../forecast/forecastSymbol.js';
import { forecastUniverse } from '../parallel/forecastUniverse.js';

export interface CachedUniverseForecast {
  /** One per series, in input order. */
  forecasts: SymbolForecast[];
  /** Series answered from the cache (same data version: no fit at all). */
  reused: number;
  /** Series fitted starting from the state of an earlier run (a warm refit). */
  warm: number;
  /** Series fitted from scratch. */
  cold: number;
}

/** How long a symbol's warm-start state is kept: a week, so a daily job refits warm after a weekend. */
const stateTtlMs = 7 * 86_400_000;

/**
 * The `forecast` stage over a universe with fitted models cached. A result is cached under the
 * series' data version (its length and a hash of every close) and tagged with the series, so an
 * upsert of new bars invalidates it; the state for a warm refit (member forecasts of unchanged
 * history prefixes, ARIMA and GARCH parameters) is kept apart, untagged, because it stays
 * useful after the bars change: that is what makes a refit after one new bar cheap. Within one
 * process the L1 tier holds both; with Redis as L2 they carry over between processes and runs.
 */
export async function forecastUniverseCached(universe: readonly Bars[], cache: Cache | undefined, options: { settings?: SymbolForecastSettings; threads?: number | 'auto'; onProgress?: (done: number, total: number) => void } = {}): Promise<CachedUniverseForecast> {
  const settings = { ...defaultSymbolForecastSettings, ...options.settings };
  const settingsKey = `h${settings.horizon}:v${settings.validationWindow}:p${settings.periodsPerYear}`;
  const versions = universe.map((bars) => seriesVersion(bars.close));
  const resultKey = (index: number) => `forecast:result:${universe[index].symbol}:${universe[index].timeframe.code}:${settingsKey}:${versions[index]}`;
  const stateKey = (index: number) => `forecast:state:${universe[index].symbol}:${universe[index].timeframe.code}:${settingsKey}`;
  const cached = cache === undefined ? [] : await cache.getMany<SymbolForecast>(universe.map((_, index) => resultKey(index)));
  const missing = universe.map((_, index) => index).filter((index) => cached[index] === undefined);
  const states = cache === undefined || missing.length === 0 ? [] : await cache.getMany<SymbolForecastState>(missing.map(stateKey));
  const total = universe.length;
  const reused = total - missing.length;
  options.onProgress?.(reused, total);
  const fitted = await forecastUniverse(
    missing.map((index, k) => ({ symbol: universe[index].symbol, closes: universe[index].close, state: states[k] })),
    { settings, threads: options.threads, onProgress: (done) => options.onProgress?.(reused + done, total) },
  );
  const forecasts = [...cached] as SymbolForecast[];
  forecasts.length = total;
  await Promise.all(
    missing.map(async (index, k) => {
      forecasts[index] = fitted.forecasts[k];
      if (cache === undefined) return;
      const tags = [seriesTag(universe[index].symbol, universe[index].timeframe.code)];
      await cache.set(resultKey(index), fitted.forecasts[k], { category: 'forecasts', tags });
      await cache.set(stateKey(index), fitted.states[k], { category: 'forecasts', ttlMs: stateTtlMs });
    }),
  );
  const warm = states.filter((state) => state !== undefined).length;
  return { forecasts, reused, warm, cold: missing.length - warm };
}
