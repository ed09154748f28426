import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Timeframe, type Bars } from '../core/index.js';
import { generateUniverse } from '../data/synthetic/generateUniverse.js';
import { DuckDbCandleStore } from '../store/duckdb/DuckDbCandleStore.js';
import type { CandleStore } from '../store/ports.js';
import { CachedCandleStore } from './CachedCandleStore.js';
import { estimateBytes } from './memory/estimateBytes.js';
import { MemoryTier } from './memory/MemoryTier.js';
import { TieredCache } from './TieredCache.js';

const day = Timeframe.of('1d');
const hour = Timeframe.of('1h');
const iso = (text: string) => Date.parse(text);
const [aaa, bbb] = generateUniverse({ symbols: ['AAA', 'BBB'], timeframe: day, start: Date.UTC(2024, 0, 1), end: Date.UTC(2024, 6, 1), seed: 3 });
const [btc] = generateUniverse({ symbols: ['BTC/USDT'], timeframe: hour, start: Date.UTC(2024, 5, 1), end: Date.UTC(2024, 5, 8), seed: 3, market: 'crypto' });

/** Counts the reads that reach the real store, with their ranges. */
function counting(store: CandleStore): { store: CandleStore; reads: Array<[string, number | undefined]> } {
  const reads: Array<[string, number | undefined]> = [];
  const wrapped = Object.create(store) as CandleStore;
  wrapped.readBars = (symbol, timeframe, from, to) => (reads.push([symbol, from]), store.readBars(symbol, timeframe, from, to));
  return { store: wrapped, reads };
}

let duck: DuckDbCandleStore;
let clock: number;
let reads: Array<[string, number | undefined]>;
let cached: CachedCandleStore;
beforeEach(async () => {
  duck = await DuckDbCandleStore.open(':memory:');
  const wrapped = counting(duck);
  reads = wrapped.reads;
  clock = iso('2024-06-14T22:00:00Z'); // a Friday, after the NYSE close
  const cache = new TieredCache({
    l1: new MemoryTier({ maxBytes: 1 << 24 }),
    ttlMs: { bars: 7 * 86_400_000, indicators: 3_600_000, forecasts: 3_600_000, provider: 60_000 },
    sizeOf: estimateBytes,
    now: () => clock,
  });
  cached = new CachedCandleStore(wrapped.store, cache, { marketOf: (symbol) => (symbol.includes('/') ? 'crypto' : 'us-equity'), now: () => clock });
});
afterEach(async () => {
  await cached.close();
});

const closes = (bars: Bars) => Array.from(bars.close);

describe('CachedCandleStore', () => {
  it('answers a repeated range read from memory, by reference', async () => {
    await duck.upsertMany([aaa.range(-Infinity, iso('2024-06-14')), bbb]);
    const first = await cached.readBars('AAA', '1d', aaa.time[10], aaa.time[100]);
    const second = await cached.readBars('AAA', day, aaa.time[10], aaa.time[100]);
    expect(second).toBe(first);
    expect(closes(second)).toEqual(Array.from(aaa.close.subarray(10, 101)));
    expect(reads.length).toBe(1);
  });

  it('an upsert drops the cached ranges of its series only, and the next read sees the new values', async () => {
    await duck.upsertMany([aaa.range(-Infinity, iso('2024-06-14')), bbb]);
    await cached.readBars('AAA', day);
    await cached.readBars('BBB', day);
    const revised = aaa.slice(5, 6).copy();
    revised.close[0] = revised.high[0];
    await cached.upsertBars(revised);
    expect((await cached.readBars('AAA', day)).close[5]).toBe(revised.high[0]);
    await cached.readBars('BBB', day);
    expect(reads.map(([symbol]) => symbol)).toEqual(['AAA', 'BBB', 'AAA']);
  });

  it('keeps a Friday evening\'s daily bars over the weekend, then fetches only the new bar and appends it', async () => {
    await duck.upsertBars(aaa.range(-Infinity, iso('2024-06-14')));
    const friday = await cached.readBars('AAA', day);
    clock = iso('2024-06-16T23:00:00Z'); // Sunday night: the market has not reopened
    expect(await cached.readBars('AAA', day)).toBe(friday);
    expect(reads.length).toBe(1);
    await duck.upsertBars(aaa.range(iso('2024-06-17'), iso('2024-06-17')));
    clock = iso('2024-06-17T20:00:00Z'); // Monday's close: a new bar exists
    const monday = await cached.readBars('AAA', day);
    expect(monday.length).toBe(friday.length + 1);
    expect(closes(monday)).toEqual(closes(aaa.range(-Infinity, iso('2024-06-17'))));
    expect(reads).toEqual([['AAA', undefined], ['AAA', iso('2024-06-14') + 1]]);
  });

  it('over a holiday the cached bars last until the next session closes', async () => {
    clock = iso('2024-07-03T21:00:00Z'); // Wednesday after the early close; Thursday 4 July is a holiday
    await duck.upsertBars(aaa.range(-Infinity, iso('2024-06-28')));
    await cached.readBars('AAA', day);
    clock = iso('2024-07-05T19:59:00Z');
    await cached.readBars('AAA', day);
    expect(reads.length).toBe(1);
    clock = iso('2024-07-05T20:00:00Z');
    await cached.readBars('AAA', day);
    expect(reads.length).toBe(2);
  });

  it('a crypto series expires when its forming hour closes, weekends included', async () => {
    clock = iso('2024-06-08T10:20:00Z'); // a Saturday
    await duck.upsertBars(btc.range(-Infinity, iso('2024-06-07T23:00:00Z')));
    await cached.readBars('BTC/USDT', hour);
    clock = iso('2024-06-08T10:59:59Z');
    await cached.readBars('BTC/USDT', hour);
    clock = iso('2024-06-08T11:00:00Z');
    await cached.readBars('BTC/USDT', hour);
    expect(reads.length).toBe(2);
  });

  it('a range that ends before the forming bar does not go stale when bars close, only at the category TTL', async () => {
    await duck.upsertBars(aaa.range(-Infinity, iso('2024-06-14')));
    await cached.readBars('AAA', day, undefined, iso('2024-03-01'));
    clock = iso('2024-06-19T22:00:00Z'); // three sessions later
    await cached.readBars('AAA', day, undefined, iso('2024-03-01'));
    expect(reads.length).toBe(1);
    clock = iso('2024-06-21T22:00:01Z'); // past the 7-day TTL of bars
    await cached.readBars('AAA', day, undefined, iso('2024-03-01'));
    expect(reads.length).toBe(2);
  });

  it('passes everything else through to the store', async () => {
    await duck.upsertMany([aaa, bbb]);
    expect(cached.url).toBe(duck.url);
    expect(await cached.listSymbols()).toEqual(['AAA', 'BBB']);
    expect((await cached.coverage()).length).toBe(2);
    await cached.recordFetchedSpans([{ symbol: 'AAA', timeframe: '1d', source: 'synthetic', from: 0, to: 1, received: 0, recordedAt: 2 }]);
    expect(await cached.fetchedSpans('AAA', day)).toHaveLength(1);
  });
});
