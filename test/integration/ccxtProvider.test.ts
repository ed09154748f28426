import { afterEach, describe, expect, it } from 'vitest';
import { Bars, Timeframe, TickforgeError } from '../../src/core/index.js';
import { CcxtProvider, type CcxtProviderOptions } from '../../src/data/providers/ccxt/CcxtProvider.js';
import type { FetchBarsOptions } from '../../src/data/providers/ports.js';
import {
  binanceKlines, candleSeries, fixtureText, htxKline, krakenCap, krakenOhlc, listingRoutes, seriesNow, type Row,
} from '../fixtures/providers/exchangeEmulators.js';
import { ReplayServer, type ReplayRoute } from './replayServer.js';

/**
 * The ccxt provider against a local replay of Binance, Kraken and HTX: real ccxt exchange
 * classes build the requests and parse the answers; the server is the only network.
 */
const hour = Timeframe.of('1h');
const H = hour.milliseconds;
const start = Date.UTC(2024, 0, 1);

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function open(exchange: 'binance' | 'kraken' | 'htx', routes: ReplayRoute[], options: CcxtProviderOptions = {}): Promise<CcxtProvider> {
  server = await ReplayServer.start([...listingRoutes(exchange), ...routes]);
  return CcxtProvider.create(exchange, { apiBaseUrl: server.baseUrl, timeoutMs: 5000, ...options });
}

function countingSchedule(): { options: FetchBarsOptions; calls: () => number } {
  let calls = 0;
  return {
    options: { schedule: (request) => { calls++; return request(); } },
    calls: () => calls,
  };
}

async function collect(provider: CcxtProvider, symbol: string, from: number, to: number, options?: FetchBarsOptions): Promise<Bars> {
  const parts: Bars[] = [];
  for await (const bars of provider.fetchBars(symbol, hour, from, to, options)) parts.push(bars);
  return parts.length === 0 ? Bars.empty(symbol, hour) : Bars.concat(parts);
}

function rowsOf(bars: Bars): Row[] {
  return Array.from(bars.time, (time, i) => [time, bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]] as Row);
}

function inRange(series: readonly Row[], from: number, to: number): Row[] {
  return series.filter((row) => row[0] >= from && row[0] <= to);
}

async function failure(promise: Promise<unknown>): Promise<TickforgeError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(TickforgeError);
  return error as TickforgeError;
}

const klines = (requests: ReplayServer['requests']) => requests.filter((request) => request.path.endsWith('/klines'));

describe('CcxtProvider on Binance (since honoured, 1000 candles a page)', () => {
  const series = candleSeries({ start, step: H, count: 2500 });
  const now = seriesNow(series, H);

  it('walks 2400 candles in three pages up to the forming one, with one schedule call per HTTP request', async () => {
    const provider = await open('binance', [{ host: 'api.binance.com', path: '/api/v3/klines', handler: binanceKlines(series, H) }], { now: () => now });
    const counter = countingSchedule();
    const from = series[100][0];
    const bars = await collect(provider, 'BTC/USDT', from, now + 30 * 86_400_000, counter.options);
    expect(rowsOf(bars)).toEqual(inRange(series, from, Infinity));
    // The last bar is the forming one (it closes after now): yielded, and nothing asked after it.
    expect(bars.time[bars.length - 1] + H).toBeGreaterThan(now);
    expect(klines(server!.requests).map((request) => Number(request.query.get('startTime')))).toEqual([from, series[1100][0], series[2100][0]]);
    expect(klines(server!.requests).every((request) => request.query.get('limit') === '1000')).toBe(true);
    expect(server!.requestCount('api.binance.com', '/api/v3/exchangeInfo')).toBe(1);
    expect(counter.calls()).toBe(server!.requests.length); // 3 market listings + 3 pages
    expect(server!.unmatched).toEqual([]);
  });

  it('runs each request through the schedule of the fetch that made it, when two fetches share the provider', async () => {
    const provider = await open('binance', [{ host: 'api.binance.com', path: '/api/v3/klines', handler: binanceKlines(series, H) }], { now: () => now });
    const first = countingSchedule();
    const second = countingSchedule();
    const [btc, eth] = await Promise.all([
      collect(provider, 'BTC/USDT', series[0][0], now, first.options),
      collect(provider, 'ETH/USDT', series[1000][0], now, second.options),
    ]);
    expect(rowsOf(btc)).toEqual(series);
    expect(rowsOf(eth)).toEqual(series.slice(1000));
    const pagesOf = (symbol: string) => klines(server!.requests).filter((request) => request.query.get('symbol') === symbol).length;
    expect(pagesOf('BTCUSDT')).toBe(3);
    expect(pagesOf('ETHUSDT')).toBe(2);
    // The first fetch loads the market list (3 requests) that the second one waits for.
    expect(first.calls()).toBe(3 + 3);
    expect(second.calls()).toBe(2);
    expect(server!.counts()).toEqual({
      'api.binance.com/api/v3/exchangeInfo': 1, 'fapi.binance.com/fapi/v1/exchangeInfo': 1, 'dapi.binance.com/dapi/v1/exchangeInfo': 1, 'api.binance.com/api/v3/klines': 5,
    });
  });

  it('stops between requests when the caller aborts, with the abort rather than a provider error', async () => {
    const provider = await open('binance', [{ host: 'api.binance.com', path: '/api/v3/klines', handler: binanceKlines(series, H) }], { now: () => now });
    const controller = new AbortController();
    let chunks = 0;
    const run = (async () => {
      for await (const _ of provider.fetchBars('BTC/USDT', hour, start, now, { signal: controller.signal })) {
        chunks++;
        controller.abort();
      }
    })();
    const error = await run.then(() => undefined, (caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(TickforgeError);
    expect((error as Error).name).toBe('AbortError');
    expect(chunks).toBe(1);
    expect(klines(server!.requests)).toHaveLength(1);
  });

  it('stops at `to` without asking for the rest', async () => {
    const provider = await open('binance', [{ host: 'api.binance.com', path: '/api/v3/klines', handler: binanceKlines(series, H) }], { now: () => now });
    const bars = await collect(provider, 'BTC/USDT', series[100][0], series[1599][0]);
    expect(rowsOf(bars)).toEqual(series.slice(100, 1600));
    expect(klines(server!.requests)).toHaveLength(2);
  });

  it('reads a recorded page exactly', async () => {
    const provider = await open('binance', [{ host: 'api.binance.com', path: '/api/v3/klines', responses: [{ body: fixtureText('binance/api-v3-klines-ETHUSDT-1h.json') }] }], {
      now: () => start + 2.5 * H,
    });
    const bars = await collect(provider, 'ETH/USDT', start, start + 2 * H);
    expect(rowsOf(bars)).toEqual([
      [start, 2281.87, 2297.99, 2281.27, 2295.51, 10771.9842],
      [start + H, 2295.52, 2300, 2290.27, 2292.96, 9069.1414],
      [start + 2 * H, 2292.96, 2294.81, 2285.64, 2289.34, 6235.9136],
    ]);
  });

  it('crosses a listing gap that the exchange skips over', async () => {
    const gapped = candleSeries({ start, step: H, count: 2500, gaps: [[500, 1300]] });
    const provider = await open('binance', [{ host: 'api.binance.com', path: '/api/v3/klines', handler: binanceKlines(gapped, H) }], { now: () => now });
    const bars = await collect(provider, 'BTC/USDT', start, now);
    expect(rowsOf(bars)).toEqual(gapped);
  });

  it('drops the overlap when each page repeats the last candles of the one before', async () => {
    const provider = await open('binance', [{ host: 'api.binance.com', path: '/api/v3/klines', handler: binanceKlines(series, H, { overlapBars: 3 }) }], { now: () => now });
    const bars = await collect(provider, 'BTC/USDT', series[10][0], now);
    expect(rowsOf(bars)).toEqual(series.slice(10));
    expect(new Set(bars.time).size).toBe(bars.length);
  });

  it('ends a delisted pair after one empty page and one look at the latest candles', async () => {
    const delisted = candleSeries({ start, step: H, count: 1200 }); // history stops 1300 hours before now
    const provider = await open('binance', [{ host: 'api.binance.com', path: '/api/v3/klines', handler: binanceKlines(delisted, H) }], { now: () => now });
    const bars = await collect(provider, 'BTC/USDT', start, now);
    expect(rowsOf(bars)).toEqual(delisted);
    const asked = klines(server!.requests);
    expect(asked).toHaveLength(4); // 1000 + 200 candles, one empty page, one request without startTime
    expect(asked[3].query.has('startTime')).toBe(false);
  });
});

describe('CcxtProvider on Binance coin-margined (each request is a window)', () => {
  it('steps over windows that come back empty inside a listing gap and serves every candle', async () => {
    // ccxt asks dapi for [since, since + 500 h): windows inside the 1100-hour gap are empty.
    const gapped = candleSeries({ start, step: H, count: 2600, gaps: [[600, 1700]] });
    const now = seriesNow(gapped, H);
    const provider = await open('binance', [{ host: 'dapi.binance.com', path: '/dapi/v1/klines', handler: binanceKlines(gapped, H, { coinMargined: true }) }], { now: () => now });
    const counter = countingSchedule();
    const bars = await collect(provider, 'BTC/USD:BTC', start, now, counter.options);
    expect(rowsOf(bars)).toEqual(gapped);
    const asked = klines(server!.requests);
    const pages = asked.filter((request) => request.query.has('startTime'));
    expect(pages.every((request) => Number(request.query.get('endTime')) - Number(request.query.get('startTime')) === 500 * H - 1)).toBe(true);
    // Windows from candle 0, 500 (history pauses after 599), 600 (empty: one request for the
    // latest candles shows more exists, so step one window), 1100 (empty), 1600 (candles from
    // 1700 on), 2100 (up to the forming candle 2599, after which nothing is asked).
    expect(pages.map((request) => (Number(request.query.get('startTime')) - start) / H)).toEqual([0, 500, 600, 1100, 1600, 2100]);
    expect(asked.length - pages.length).toBe(1);
    expect(counter.calls()).toBe(server!.requests.length);
  });
});

describe('CcxtProvider on Kraken (only the latest 720 candles exist)', () => {
  const series = candleSeries({ start, step: H, count: 2000 });
  const now = seriesNow(series, H);
  const route = { host: 'api.kraken.com', path: '/0/public/OHLC', handler: krakenOhlc(series, 'XXBTZUSD') };

  it('serves the 720 it has when asked for more, in one request, and ends', async () => {
    const provider = await open('kraken', [route], { now: () => now });
    const bars = await collect(provider, 'BTC/USD', start, now);
    expect(bars.length).toBe(krakenCap);
    expect(rowsOf(bars)).toEqual(series.slice(-krakenCap));
    expect(server!.requestCount('api.kraken.com', '/0/public/OHLC')).toBe(1);
  });

  it('serves a range inside the last 720 exactly', async () => {
    const provider = await open('kraken', [route], { now: () => now });
    const bars = await collect(provider, 'BTC/USD', series[1500][0], series[1800][0]);
    expect(rowsOf(bars)).toEqual(series.slice(1500, 1801));
    expect(server!.requestCount('api.kraken.com', '/0/public/OHLC')).toBe(1);
  });

  it('reads a recorded page exactly (volume is the 7th field, not the vwap)', async () => {
    const provider = await open('kraken', [{ host: 'api.kraken.com', path: '/0/public/OHLC', responses: [{ body: fixtureText('kraken/0-public-OHLC-XETHZUSD-60.json') }] }], {
      now: () => start + 2.5 * H,
    });
    const bars = await collect(provider, 'ETH/USD', start, start + 2 * H);
    expect(rowsOf(bars)).toEqual([
      [start, 2281.88, 2297.5, 2281.3, 2295.2, 812.4021836],
      [start + H, 2295.2, 2299.85, 2290.4, 2292.81, 640.11309477],
      [start + 2 * H, 2292.81, 2294.6, 2285.71, 2289.4, 455.38807612],
    ]);
  });

  it('refuses a timeframe Kraken does not offer, without a request', async () => {
    const provider = await open('kraken', [route], { now: () => now });
    expect(provider.supportsTimeframe(Timeframe.of('3m'))).toBe(false);
    expect(provider.supportsTimeframe(Timeframe.of('4h'))).toBe(true);
    const error = await failure((async () => {
      for await (const _ of provider.fetchBars('BTC/USD', Timeframe.of('3m'), start, now)) void _;
    })());
    expect(error.code).toBe('TF_ERR_PROVIDER_TIMEFRAME');
    expect(error.message).toContain('ccxt:kraken does not offer 3m');
    expect(server!.requests).toHaveLength(0);
  });
});

describe('CcxtProvider on HTX (the kline endpoint ignores since)', () => {
  const series = candleSeries({ start, step: H, count: 3000 });
  const now = seriesNow(series, H);
  // Spot markets only, and the endpoint without from/to (ccxt's default is a newer one that has them).
  const options: CcxtProviderOptions = {
    now: () => now,
    exchangeOptions: { fetchMarkets: { types: { spot: true, linear: false, inverse: false } }, fetchOHLCV: { useHistoricalEndpointForSpot: false } },
  };
  const route = { host: 'api.huobi.pro', path: '/market/history/kline', handler: htxKline(series, 'market.btcusdt.kline.60min') };

  it('serves the latest 1000 when asked from further back, in one request', async () => {
    const provider = await open('htx', [route], options);
    const counter = countingSchedule();
    const bars = await collect(provider, 'BTC/USDT', start, now, counter.options);
    expect(rowsOf(bars)).toEqual(series.slice(-1000));
    expect(server!.requestCount('api.huobi.pro', '/market/history/kline')).toBe(1);
    expect(server!.requests.find((request) => request.path === '/market/history/kline')!.query.get('size')).toBe('1000');
    expect(counter.calls()).toBe(server!.requests.length);
  });

  it('serves an inner range exactly, and an older one as nothing, each in one request', async () => {
    const provider = await open('htx', [route], options);
    expect(rowsOf(await collect(provider, 'BTC/USDT', series[2500][0], series[2600][0]))).toEqual(series.slice(2500, 2601));
    expect((await collect(provider, 'BTC/USDT', series[10][0], series[20][0])).length).toBe(0);
    expect(server!.requestCount('api.huobi.pro', '/market/history/kline')).toBe(2);
  });

  it('reads a recorded page (newest first) exactly', async () => {
    const provider = await open('htx', [{ host: 'api.huobi.pro', path: '/market/history/kline', responses: [{ body: fixtureText('htx/market-history-kline-btcusdt-60min.json') }] }], {
      ...options, now: () => start + 2.5 * H,
    });
    const bars = await collect(provider, 'BTC/USDT', start, start + 2 * H);
    expect(rowsOf(bars)).toEqual([
      [start, 42283.57, 42554.56, 42261.01, 42475.22, 143.08861],
      [start + H, 42475.22, 42593.7, 42388.33, 42514.23, 121.90315],
      [start + 2 * H, 42514.23, 42580, 42432.04, 42470.01, 98.41522],
    ]);
  });
});

describe('CcxtProvider errors', () => {
  const series = candleSeries({ start, step: H, count: 50 });
  const now = seriesNow(series, H);
  const page = binanceKlines(series, H)({ method: 'GET', host: 'api.binance.com', path: '/api/v3/klines', query: new URLSearchParams({ startTime: String(start), limit: '1000' }), headers: {}, body: '' });

  async function fetchError(routes: ReplayRoute[], options: CcxtProviderOptions = {}, symbol = 'BTC/USDT'): Promise<TickforgeError> {
    const provider = await open('binance', routes, { now: () => now, ...options });
    return failure(collect(provider, symbol, start, now));
  }

  it('maps 429 with Retry-After in seconds to PROVIDER_UNAVAILABLE with retryAfterMs, and the next try succeeds', async () => {
    const provider = await open('binance', [{
      host: 'api.binance.com', path: '/api/v3/klines',
      responses: [{ status: 429, headers: { 'retry-after': '1' }, body: { code: -1003, msg: 'Too many requests.' } }, page],
    }], { now: () => now });
    const error = await failure(collect(provider, 'BTC/USDT', start, now));
    expect(error.code).toBe('TF_ERR_PROVIDER_UNAVAILABLE');
    expect(error.details.retryAfterMs).toBe(1000);
    expect(error.details.status).toBe(429);
    expect(error.message).toContain('ccxt:binance BTC/USDT 1h (2024-01-01T00:00:00.000Z ..');
    expect(error.message).toContain('HTTP 429');
    const bars = await collect(provider, 'BTC/USDT', start, now);
    expect(rowsOf(bars)).toEqual(series);
    expect(klines(server!.requests)).toHaveLength(2);
  });

  it('reads Retry-After given as an HTTP date', async () => {
    const retryAt = new Date(now + 90_000).toUTCString();
    const error = await fetchError([{ host: 'api.binance.com', path: '/api/v3/klines', responses: [{ status: 429, headers: { 'retry-after': retryAt }, body: {} }] }]);
    expect(error.details.retryAfterMs).toBe(90_000 - (now % 1000)); // HTTP dates have whole seconds
  });

  it('maps a 5xx to PROVIDER_UNAVAILABLE', async () => {
    const error = await fetchError([{ host: 'api.binance.com', path: '/api/v3/klines', responses: [{ status: 503, body: '<html>Service Unavailable</html>' }] }]);
    expect(error.code).toBe('TF_ERR_PROVIDER_UNAVAILABLE');
    expect(error.details.status).toBe(503);
    expect(error.details.retryAfterMs).toBeUndefined();
  });

  it('maps an answer slower than the timeout to PROVIDER_UNAVAILABLE', async () => {
    const error = await fetchError([{ host: 'api.binance.com', path: '/api/v3/klines', responses: [{ ...page, delayMs: 3000 }] }], { timeoutMs: 300 });
    expect(error.code).toBe('TF_ERR_PROVIDER_UNAVAILABLE');
    expect(error.message).toContain('within 300 ms');
  });

  it('maps malformed JSON and a body cut off in transit to PROVIDER_RESPONSE', async () => {
    const body = JSON.stringify(page.body);
    const malformed = await fetchError([{ host: 'api.binance.com', path: '/api/v3/klines', responses: [{ body: body.slice(0, body.length / 2) }] }]);
    expect(malformed.code).toBe('TF_ERR_PROVIDER_RESPONSE');
    expect(malformed.message).toContain('malformed or truncated JSON from api.binance.com/api/v3/klines');
    await server!.close();
    const cut = await fetchError([{ host: 'api.binance.com', path: '/api/v3/klines', responses: [{ body, truncateAfterBytes: 100 }] }]);
    expect(cut.code).toBe('TF_ERR_PROVIDER_RESPONSE');
    expect(cut.message).toContain('cut off in transit');
  });

  it('maps an unknown symbol to PROVIDER_SYMBOL', async () => {
    const error = await fetchError([], {}, 'NOPE/USDT');
    expect(error.code).toBe('TF_ERR_PROVIDER_SYMBOL');
    expect(error.message).toContain('NOPE/USDT');
    expect(klines(server!.requests)).toHaveLength(0);
  });

  it('retries the market listing after it failed once', async () => {
    const provider = await open('binance', [
      { host: 'api.binance.com', path: '/api/v3/exchangeInfo', responses: [{ status: 502, body: 'bad gateway' }, { body: fixtureText('binance/api-v3-exchangeInfo.json') }] },
      { host: 'api.binance.com', path: '/api/v3/klines', handler: binanceKlines(series, H) },
    ], { now: () => now });
    const error = await failure(collect(provider, 'BTC/USDT', start, now));
    expect(error.code).toBe('TF_ERR_PROVIDER_UNAVAILABLE');
    expect(rowsOf(await collect(provider, 'BTC/USDT', start, now))).toEqual(series);
    expect(await provider.listSymbols()).toEqual(['BTC/USD:BTC', 'BTC/USDT', 'BTC/USDT:USDT', 'ETH/USDT']);
  });

  it('refuses an exchange id ccxt does not know, naming close ones and how to list all', () => {
    let error: unknown;
    try {
      CcxtProvider.create('binanse');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TickforgeError);
    expect((error as TickforgeError).code).toBe('TF_ERR_PROVIDER_UNKNOWN');
    expect((error as TickforgeError).message).toContain('Close matches: binance');
    expect((error as TickforgeError).message).toContain('m.default.exchanges');
  });

  it('reports limits from the exchange: rateLimit as requests per second, candles per request', () => {
    const binance = CcxtProvider.create('binance');
    expect(binance.name).toBe('ccxt:binance');
    expect(binance.limits.requestsPerSecond).toBe(20); // rateLimit 50 ms
    expect(binance.limits.maxBarsPerRequest).toBe(1000);
    expect(CcxtProvider.create('kraken').limits.maxBarsPerRequest).toBe(720);
    expect(binance.calendar()).toBe('continuous');
  });
});
