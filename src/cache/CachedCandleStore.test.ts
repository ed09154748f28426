import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Timeframe } from '../core/index.js';
import { generateUniverse } from '../data/synthetic/generateUniverse.js';
import { DuckDbCandleStore } from '../store/duckdb/DuckDbCandleStore.js';
import type { CandleStore } from '../store/ports.js';
import { CachedCandleStore } from './CachedCandleStore.js';

const day = Timeframe.of('1d');
const [aaa, bbb] = generateUniverse({ symbols: ['AAA', 'BBB'], timeframe: day, start: Date.UTC(2020, 0, 1), end: Date.UTC(2021, 0, 1), seed: 3 });

/** Counts the reads that reach the real store and can hold one back until released. */
class CountingStore {
  reads = 0;
  gate: Promise<void> | undefined;
  constructor(readonly inner: CandleStore) {}
  wrap(): CandleStore {
    return new Proxy(this.inner, {
      get: (target, property, receiver) => {
        if (property !== 'readBars') return Reflect.get(target, property, receiver) as unknown;
        return async (...args: Parameters<CandleStore['readBars']>) => {
          this.reads++;
          const bars = await target.readBars(...args);
          if (this.gate !== undefined) await this.gate;
          return bars;
        };
      },
    });
  }
}

let duck: DuckDbCandleStore;
let counting: CountingStore;
let cached: CachedCandleStore;
beforeEach(async () => {
  duck = await DuckDbCandleStore.open(':memory:');
  await duck.upsertMany([aaa, bbb]);
  counting = new CountingStore(duck);
  cached = new CachedCandleStore(counting.wrap(), { maxBytes: 1 << 20 });
});
afterEach(async () => {
  await cached.close();
});

describe('CachedCandleStore', () => {
  it('answers a repeated range read from memory with equal bars the caller may mutate', async () => {
    const first = await cached.readBars('AAA', '1d', aaa.time[10], aaa.time[100]);
    first.close.fill(0);
    const second = await cached.readBars('AAA', day, aaa.time[10], aaa.time[100]);
    expect(counting.reads).toBe(1);
    expect(Array.from(second.close)).toEqual(Array.from(aaa.close.subarray(10, 101)));
    expect(cached.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1 });
    await cached.readBars('AAA', day, aaa.time[10], aaa.time[99]);
    expect(counting.reads).toBe(2);
  });

  it('an upsert drops the cached ranges of its series only, and the next read sees the new values', async () => {
    await cached.readBars('AAA', day);
    await cached.readBars('BBB', day);
    const revised = aaa.slice(5, 6).copy();
    revised.close[0] = revised.high[0];
    await cached.upsertBars(revised);
    const after = await cached.readBars('AAA', day);
    expect(after.close[5]).toBe(revised.high[0]);
    await cached.readBars('BBB', day);
    expect(counting.reads).toBe(3);
    expect(cached.stats().invalidations).toBe(1);
    await cached.upsertMany([bbb]);
    await cached.readBars('BBB', day);
    expect(counting.reads).toBe(4);
  });

  it('concurrent identical misses share one store read', async () => {
    const results = await Promise.all([cached.readBars('AAA', day), cached.readBars('AAA', day), cached.readBars('AAA', day)]);
    expect(counting.reads).toBe(1);
    expect(results[0]).not.toBe(results[1]);
    expect(results[2].length).toBe(aaa.length);
  });

  it('a read that overlapped a write is not cached, so stale bars never outlive the write', async () => {
    let release!: () => void;
    counting.gate = new Promise((resolve) => (release = resolve));
    const reading = cached.readBars('AAA', day);
    const revised = aaa.slice(7, 8).copy();
    revised.volume[0] += 1;
    // The store read has finished with the old bars but is held back; the write lands meanwhile.
    await new Promise((resolve) => setImmediate(resolve));
    await cached.upsertBars(revised);
    release();
    counting.gate = undefined;
    expect((await reading).volume[7]).toBe(aaa.volume[7]);
    expect((await cached.readBars('AAA', day)).volume[7]).toBe(revised.volume[0]);
  });

  it('keeps its bytes under the bound, evicting the least recently used range', async () => {
    const small = new CachedCandleStore(counting.wrap(), { maxBytes: 2 * aaa.byteLength + 10 });
    await small.readBars('AAA', day);
    await small.readBars('BBB', day);
    await small.readBars('AAA', day);
    await small.readBars('AAA', day, aaa.time[1]);
    expect(small.stats()).toMatchObject({ entries: 2, evictions: 1 });
    expect(small.stats().bytes).toBeLessThanOrEqual(2 * aaa.byteLength + 10);
    const reads = counting.reads;
    await small.readBars('AAA', day);
    expect(counting.reads).toBe(reads);
    await small.readBars('BBB', day);
    expect(counting.reads).toBe(reads + 1);
  });

  it('passes everything else through to the store', async () => {
    expect(cached.url).toBe(duck.url);
    expect(await cached.listSymbols()).toEqual(['AAA', 'BBB']);
    expect((await cached.coverage()).length).toBe(2);
    await cached.recordFetchedSpans([{ symbol: 'AAA', timeframe: '1d', source: 'synthetic', from: 0, to: 1, received: 0, recordedAt: 2 }]);
    expect(await cached.fetchedSpans('AAA', day)).toHaveLength(1);
  });
});
