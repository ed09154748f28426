import { afterAll, describe, expect, it } from 'vitest';
import { createCache } from '../../src/app/createCache.js';
import { CachedCandleStore, seriesTag } from '../../src/cache/CachedCandleStore.js';
import { configSchema } from '../../src/config/configSchema.js';
import { Bars, Timeframe } from '../../src/core/index.js';
import { generateUniverse } from '../../src/data/synthetic/generateUniverse.js';
import { DuckDbCandleStore } from '../../src/store/duckdb/DuckDbCandleStore.js';
import { capturingLogger, dropTestNamespaces, newTestNamespace, PrivateRedis, rawClient, redisAvailable, redisServerBinary, redisTestUrl } from './redisTestServer.js';

/**
 * The whole read path as `app/` wires it (the store behind the tiered cache with Redis as L2):
 * Redis killed and restarted while a run reads, garbage written under a cached key, and the
 * derived results of a series dropped by an upsert of that series.
 */
const day = Timeframe.of('1d');
const universe = generateUniverse({ symbols: 12, timeframe: day, start: Date.UTC(2023, 0, 1), end: Date.UTC(2024, 0, 1), seed: 9 });
const servers: PrivateRedis[] = [];
afterAll(async () => {
  for (const server of servers) await server.kill();
  await dropTestNamespaces();
});

function same(actual: Bars, expected: Bars): boolean {
  if (actual.length !== expected.length) return false;
  for (let row = 0; row < expected.length; row++) if (actual.close[row] !== expected.close[row] || actual.time[row] !== expected.time[row]) return false;
  return true;
}

async function cachedStore(redisUrl: string, namespace: string, l1MaxBytes: number) {
  const store = await DuckDbCandleStore.open(':memory:');
  await store.upsertMany(universe);
  const { logger, lines } = capturingLogger();
  const config = configSchema.parse({
    redis: { url: redisUrl },
    cache: { l1: { maxBytes: l1MaxBytes }, l2: { namespace, commandTimeoutMs: 100, breakerFailures: 3, breakerCooldownMs: 300 } },
  });
  const cache = createCache({ config, logger });
  return { cached: new CachedCandleStore(store, cache, { marketOf: () => 'us-equity' }), cache, lines };
}

describe.skipIf(!redisAvailable || !redisServerBinary)('the cached store with Redis as L2', () => {
  it('a run that reads throughout completes with correct results while Redis is killed and restarted', async () => {
    const server = await PrivateRedis.start();
    servers.push(server);
    // An L1 of two series: most reads go to Redis, or to the store when Redis is gone.
    const { cached, cache, lines } = await cachedStore(server.url, newTestNamespace(), 2 * universe[0].byteLength + 4096);
    let wrong = 0;
    let reads = 0;
    const readAll = async () => {
      for (const bars of universe) {
        reads++;
        if (!same(await cached.readBars(bars.symbol, day), bars)) wrong++;
      }
    };
    await readAll();
    await readAll();
    await server.kill();
    for (let round = 0; round < 5; round++) await readAll();
    expect(cache.stats().l2State).toBe('open');
    await server.start();
    const deadline = Date.now() + 10_000;
    while (cache.stats().l2State !== 'closed' && Date.now() < deadline) {
      await readAll();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await readAll();
    expect(cache.stats().l2State).toBe('closed');
    expect(wrong, `wrong results out of ${reads} reads`).toBe(0);
    expect(lines.some((line) => /open/i.test(String(line.msg)))).toBe(true);
    const hitsBefore = cache.stats().tiers.l2?.hits ?? 0;
    await readAll();
    await readAll();
    expect(cache.stats().tiers.l2?.hits ?? 0, 'L2 serves again after the restart').toBeGreaterThan(hitsBefore);
    await cached.close();
  });

  it('garbage written under a cached key is a miss: the bars come from the store, correct', async () => {
    const namespace = newTestNamespace();
    // An L1 smaller than one series: every read goes to Redis.
    const first = await cachedStore(redisTestUrl, namespace, 1_000);
    await first.cached.readBars('SYN001', day);
    const raw = rawClient();
    const keys = await raw.keys(`${namespace}:v*:bars:SYN001*`);
    expect(keys.length).toBe(1);
    await raw.set(keys[0], Buffer.from('not a tickforge value at all'));
    await raw.quit();
    const second = await cachedStore(redisTestUrl, namespace, 1_000);
    expect(same(await second.cached.readBars('SYN001', day), universe[0])).toBe(true);
    expect(second.cache.stats().tiers.l2?.errors).toBe(1);
    expect(second.cache.stats().loads.count).toBe(1);
    await first.cached.close();
    await second.cached.close();
  });

  it('an upsert drops the series\' derived results (indicators, forecasts) too, in L1 and in Redis', async () => {
    const { cached, cache } = await cachedStore(redisTestUrl, newTestNamespace(), 1 << 22);
    const tags = [seriesTag('SYN002', '1d')];
    await cache.set('indicators:SYN002:1d:rsi:14', [1, 2, 3], { category: 'indicators', tags });
    await cache.set('forecasts:SYN002:1d:garch', { sigma: 0.2 }, { category: 'forecasts', tags });
    await cache.set('indicators:SYN003:1d:rsi:14', [4], { category: 'indicators', tags: [seriesTag('SYN003', '1d')] });
    await cached.upsertBars(universe[1].slice(0, 1).copy());
    expect(await cache.getMany(['indicators:SYN002:1d:rsi:14', 'forecasts:SYN002:1d:garch', 'indicators:SYN003:1d:rsi:14'])).toEqual([undefined, undefined, [4]]);
    await cached.close();
  });
});
