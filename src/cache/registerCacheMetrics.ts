import { Counter, Gauge, type Registry } from 'prom-client';
import type { Cache, CacheStats } from './ports.js';

/**
 * The cache's counters on the process registry (`/metrics`), read from `Cache.stats()` at each
 * scrape, so the hot path pays nothing for them: hits, misses, evictions, expirations, errors,
 * bytes and entries per tier, hits and misses per tier and category, loads and their time,
 * coalesced waiters, delta refreshes, and the state of L2's circuit breaker.
 */
export function registerCacheMetrics(registry: Registry, cache: Cache): void {
  // One snapshot serves all metrics of one scrape.
  let snapshot: CacheStats | undefined;
  let takenAt = -Infinity;
  const read = (): CacheStats => {
    const now = performance.now();
    if (snapshot === undefined || now - takenAt > 100) {
      snapshot = cache.stats();
      takenAt = now;
    }
    return snapshot;
  };
  const tierCounter = (name: string, help: string, field: 'hits' | 'misses' | 'sets' | 'evictions' | 'expirations' | 'invalidations' | 'errors') =>
    new Counter({
      name, help, labelNames: ['tier'], registers: [registry],
      collect() {
        this.reset();
        for (const [tier, stats] of Object.entries(read().tiers)) this.inc({ tier }, stats[field]);
      },
    });
  tierCounter('tickforge_cache_hits_total', 'Cache hits per tier.', 'hits');
  tierCounter('tickforge_cache_misses_total', 'Cache misses per tier.', 'misses');
  tierCounter('tickforge_cache_sets_total', 'Values stored per tier.', 'sets');
  tierCounter('tickforge_cache_evictions_total', 'Entries evicted to stay within the budget, per tier.', 'evictions');
  tierCounter('tickforge_cache_expirations_total', 'Entries dropped at expiry, per tier.', 'expirations');
  tierCounter('tickforge_cache_invalidations_total', 'Entries dropped by invalidation, per tier.', 'invalidations');
  tierCounter('tickforge_cache_errors_total', 'Tier errors treated as misses (Redis down or slow, corrupt values).', 'errors');
  new Counter({
    name: 'tickforge_cache_category_lookups_total', help: 'Lookups per tier, category and result.', labelNames: ['tier', 'category', 'result'], registers: [registry],
    collect() {
      this.reset();
      for (const [tier, stats] of Object.entries(read().tiers)) {
        for (const [category, counts] of Object.entries(stats.byCategory)) {
          this.inc({ tier, category, result: 'hit' }, counts.hits);
          this.inc({ tier, category, result: 'miss' }, counts.misses);
        }
      }
    },
  });
  const tierGauge = (name: string, help: string, field: 'bytes' | 'entries') =>
    new Gauge({
      name, help, labelNames: ['tier'], registers: [registry],
      collect() {
        for (const [tier, stats] of Object.entries(read().tiers)) this.set({ tier }, stats[field]);
      },
    });
  tierGauge('tickforge_cache_bytes', 'Bytes held per tier.', 'bytes');
  tierGauge('tickforge_cache_entries', 'Entries held per tier.', 'entries');
  new Counter({
    name: 'tickforge_cache_loads_total', help: 'Loads after every tier missed, by outcome.', labelNames: ['outcome'], registers: [registry],
    collect() {
      this.reset();
      const { count, failures } = read().loads;
      this.inc({ outcome: 'ok' }, count - failures);
      this.inc({ outcome: 'failed' }, failures);
    },
  });
  new Counter({
    name: 'tickforge_cache_load_seconds_total', help: 'Time spent in loads (divide by loads for the mean).', registers: [registry],
    collect() {
      this.reset();
      this.inc(read().loads.totalMs / 1000);
    },
  });
  new Gauge({
    name: 'tickforge_cache_load_seconds_max', help: 'Longest load so far.', registers: [registry],
    collect() {
      this.set(read().loads.maxMs / 1000);
    },
  });
  new Counter({
    name: 'tickforge_cache_coalesced_total', help: 'Callers that waited for a load in flight instead of starting one.', registers: [registry],
    collect() {
      this.reset();
      this.inc(read().coalesced);
    },
  });
  new Counter({
    name: 'tickforge_cache_refreshes_total', help: 'Stale values brought up to date by a delta refresh.', registers: [registry],
    collect() {
      this.reset();
      this.inc(read().refreshes);
    },
  });
  new Gauge({
    name: 'tickforge_cache_l2_circuit_open', help: '1 while the L2 (Redis) circuit breaker is open or half-open.', registers: [registry],
    collect() {
      const state = read().l2State;
      this.set(state === 'open' || state === 'half-open' ? 1 : 0);
    },
  });
}
