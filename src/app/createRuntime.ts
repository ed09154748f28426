import type { Registry } from 'prom-client';
import { CachedCandleStore } from '../cache/CachedCandleStore.js';
import type { Cache } from '../cache/ports.js';
import type { TickforgeConfig } from '../config/configSchema.js';
import { loadConfig } from '../config/loadConfig.js';
import { createLogger, type Logger } from '../observe/logger.js';
import { createMetricsRegistry, registerIngestMetrics, type IngestMetrics } from '../observe/metrics.js';
import type { CandleStore } from '../store/ports.js';
import { createCache, marketResolver } from './createCache.js';
import { openStore } from './openStore.js';

export interface RuntimeOptions {
  configFile?: string;
  environment?: string;
  /** Overrides `store.url` from the config and TICKFORGE_STORE_URL. */
  storeUrl?: string;
  logLevel?: TickforgeConfig['log']['level'];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  logDestination?: NodeJS.WritableStream;
}

/** What one tickforge process shares across its work: settings, logging, metrics, the store. */
export interface Runtime {
  config: TickforgeConfig;
  configSources: string[];
  logger: Logger;
  metrics: Registry;
  ingestMetrics: IngestMetrics;
  /**
   * Opens the configured store once, behind the tiered cache (range reads cached, upserts
   * invalidating); later calls return the same instance.
   */
  store(): Promise<CandleStore>;
  /** The tiered cache (L1, and Redis as L2 when `redis.url` is set), built once. */
  cache(): Promise<Cache>;
  close(): Promise<void>;
}

export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const loaded = loadConfig({ file: options.configFile, environment: options.environment, cwd: options.cwd, env: options.env });
  const config: TickforgeConfig = {
    ...loaded.config,
    store: { ...loaded.config.store, url: options.storeUrl ?? loaded.config.store.url },
    log: { ...loaded.config.log, level: options.logLevel ?? loaded.config.log.level },
  };
  const logger = createLogger({ level: config.log.level, format: config.log.format, destination: options.logDestination });
  const metrics = createMetricsRegistry();
  const ingestMetrics = registerIngestMetrics(metrics);
  let opened: Promise<CandleStore> | undefined;
  let cache: Cache | undefined;
  const cacheOnce = (): Cache => (cache ??= createCache({ config, logger, metrics }));
  return {
    config,
    configSources: loaded.sources,
    logger,
    metrics,
    ingestMetrics,
    store() {
      opened ??= openStore(config.store.url, config.store).then((store) => {
        logger.debug({ store: store.url }, 'store opened');
        return new CachedCandleStore(store, cacheOnce(), { marketOf: marketResolver(config) });
      });
      return opened;
    },
    async cache() {
      return cacheOnce();
    },
    async close() {
      // Closing the cached store closes the cache with it; a cache used without the store closes alone.
      if (opened !== undefined) await (await opened.catch(() => undefined))?.close();
      else await cache?.close();
      logger.flush();
    },
  };
}
