import type { Logger } from '../observe/logger.js';
import {
  cacheCategories,
  type Cache,
  type CacheCategory,
  type CacheEntryOptions,
  type CacheRecord,
  type CacheStats,
  type CacheTier,
  type DeltaRefresh,
  type InvalidationBus,
  type InvalidationSelector,
  type LoadLock,
  type MemoryCacheTier,
  type TierStats,
} from './ports.js';

export interface TieredCacheOptions {
  l1: MemoryCacheTier;
  /** Redis; absent on a laptop with no server. */
  l2?: CacheTier & { stats?(): TierStats; state?(): 'closed' | 'open' | 'half-open' };
  /** Cross-process invalidation and single-flight; both come with L2. */
  bus?: InvalidationBus;
  lock?: LoadLock;
  /** Default time to live per category when an entry names neither `expiresAt` nor `ttlMs`. */
  ttlMs: Record<CacheCategory, number>;
  /** In-memory size of a value, for L1's byte budget. */
  sizeOf: (value: unknown) => number;
  now?: () => number;
  logger?: Logger;
  /** How long a cross-process lock is held at most, and how long another process waits for it. */
  lockTtlMs?: number;
  lockWaitMs?: number;
}

interface Flight {
  promise: Promise<unknown>;
}

/**
 * L1 (memory) -> L2 (Redis) -> the loader (L3, the store). A value read from L2 fills L1; one
 * loaded fills L2 and L1. Misses for one key share one load: in this process through a map of
 * flights registered before the first await (so 1,000 callers in one tick start one load), and
 * across processes through a short Redis lock, whose waiters then read the value from L2.
 *
 * Invalidation is never late: it drops matching entries in L1 and L2, tells the other
 * processes on the bus, forgets flights in progress (later callers load afresh) and bumps an
 * epoch so that a load that started before it is returned to its callers but not cached.
 *
 * A failing tier never fails a call: tiers report misses on their own errors; a failing load
 * rejects only the calls that shared it, and nothing of it is cached.
 */
export class TieredCache implements Cache {
  private readonly flights = new Map<string, Flight>();
  private readonly now: () => number;
  private epoch = 0;
  private readonly loads = { count: 0, failures: 0, totalMs: 0, maxMs: 0 };
  private coalesced = 0;
  private refreshes = 0;
  private readonly categoryCounts = new Map<string, { hits: number; misses: number }>();

  constructor(private readonly options: TieredCacheOptions) {
    this.now = options.now ?? Date.now;
    // Another process invalidated: drop it here too (L2 is already done by that process).
    options.bus?.subscribe((selector) => {
      this.epoch++;
      this.forgetFlights();
      void options.l1.invalidate(selector);
    });
  }

  peek<T>(key: string): T | undefined {
    return this.options.l1.peek(key, this.now())?.value as T | undefined;
  }

  async get<T>(key: string): Promise<T | undefined> {
    return (await this.lookup(key))?.value as T | undefined;
  }

  async getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]> {
    const now = this.now();
    const found: (CacheRecord | undefined)[] = keys.map((key) => this.options.l1.peek(key, now));
    const missing = keys.flatMap((key, index) => (found[index] === undefined ? [index] : []));
    if (missing.length > 0 && this.options.l2 !== undefined) {
      const fromL2 = await this.options.l2.getMany(missing.map((index) => keys[index]), now);
      for (const [position, record] of fromL2.entries()) {
        if (record === undefined) continue;
        found[missing[position]] = record;
        await this.fillL1(keys[missing[position]], record);
      }
    }
    return found.map((record) => record?.value as T | undefined);
  }

  async set<T>(key: string, value: T, options: CacheEntryOptions): Promise<void> {
    await this.store(key, value, options);
  }

  async delete(key: string): Promise<void> {
    this.flights.delete(key);
    await Promise.all([this.options.l1.delete([key]), this.options.l2?.delete([key])]);
  }

  getOrLoad<T>(
    key: string,
    load: () => Promise<T>,
    options: CacheEntryOptions | ((value: T) => CacheEntryOptions),
    refresh?: DeltaRefresh<T>,
  ): Promise<T> {
    const now = this.now();
    const cached = this.options.l1.peek(key, now);
    if (cached !== undefined && (refresh === undefined || refresh.isFresh(cached.value as T, now))) {
      this.count(cached.category, true);
      return Promise.resolve(cached.value as T);
    }
    const flight = this.flights.get(key);
    if (flight !== undefined) {
      this.coalesced++;
      return flight.promise as Promise<T>;
    }
    const promise = this.fly(key, load, options, refresh, cached);
    const entry: Flight = { promise };
    this.flights.set(key, entry);
    const land = () => {
      if (this.flights.get(key) === entry) this.flights.delete(key);
    };
    promise.then(land, land);
    return promise;
  }

  async invalidate(selector: InvalidationSelector): Promise<number> {
    this.epoch++;
    this.forgetFlights();
    const [dropped] = await Promise.all([
      this.options.l1.invalidate(selector),
      this.options.l2?.invalidate(selector),
      this.options.bus?.publish(selector).catch((error: unknown) => this.options.logger?.warn({ err: error }, 'cache invalidation could not be published; other processes keep their L1 until TTL')),
    ]);
    return dropped;
  }

  stats(): CacheStats {
    const byCategory = Object.fromEntries(cacheCategories.map((category) => [category, { ...(this.categoryCounts.get(category) ?? { hits: 0, misses: 0 }) }])) as Record<
      CacheCategory,
      { hits: number; misses: number }
    >;
    const tiers: CacheStats['tiers'] = { l1: { ...this.options.l1.stats(), byCategory } };
    const l2Stats = this.options.l2?.stats?.();
    if (l2Stats !== undefined) tiers.l2 = { ...l2Stats, byCategory: emptyByCategory() };
    return {
      tiers,
      loads: { ...this.loads },
      coalesced: this.coalesced,
      refreshes: this.refreshes,
      l2State: this.options.l2 === undefined ? 'absent' : (this.options.l2.state?.() ?? 'closed'),
    };
  }

  async close(): Promise<void> {
    this.flights.clear();
    await Promise.all([this.options.bus?.close(), this.options.l2?.close(), this.options.l1.close()]);
  }

  /** L1, then L2 (filling L1). */
  private async lookup(key: string): Promise<CacheRecord | undefined> {
    return this.options.l1.peek(key, this.now()) ?? this.fromL2(key);
  }

  private async fromL2(key: string): Promise<CacheRecord | undefined> {
    const found = await this.options.l2?.get(key, this.now());
    if (found !== undefined) await this.fillL1(key, found);
    return found;
  }

  private async fly<T>(
    key: string,
    load: () => Promise<T>,
    options: CacheEntryOptions | ((value: T) => CacheEntryOptions),
    refresh: DeltaRefresh<T> | undefined,
    inL1: CacheRecord | undefined,
  ): Promise<T> {
    const epoch = this.epoch;
    // L1 was just asked by getOrLoad (a stale value may be there); asking again would count a second miss.
    const found = inL1 ?? (await this.fromL2(key));
    if (found !== undefined) {
      if (refresh === undefined || refresh.isFresh(found.value as T, this.now())) {
        this.count(found.category, true);
        return found.value as T;
      }
      // Stale but present: bring it up to date from itself, under this flight.
      this.refreshes++;
      return this.loadAndStore(key, () => refresh.refresh(found.value as T), options, epoch);
    }
    if (typeof options !== 'function') this.count(options.category, false);
    const { lock } = this.options;
    if (lock === undefined) return this.loadAndStore(key, load, options, epoch);
    const held = await lock.tryAcquire(`lock:${key}`, this.options.lockTtlMs ?? 5_000).catch(() => undefined);
    if (held !== undefined) {
      try {
        // The previous holder may have stored it just before we got the lock.
        const stored = await this.options.l2?.get(key, this.now());
        if (stored !== undefined) {
          await this.fillL1(key, stored);
          return stored.value as T;
        }
        return await this.loadAndStore(key, load, options, epoch);
      } finally {
        await held.release().catch(() => undefined);
      }
    }
    // Another process is loading it: wait, then read what it stored; load ourselves if it did not.
    await lock.waitForRelease(`lock:${key}`, this.options.lockWaitMs ?? 5_000).catch(() => undefined);
    const stored = await this.fromL2(key);
    if (stored !== undefined) {
      this.coalesced++;
      return stored.value as T;
    }
    return this.loadAndStore(key, load, options, epoch);
  }

  private async loadAndStore<T>(key: string, load: () => Promise<T>, options: CacheEntryOptions | ((value: T) => CacheEntryOptions), epoch: number): Promise<T> {
    const started = performance.now();
    this.loads.count++;
    let value: T;
    try {
      value = await load();
    } catch (error) {
      this.loads.failures++;
      throw error;
    } finally {
      const elapsed = performance.now() - started;
      this.loads.totalMs += elapsed;
      this.loads.maxMs = Math.max(this.loads.maxMs, elapsed);
    }
    // An invalidation while loading may have made this value stale: hand it to the callers that
    // asked before it, but do not cache it.
    if (epoch === this.epoch) await this.store(key, value, typeof options === 'function' ? options(value) : options);
    return value;
  }

  private async store(key: string, value: unknown, options: CacheEntryOptions): Promise<void> {
    const now = this.now();
    const expiresAt = options.expiresAt ?? now + (options.ttlMs ?? this.options.ttlMs[options.category]);
    if (expiresAt <= now) return;
    const record: CacheRecord = { value, category: options.category, expiresAt, tags: options.tags ?? [], bytes: this.options.sizeOf(value) };
    await Promise.all([this.options.l1.set(key, record), this.options.l2?.set(key, record)]);
  }

  private async fillL1(key: string, record: CacheRecord): Promise<void> {
    await this.options.l1.set(key, { ...record, bytes: this.options.sizeOf(record.value) });
  }

  private forgetFlights(): void {
    this.flights.clear();
  }

  private count(category: CacheCategory, hit: boolean): void {
    let counts = this.categoryCounts.get(category);
    if (counts === undefined) this.categoryCounts.set(category, (counts = { hits: 0, misses: 0 }));
    if (hit) counts.hits++;
    else counts.misses++;
  }
}

function emptyByCategory(): Record<CacheCategory, { hits: number; misses: number }> {
  return Object.fromEntries(cacheCategories.map((category) => [category, { hits: 0, misses: 0 }])) as Record<CacheCategory, { hits: number; misses: number }>;
}
