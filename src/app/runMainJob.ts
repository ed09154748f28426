import type { CoverageEntry, UpsertResult } from '../store/ports.js';
import type { Runtime } from './createRuntime.js';
import { storeSampleUniverse } from './generateSample.js';
import { warmCache, type WarmedSeries } from './warmCache.js';

export interface MainJobEvents {
  onGenerateStart?: (series: number) => void;
  onProgress?: (done: number, total: number) => void;
}

export interface MainJobReport {
  store: string;
  generated: UpsertResult[] | undefined;
  coverage: CoverageEntry[];
  /** Series of `cache.warm.symbols` read into the cache. */
  warmed: WarmedSeries[];
}

/**
 * `tickforge run`, the main job. Today: make sure a store exists, seed it with the sample
 * universe when it is empty (no network, no servers), and report its coverage. Later stages
 * (indicators, backtests, forecasts) hang off this same path.
 */
export async function runMainJob(runtime: Runtime, events: MainJobEvents = {}): Promise<MainJobReport> {
  const store = await runtime.store();
  let coverage = await store.coverage();
  let generated: UpsertResult[] | undefined;
  if (coverage.length === 0) {
    const sample = runtime.config.sample;
    runtime.logger.info({ store: store.url, ...sample }, 'store is empty: generating the sample universe');
    events.onGenerateStart?.(sample.symbols);
    generated = await storeSampleUniverse(store, sample, events.onProgress);
    coverage = await store.coverage();
  }
  // The configured warm list goes into the cache (Redis, when shared) before later stages read it.
  const warmed = runtime.config.cache.warm.symbols.length > 0 ? await warmCache(runtime) : [];
  runtime.logger.info({ store: store.url, series: coverage.length, bars: coverage.reduce((n, e) => n + e.count, 0), warmed: warmed.length }, 'main job done');
  return { store: store.url, generated, coverage, warmed };
}
