import { describe, expect, it } from 'vitest';
import { estimateBytes } from './memory/estimateBytes.js';
import { MemoryTier } from './memory/MemoryTier.js';
import type { CacheTier, CacheRecord, InvalidationSelector, TierStats } from './ports.js';
import { TieredCache, type TieredCacheOptions } from './TieredCache.js';

const ttlMs = { bars: 60_000, indicators: 30_000, forecasts: 30_000, provider: 10_000 };

/**
 * A second in-process tier standing in for L2 where a test is about the tiering logic, not
 * about Redis (the Redis tier has its own integration tests against a real server).
 */
function secondTier(): CacheTier & { records: Map<string, CacheRecord>; stats(): TierStats } {
  const memory = new MemoryTier({ maxBytes: 1 << 24, policy: 'lru' });
  const records = new Map<string, CacheRecord>();
  return {
    name: 'l2',
    records,
    get: async (key, now) => memory.get(key, now),
    getMany: async (keys, now) => memory.getMany(keys, now),
    set: async (key, record) => (records.set(key, record), memory.set(key, record)),
    delete: async (keys) => memory.delete(keys),
    invalidate: async (selector: InvalidationSelector) => memory.invalidate(selector),
    close: async () => memory.close(),
    stats: () => memory.stats(),
  };
}

function tiered(options: Partial<TieredCacheOptions> = {}) {
  let clock = 1_000_000;
  const l1 = new MemoryTier({ maxBytes: 1 << 20, policy: 'hybrid' });
  const cache = new TieredCache({ l1, ttlMs, sizeOf: estimateBytes, now: () => clock, ...options });
  return { cache, l1, advance: (ms: number) => (clock += ms), now: () => clock };
}

describe('TieredCache', () => {
  it('fills through: a value from L2 fills L1; a loaded one fills L2 and L1', async () => {
    const l2 = secondTier();
    const { cache, l1, now } = tiered({ l2 });
    expect(await cache.getOrLoad('a', async () => 'loaded', { category: 'provider' })).toBe('loaded');
    expect(l1.peek('a', now())?.value).toBe('loaded');
    expect(l2.records.get('a')?.value).toBe('loaded');
    await l2.set('b', { value: 'from l2', category: 'bars', expiresAt: now() + 1_000, tags: [], bytes: 10 });
    expect(cache.peek('b')).toBeUndefined();
    expect(await cache.get('b')).toBe('from l2');
    expect(cache.peek('b')).toBe('from l2');
    expect(l1.peek('b', now())?.expiresAt).toBe(now() + 1_000);
  });

  it('expires entries at their TTL under a controllable clock, per category by default', async () => {
    const { cache, advance } = tiered();
    await cache.set('p', 1, { category: 'provider' });
    await cache.set('i', 2, { category: 'indicators' });
    await cache.set('x', 3, { category: 'bars', ttlMs: 5 });
    advance(9_999);
    expect([cache.peek('p'), cache.peek('i'), cache.peek('x')]).toEqual([1, 2, undefined]);
    advance(1);
    expect([cache.peek('p'), cache.peek('i')]).toEqual([undefined, 2]);
    await cache.set('at', 4, { category: 'bars', expiresAt: 1_000_000 + 10_000 + 50 });
    advance(49);
    expect(cache.peek('at')).toBe(4);
    advance(1);
    expect(cache.peek('at')).toBeUndefined();
  });

  it('runs exactly one load for 1,000 concurrent misses of one key, and hands every caller its value', async () => {
    const { cache } = tiered({ l2: secondTier() });
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { answer: 42 };
    };
    const results = await Promise.all(Array.from({ length: 1_000 }, () => cache.getOrLoad('hot', load, { category: 'indicators' })));
    expect(loads).toBe(1);
    expect(new Set(results).size).toBe(1);
    expect(results[999]).toEqual({ answer: 42 });
    expect(cache.stats().coalesced).toBe(999);
  });

  it('does not cache a failed load, rejects only its sharers, and the next caller loads again', async () => {
    const { cache } = tiered();
    let attempts = 0;
    const flaky = async () => {
      attempts++;
      if (attempts === 1) throw new Error('store down');
      return 'ok';
    };
    const shared = await Promise.allSettled([cache.getOrLoad('k', flaky, { category: 'bars' }), cache.getOrLoad('k', flaky, { category: 'bars' })]);
    expect(shared.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(cache.peek('k')).toBeUndefined();
    expect(await cache.getOrLoad('k', flaky, { category: 'bars' })).toBe('ok');
    expect(attempts).toBe(2);
    expect(cache.stats().loads).toMatchObject({ count: 2, failures: 1 });
  });

  it('an invalidation during a load returns the value to its callers but does not cache it', async () => {
    const { cache } = tiered({ l2: secondTier() });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const pending = cache.getOrLoad('s', async () => (await gate, 'before the write'), { category: 'bars', tags: ['series:A:1d'] });
    await new Promise((resolve) => setImmediate(resolve));
    await cache.invalidate({ tags: ['series:A:1d'] });
    release();
    expect(await pending).toBe('before the write');
    expect(await cache.get('s')).toBeUndefined();
    expect(await cache.getOrLoad('s', async () => 'after the write', { category: 'bars' })).toBe('after the write');
  });

  it('invalidates by tag and by prefix in every tier and tells the bus', async () => {
    const l2 = secondTier();
    const published: InvalidationSelector[] = [];
    const { cache } = tiered({ l2, bus: { publish: async (selector) => void published.push(selector), subscribe: () => undefined, close: async () => undefined } });
    await cache.set('bars:A:1d:x', 1, { category: 'bars', tags: ['series:A:1d'] });
    await cache.set('ind:A:1d:rsi', 2, { category: 'indicators', tags: ['series:A:1d'] });
    await cache.set('bars:B:1d:x', 3, { category: 'bars', tags: ['series:B:1d'] });
    await cache.invalidate({ tags: ['series:A:1d'] });
    expect(await cache.getMany(['bars:A:1d:x', 'ind:A:1d:rsi', 'bars:B:1d:x'])).toEqual([undefined, undefined, 3]);
    await cache.invalidate({ prefix: 'bars:' });
    expect(await cache.get('bars:B:1d:x')).toBeUndefined();
    expect(published).toEqual([{ tags: ['series:A:1d'] }, { prefix: 'bars:' }]);
  });

  it('drops from L1 what another process invalidated on the bus', async () => {
    let deliver!: (selector: InvalidationSelector) => void;
    const { cache } = tiered({ bus: { publish: async () => undefined, subscribe: (handler) => void (deliver = handler), close: async () => undefined } });
    await cache.set('k', 1, { category: 'bars', tags: ['series:A:1d'] });
    deliver({ tags: ['series:A:1d'] });
    await new Promise((resolve) => setImmediate(resolve));
    expect(cache.peek('k')).toBeUndefined();
  });

  it('serves a value larger than the L1 budget from L2 or the loader, without keeping it in L1', async () => {
    const l2 = secondTier();
    const { cache, l1, now } = tiered({ l1: new MemoryTier({ maxBytes: 1_000 }), l2 });
    const big = new Float64Array(1_000);
    let loads = 0;
    expect(await cache.getOrLoad('big', async () => (loads++, big), { category: 'forecasts' })).toBe(big);
    expect(l1.peek('big', now())).toBeUndefined();
    expect(await cache.getOrLoad('big', async () => (loads++, big), { category: 'forecasts' })).toBe(big);
    expect(loads).toBe(1);
  });

  it('brings a stale value up to date with a delta refresh instead of a full load', async () => {
    const { cache, advance } = tiered();
    const fresh = { isFresh: (value: { bars: number[]; until: number }, now: number) => now < value.until, refresh: async (stale: { bars: number[]; until: number }) => ({ bars: [...stale.bars, stale.bars.length], until: Infinity }) };
    let loads = 0;
    const load = async () => (loads++, { bars: [0, 1, 2], until: 1_000_000 + 100 });
    expect((await cache.getOrLoad('series', load, { category: 'bars' }, fresh)).bars).toEqual([0, 1, 2]);
    advance(100);
    expect((await cache.getOrLoad('series', load, { category: 'bars' }, fresh)).bars).toEqual([0, 1, 2, 3]);
    expect(loads).toBe(1);
    expect(cache.stats().refreshes).toBe(1);
  });

  it('waits for another process holding the load lock, then reads what it stored', async () => {
    const l2 = secondTier();
    let released!: () => void;
    const lockReleased = new Promise<void>((resolve) => (released = resolve));
    const lock = { tryAcquire: async () => undefined, waitForRelease: async () => lockReleased };
    const { cache, now } = tiered({ l2, lock });
    let loads = 0;
    const pending = cache.getOrLoad('shared', async () => (loads++, 'mine'), { category: 'bars' });
    // The other process stores its value and releases the lock.
    await l2.set('shared', { value: 'theirs', category: 'bars', expiresAt: now() + 1_000, tags: [], bytes: 8 });
    released();
    expect(await pending).toBe('theirs');
    expect(loads).toBe(0);
  });
});
