/** One candle as the adapter hands it on: time (bar open, ms), open, high, low, close, volume. */
export type Candle = readonly [number, number, number, number, number, number];

/** The two kinds of request the pager makes; each is one HTTP request. */
export interface CandlePages {
  /** Candles "from `since`", in whatever way the exchange reads that, sorted by time. */
  page(since: number): Promise<readonly Candle[]>;
  /** The most recent candles the exchange serves (no `since`), sorted by time. */
  latest(): Promise<readonly Candle[]>;
}

export interface PaginateOptions {
  /** First and last bar open time wanted, both inclusive (ms). */
  from: number;
  to: number;
  /** The timeframe in ms. */
  step: number;
  /** Bars asked for per request. */
  limit: number;
  /** The clock: nothing opens after now, so the walk stops there even when `to` is later. */
  now: () => number;
  signal?: AbortSignal;
}

/**
 * Walks an exchange's candle history from `from` to `to` with `since` + `limit` requests and
 * yields, page by page, each candle in [from, to] that the exchange served, once, oldest first.
 *
 * Exchanges read `since` in different ways, and the walk relies on none of them:
 * - it honours `since` and returns the next `limit` candles (Binance spot);
 * - it returns only its most recent N candles, `since` at most filtering them (Kraken: 720;
 *   HTX's kline endpoint ignores `since` altogether) — candles older than that are not served,
 *   and the fetch ends with what was served;
 * - it answers for the window [since, since + limit × step) (Binance coin-margined, many
 *   derivatives APIs), so a window inside a listing gap comes back empty although later
 *   candles exist;
 * - pages overlap the previous one, or the last candle is the forming one.
 *
 * The cursor only moves forward: past the newest candle a page held at or after it, or, on a
 * page with nothing at or after it, by one window — but only after one request for the latest
 * candles showed that the exchange holds something newer than the cursor (otherwise the walk
 * is over: a delisted pair or the end of history costs two requests, not a crawl to `to`).
 * So the walk always ends: every request moves the cursor at least one step, and it stops once
 * the cursor passes `to` or the clock (the forming candle opens at or before now, so after it
 * there is nothing to ask for).
 */
export async function* paginateCandles(pages: CandlePages, options: PaginateOptions): AsyncGenerator<Candle[]> {
  const { from, to, step, limit, now, signal } = options;
  const window = step * Math.max(1, limit);
  let cursor = from;
  /** Widest span one answer covered; an empty window is skipped by no more than this. */
  let widestSpan = 0;
  /** Open time of the newest candle the exchange holds, once asked. */
  let newestHeld: number | undefined;
  while (cursor <= to && cursor <= now()) {
    signal?.throwIfAborted();
    const candles = await pages.page(cursor);
    const fresh: Candle[] = [];
    let newest = -Infinity;
    for (const candle of candles) {
      const time = candle[0];
      if (!(time >= cursor)) continue; // overlap with what was already yielded, or before `from`
      if (time > newest) newest = time;
      if (time <= to) fresh.push(candle);
    }
    if (fresh.length > 0) yield fresh;
    if (newest >= cursor) {
      widestSpan = Math.max(widestSpan, newest - cursor + step);
      cursor = newest + step;
      continue;
    }
    if (newestHeld === undefined) {
      signal?.throwIfAborted();
      newestHeld = -Infinity;
      for (const candle of await pages.latest()) if (candle[0] > newestHeld) newestHeld = candle[0];
    }
    if (newestHeld < cursor) return;
    cursor += widestSpan > 0 ? Math.min(widestSpan, window) : window;
  }
}
