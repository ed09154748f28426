import { Timeframe, type Bars } from '../core/index.js';
import type {
  CandleStore,
  CoverageEntry,
  CoverageFilter,
  FetchedSpan,
  UpsertProgress,
  UpsertResult,
} from '../store/ports.js';

export interface QueryCacheOptions {
  /** Upper bound of the cached bars' bytes; the least recently used ranges go first. */
  maxBytes: number;
}

export interface QueryCacheStats {
  hits: number;
  misses: number;
  /** Ranges dropped because an upsert touched their series. */
  invalidations: number;
  evictions: number;
  entries: number;
  bytes: number;
}

interface Entry {
  series: string;
  bars: Bars;
}

/**
 * The store behind a cache of range reads: an identical `readBars` is answered from memory,
 * and every upsert drops exactly the cached ranges of the series it wrote (same symbol and
 * timeframe; other series keep theirs).
 *
 * Correctness over a race: each series has a generation, bumped when an upsert starts and
 * when it ends. A read caches its result only if the generation did not move while it ran,
 * so a read that overlapped a write can never plant pre-write bars after the invalidation.
 * Concurrent identical misses share one store read. Callers get their own copy of the bars
 * (a 1,259-bar copy is a few microseconds), so mutating a result cannot corrupt the cache.
 *
 * This is the seam the tiered cache (L1 memory, L2 Redis) replaces; it lives in `cache/`
 * and speaks only the store port.
 */
export class CachedCandleStore implements CandleStore {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, { series: string; bars: Promise<Bars> }>();
  private readonly generations = new Map<string, number>();
  private bytes = 0;
  private readonly counters = { hits: 0, misses: 0, invalidations: 0, evictions: 0 };

  constructor(
    private readonly store: CandleStore,
    private readonly options: QueryCacheOptions,
  ) {}

  get url(): string {
    return this.store.url;
  }

  stats(): QueryCacheStats {
    return { ...this.counters, entries: this.entries.size, bytes: this.bytes };
  }

  async readBars(symbol: string, timeframe: Timeframe | string, from?: number, to?: number): Promise<Bars> {
    const series = seriesKey(symbol, Timeframe.parse(timeframe).code);
    const key = `${series}\0${from ?? ''}\0${to ?? ''}`;
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      this.counters.hits++;
      // Re-insert: Map order is the recency order the eviction walks.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.bars.copy();
    }
    this.counters.misses++;
    let pending = this.inFlight.get(key);
    if (pending === undefined) {
      const loading = { series, bars: this.load(key, series, symbol, timeframe, from, to) };
      this.inFlight.set(key, loading);
      const forget = () => {
        if (this.inFlight.get(key) === loading) this.inFlight.delete(key);
      };
      loading.bars.then(forget, forget);
      pending = loading;
    }
    return (await pending.bars).copy();
  }

  async upsertBars(bars: Bars): Promise<UpsertResult> {
    const series = [seriesKey(bars.symbol, bars.timeframe.code)];
    this.invalidate(series);
    try {
      return await this.store.upsertBars(bars);
    } finally {
      this.invalidate(series);
    }
  }

  async upsertMany(barsList: readonly Bars[], onProgress?: UpsertProgress): Promise<UpsertResult[]> {
    const series = barsList.map((bars) => seriesKey(bars.symbol, bars.timeframe.code));
    this.invalidate(series);
    try {
      return await this.store.upsertMany(barsList, onProgress);
    } finally {
      this.invalidate(series);
    }
  }

  listSymbols(timeframe?: Timeframe | string): Promise<string[]> {
    return this.store.listSymbols(timeframe);
  }

  coverage(filter?: CoverageFilter): Promise<CoverageEntry[]> {
    return this.store.coverage(filter);
  }

  recordFetchedSpans(spans: readonly FetchedSpan[]): Promise<void> {
    return this.store.recordFetchedSpans(spans);
  }

  fetchedSpans(symbol: string, timeframe: Timeframe | string): Promise<FetchedSpan[]> {
    return this.store.fetchedSpans(symbol, timeframe);
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.bytes = 0;
    await this.store.close();
  }

  private async load(key: string, series: string, symbol: string, timeframe: Timeframe | string, from?: number, to?: number): Promise<Bars> {
    const generation = this.generations.get(series) ?? 0;
    const bars = await this.store.readBars(symbol, timeframe, from, to);
    if ((this.generations.get(series) ?? 0) === generation) this.remember(key, series, bars);
    return bars;
  }

  private remember(key: string, series: string, bars: Bars): void {
    if (bars.byteLength > this.options.maxBytes) return;
    this.entries.set(key, { series, bars });
    this.bytes += bars.byteLength;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.options.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bars.byteLength;
      this.counters.evictions++;
    }
  }

  private invalidate(seriesKeys: readonly string[]): void {
    const touched = new Set(seriesKeys);
    for (const series of touched) this.generations.set(series, (this.generations.get(series) ?? 0) + 1);
    // Reads in flight for these series will not be cached (their generation moved); later
    // identical reads must not join them either.
    for (const [key, loading] of this.inFlight) if (touched.has(loading.series)) this.inFlight.delete(key);
    for (const [key, entry] of this.entries) {
      if (!touched.has(entry.series)) continue;
      this.entries.delete(key);
      this.bytes -= entry.bars.byteLength;
      this.counters.invalidations++;
    }
  }
}

function seriesKey(symbol: string, timeframe: string): string {
  return `${symbol}\0${timeframe}`;
}
