import type { Bars, Timeframe } from '../../core/index.js';

/**
 * The provider port, owned by its consumer (the DataSourceManager). Adapters: `file`, `ccxt`,
 * `yahoo`, `synthetic`. Only `app/` constructs the network adapters (ccxt, yahoo).
 *
 * What every adapter keeps:
 * - `fetchBars` yields the bars whose open time lies in [from, to] (both inclusive), in chunks,
 *   oldest first. It does not validate or repair: it hands over what the source said (a NaN
 *   price, high < low, a repeated candle) so the manager's validation reports it with the symbol
 *   and time instead of the adapter hiding it.
 * - It may yield the forming (not yet closed) bar; the manager drops bars whose close lies after
 *   `now`, so a partial candle is never stored as final.
 * - Every network request goes through `options.schedule`, which is where the manager's rate
 *   limiter and request counter sit; an adapter never sleeps on its own clock for rate limits.
 * - Failures are `TickforgeError`s: `TF_ERR_PROVIDER_UNAVAILABLE` (timeouts, 429, 5xx, network;
 *   `details.retryAfterMs` when the server said how long to wait) and `TF_ERR_PROVIDER_RESPONSE`
 *   (malformed or truncated body) are transient and retried by the manager;
 *   `TF_ERR_PROVIDER_SYMBOL` and `TF_ERR_PROVIDER_TIMEFRAME` are not.
 */
export interface ProviderLimits {
  /** Most bars one request returns (Kraken 720, Binance 1000, ...). */
  maxBarsPerRequest: number;
  /** Requests per second the provider tolerates; the manager's limiter stays under it. */
  requestsPerSecond: number;
  /** Requests the provider allows in flight at once. */
  maxConcurrency: number;
  /** Earliest bar open time the provider can serve for a timeframe (ms), when known. */
  earliestTime(timeframe: Timeframe): number | undefined;
}

/** Which grid slots of a timeframe a market trades in, so holes can be told from closures. */
export type MarketCalendarName = 'continuous' | 'weekdays';

export interface FetchBarsOptions {
  /** Runs one network request; the manager passes its rate limiter here. Defaults to calling it. */
  schedule?: <T>(request: () => Promise<T>) => Promise<T>;
  /** Cancels the fetch between requests. */
  signal?: AbortSignal;
}

export interface BarsProvider {
  /** Name recorded in the fetch ledger and reports: `file`, `ccxt:<exchange>`, `yahoo`, `synthetic`. */
  readonly name: string;
  readonly limits: ProviderLimits;
  /** The trading calendar of a symbol on this provider (crypto trades 24/7, equities on weekdays). */
  calendar(symbol: string): MarketCalendarName;
  /** Timeframes the provider serves. */
  supportsTimeframe(timeframe: Timeframe): boolean;
  fetchBars(symbol: string, timeframe: Timeframe, from: number, to: number, options?: FetchBarsOptions): AsyncIterable<Bars>;
  /** Symbols the provider offers, sorted. */
  listSymbols(): Promise<string[]>;
  /** Releases sockets, file handles and timers. */
  close(): Promise<void>;
}

/** Runs a request at once: the `schedule` of a caller that does not rate-limit. */
export function runNow<T>(request: () => Promise<T>): Promise<T> {
  return request();
}
