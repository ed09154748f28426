import type { CacheStats } from './ports.js';

export interface CacheHealth {
  /** 100 is healthy; each finding takes off what it costs. */
  score: number;
  /** Why the score is what it is, each with what to do; empty when healthy. */
  findings: string[];
}

/** Lookups below this are too few to judge a hit ratio. */
const minimumLookups = 200;

/**
 * A health score that explains itself: which ratio is low and the likely reason, read from
 * the counters of `Cache.stats()`.
 */
export function cacheHealth(stats: CacheStats, budgets: { l1MaxBytes: number }): CacheHealth {
  const findings: string[] = [];
  let score = 100;
  const l1 = stats.tiers.l1;
  if (l1 !== undefined) {
    const lookups = l1.hits + l1.misses;
    const ratio = lookups === 0 ? 1 : l1.hits / lookups;
    if (lookups >= minimumLookups && ratio < 0.5) {
      const cost = Math.round((0.5 - ratio) * 60);
      score -= cost;
      const full = l1.bytes >= 0.9 * budgets.l1MaxBytes;
      findings.push(
        `L1 hit ratio is ${(ratio * 100).toFixed(1)}% over ${lookups} lookups` +
          (full && l1.evictions > 0
            ? `: the budget is full (${formatBytes(l1.bytes)} of ${formatBytes(budgets.l1MaxBytes)}) and ${l1.evictions} entries were evicted; raise cache.l1.maxBytes`
            : l1.expirations > l1.evictions
              ? `: most misses follow expiry (${l1.expirations} expired); the data changes faster than it is reread, or TTLs (cache.ttlMs) are short`
              : ': reads rarely repeat (a one-pass workload gains little from a cache)'),
      );
    }
  }
  const l2 = stats.tiers.l2;
  if (stats.l2State === 'open' || stats.l2State === 'half-open') {
    score -= 30;
    findings.push(`L2 (Redis) circuit breaker is ${stats.l2State}: Redis failed or was slow repeatedly; reads go to L1 and the store until a probe succeeds`);
  }
  if (l2 !== undefined && l2.errors > 0) {
    const lookups = l2.hits + l2.misses;
    const share = lookups === 0 ? 1 : l2.errors / lookups;
    if (share > 0.01) {
      score -= Math.min(20, Math.round(share * 100));
      findings.push(`${l2.errors} L2 errors (timeouts, corrupt or foreign values) over ${lookups} lookups; check Redis latency (cache.l2.commandTimeoutMs) and whether another program writes under the namespace`);
    }
  }
  if (stats.loads.count > 0 && stats.loads.failures > 0) {
    score -= Math.min(20, Math.round((stats.loads.failures / stats.loads.count) * 100));
    findings.push(`${stats.loads.failures} of ${stats.loads.count} loads failed (the store or provider behind the cache); failed loads are not cached`);
  }
  return { score: Math.max(0, score), findings };
}

function formatBytes(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}
