/** The library surface of tickforge: `import { Bars, readCsvBars, validateBars } from 'tickforge'`. */
export * from './core/index.js';
export type { BarsFileResult, SourceTable } from './data/BarsFileResult.js';
export { readCsvBars, parseCsvBars, type CsvReadOptions } from './data/csv/readCsvBars.js';
export { writeCsvBars, type CsvWriteOptions } from './data/csv/writeCsvBars.js';
export { readParquetBars } from './data/parquet/readParquetBars.js';
export { writeParquetBars, type ParquetWriteOptions } from './data/parquet/writeParquetBars.js';
export { readBarsFile, readBarsFiles, listBarsFiles, type ReadBarsOptions } from './data/readBarsFile.js';
export { validateBars, defaultValidationPolicy, type ValidationInput, type ValidationOptions } from './data/validate/validateBars.js';
export * from './data/validate/ValidationReport.js';
export { formatValidationReport } from './data/validate/formatValidationReport.js';
export { resampleBars, resampleBarsWithCounts, type ResampleOptions, type ResampledBars } from './data/resample.js';
export { generateUniverse, generateUniverseChunks, type UniverseOptions } from './data/synthetic/generateUniverse.js';
export type { CandleStore, CoverageEntry, CoverageFilter, UpsertResult } from './store/ports.js';
export { parseStoreUrl, defaultStoreUrl, type StoreLocation } from './store/storeUrl.js';
export { openStore } from './app/openStore.js';
export { ingestFiles, type IngestOptions, type IngestReport } from './app/ingestFiles.js';
export { createRuntime, type Runtime, type RuntimeOptions } from './app/createRuntime.js';
export { loadConfig } from './config/loadConfig.js';
export { configSchema, type TickforgeConfig } from './config/configSchema.js';
export { createLogger, withCorrelationId } from './observe/logger.js';
export { createMetricsRegistry } from './observe/metrics.js';
export type { BarsProvider, FetchBarsOptions, ProviderLimits, MarketCalendarName } from './data/providers/ports.js';
export { FileProvider, type FileProviderOptions } from './data/providers/file/FileProvider.js';
export { SyntheticProvider, type SyntheticProviderOptions } from './data/providers/synthetic/SyntheticProvider.js';
export { DataSourceManager, type DataSourceManagerOptions, type SyncRequest, type UpdateRequest } from './data/sync/DataSourceManager.js';
export type { SyncReport, SeriesSyncReport, SyncProgress } from './data/sync/SyncReport.js';
/** ccxt and yahoo-finance2 load only when asked for: build those providers through `createProvider`. */
export { createProvider } from './app/createProvider.js';
export { syncData, updateData, type SyncOptions, type UpdateOptions } from './app/syncData.js';
export type { FetchedSpan } from './store/ports.js';
export type { Cache, CacheCategory, CacheEntryOptions, CacheStats, InvalidationSelector, DeltaRefresh } from './cache/ports.js';
export { TieredCache, type TieredCacheOptions } from './cache/TieredCache.js';
export { CachedCandleStore, seriesTag } from './cache/CachedCandleStore.js';
export { cacheHealth, type CacheHealth } from './cache/cacheHealth.js';
export { createCache } from './app/createCache.js';
export { warmCache, type WarmedSeries } from './app/warmCache.js';
/** Smart Money Concepts market structure (swings, BOS/CHoCH, fair value gaps, order blocks, liquidity). */
export * as smc from './analysis/smc/index.js';
/** Chart patterns (double tops, head and shoulders, triangles, wedges, flags, channels) and support/resistance levels. */
export * as chartPatterns from './analysis/patterns/index.js';
/** Strategies (the Strategy interface, both runners, the built-ins, the SMC engine) and the signal router. */
export * as strategy from './strategy/index.js';
/** Forecasting: SARIMAX, the GARCH family, SSA, the ensemble and its accuracy backtest, diagnostics, the bounded L-BFGS optimiser. */
export * as forecast from './forecast/index.js';
/** Charts of structure, signals and backtests: SVG and interactive lightweight-charts pages. */
export * as report from './report/index.js';
export { scanUniverse, autoParallelBars, type ScanUniverseOptions } from './parallel/scanUniverse.js';
export { scanSeries, type ScanRequest, type SeriesScan, type StructureSummary } from './parallel/scanSeries.js';
/** Parameter sweeps (grid, random, genetic), walk-forward analysis and Monte Carlo of trades; `sweep` and `walkForwardSweep` run them on worker threads. */
export * as sweeps from './backtest/sweep/index.js';
export { sweep, walkForwardSweep, autoParallelSweepWork, type SweepOptions } from './parallel/runParallelSweep.js';
export { selectSarimaxOrderInParallel, type ParallelSarimaxOrderSelectionOptions } from './parallel/selectSarimaxOrderInParallel.js';
export { forecastUniverse, type UniverseSeries, type ForecastUniverseOptions } from './parallel/forecastUniverse.js';
