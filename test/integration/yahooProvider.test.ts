import { afterEach, describe, expect, it } from 'vitest';
import { Bars, Timeframe, TickforgeError } from '../../src/core/index.js';
import type { FetchBarsOptions } from '../../src/data/providers/ports.js';
import { YahooProvider, type YahooProviderOptions } from '../../src/data/providers/yahoo/YahooProvider.js';
import { fixtureText, yahooChart, type Row } from '../fixtures/providers/exchangeEmulators.js';
import { ReplayServer, type ReplayResponse, type ReplayRoute } from './replayServer.js';

/**
 * The yahoo provider through yahoo-finance2's real `chart()` (URL building, cookies, schema
 * validation) against a local replay of Yahoo's chart endpoint. Fixture: TFX, a dividend of
 * 0.20 (split-adjusted) going ex on 2020-08-26 (close the day before: 126.00), a 4:1 split on
 * 2020-08-31, and a null row on 2020-08-27.
 */
const day = Timeframe.of('1d');
const host = 'query2.finance.yahoo.com';
const chartPath = '/v8/finance/chart/TFX';
const date = (month: number, dayOfMonth: number) => Date.UTC(2020, month - 1, dayOfMonth);
const from = date(8, 24);
const to = date(9, 1);
const now = date(9, 2);

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const recorded = (file: string): ReplayResponse => ({ body: fixtureText(`yahoo/${file}`) });

function chartRoutes(): ReplayRoute[] {
  return [
    { host, path: chartPath, query: { interval: '1d' }, responses: [recorded('chart-TFX-1d.json')] },
    { host, path: chartPath, query: { interval: '1mo' }, responses: [recorded('chart-TFX-1mo-splits.json')] },
    { host, path: chartPath, query: { interval: '60m' }, responses: [recorded('chart-TFX-60m.json')] },
  ];
}

async function open(routes: ReplayRoute[], options: YahooProviderOptions = {}): Promise<YahooProvider> {
  server = await ReplayServer.start(routes);
  return YahooProvider.create({ baseUrl: server.baseUrl, timeoutMs: 5000, now: () => now, ...options });
}

async function collect(provider: YahooProvider, timeframe: Timeframe, start: number, end: number, options?: FetchBarsOptions, symbol = 'TFX'): Promise<Bars> {
  const parts: Bars[] = [];
  for await (const bars of provider.fetchBars(symbol, timeframe, start, end, options)) parts.push(bars);
  return parts.length === 0 ? Bars.empty(symbol, timeframe) : Bars.concat(parts);
}

function rowsOf(bars: Bars): Row[] {
  return Array.from(bars.time, (time, i) => [time, bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]] as Row);
}

async function failure(promise: Promise<unknown>): Promise<TickforgeError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(TickforgeError);
  return error as TickforgeError;
}

function expectRowsClose(actual: Row[], expected: Row[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((row, i) => row.forEach((value, j) => {
    if (Number.isNaN(expected[i][j])) expect(value, `row ${i} field ${j}`).toBeNaN();
    else expect(value, `row ${i} field ${j}`).toBeCloseTo(expected[i][j], 9);
  }));
}

const NaN6: Row = [date(8, 27), NaN, NaN, NaN, NaN, NaN];

describe('YahooProvider daily bars and adjustment', () => {
  it('split (default): the quotes as Yahoo serves them, on the exchange date, the null row as NaN, one scheduled request', async () => {
    const provider = await open(chartRoutes());
    let scheduled = 0;
    const bars = await collect(provider, day, from, to, { schedule: (request) => { scheduled++; return request(); } });
    expectRowsClose(rowsOf(bars), [
      [date(8, 24), 124, 125.5, 123.5, 125, 120e6],
      [date(8, 25), 125, 126.5, 124.75, 126, 100e6],
      [date(8, 26), 125.75, 126.25, 125, 125.5, 80e6],
      NaN6,
      [date(8, 28), 124.5, 125, 123, 124, 88e6],
      [date(8, 31), 127, 129, 126.5, 128, 90e6],
      [date(9, 1), 128.5, 131, 128, 130, 95e6],
    ]);
    expect(server!.requests).toHaveLength(1);
    expect(scheduled).toBe(1);
    const query = server!.requests[0].query;
    expect(query.get('interval')).toBe('1d');
    expect(query.get('includePrePost')).toBe('false');
    // Padded by two days each side: Yahoo stamps a daily bar with its session's open instant.
    expect(Number(query.get('period1'))).toBe((from - 2 * 86_400_000) / 1000);
    expect(Number(query.get('period2'))).toBe((to + 2 * 86_400_000) / 1000);
  });

  it('none: undoes the 4:1 split on every bar before its ex-date (prices x4, volume /4), with the split events up to now', async () => {
    const provider = await open(chartRoutes(), { adjustment: 'none' });
    const bars = await collect(provider, day, from, to);
    expectRowsClose(rowsOf(bars), [
      [date(8, 24), 496, 502, 494, 500, 30e6],
      [date(8, 25), 500, 506, 499, 504, 25e6],
      [date(8, 26), 503, 505, 500, 502, 20e6],
      NaN6,
      [date(8, 28), 498, 500, 492, 496, 22e6],
      [date(8, 31), 127, 129, 126.5, 128, 90e6],
      [date(9, 1), 128.5, 131, 128, 130, 95e6],
    ]);
    const events = server!.requests.find((request) => request.query.get('interval') === '1mo')!;
    expect(events.query.get('events')).toBe('split');
    expect(Number(events.query.get('period2'))).toBe(now / 1000);
    expect(server!.requests).toHaveLength(2);
  });

  it('all: prices before the ex-dividend date times 1 - 0.20/126 (= adjclose/close), volume split-adjusted as served', async () => {
    const provider = await open(chartRoutes(), { adjustment: 'all' });
    const bars = await collect(provider, day, from, to);
    // 1 - 0.20 / 126.00 = 125.8 / 126; e.g. 124 * 125.8 / 126 = 15599.2 / 126 = 123.8031746031746.
    expectRowsClose(rowsOf(bars), [
      [date(8, 24), 123.8031746031746, 125.300793650794, 123.303968253968, 124.8015873015873, 120e6],
      [date(8, 25), 124.8015873015873, 126.299206349206, 124.551984126984, 125.8, 100e6],
      [date(8, 26), 125.75, 126.25, 125, 125.5, 80e6],
      NaN6,
      [date(8, 28), 124.5, 125, 123, 124, 88e6],
      [date(8, 31), 127, 129, 126.5, 128, 90e6],
      [date(9, 1), 128.5, 131, 128, 130, 95e6],
    ]);
  });

  it('all on 1h bars: each bar takes its trading day\'s dividend factor from the daily series', async () => {
    const provider = await open(chartRoutes(), { adjustment: 'all' });
    const hour = Timeframe.of('1h');
    const bars = await collect(provider, hour, date(8, 25), date(8, 27) - 1);
    const at = (d: number, h: number) => Date.UTC(2020, 7, d, h, 30);
    const f = 125.8 / 126;
    expectRowsClose(rowsOf(bars), [
      [at(25, 13), 125 * f, 125.75 * f, 124.75 * f, 125.5 * f, 20e6],
      [at(25, 14), 125.5 * f, 126.25 * f, 125.25 * f, 126 * f, 15e6],
      [at(25, 15), 126 * f, 126.5 * f, 125.5 * f, 126 * f, 12e6],
      [at(26, 13), 125.75, 126.25, 125.25, 125.6, 18e6],
      [at(26, 14), 125.6, 126, 125, 125.8, 9e6],
      [at(26, 15), 125.8, 126.1, 125.4, 125.5, 7e6],
    ]);
    expect(bars.open[0]).toBeCloseTo(124.8015873015873, 12);
    expect(server!.requests.map((request) => request.query.get('interval'))).toEqual(['60m', '1d']);
  });

  it('keeps only the bars in [from, to]', async () => {
    const provider = await open(chartRoutes());
    const bars = await collect(provider, day, date(8, 25), date(8, 28));
    expect(Array.from(bars.time)).toEqual([date(8, 25), date(8, 26), date(8, 27), date(8, 28)]);
  });

  it('sends back the cookies Yahoo set, through the library\'s own cookie jar', async () => {
    const cookie = { 'set-cookie': 'A3=d=AQABBtfx; Max-Age=31557600; Domain=.yahoo.com; Path=/; Secure; HttpOnly' };
    const provider = await open([{ host, path: chartPath, responses: [{ ...recorded('chart-TFX-1d.json'), headers: cookie }, recorded('chart-TFX-1d.json')] }]);
    await collect(provider, day, from, to);
    await collect(provider, day, from, to);
    expect(server!.requests[0].headers.cookie ?? '').not.toContain('A3=');
    expect(server!.requests[1].headers.cookie).toContain('A3=d=AQABBtfx');
  });
});

describe('YahooProvider intraday limits', () => {
  // 1m bars of the New York session (13:30-20:00 UTC) on the weekdays of 2024-03-04 .. 2024-03-15.
  const minute = Timeframe.of('1m');
  const clock = Date.UTC(2024, 2, 15, 19, 0);
  const series: Row[] = [];
  for (let d = 4; d <= 15; d++) {
    const weekday = new Date(Date.UTC(2024, 2, d)).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (let t = Date.UTC(2024, 2, d, 13, 30); t < Date.UTC(2024, 2, d, 20, 0) && t <= clock; t += 60_000) series.push([t, 100, 101, 99, 100.5, 1000]);
  }

  it('splits a 1m range into requests of at most 7 days and serves every bar once', async () => {
    const provider = await open([{ host, path: chartPath, query: { interval: '1m' }, handler: yahooChart(series, '1m') }], { now: () => clock });
    const start = Date.UTC(2024, 2, 4);
    const bars = await collect(provider, minute, start, clock);
    expect(rowsOf(bars)).toEqual(series);
    expect(server!.requests).toHaveLength(2);
    for (const request of server!.requests) {
      expect(Number(request.query.get('period2')) - Number(request.query.get('period1'))).toBeLessThanOrEqual(7 * 86_400);
    }
  });

  it('starts no earlier than Yahoo serves (1m: the last 30 days) and says so in earliestTime', async () => {
    const provider = await open([{ host, path: chartPath, query: { interval: '1m' }, handler: yahooChart(series, '1m') }], { now: () => clock });
    const earliest = provider.limits.earliestTime(minute)!;
    expect(earliest).toBe(clock - 30 * 86_400_000 + 3_600_000);
    expect(provider.limits.earliestTime(day)).toBeUndefined();
    await collect(provider, minute, clock - 40 * 86_400_000, clock);
    expect(Number(server!.requests[0].query.get('period1')) * 1000).toBeGreaterThanOrEqual(earliest - 1000);
  });
});

describe('YahooProvider errors and facts', () => {
  async function fetchError(responses: ReplayResponse[], options: YahooProviderOptions = {}, symbol = 'TFX'): Promise<TickforgeError> {
    const provider = await open([{ host, path: `/v8/finance/chart/${symbol}`, responses }], options);
    return failure(collect(provider, day, from, to, undefined, symbol));
  }

  it('maps an unknown symbol (404 "No data found") to PROVIDER_SYMBOL', async () => {
    const error = await fetchError([{ status: 404, body: fixtureText('yahoo/chart-NOPE-404.json') }], {}, 'NOPE');
    expect(error.code).toBe('TF_ERR_PROVIDER_SYMBOL');
    expect(error.message).toContain('yahoo NOPE 1d (2020-08-24T00:00:00.000Z .. 2020-09-01T00:00:00.000Z)');
  });

  it('maps 429 with Retry-After to PROVIDER_UNAVAILABLE with retryAfterMs, and the next try succeeds', async () => {
    const provider = await open([{ host, path: chartPath, responses: [{ status: 429, headers: { 'retry-after': '2' }, body: 'Too Many Requests' }, recorded('chart-TFX-1d.json')] }]);
    const error = await failure(collect(provider, day, from, to));
    expect(error.code).toBe('TF_ERR_PROVIDER_UNAVAILABLE');
    expect(error.details.retryAfterMs).toBe(2000);
    expect((await collect(provider, day, from, to)).length).toBe(7);
    expect(server!.requestCount(host, chartPath)).toBe(2);
  });

  it('maps a 5xx and a timeout to PROVIDER_UNAVAILABLE', async () => {
    expect((await fetchError([{ status: 502, body: '<html>Bad Gateway</html>' }])).code).toBe('TF_ERR_PROVIDER_UNAVAILABLE');
    await server!.close();
    const slow = await fetchError([{ ...recorded('chart-TFX-1d.json'), delayMs: 3000 }], { timeoutMs: 300 });
    expect(slow.code).toBe('TF_ERR_PROVIDER_UNAVAILABLE');
    expect(slow.message).toContain('within 300 ms');
  });

  it('maps truncated JSON and an answer of the wrong shape to PROVIDER_RESPONSE', async () => {
    const body = fixtureText('yahoo/chart-TFX-1d.json');
    expect((await fetchError([{ body: body.slice(0, 600) }])).code).toBe('TF_ERR_PROVIDER_RESPONSE');
    await server!.close();
    const shape = await fetchError([{ body: { chart: { result: [{ meta: { symbol: 'TFX' }, timestamp: [1], indicators: { quote: [{}] } }], error: null } } }]);
    expect(shape.code).toBe('TF_ERR_PROVIDER_RESPONSE');
    expect(shape.message).toContain('shape');
  });

  it('refuses a timeframe Yahoo has no interval for, without a request', async () => {
    const provider = await open(chartRoutes());
    expect(provider.supportsTimeframe(Timeframe.of('4h'))).toBe(false);
    expect(provider.supportsTimeframe(Timeframe.of('1w'))).toBe(true);
    const error = await failure(collect(provider, Timeframe.of('4h'), from, to));
    expect(error.code).toBe('TF_ERR_PROVIDER_TIMEFRAME');
    expect(error.message).toContain('yahoo has no 4h bars');
    expect(server!.requests).toHaveLength(0);
  });

  it('names itself yahoo, trades equities on weekdays and crypto pairs every day', () => {
    const provider = YahooProvider.create();
    expect(provider.name).toBe('yahoo');
    expect(provider.calendar('AAPL')).toBe('weekdays');
    expect(provider.calendar('BRK-B')).toBe('weekdays');
    expect(provider.calendar('BTC-USD')).toBe('continuous');
  });
});
