import ccxt, { type Exchange, type Market, type OHLCV } from 'ccxt';
import { BarsBuilder, TickforgeError, type Bars, type Timeframe } from '../../../core/index.js';
import { runNow, type BarsProvider, type FetchBarsOptions, type MarketCalendarName, type ProviderLimits } from '../ports.js';
import { createProviderFetch, withRequestScope, type RequestScope } from '../providerFetch.js';
import { toProviderError, type CcxtRequestContext } from './ccxtErrors.js';
import { paginateCandles, type Candle } from './paginateCandles.js';
import { rewriteApiUrls } from './rewriteApiUrls.js';

export interface CcxtProviderOptions {
  /**
   * Sends every request to `<apiBaseUrl>/<host>/<path>` instead of `https://<host>/<path>`
   * (every URL in the exchange's `urls.api` is rewritten): a local replay server in tests, a
   * mirror or a forwarding proxy for users.
   */
  apiBaseUrl?: string;
  /** Milliseconds one HTTP request may take once it starts (connect to last byte). Default 30000. */
  timeoutMs?: number;
  /** Requests in flight at once that the manager may allow. Default 2. */
  maxConcurrency?: number;
  /** Extra ccxt exchange options, deep-merged over the exchange's own (e.g. `{ fetchMarkets: { types: ['spot'] } }`). */
  exchangeOptions?: Record<string, unknown>;
  /** The clock (ms since epoch); tests pin it to the replayed exchange's time. */
  now?: () => number;
}

/** Bars per request when ccxt's `features` do not say: small enough for any exchange we know. */
export const defaultCcxtBarsPerRequest = 100;
const defaultTimeoutMs = 30_000;
const defaultMaxConcurrency = 2;
/** ccxt's own request timer is disabled (see the constructor); this is setTimeout's maximum. */
const noTimeout = 2 ** 31 - 1;

type ExchangeClass = new (config?: Record<string, unknown>) => Exchange;

/** Every exchange id ccxt supports, sorted (for CLI listings and error messages). */
export function ccxtExchangeIds(): string[] {
  return [...ccxt.exchanges].sort();
}

/**
 * Candles from any exchange ccxt supports, through its unified `fetchOHLCV`. Symbols are ccxt's
 * unified ones (`BTC/USDT`, `BTC/USDT:USDT` for a linear perpetual). Markets trade around the
 * clock (`continuous` calendar).
 *
 * Rate limiting is the manager's job (the port): ccxt's own throttler (`enableRateLimit`) is off
 * and its retries (`maxRetriesOnFailure`) stay at zero, because every HTTP request ccxt makes —
 * candles and the market listing alike — runs through the `schedule` the manager passes in,
 * whose limiter is given `limits.requestsPerSecond` (1000 / ccxt's `rateLimit`, the interval ccxt
 * itself would keep between requests of unit cost). Two throttles in series would only slow
 * each other down and hide the manager's request count; a 429 comes back with the server's
 * Retry-After for the manager's backoff.
 */
export class CcxtProvider implements BarsProvider {
  readonly name: string;
  readonly limits: ProviderLimits;
  private readonly now: () => number;
  private marketsReady: Promise<void> | undefined;

  private constructor(
    readonly exchangeId: string,
    private readonly exchange: Exchange,
    options: CcxtProviderOptions,
  ) {
    this.name = `ccxt:${exchangeId}`;
    this.now = options.now ?? Date.now;
    const rateLimit = Number(exchange.rateLimit);
    this.limits = {
      maxBarsPerRequest: spotOrAnyOhlcvLimit(exchange),
      requestsPerSecond: rateLimit > 0 ? 1000 / rateLimit : 1,
      maxConcurrency: options.maxConcurrency ?? defaultMaxConcurrency,
      earliestTime: () => undefined,
    };
  }

  /** @throws TF_ERR_PROVIDER_UNKNOWN when ccxt has no exchange of that id. */
  static create(exchangeId: string, options: CcxtProviderOptions = {}): CcxtProvider {
    const id = exchangeId.trim().toLowerCase();
    const Class = ccxt.exchanges.includes(id) ? (ccxt as unknown as Record<string, ExchangeClass>)[id] : undefined;
    if (Class === undefined) throw unknownExchange(exchangeId);
    const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    const exchange = new Class({
      enableRateLimit: false,
      // Our transport times each request from the moment the manager's schedule starts it;
      // ccxt's timer would also count the time spent waiting in the limiter's queue.
      timeout: noTimeout,
      options: { maxRetriesOnFailure: 0, ...options.exchangeOptions },
    });
    if (options.apiBaseUrl !== undefined) exchange.urls.api = rewriteApiUrls(exchange.urls.api, options.apiBaseUrl) as Exchange['urls']['api'];
    exchange.fetchImplementation = createProviderFetch({ timeoutMs, rebasedOnto: options.apiBaseUrl, now: options.now });
    return new CcxtProvider(id, exchange, options);
  }

  calendar(): MarketCalendarName {
    return 'continuous';
  }

  supportsTimeframe(timeframe: Timeframe): boolean {
    return this.exchange.has.fetchOHLCV !== false && this.exchange.timeframes !== undefined && timeframe.code in this.exchange.timeframes;
  }

  async listSymbols(): Promise<string[]> {
    await this.loadMarkets({ schedule: runNow }, { provider: this.name, symbol: '*', timeframe: '-' });
    return Object.keys(this.exchange.markets ?? {}).sort();
  }

  async *fetchBars(symbol: string, timeframe: Timeframe, from: number, to: number, options: FetchBarsOptions = {}): AsyncGenerator<Bars> {
    const context: CcxtRequestContext = { provider: this.name, symbol, timeframe: timeframe.code };
    if (!this.supportsTimeframe(timeframe)) throw this.unsupportedTimeframe(timeframe, context);
    if (!(from <= to)) return;
    const scope: RequestScope = { schedule: options.schedule ?? runNow, signal: options.signal };
    await this.loadMarkets(scope, context);
    let market: Market | undefined;
    try {
      market = this.exchange.market(symbol);
    } catch (error) {
      throw toProviderError(error, { ...context, from, to });
    }
    const limit = ohlcvLimit(this.exchange, market);
    const request = async (since: number | undefined): Promise<Candle[]> => {
      const requestContext = { ...context, from: since ?? from, to };
      try {
        const rows = await withRequestScope(scope, () => this.exchange.fetchOHLCV(symbol, timeframe.code, since, limit));
        return toCandles(rows, requestContext);
      } catch (error) {
        options.signal?.throwIfAborted(); // ccxt reports an aborted request as a timeout
        throw toProviderError(error, requestContext);
      }
    };
    const pages = paginateCandles(
      { page: (since) => request(since), latest: () => request(undefined) },
      // An open-ended range starts at the epoch: `since` 0 asks for the oldest candles.
      { from: Math.max(from, 0), to, step: timeframe.milliseconds, limit, now: this.now, signal: options.signal },
    );
    for await (const candles of pages) {
      const builder = new BarsBuilder(symbol, candles.length);
      for (const candle of candles) builder.push(...candle);
      yield builder.build(timeframe);
    }
  }

  async close(): Promise<void> {
    // REST only: ccxt keeps no sockets of ours open beyond the global agent's keep-alive pool.
    this.marketsReady = undefined;
  }

  /**
   * Loads the market list once. ccxt keeps a failed load's promise forever
   * (`exchange.marketsLoading`), so after a failure it is cleared and the next fetch tries again.
   */
  private loadMarkets(scope: RequestScope, context: CcxtRequestContext): Promise<void> {
    if (this.marketsReady === undefined) {
      this.marketsReady = withRequestScope(scope, () => this.exchange.loadMarkets()).then(
        () => undefined,
        (error: unknown) => {
          this.marketsReady = undefined;
          (this.exchange as { marketsLoading?: unknown }).marketsLoading = undefined;
          throw toProviderError(error, context);
        },
      );
    }
    return this.marketsReady;
  }

  private unsupportedTimeframe(timeframe: Timeframe, context: CcxtRequestContext): TickforgeError {
    const offered = Object.keys(this.exchange.timeframes ?? {});
    const message = this.exchange.has.fetchOHLCV === false || offered.length === 0
      ? `${this.name} serves no candle history through ccxt; pick another exchange.`
      : `${this.name} does not offer ${timeframe.code} candles for ${context.symbol}; it offers ${offered.join(', ')}. Fetch a finer timeframe and resample.`;
    return new TickforgeError('TF_ERR_PROVIDER_TIMEFRAME', message, { details: { ...context, offered } });
  }
}

/** ccxt's per-request candle cap for this market's type (`features`), else the default. */
function ohlcvLimit(exchange: Exchange, market: Market | undefined): number {
  if (market === undefined) return spotOrAnyOhlcvLimit(exchange);
  const type = market.type === 'spot' || market.type === 'margin' ? 'spot' : market.type;
  const subType = type === 'spot' ? undefined : market.linear ? 'linear' : market.inverse ? 'inverse' : undefined;
  const limit = Number(exchange.featureValueByType(type as string, subType as string, 'fetchOHLCV', 'limit'));
  return Number.isInteger(limit) && limit > 0 ? limit : defaultCcxtBarsPerRequest;
}

/** The spot cap, else the first derivatives cap ccxt knows, else the default. */
function spotOrAnyOhlcvLimit(exchange: Exchange): number {
  const candidates: Array<[string, string | undefined]> = [['spot', undefined], ['swap', 'linear'], ['swap', 'inverse'], ['future', 'linear'], ['future', 'inverse']];
  for (const [type, subType] of candidates) {
    const limit = Number(exchange.featureValueByType(type, subType as string, 'fetchOHLCV', 'limit'));
    if (Number.isInteger(limit) && limit > 0) return limit;
  }
  return defaultCcxtBarsPerRequest;
}

/**
 * ccxt's OHLCV rows to candles. A missing field (ccxt's `undefined`, a JSON null) becomes NaN so
 * the manager's validation reports it; `Number(null)` would have made it 0.
 */
function toCandles(rows: unknown, context: CcxtRequestContext): Candle[] {
  if (!Array.isArray(rows)) {
    throw new TickforgeError('TF_ERR_PROVIDER_RESPONSE', `${context.provider} ${context.symbol} ${context.timeframe}: the exchange's answer is not a candle list (got ${typeof rows}).`, {
      details: { ...context },
    });
  }
  const candles: Candle[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as OHLCV | unknown;
    if (!Array.isArray(row)) {
      throw new TickforgeError('TF_ERR_PROVIDER_RESPONSE', `${context.provider} ${context.symbol} ${context.timeframe}: candle ${i} of the answer is not a row (got ${JSON.stringify(row)}).`, {
        details: { ...context, index: i },
      });
    }
    candles[i] = [toNumber(row[0]), toNumber(row[1]), toNumber(row[2]), toNumber(row[3]), toNumber(row[4]), toNumber(row[5])];
  }
  return candles;
}

function toNumber(value: unknown): number {
  if (value === null || value === undefined || value === '') return NaN;
  return Number(value);
}

function unknownExchange(exchangeId: string): TickforgeError {
  const ids = ccxtExchangeIds();
  const needle = exchangeId.trim().toLowerCase();
  const close = ids.filter((id) => needle.length > 0 && (id.includes(needle) || needle.includes(id) || id.slice(0, 3) === needle.slice(0, 3))).slice(0, 8);
  const hint = close.length > 0 ? ` Close matches: ${close.join(', ')}.` : '';
  return new TickforgeError(
    'TF_ERR_PROVIDER_UNKNOWN',
    `Unknown ccxt exchange "${exchangeId}".${hint} ccxt ${ccxt.version} knows ${ids.length} exchange ids; list them with: node -e "import('ccxt').then((m) => console.log(m.default.exchanges.join('\\n')))"`,
    { details: { exchangeId, validIds: ids } },
  );
}
