import type { Timeframe } from '../core/index.js';
import type { BarsProvider } from '../data/providers/ports.js';
import { DataSourceManager } from '../data/sync/DataSourceManager.js';
import type { SyncProgress, SyncReport } from '../data/sync/SyncReport.js';
import { createProvider } from './createProvider.js';
import type { Runtime } from './createRuntime.js';

export interface SyncOptions {
  /** `file`, `synthetic`, `yahoo` or `ccxt:<exchange>`. */
  provider: string;
  /** Files and directories for the `file` provider. */
  paths?: readonly string[];
  /** Default: every symbol the provider lists (file and synthetic) . */
  symbols?: readonly string[];
  timeframe: Timeframe | string;
  from?: number;
  to?: number;
  /** Overrides `providers.chunkSize`. */
  chunkSize?: number;
  onProgress?: (progress: SyncProgress) => void;
  signal?: AbortSignal;
}

export interface UpdateOptions {
  /** Provider for every series; default: the one that last served each series. */
  provider?: string;
  symbols?: readonly string[];
  timeframe?: Timeframe | string;
  onProgress?: (progress: SyncProgress) => void;
  signal?: AbortSignal;
}

function managerFor(runtime: Runtime, store: Awaited<ReturnType<Runtime['store']>>, chunkSize?: number): DataSourceManager {
  const settings = runtime.config.providers;
  return new DataSourceManager({
    store,
    chunkSize: chunkSize ?? settings.chunkSize,
    symbolConcurrency: settings.symbolConcurrency,
    retries: settings.retries,
    retryMinMs: settings.retryMinMs,
    retryMaxMs: settings.retryMaxMs,
    policy: runtime.config.ingest,
    logger: runtime.logger,
  });
}

/** `tickforge ingest --provider ...`: fetch what the store lacks of the symbols in the range. */
export async function syncData(runtime: Runtime, options: SyncOptions): Promise<SyncReport> {
  const store = await runtime.store();
  const provider = await createProvider(options.provider, { config: runtime.config, paths: options.paths });
  const manager = managerFor(runtime, store, options.chunkSize);
  try {
    const symbols = options.symbols !== undefined && options.symbols.length > 0 ? options.symbols : await provider.listSymbols();
    const report = await manager.sync(provider, { symbols, timeframe: options.timeframe, from: options.from, to: options.to, onProgress: options.onProgress, signal: options.signal });
    runtime.logger.info({ provider: report.provider, series: report.series.length, requests: report.requests, durationMs: report.durationMs }, 'sync finished');
    return report;
  } finally {
    await manager.close();
    await provider.close();
  }
}

/** `tickforge update`: bring every stored series (or the selected ones) up to now. */
export async function updateData(runtime: Runtime, options: UpdateOptions = {}): Promise<SyncReport> {
  const store = await runtime.store();
  const built = new Map<string, BarsProvider>();
  const build = async (name: string): Promise<BarsProvider> => {
    let provider = built.get(name);
    if (provider === undefined) built.set(name, (provider = await createProvider(name, { config: runtime.config })));
    return provider;
  };
  const manager = managerFor(runtime, store);
  try {
    const provider = options.provider === undefined ? undefined : await build(options.provider);
    return await manager.update({
      provider,
      // A series first ingested from files cannot be updated from them: there is nothing newer to read.
      providerFor: async (source) => (source === 'file' ? undefined : build(source)),
      symbols: options.symbols,
      timeframe: options.timeframe,
      onProgress: options.onProgress,
      signal: options.signal,
    });
  } finally {
    await manager.close();
    await Promise.all([...built.values()].map((provider) => provider.close()));
  }
}
