import { Bars, marketCalendar, Timeframe, type MarketName } from '../core/index.js';
import type { CandleStore, CoverageEntry, CoverageFilter, FetchedSpan, UpsertProgress, UpsertResult } from '../store/ports.js';
import type { Cache, DeltaRefresh } from './ports.js';

export interface CachedCandleStoreOptions {
  /** The market a symbol trades on, for when its cached bars can change. */
  marketOf: (symbol: string) => MarketName;
  now?: () => number;
}

/** A cached range and the moment a newer bar can exist (the close of the bar forming then). */
interface CachedRange {
  bars: Bars;
  freshUntil: number;
}

/** Tag of every cached value derived from one series: its ranges, indicators and forecasts. */
export function seriesTag(symbol: string, timeframe: string): string {
  return `series:${symbol}:${timeframe}`;
}

/**
 * The store behind the tiered cache. A range read is answered from L1 (by reference, no copy:
 * treat the bars as read-only), else L2, else the store, and cached with its market's clock:
 * a range that ends before the forming bar never changes (until an upsert); one that reaches
 * the present is fresh until the forming bar closes (for a closed market, the close of the
 * next session's first bar, so a Friday's daily bars last the weekend), and is then brought up
 * to date by a delta refresh that reads only the bars after its last one and appends them.
 *
 * Every upsert invalidates the series' tag (ranges and derived results, in every process
 * sharing L2) before and after it writes; the cache's epoch keeps a read that overlapped the
 * write from being cached.
 */
export class CachedCandleStore implements CandleStore {
  private readonly now: () => number;

  constructor(
    private readonly store: CandleStore,
    private readonly cache: Cache,
    private readonly options: CachedCandleStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  get url(): string {
    return this.store.url;
  }

  async readBars(symbol: string, timeframe: Timeframe | string, from?: number, to?: number): Promise<Bars> {
    const frame = Timeframe.parse(timeframe);
    const key = `bars:${symbol}:${frame.code}:${from ?? ''}:${to ?? ''}`;
    const calendar = marketCalendar(this.options.marketOf(symbol));
    const freshUntil = (now: number): number => {
      // Bars open at or before `to`; once the bar forming now opens after `to`, the range is complete.
      const forming = calendar.nextBarClose(now, frame) - frame.milliseconds;
      return to !== undefined && to < forming ? Infinity : calendar.nextBarClose(now, frame);
    };
    const refresh: DeltaRefresh<CachedRange> = {
      isFresh: (value, now) => now < value.freshUntil,
      refresh: async (stale) => {
        const now = this.now();
        const last = stale.bars.length > 0 ? stale.bars.time[stale.bars.length - 1] : undefined;
        const newer = last === undefined ? await this.store.readBars(symbol, frame, from, to) : await this.store.readBars(symbol, frame, last + 1, to);
        const bars = newer.length === 0 ? stale.bars : last === undefined ? newer : Bars.concat([stale.bars, newer]);
        return { bars, freshUntil: freshUntil(now) };
      },
    };
    const range = await this.cache.getOrLoad<CachedRange>(
      key,
      async () => {
        const now = this.now();
        return { bars: await this.store.readBars(symbol, frame, from, to), freshUntil: freshUntil(now) };
      },
      { category: 'bars', tags: [seriesTag(symbol, frame.code)] },
      refresh,
    );
    return range.bars;
  }

  async upsertBars(bars: Bars): Promise<UpsertResult> {
    const tags = [seriesTag(bars.symbol, bars.timeframe.code)];
    await this.cache.invalidate({ tags });
    try {
      return await this.store.upsertBars(bars);
    } finally {
      await this.cache.invalidate({ tags });
    }
  }

  async upsertMany(barsList: readonly Bars[], onProgress?: UpsertProgress): Promise<UpsertResult[]> {
    const tags = [...new Set(barsList.map((bars) => seriesTag(bars.symbol, bars.timeframe.code)))];
    if (tags.length > 0) await this.cache.invalidate({ tags });
    try {
      return await this.store.upsertMany(barsList, onProgress);
    } finally {
      if (tags.length > 0) await this.cache.invalidate({ tags });
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
    await this.cache.close();
    await this.store.close();
  }
}
