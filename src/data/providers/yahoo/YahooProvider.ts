import YahooFinance from 'yahoo-finance2';
import { Bars, TickforgeError, type Timeframe } from '../../../core/index.js';
import { runNow, type BarsProvider, type FetchBarsOptions, type MarketCalendarName, type ProviderLimits } from '../ports.js';
import { createProviderFetch, withRequestScope, type FetchFunction, type RequestScope } from '../providerFetch.js';
import type { ProviderRequestContext } from '../providerErrors.js';
import { applyPriceFactors, dividendFactors, undoSplitAdjustment, type SplitEvent, type YahooAdjustment } from './adjustYahooBars.js';
import { exchangeDate } from './exchangeDate.js';
import { historyMargin, yahooIntervalOf, yahooIntervals, type YahooInterval } from './yahooIntervals.js';
import { toYahooError } from './yahooErrors.js';

export type { YahooAdjustment } from './adjustYahooBars.js';

export interface YahooProviderOptions {
  /** `split` (default: Yahoo's quotes as served), `none` (raw traded prices) or `all` (splits and dividends). */
  adjustment?: YahooAdjustment;
  /** Milliseconds one HTTP request may take once it starts. Default 30000. */
  timeoutMs?: number;
  /** Sends `https://<host>/<path>` to `<baseUrl>/<host>/<path>`: a local replay server, a mirror or a proxy. */
  baseUrl?: string;
  /** Include pre- and post-market bars in intraday timeframes. Default false (regular session). */
  includePrePost?: boolean;
  /** What `listSymbols()` returns: Yahoo publishes no list of its symbols. Default none. */
  symbols?: readonly string[];
  /** The clock (ms since epoch); tests pin it. */
  now?: () => number;
}

const DAY = 86_400_000;
const defaultTimeoutMs = 30_000;
/** Yahoo's oldest daily history starts in the 1920s; an open-ended range starts here. */
const earliestYahooTime = Date.UTC(1900, 0, 1);
/** Daily requests pad the range by this much on each side: bar instants lie off the UTC date. */
const datePadding = 2 * DAY;

/** Symbols of crypto pairs (BTC-USD, ETH-EUR): they trade every day; everything else on weekdays. */
const cryptoPair = /^[A-Z0-9]{2,12}-(USD|USDT|USDC|EUR|GBP|JPY|CAD|AUD|BTC|ETH)$/i;

const quietLogger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {}, dir: () => {} };

/** The parts of yahoo-finance2's `chart(..., { return: 'object' })` result the adapter reads. */
interface ChartObject {
  meta: { exchangeTimezoneName: string; gmtoffset: number };
  timestamp?: number[];
  events?: {
    splits?: Record<string, { date: Date; numerator: number; denominator: number }>;
  };
  indicators: {
    quote: Array<{ open: Array<number | null>; high: Array<number | null>; low: Array<number | null>; close: Array<number | null>; volume: Array<number | null> }>;
    adjclose?: Array<{ adjclose?: Array<number | null> }>;
  };
}

/** One chart answer as columns; `instants` are Yahoo's own bar stamps (ms). */
interface ChartColumns {
  instants: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  adjclose?: Float64Array;
  timeZone: string;
  gmtoffset: number;
}

/**
 * Daily, weekly and intraday history from Yahoo Finance through yahoo-finance2's `chart()`:
 * the library builds the request, keeps Yahoo's cookies, validates the answer against its
 * schema and coerces it; this adapter gives it a transport (`providerFetch`) that schedules,
 * times out and classifies each request, and turns the answer into bars.
 *
 * Times: daily and weekly bars are put at midnight UTC of the exchange's calendar date (weekly:
 * of that week's Monday), as tickforge's grid has them; intraday bars keep Yahoo's instants
 * (for markets opening at :30, such as New York, 1h bars open at :30 and lie off the UTC hour
 * grid; validation says so — fetch 30m and resample). A null row (all quote fields null) comes
 * through as NaN fields for validation to report. Adjustment: see `adjustYahooBars.ts`.
 *
 * Limits: Yahoo publishes none for its unofficial API; 2 requests per second and 2 in flight
 * keep clear of its 429s in practice. `maxBarsPerRequest` is the largest intraday request
 * (7 days of 1m bars); the adapter splits a range into requests of Yahoo's spans itself.
 */
export class YahooProvider implements BarsProvider {
  readonly name = 'yahoo';
  readonly limits: ProviderLimits;
  private readonly yahoo: InstanceType<typeof YahooFinance>;
  private readonly adjustment: YahooAdjustment;
  private readonly includePrePost: boolean;
  private readonly symbols: string[];
  private readonly now: () => number;

  private constructor(options: YahooProviderOptions, fetch: FetchFunction) {
    this.adjustment = options.adjustment ?? 'split';
    this.includePrePost = options.includePrePost ?? false;
    this.symbols = [...(options.symbols ?? [])].sort();
    this.now = options.now ?? Date.now;
    this.yahoo = new YahooFinance({
      fetch: fetch as typeof globalThis.fetch,
      // The library would otherwise ask the npm registry for its latest version after a
      // validation error, log schemas and notices to the console, and warn on Node 20.
      versionCheck: false,
      validation: { logErrors: false, logOptionsErrors: false },
      suppressNotices: ['yahooSurvey'],
      logger: quietLogger,
    });
    const now = this.now;
    this.limits = {
      maxBarsPerRequest: 7 * 24 * 60,
      requestsPerSecond: 2,
      maxConcurrency: 2,
      earliestTime(timeframe: Timeframe): number | undefined {
        const history = yahooIntervalOf(timeframe)?.history;
        return history === undefined ? undefined : now() - history + historyMargin;
      },
    };
  }

  static create(options: YahooProviderOptions = {}): YahooProvider {
    const fetch = createProviderFetch({ timeoutMs: options.timeoutMs ?? defaultTimeoutMs, baseUrl: options.baseUrl, now: options.now });
    return new YahooProvider(options, fetch);
  }

  calendar(symbol: string): MarketCalendarName {
    return cryptoPair.test(symbol) ? 'continuous' : 'weekdays';
  }

  supportsTimeframe(timeframe: Timeframe): boolean {
    return yahooIntervalOf(timeframe) !== undefined;
  }

  async listSymbols(): Promise<string[]> {
    return [...this.symbols];
  }

  async close(): Promise<void> {}

  async *fetchBars(symbol: string, timeframe: Timeframe, from: number, to: number, options: FetchBarsOptions = {}): AsyncGenerator<Bars> {
    const context: ProviderRequestContext = { provider: this.name, symbol, timeframe: timeframe.code, from, to };
    const spec = yahooIntervalOf(timeframe);
    if (spec === undefined) {
      const offered = Object.keys(yahooIntervals);
      throw new TickforgeError('TF_ERR_PROVIDER_TIMEFRAME', `yahoo has no ${timeframe.code} bars; it offers ${offered.join(', ')}. Fetch a finer timeframe and resample.`, {
        details: { ...context, offered },
      });
    }
    const now = this.now();
    const earliest = this.limits.earliestTime(timeframe);
    const start = Math.max(from, earliest ?? earliestYahooTime);
    if (!(start <= to) || start > now) return;
    const intraday = timeframe.milliseconds < DAY;
    const scope = (): RequestScope => ({ schedule: options.schedule ?? runNow, signal: options.signal });

    const splits = this.adjustment === 'none' ? await this.splitsSince(symbol, start, now, scope(), context) : [];
    // Yahoo takes whole seconds; 2 s less than the span keeps period2 - period1 within it.
    const span = spec.spanPerRequest === undefined ? Infinity : spec.spanPerRequest - 2000;
    for (let chunkStart = start, chunkEnd = start; chunkStart <= to && chunkStart <= now; chunkStart = chunkEnd + 1) {
      options.signal?.throwIfAborted();
      chunkEnd = Math.min(to, chunkStart + span);
      const period1 = intraday ? chunkStart : chunkStart - datePadding;
      const period2 = Math.min(chunkEnd, now) + (intraday ? 1000 : datePadding);
      const chart = await this.chart(symbol, spec.interval, period1, period2, scope(), { ...context, from: chunkStart, to: chunkEnd }, 'div|split');
      const times = barTimes(chart, timeframe, intraday);
      if (this.adjustment === 'none') undoSplitAdjustment(chart.instants, chart, splits);
      if (this.adjustment === 'all') {
        const factors = intraday
          ? await this.intradayDividendFactors(symbol, chart, chunkStart, chunkEnd, scope(), context)
          : dailyDividendFactors(chart, { ...context, from: chunkStart, to: chunkEnd });
        applyPriceFactors(chart, factors);
      }
      const bars = selectBars(symbol, timeframe, times, chart, Math.max(chunkStart, from), chunkEnd);
      if (bars.length > 0) yield bars;
    }
  }

  /** One `chart()` call (one HTTP request) as columns. */
  private async chart(symbol: string, interval: YahooInterval, period1: number, period2: number, scope: RequestScope, context: ProviderRequestContext, events: string): Promise<ChartColumns> {
    let status: number | undefined;
    scope.onResponse = (value) => (status = value);
    let result: ChartObject;
    try {
      result = (await withRequestScope(scope, () => this.yahoo.chart(symbol, {
        period1: Math.floor(period1 / 1000),
        period2: Math.floor(period2 / 1000),
        interval,
        includePrePost: this.includePrePost,
        events,
        return: 'object',
      }))) as unknown as ChartObject;
    } catch (error) {
      scope.signal?.throwIfAborted();
      throw toYahooError(error, context, status);
    }
    return toColumns(result, context);
  }

  /** Split events from `start` to now: the quotes are adjusted for all of them. */
  private async splitsSince(symbol: string, start: number, now: number, scope: RequestScope, context: ProviderRequestContext): Promise<SplitEvent[]> {
    const period1 = Math.min(start - datePadding, now - DAY);
    let status: number | undefined;
    scope.onResponse = (value) => (status = value);
    let result: ChartObject;
    try {
      result = (await withRequestScope(scope, () => this.yahoo.chart(symbol, {
        period1: Math.floor(period1 / 1000), period2: Math.floor(now / 1000), interval: '1mo', events: 'split', return: 'object',
      }))) as unknown as ChartObject;
    } catch (error) {
      scope.signal?.throwIfAborted();
      throw toYahooError(error, { ...context, from: period1, to: now }, status);
    }
    return Object.values(result.events?.splits ?? {}).map((split) => ({ time: split.date.getTime(), numerator: split.numerator, denominator: split.denominator }));
  }

  /** Intraday answers carry no adjclose: each bar takes its trading day's factor from the daily series. */
  private async intradayDividendFactors(symbol: string, chart: ChartColumns, chunkStart: number, chunkEnd: number, scope: RequestScope, context: ProviderRequestContext): Promise<Float64Array> {
    const daily = await this.chart(symbol, '1d', chunkStart - datePadding, chunkEnd + datePadding, scope, { ...context, timeframe: '1d', from: chunkStart, to: chunkEnd }, 'div|split');
    const dayFactors = dailyDividendFactors(daily, context);
    const dates = Array.from(daily.instants, (instant) => exchangeDate(instant, daily.timeZone, daily.gmtoffset));
    const factors = new Float64Array(chart.instants.length);
    for (let i = 0; i < factors.length; i++) {
      const date = exchangeDate(chart.instants[i], chart.timeZone, chart.gmtoffset);
      // The factor changes only on ex-dates, which are trading days with a daily bar: a day
      // without one has the factor of the next day that has one; after the last, no dividend.
      const next = dates.findIndex((day) => day >= date);
      factors[i] = next === -1 ? 1 : dayFactors[next];
    }
    return factors;
  }
}

function toColumns(result: ChartObject, context: ProviderRequestContext): ChartColumns {
  const stamps = result.timestamp ?? [];
  const quote = result.indicators.quote[0];
  const length = stamps.length;
  const column = (values: Array<number | null> | undefined, name: string): Float64Array => {
    if (values === undefined || values.length !== length) {
      throw new TickforgeError('TF_ERR_PROVIDER_RESPONSE', `yahoo ${context.symbol} ${context.timeframe}: the answer has ${length} timestamps but ${values?.length ?? 0} ${name} values.`, {
        details: { ...context, column: name },
      });
    }
    const out = new Float64Array(length);
    for (let i = 0; i < length; i++) out[i] = values[i] ?? NaN;
    return out;
  };
  const adjclose = result.indicators.adjclose?.[0]?.adjclose;
  return {
    instants: Float64Array.from(stamps, (seconds) => seconds * 1000),
    open: column(quote?.open ?? (length === 0 ? [] : undefined), 'open'),
    high: column(quote?.high ?? (length === 0 ? [] : undefined), 'high'),
    low: column(quote?.low ?? (length === 0 ? [] : undefined), 'low'),
    close: column(quote?.close ?? (length === 0 ? [] : undefined), 'close'),
    volume: column(quote?.volume ?? (length === 0 ? [] : undefined), 'volume'),
    adjclose: adjclose === undefined ? undefined : column(adjclose, 'adjclose'),
    timeZone: result.meta.exchangeTimezoneName,
    gmtoffset: result.meta.gmtoffset,
  };
}

/** Bar open times on tickforge's grid for daily and weekly bars; Yahoo's instants intraday. */
function barTimes(chart: ChartColumns, timeframe: Timeframe, intraday: boolean): Float64Array {
  if (intraday) return chart.instants.slice();
  return chart.instants.map((instant) => timeframe.align(exchangeDate(instant, chart.timeZone, chart.gmtoffset)));
}

function dailyDividendFactors(chart: ChartColumns, context: ProviderRequestContext): Float64Array {
  if (chart.adjclose === undefined) {
    if (chart.instants.length === 0) return new Float64Array(0);
    throw new TickforgeError('TF_ERR_PROVIDER_RESPONSE', `yahoo ${context.symbol} ${context.timeframe}: the answer has no adjusted close, so dividends cannot be applied; retry, or use adjustment "split".`, {
      details: { ...context },
    });
  }
  return dividendFactors(chart.close, chart.adjclose);
}

/** The bars whose time lies in [from, to], in the order Yahoo sent them. */
function selectBars(symbol: string, timeframe: Timeframe, times: Float64Array, chart: ChartColumns, from: number, to: number): Bars {
  const keep: number[] = [];
  for (let i = 0; i < times.length; i++) if (times[i] >= from && times[i] <= to) keep.push(i);
  const bars = Bars.allocate(symbol, timeframe, keep.length);
  keep.forEach((index, row) => {
    bars.time[row] = times[index];
    bars.open[row] = chart.open[index];
    bars.high[row] = chart.high[index];
    bars.low[row] = chart.low[index];
    bars.close[row] = chart.close[index];
    bars.volume[row] = chart.volume[index];
  });
  return bars;
}
