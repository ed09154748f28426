import { Timeframe, TickforgeError, type Bars } from '../core/index.js';
import { resampleBars } from '../data/resample.js';
import type { CandleStore } from '../store/ports.js';

export interface SeriesRequest {
  symbol: string;
  /** Stored timeframe; when absent, the symbol's only stored timeframe (or 1d among several). */
  timeframe?: Timeframe;
  from?: number;
  to?: number;
  /** Aggregate to this coarser timeframe after reading. */
  resample?: Timeframe;
}

/**
 * Reads one stored series for display or export, choosing the timeframe when the user gave
 * none, and resampling when asked.
 * @throws TF_ERR_STORE_NOT_FOUND naming what the store does hold.
 */
export async function loadSeries(store: CandleStore, request: SeriesRequest): Promise<Bars> {
  const timeframe = request.timeframe ?? (await defaultTimeframe(store, request.symbol));
  const bars = await store.readBars(request.symbol, timeframe, request.from, request.to);
  if (bars.length === 0) {
    const stored = await store.coverage({ symbols: [request.symbol], timeframe });
    if (stored.length === 0) throw await notFound(store, request.symbol, timeframe);
  }
  return request.resample === undefined ? bars : resampleBars(bars, request.resample);
}

async function defaultTimeframe(store: CandleStore, symbol: string): Promise<Timeframe> {
  const entries = await store.coverage({ symbols: [symbol] });
  if (entries.length === 0) throw await notFound(store, symbol);
  if (entries.length === 1) return Timeframe.parse(entries[0].timeframe);
  const daily = entries.find((entry) => entry.timeframe === '1d');
  if (daily !== undefined) return Timeframe.of('1d');
  throw new TickforgeError(
    'TF_ERR_CLI_USAGE',
    `${symbol} is stored in several timeframes (${entries.map((e) => e.timeframe).join(', ')}); choose one with --timeframe.`,
    { details: { symbol, timeframes: entries.map((e) => e.timeframe) } },
  );
}

async function notFound(store: CandleStore, symbol: string, timeframe?: Timeframe): Promise<TickforgeError> {
  const symbols = await store.listSymbols();
  const known = symbols.length === 0 ? 'The store is empty: run `tickforge ingest <file>` or `tickforge generate`.' : `It holds ${symbols.length} symbols, e.g. ${symbols.slice(0, 8).join(', ')}.`;
  const what = timeframe === undefined ? symbol : `${symbol} ${timeframe.code}`;
  return new TickforgeError('TF_ERR_STORE_NOT_FOUND', `No bars for ${what} in ${store.url}. ${known} See \`tickforge coverage\`.`, {
    details: { symbol, timeframe: timeframe?.code },
  });
}
