/**
 * The cache port, owned by its consumers (the store query path, indicators, forecasts, the
 * provider layer). `TieredCache` (tiered.ts) implements `Cache` over `CacheTier`s: L1 in
 * process (cache/memory), L2 Redis (cache/redis); L3 is whatever `getOrLoad` loads from (the
 * store). Only app/ constructs the tiers.
 */

/** What a value is, for TTLs, metrics and invalidation. */
export const cacheCategories = ['bars', 'indicators', 'forecasts', 'provider'] as const;
export type CacheCategory = (typeof cacheCategories)[number];

export interface CacheEntryOptions {
  category: CacheCategory;
  /** Absolute expiry in ms since the epoch; wins over `ttlMs`. Policies compute it (market hours). */
  expiresAt?: number;
  /** Time to live from now; when neither is given the category's default TTL applies. */
  ttlMs?: number;
  /**
   * Tags for invalidation, e.g. `series:AAPL:1d`: an upsert of AAPL 1d invalidates every
   * entry tagged with it (ranges, indicators, forecasts), in every process sharing L2.
   */
  tags?: readonly string[];
}

export interface InvalidationSelector {
  /** Every key starting with this. */
  prefix?: string;
  /** Every key carrying any of these tags. */
  tags?: readonly string[];
}

/** One stored value as a tier holds it. */
export interface CacheRecord {
  value: unknown;
  category: CacheCategory;
  /** Absolute expiry (ms since the epoch); Infinity when none. */
  expiresAt: number;
  tags: readonly string[];
  /** Size the tier accounts for (L1: estimated in-memory bytes; L2: encoded bytes). */
  bytes: number;
}

/**
 * A tier: L1 memory or L2 Redis. Tiers never throw on a lookup failure that is the cache's
 * own (a corrupt value, Redis down): they report a miss and count it; `TieredCache` carries on
 * with the tiers that work.
 */
export interface CacheTier {
  readonly name: 'l1' | 'l2';
  get(key: string, now: number): Promise<CacheRecord | undefined>;
  getMany(keys: readonly string[], now: number): Promise<(CacheRecord | undefined)[]>;
  /** Stores a record; returns false when it was not kept (larger than the tier's budget, tier down). */
  set(key: string, record: CacheRecord): Promise<boolean>;
  delete(keys: readonly string[]): Promise<void>;
  /** Drops matching entries; returns how many it dropped (L2: best effort count). */
  invalidate(selector: InvalidationSelector): Promise<number>;
  close(): Promise<void>;
}

/** The in-process tier adds a synchronous lookup for the hot path. */
export interface MemoryCacheTier extends CacheTier {
  peek(key: string, now: number): CacheRecord | undefined;
  stats(): TierStats;
}

/** Tells other processes sharing L2 what was invalidated, so they drop it from their L1. */
export interface InvalidationBus {
  publish(selector: InvalidationSelector): Promise<void>;
  subscribe(handler: (selector: InvalidationSelector) => void): void;
  close(): Promise<void>;
}

/** A short cross-process lock, so one process loads a missing key while the others wait. */
export interface LoadLock {
  /** The lock when this process got it; undefined when another process holds it. */
  tryAcquire(key: string, ttlMs: number): Promise<{ release(): Promise<void> } | undefined>;
  /** Resolves when the holder releases the lock or `timeoutMs` passes. */
  waitForRelease(key: string, timeoutMs: number): Promise<void>;
}

export interface TierStats {
  hits: number;
  misses: number;
  sets: number;
  evictions: number;
  expirations: number;
  invalidations: number;
  errors: number;
  entries: number;
  bytes: number;
}

export interface CacheStats {
  /** Per tier, and per tier and category. */
  tiers: Record<string, TierStats & { byCategory: Record<CacheCategory, { hits: number; misses: number }> }>;
  /** Loads run by `getOrLoad` (after every tier missed), failures, and their latency. */
  loads: { count: number; failures: number; totalMs: number; maxMs: number };
  /** Waiters that joined a load in flight instead of starting their own. */
  coalesced: number;
  /** Stale values brought up to date by a delta refresh instead of a full load. */
  refreshes: number;
  /** L2's circuit breaker: closed (healthy), open (not waiting on Redis), half-open (probing). */
  l2State: 'closed' | 'open' | 'half-open' | 'absent';
}

/**
 * Delta refresh: a cached value that is not fresh any more (a series whose newest bar has
 * closed since) is brought up to date from the stale one (fetch only the newer bars, append)
 * instead of loaded again. Runs under the same single flight and invalidation rules as a load.
 */
export interface DeltaRefresh<T> {
  isFresh(value: T, now: number): boolean;
  refresh(stale: T): Promise<T>;
}

export interface Cache {
  /**
   * L1 only, synchronous: the hot path (a strategy reading the same series every bar) pays no
   * promise. Values come back by reference, not copied: treat them as read-only.
   */
  peek<T>(key: string): T | undefined;
  get<T>(key: string): Promise<T | undefined>;
  getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]>;
  set<T>(key: string, value: T, options: CacheEntryOptions): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * The cached value, or the one `load` returns (stored in every tier on the way back). Concurrent
   * misses for one key run one load, in this process and across processes sharing L2 (a short
   * Redis lock); a failed load is not cached and its error reaches only the callers that shared it.
   */
  getOrLoad<T>(
    key: string,
    load: () => Promise<T>,
    options: CacheEntryOptions | ((value: T) => CacheEntryOptions),
    refresh?: DeltaRefresh<T>,
  ): Promise<T>;
  invalidate(selector: InvalidationSelector): Promise<number>;
  stats(): CacheStats;
  close(): Promise<void>;
}
