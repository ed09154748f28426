import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bars, TickforgeError, Timeframe } from '../../core/index.js';
import type { CacheRecord } from '../ports.js';
import { evictionPolicyNames, type EvictionPolicyName } from './EvictionPolicy.js';
import { estimateBytes } from './estimateBytes.js';
import { GhostKeys } from './GhostKeys.js';
import { MemoryTier } from './MemoryTier.js';

function record(bytes: number, options: Partial<CacheRecord> = {}): CacheRecord {
  return { value: { bytes }, category: 'bars', expiresAt: Infinity, tags: [], bytes, ...options };
}

/** Keys held right now, found by peeking each candidate (which counts as a hit). */
function heldKeys(tier: MemoryTier, candidates: readonly string[], now = 0): string[] {
  return candidates.filter((key) => tier.peek(key, now) !== undefined);
}

function expectCode(run: () => unknown, code: string): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TickforgeError);
    expect((error as TickforgeError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}

const operation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: 0, max: 15 }), bytes: fc.integer({ min: 0, max: 1_300 }), tag: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('get' as const), key: fc.integer({ min: 0, max: 15 }) }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 15 }) }),
  fc.record({ kind: fc.constant('invalidateTag' as const), tag: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('invalidatePrefix' as const), key: fc.integer({ min: 0, max: 1 }) }),
);

describe('MemoryTier byte budget', () => {
  for (const policy of evictionPolicyNames) {
    it(`${policy}: never holds more than maxBytes, never serves a stale record, keeps its books exact`, () => {
      fc.assert(
        fc.property(fc.array(operation, { minLength: 1, maxLength: 120 }), (operations) => {
          const maxBytes = 1_000;
          const tier = new MemoryTier({ maxBytes, policy });
          /** The last record stored per key, or undefined once deleted, invalidated or refused. */
          const latest = new Map<string, CacheRecord | undefined>();
          const keys = Array.from({ length: 16 }, (_, index) => `k${index}`);
          for (const step of operations) {
            if (step.kind === 'set') {
              const key = keys[step.key];
              const stored = record(step.bytes, { tags: [`t${step.tag}`] });
              const kept = tier.put(key, stored);
              expect(kept).toBe(step.bytes <= maxBytes);
              latest.set(key, kept ? stored : undefined);
              // Room is made before a record goes in: it is held right after.
              if (kept) expect(tier.peek(key, 0)).toBe(stored);
            } else if (step.kind === 'get') {
              const found = tier.peek(keys[step.key], 0);
              if (found !== undefined) expect(found).toBe(latest.get(keys[step.key]));
            } else if (step.kind === 'delete') {
              void tier.delete([keys[step.key]]);
              latest.set(keys[step.key], undefined);
            } else if (step.kind === 'invalidateTag') {
              tier.drop({ tags: [`t${step.tag}`] });
              for (const [key, stored] of latest) if (stored?.tags.includes(`t${step.tag}`)) latest.set(key, undefined);
            } else {
              // `k1` also matches k10..k15.
              const prefix = `k${step.key}`;
              tier.drop({ prefix });
              for (const key of keys) if (key.startsWith(prefix)) latest.set(key, undefined);
            }
            expect(tier.stats().bytes).toBeLessThanOrEqual(maxBytes);
          }
          const held = keys.map((key) => tier.peek(key, 0)).filter((found): found is CacheRecord => found !== undefined);
          for (const key of keys) {
            const found = tier.peek(key, 0);
            if (found !== undefined) expect(found).toBe(latest.get(key));
          }
          const stats = tier.stats();
          expect(stats.entries).toBe(held.length);
          expect(stats.bytes).toBe(held.reduce((sum, found) => sum + found.bytes, 0));
          // The tag index holds exactly the tags of live entries.
          expect(stats.indexedTags).toBe(new Set(held.flatMap((found) => found.tags)).size);
          let dropped = 0;
          for (let tag = 0; tag < 4; tag++) dropped += tier.drop({ tags: [`t${tag}`] });
          expect(dropped).toBe(held.length);
          expect(tier.stats()).toMatchObject({ entries: 0, bytes: 0, indexedTags: 0 });
        }),
        { numRuns: 150, seed: 20_240_601 },
      );
    });
  }
});

describe('MemoryTier semantics', () => {
  it('serves the stored record and its value by reference (a Bars is never copied)', async () => {
    const tier = new MemoryTier({ maxBytes: 1 << 20 });
    const bars = Bars.allocate('AAPL', Timeframe.of('1d'), 1_259);
    const stored = record(estimateBytes(bars), { value: bars });
    expect(await tier.set('bars:AAPL:1d', stored)).toBe(true);
    const found = await tier.get('bars:AAPL:1d', 0);
    expect(found).toBe(stored);
    expect(found?.value).toBe(bars);
    expect(tier.peek('bars:AAPL:1d', 0)?.value).toBe(bars);
  });

  it('treats an expired record as a miss, counts it as an expiration and drops it', async () => {
    const tier = new MemoryTier({ maxBytes: 1_000 });
    tier.put('a', record(100, { expiresAt: 1_000 }));
    tier.put('b', record(100, { expiresAt: 2_000 }));
    expect(tier.peek('a', 999)).toBeDefined();
    expect(tier.peek('a', 1_000)).toBeUndefined();
    expect(await tier.get('b', 1_999)).toBeDefined();
    expect(await tier.getMany(['b', 'a', 'c'], 5_000)).toEqual([undefined, undefined, undefined]);
    expect(tier.stats()).toMatchObject({ hits: 2, misses: 4, expirations: 2, entries: 0, bytes: 0 });
    // Dropped: an earlier `now` does not bring it back.
    expect(tier.peek('a', 0)).toBeUndefined();
  });

  it('does not keep a record larger than maxBytes, and drops the stale one of that key', async () => {
    const tier = new MemoryTier({ maxBytes: 1_000 });
    expect(await tier.set('a', record(600))).toBe(true);
    expect(await tier.set('b', record(1_001))).toBe(false);
    expect(await tier.set('a', record(5_000))).toBe(false);
    expect(tier.peek('a', 0)).toBeUndefined();
    expect(tier.peek('b', 0)).toBeUndefined();
    expect(tier.stats()).toMatchObject({ oversized: 2, sets: 1, entries: 0, bytes: 0 });
    // Exactly maxBytes fits.
    expect(await tier.set('c', record(1_000))).toBe(true);
  });

  it('replaces a record in place: bytes and tags follow the new record', () => {
    const tier = new MemoryTier({ maxBytes: 1_000, policy: 'lru' });
    tier.put('a', record(300, { tags: ['old'] }));
    tier.put('b', record(300));
    const newer = record(600, { tags: ['new'] });
    expect(tier.put('a', newer)).toBe(true);
    // 600 + 300 fits; nothing evicted.
    expect(tier.stats()).toMatchObject({ entries: 2, bytes: 900, evictions: 0, sets: 3 });
    expect(tier.drop({ tags: ['old'] })).toBe(0);
    expect(tier.peek('a', 0)).toBe(newer);
    // Growing it again must evict b (the other key), never a itself.
    expect(tier.put('a', record(900))).toBe(true);
    expect(heldKeys(tier, ['a', 'b'])).toEqual(['a']);
    expect(tier.stats()).toMatchObject({ bytes: 900, evictions: 1 });
  });

  it('invalidates by tag and by prefix, the union when both are given', async () => {
    const tier = new MemoryTier({ maxBytes: 10_000 });
    tier.put('bars:AAPL:1d:2020', record(10, { tags: ['series:AAPL:1d'] }));
    tier.put('bars:AAPL:1d:2021', record(10, { tags: ['series:AAPL:1d'] }));
    tier.put('indicators:AAPL:1d:rsi14', record(10, { category: 'indicators', tags: ['series:AAPL:1d', 'indicator:rsi'] }));
    tier.put('bars:MSFT:1d:2020', record(10, { tags: ['series:MSFT:1d'] }));
    tier.put('forecasts:MSFT:arima', record(10, { category: 'forecasts', tags: ['series:MSFT:1d'] }));
    tier.put('provider:yahoo:MSFT', record(10, { category: 'provider' }));
    const all = ['bars:AAPL:1d:2020', 'bars:AAPL:1d:2021', 'indicators:AAPL:1d:rsi14', 'bars:MSFT:1d:2020', 'forecasts:MSFT:arima', 'provider:yahoo:MSFT'];

    expect(await tier.invalidate({ tags: ['series:AAPL:1d'] })).toBe(3);
    expect(heldKeys(tier, all)).toEqual(['bars:MSFT:1d:2020', 'forecasts:MSFT:arima', 'provider:yahoo:MSFT']);
    expect(tier.stats().indexedTags).toBe(1);
    expect(await tier.invalidate({ tags: ['indicator:rsi', 'unknown'] })).toBe(0);
    expect(await tier.invalidate({ prefix: 'bars:', tags: ['series:MSFT:1d'] })).toBe(2);
    expect(heldKeys(tier, all)).toEqual(['provider:yahoo:MSFT']);
    expect(await tier.invalidate({})).toBe(0);
    expect(await tier.invalidate({ prefix: '' })).toBe(1);
    expect(tier.stats()).toMatchObject({ invalidations: 6, entries: 0, bytes: 0, indexedTags: 0 });
  });

  it('cleans the tag index when tagged entries are evicted, deleted or expire', async () => {
    const tier = new MemoryTier({ maxBytes: 300, policy: 'lru' });
    tier.put('a', record(100, { tags: ['shared', 'only-a'] }));
    tier.put('b', record(100, { tags: ['shared'] }));
    tier.put('c', record(100, { tags: ['only-c'], expiresAt: 50 }));
    tier.put('d', record(100)); // evicts a, the least recently used
    expect(tier.stats()).toMatchObject({ evictions: 1, indexedTags: 2 });
    expect(tier.drop({ tags: ['only-a'] })).toBe(0);
    await tier.delete(['b', 'not-there']);
    expect(tier.peek('c', 50)).toBeUndefined();
    expect(tier.stats()).toMatchObject({ deletes: 1, expirations: 1, indexedTags: 0, entries: 1 });
    expect(tier.drop({ tags: ['shared'] })).toBe(0);
  });

  it('counts every statistic exactly', async () => {
    const tier = new MemoryTier({ maxBytes: 250, policy: 'lru' });
    tier.put('a', record(100));
    tier.put('b', record(100, { expiresAt: 10 }));
    tier.peek('a', 0); // hit
    tier.peek('b', 5); // hit
    tier.peek('x', 5); // miss
    tier.peek('b', 10); // miss, expiration
    tier.put('c', record(100));
    tier.put('d', record(100)); // evicts a
    tier.put('e', record(300)); // oversized
    await tier.getMany(['c', 'd', 'a'], 0); // 2 hits, 1 miss
    await tier.delete(['c']);
    tier.drop({ prefix: 'd' });
    expect(tier.stats()).toEqual({
      hits: 4, misses: 3, sets: 4, evictions: 1, expirations: 1, invalidations: 1, errors: 0,
      entries: 0, bytes: 0, deletes: 1, oversized: 1, indexedTags: 0,
    });
  });

  it('refuses stores after close and holds nothing', async () => {
    const tier = new MemoryTier({ maxBytes: 1_000 });
    tier.put('a', record(10, { tags: ['t'] }));
    await tier.close();
    expect(tier.peek('a', 0)).toBeUndefined();
    expect(await tier.set('b', record(10))).toBe(false);
    expect(tier.stats()).toMatchObject({ entries: 0, bytes: 0, indexedTags: 0 });
  });

  it('rejects a bad budget, an unknown policy and records that would corrupt the accounting', () => {
    expectCode(() => new MemoryTier({ maxBytes: 0 }), 'TF_ERR_CORE_ARGUMENT_INVALID');
    expectCode(() => new MemoryTier({ maxBytes: Number.NaN }), 'TF_ERR_CORE_ARGUMENT_INVALID');
    expectCode(() => new MemoryTier({ maxBytes: 100, policy: 'fifo' as EvictionPolicyName }), 'TF_ERR_CORE_ARGUMENT_INVALID');
    expectCode(() => new MemoryTier({ maxBytes: 100, smallFraction: 1.5 }), 'TF_ERR_CORE_ARGUMENT_INVALID');
    const tier = new MemoryTier({ maxBytes: 100 });
    expectCode(() => tier.put('a', record(-1)), 'TF_ERR_CORE_ARGUMENT_INVALID');
    expectCode(() => tier.put('a', record(Number.NaN)), 'TF_ERR_CORE_ARGUMENT_INVALID');
    expectCode(() => tier.put('a', record(1, { category: 'quotes' as CacheRecord['category'] })), 'TF_ERR_CORE_ARGUMENT_INVALID');
    expectCode(() => tier.put('a', record(1, { expiresAt: Number.NaN })), 'TF_ERR_CORE_ARGUMENT_INVALID');
    expect(tier.stats().entries).toBe(0);
  });
});

describe('eviction policies', () => {
  it('lru evicts the least recently used', () => {
    const tier = new MemoryTier({ maxBytes: 300, policy: 'lru' });
    for (const key of ['a', 'b', 'c']) tier.put(key, record(100));
    tier.peek('a', 0);
    tier.put('d', record(100));
    expect(heldKeys(tier, ['a', 'b', 'c', 'd'])).toEqual(['a', 'c', 'd']);
    tier.peek('c', 0);
    tier.put('e', record(150)); // needs 150: a then d are the least recent (the peeks above ran a, c, d)
    expect(heldKeys(tier, ['a', 'b', 'c', 'd', 'e'])).toEqual(['c', 'e']);
  });

  it('lfu keeps the frequently used and evicts the least used, even when it is the most recent', () => {
    const tier = new MemoryTier({ maxBytes: 300, policy: 'lfu' });
    for (const key of ['a', 'b', 'c']) tier.put(key, record(100));
    for (let i = 0; i < 3; i++) tier.peek('a', 0);
    for (let i = 0; i < 2; i++) tier.peek('b', 0);
    tier.peek('c', 0); // c is the most recent, and the least used
    tier.put('d', record(100));
    expect(tier.peek('c', 0)).toBeUndefined();
    // d (used once now) goes before b (used twice) and a (three times).
    tier.put('e', record(100));
    expect(heldKeys(tier, ['a', 'b', 'c', 'd', 'e'])).toEqual(['a', 'b', 'e']);
  });

  it('lfu ages counts: a key popular long ago gives way to keys used since', () => {
    const others = Array.from({ length: 63 }, (_, index) => `k${index}`);
    const tier = new MemoryTier({ maxBytes: 64 * 100, policy: 'lfu' });
    tier.put('old', record(100));
    for (const key of others) tier.put(key, record(100));
    for (let i = 0; i < 250; i++) tier.peek('old', 0);
    // 130 hits each: fewer than old's 250, but spread over 8 agings that halve old's count to 1.
    for (let round = 0; round < 130; round++) for (const key of others) tier.peek(key, 0);
    tier.put('new', record(100));
    expect(tier.peek('old', 0)).toBeUndefined();
    expect(heldKeys(tier, others)).toHaveLength(63);
  });

  it('hybrid keeps a hot set through a one-time scan of many cold keys (lru loses it)', () => {
    const hot = ['h0', 'h1', 'h2', 'h3', 'h4'];
    const held: Record<string, string[]> = {};
    for (const policy of ['hybrid', 'lru'] as const) {
      const tier = new MemoryTier({ maxBytes: 1_000, policy });
      for (let round = 0; round < 3; round++) {
        for (const key of hot) if (tier.peek(key, 0) === undefined) tier.put(key, record(100));
      }
      for (let cold = 0; cold < 200; cold++) {
        const key = `cold${cold}`;
        if (tier.peek(key, 0) === undefined) tier.put(key, record(100));
      }
      held[policy] = heldKeys(tier, hot);
    }
    expect(held.hybrid).toEqual(hot);
    expect(held.lru).toEqual([]);
  });

  it('hybrid admits a key straight to main space when it comes back soon after being dropped', () => {
    const tier = new MemoryTier({ maxBytes: 1_000, policy: 'hybrid' });
    const hot = ['h0', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7'];
    for (const key of hot) tier.put(key, record(100));
    for (const key of hot) tier.peek(key, 0);
    tier.put('x', record(100));
    tier.put('y', record(100));
    tier.put('z', record(100)); // small overflows: h* move to main, x (never hit) is dropped, remembered
    expect(tier.peek('x', 0)).toBeUndefined();
    tier.put('x', record(100)); // back soon: enters main
    for (let cold = 0; cold < 50; cold++) tier.put(`cold${cold}`, record(100));
    expect(tier.peek('x', 0)).toBeDefined();
  });
});

describe('GhostKeys', () => {
  it('remembers only the last `limit` keys, and a key once', () => {
    const ghost = new GhostKeys();
    for (let hash = 0; hash < 1_000; hash++) ghost.add(hash, 10);
    const remembered = Array.from({ length: 1_000 }, (_, hash) => hash).filter((hash) => ghost.take(hash));
    expect(remembered).toEqual([990, 991, 992, 993, 994, 995, 996, 997, 998, 999]);
    expect(ghost.take(999)).toBe(false);
    // A re-added key counts from its latest addition.
    ghost.add(1, 3);
    ghost.add(2, 3);
    ghost.add(1, 3);
    ghost.add(3, 3);
    ghost.add(4, 3);
    expect([1, 2, 3, 4].filter((hash) => ghost.take(hash))).toEqual([1, 3, 4]);
  });
});

describe('estimateBytes', () => {
  it('counts Bars by their columns plus a small overhead', () => {
    const bars = Bars.allocate('AAPL', Timeframe.of('1d'), 1_259);
    const estimate = estimateBytes(bars);
    expect(estimate).toBeGreaterThan(bars.byteLength);
    expect(estimate).toBeLessThan(bars.byteLength + 1_024);
  });

  it('counts typed arrays, strings at 2 bytes a character, numbers at 8', () => {
    expect(estimateBytes(new Float64Array(1_000))).toBeGreaterThanOrEqual(8_000);
    expect(estimateBytes(new Float64Array(1_000))).toBeLessThan(8_200);
    expect(estimateBytes('x'.repeat(1_000)) - estimateBytes('')).toBe(2_000);
    expect(estimateBytes(3.14)).toBe(8);
    expect(estimateBytes(null)).toBe(8);
  });

  it('walks arrays and objects, extrapolating large ones from a sample', () => {
    const small = estimateBytes({ a: 1, b: 'xy', c: [1, 2, 3] });
    expect(small).toBeGreaterThan(3 * 8 + 4);
    const numbers = Array.from({ length: 100_000 }, (_, index) => index);
    // 8 bytes a slot plus 8 a number.
    expect(estimateBytes(numbers)).toBeGreaterThanOrEqual(1_600_000);
    expect(estimateBytes(numbers)).toBeLessThan(1_700_000);
    const rows = Array.from({ length: 10_000 }, (_, index) => ({ time: index, close: 100 + index }));
    const perRow = estimateBytes(rows[0]);
    expect(estimateBytes(rows)).toBeGreaterThanOrEqual(10_000 * perRow);
    expect(estimateBytes(new Map([['a', new Float64Array(100)]]))).toBeGreaterThan(800);
    expect(estimateBytes(new Set(['abc']))).toBeGreaterThan(6);
  });

  it('terminates on cyclic and deeply nested values', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(Number.isFinite(estimateBytes(cyclic))).toBe(true);
    let nested: unknown = 1;
    for (let depth = 0; depth < 10_000; depth++) nested = [nested];
    expect(Number.isFinite(estimateBytes(nested))).toBe(true);
  });
});
