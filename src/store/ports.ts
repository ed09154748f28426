import type { Bars, Timeframe } from '../core/index.js';

/**
 * The store port, owned by its consumers (ingest, cache, backtests). Adapters (DuckDB now,
 * PostgreSQL later) implement it; nothing here may name an engine.
 *
 * Semantics every adapter keeps:
 * - A bar is keyed by (symbol, timeframe, time); time is the bar open in ms since the epoch, UTC.
 * - Writes are idempotent upserts: a bar equal to the stored one (every field, NaN equal to NaN)
 *   counts as unchanged and is not rewritten; a differing one replaces the stored values.
 * - One call to `upsertBars` is atomic: after a crash either all of its bars are stored or none.
 */
export interface UpsertResult {
  symbol: string;
  timeframe: string;
  /** Bars passed in. */
  received: number;
  /** Bars whose key was not stored before. */
  inserted: number;
  /** Bars whose key was stored with at least one different value; now overwritten. */
  updated: number;
  /** Bars already stored with exactly these values. */
  unchanged: number;
}

export interface CoverageEntry {
  symbol: string;
  timeframe: string;
  /** Open time of the first stored bar (ms since the epoch, UTC). */
  first: number;
  /** Open time of the last stored bar. */
  last: number;
  /** Stored bars. */
  count: number;
  /** Holes in the timeframe grid between first and last (a run of missing bars counts once). */
  gaps: number;
  /**
   * Grid slots between first and last that hold no bar. For daily bars only weekdays count
   * (equity markets close at weekends), so a missing Saturday or Sunday of a crypto series is
   * not reported on 1d; intraday and weekly grids count every slot.
   */
  missingBars: number;
}

export interface CoverageFilter {
  symbols?: readonly string[];
  timeframe?: Timeframe | string;
}

/**
 * One request span a provider answered in full and whose bars are stored: the ledger that lets
 * the DataSourceManager fetch only what is missing, resume an interrupted run, and not ask a
 * provider again for a hole it already could not fill (a holiday, a halted market).
 */
export interface FetchedSpan {
  symbol: string;
  timeframe: string;
  /** Provider name, e.g. `ccxt:binance`, `yahoo`, `file`, `synthetic`. */
  source: string;
  /** First and last bar open time asked for (inclusive, ms since the epoch). */
  from: number;
  to: number;
  /** Bars the provider returned for the span (after validation). */
  received: number;
  /** When the span was recorded (ms since the epoch). */
  recordedAt: number;
}

/** Called after each committed batch of `upsertMany` with bars series done and the total. */
export type UpsertProgress = (done: number, total: number) => void;

export interface CandleStore {
  /** Where the store lives, with any password redacted: safe for logs. */
  readonly url: string;

  /** Inserts or updates one series' bars in one transaction. */
  upsertBars(bars: Bars): Promise<UpsertResult>;

  /**
   * Upserts many series. Adapters may group several series into one transaction; each group
   * is atomic, groups commit in input order and `onProgress` runs after each committed group,
   * so a crash loses only groups not yet reported (the one being written, and the next one
   * when an adapter stages it meanwhile). Results come back in input order, one per `Bars`.
   */
  upsertMany(barsList: readonly Bars[], onProgress?: UpsertProgress): Promise<UpsertResult[]>;

  /**
   * Bars of one series whose open time lies in [from, to] (both inclusive, ms since the epoch,
   * either bound optional), sorted by time. Empty `Bars` when nothing is stored.
   */
  readBars(symbol: string, timeframe: Timeframe | string, from?: number, to?: number): Promise<Bars>;

  /** Symbols with at least one stored bar (of `timeframe` when given), sorted. */
  listSymbols(timeframe?: Timeframe | string): Promise<string[]>;

  /** One entry per stored (symbol, timeframe), sorted by symbol then timeframe. */
  coverage(filter?: CoverageFilter): Promise<CoverageEntry[]>;

  /** Appends spans to the fetch ledger in one transaction (a span may repeat; readers merge). */
  recordFetchedSpans(spans: readonly FetchedSpan[]): Promise<void>;

  /** Ledger entries of one series, sorted by `from` then `to`; empty when none. */
  fetchedSpans(symbol: string, timeframe: Timeframe | string): Promise<FetchedSpan[]>;

  /** Releases connections and file locks; the store cannot be used afterwards. */
  close(): Promise<void>;
}
