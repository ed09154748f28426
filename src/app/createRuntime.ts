import type { Registry } from 'prom-client';
import { CachedCandleStore } from '../cache/CachedCandleStore.js';
import type { TickforgeConfig } from '../config/configSchema.js';
import { loadConfig } from '../config/loadConfig.js';
import { createLogger, type Logger } from '../observe/logger.js';
import { createMetricsRegistry, registerIngestMetrics, type IngestMetrics } from '../observe/metrics.js';
import type { CandleStore } from '../store/ports.js';
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
  /** Opens the configured store once; later calls return the same instance. */
  store(): Promise<CandleStore>;
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
  return {
    config,
    configSources: loaded.sources,
    logger,
    metrics,
    ingestMetrics,
    store() {
      opened ??= openStore(config.store.url, config.store).then((store) => {
        logger.debug({ store: store.url }, 'store opened');
        const { enabled, maxBytes } = config.store.queryCache;
        return enabled && maxBytes > 0 ? new CachedCandleStore(store, { maxBytes }) : store;
      });
      return opened;
    },
    async close() {
      if (opened !== undefined) await (await opened.catch(() => undefined))?.close();
      logger.flush();
    },
  };
}
