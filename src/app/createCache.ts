import type { Registry } from 'prom-client';
import { estimateBytes } from '../cache/memory/estimateBytes.js';
import { MemoryTier } from '../cache/memory/MemoryTier.js';
import type { Cache } from '../cache/ports.js';
import { RedisConnection } from '../cache/redis/RedisConnection.js';
import { RedisInvalidationBus } from '../cache/redis/RedisInvalidationBus.js';
import { RedisLock } from '../cache/redis/RedisLock.js';
import { RedisTier } from '../cache/redis/RedisTier.js';
import { registerCacheMetrics } from '../cache/registerCacheMetrics.js';
import { TieredCache } from '../cache/TieredCache.js';
import type { TickforgeConfig } from '../config/configSchema.js';
import type { MarketName } from '../core/index.js';
import type { Logger } from '../observe/logger.js';

export interface CacheContext {
  config: TickforgeConfig;
  logger: Logger;
  metrics?: Registry;
  now?: () => number;
}

/**
 * The tiered cache the config describes: L1 always; L2, the invalidation bus and the load lock
 * when `redis.url` is set and `cache.l2.enabled`. Redis being down at start is not an error:
 * the breaker opens, the cache runs on L1 and the store, and it probes Redis again later.
 */
export function createCache(context: CacheContext): Cache {
  const { config, logger } = context;
  const settings = config.cache;
  const l1 = new MemoryTier({ maxBytes: settings.l1.maxBytes, policy: settings.l1.policy });
  const common = { ttlMs: settings.ttlMs, sizeOf: estimateBytes, now: context.now, logger };
  let cache: Cache;
  if (config.redis.url === undefined || !settings.l2.enabled) {
    cache = new TieredCache({ l1, ...common });
  } else {
    const connection = new RedisConnection({
      url: config.redis.url,
      logger,
      commandTimeoutMs: settings.l2.commandTimeoutMs,
      failureThreshold: settings.l2.breakerFailures,
      cooldownMs: settings.l2.breakerCooldownMs,
      now: context.now,
    });
    const namespace = settings.l2.namespace;
    cache = new TieredCache({
      l1,
      l2: new RedisTier({ connection, namespace, logger, now: context.now }),
      bus: new RedisInvalidationBus({ connection, namespace, logger }),
      lock: new RedisLock({ connection, namespace, logger }),
      ...common,
    });
  }
  if (context.metrics !== undefined) registerCacheMetrics(context.metrics, cache);
  return cache;
}

/** The market a symbol trades on: the config's per-symbol list, then `/` means a crypto pair. */
export function marketResolver(config: TickforgeConfig): (symbol: string) => MarketName {
  const { markets, market } = config.cache;
  return (symbol) => markets[symbol] ?? (symbol.includes('/') ? 'crypto' : market);
}
