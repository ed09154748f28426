import { describe, expect, it } from 'vitest';
import { createMetricsRegistry } from '../observe/metrics.js';
import { cacheHealth } from './cacheHealth.js';
import { estimateBytes } from './memory/estimateBytes.js';
import { MemoryTier } from './memory/MemoryTier.js';
import { registerCacheMetrics } from './registerCacheMetrics.js';
import { TieredCache } from './TieredCache.js';

const ttlMs = { bars: 60_000, indicators: 60_000, forecasts: 60_000, provider: 60_000 };

describe('cache metrics and health', () => {
  it('exposes hits, misses, loads, bytes per tier and lookups per category on the registry', async () => {
    const registry = createMetricsRegistry();
    const cache = new TieredCache({ l1: new MemoryTier({ maxBytes: 1 << 20 }), ttlMs, sizeOf: estimateBytes });
    registerCacheMetrics(registry, cache);
    await cache.getOrLoad('a', async () => 'x', { category: 'bars' });
    await cache.getOrLoad('a', async () => 'x', { category: 'bars' });
    await cache.getOrLoad('b', async () => { throw new Error('down'); }, { category: 'indicators' }).catch(() => undefined);
    const text = await registry.metrics();
    expect(text).toMatch(/tickforge_cache_hits_total\{tier="l1",app="tickforge"\} 1/);
    expect(text).toMatch(/tickforge_cache_misses_total\{tier="l1",app="tickforge"\} 2/);
    expect(text).toMatch(/tickforge_cache_loads_total\{outcome="failed",app="tickforge"\} 1/);
    expect(text).toMatch(/tickforge_cache_category_lookups_total\{tier="l1",category="bars",result="hit",app="tickforge"\} 1/);
    expect(text).toMatch(/tickforge_cache_bytes\{tier="l1",app="tickforge"\} \d+/);
    expect(text).toMatch(/tickforge_cache_l2_circuit_open\{app="tickforge"\} 0/);
  });

  it('scores health and says which ratio is low and why', async () => {
    const cache = new TieredCache({ l1: new MemoryTier({ maxBytes: 200, policy: 'lru' }), ttlMs, sizeOf: () => 100 });
    for (let round = 0; round < 100; round++) for (const key of ['a', 'b', 'c']) await cache.getOrLoad(key, async () => key, { category: 'bars' });
    const health = cacheHealth(cache.stats(), { l1MaxBytes: 200 });
    expect(health.score).toBeLessThan(100);
    expect(health.findings[0]).toMatch(/L1 hit ratio is 0\.0% over 300 lookups: the budget is full .* raise cache\.l1\.maxBytes/);
    expect(cacheHealth(new TieredCache({ l1: new MemoryTier({ maxBytes: 200 }), ttlMs, sizeOf: () => 1 }).stats(), { l1MaxBytes: 200 })).toEqual({ score: 100, findings: [] });
  });
});
