import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binanceKlines, candleSeries, listingRoutes, type Row } from '../fixtures/providers/exchangeEmulators.js';
import { ReplayServer, type ReplayRequest } from './replayServer.js';
import { runCli } from './runCli.js';

/**
 * `tickforge ingest --provider` and `tickforge update` end to end: the real CLI process, the
 * real ccxt Binance class, a DuckDB file, and a local replay of Binance whose daily candles run
 * up to today (the last one forming), so the commands' own clock decides what is missing.
 */
const D = 86_400_000;
const today = Math.floor(Date.now() / D) * D;
const first = today - 60 * D;
const series: Row[] = candleSeries({ start: first, step: D, count: 61 });
const day = (time: number) => new Date(time).toISOString().slice(0, 10);

let server: ReplayServer;
const directories: string[] = [];
beforeAll(async () => {
  server = await ReplayServer.start([...listingRoutes('binance'), { host: 'api.binance.com', path: '/api/v3/klines', handler: binanceKlines(series, D) }]);
});
afterAll(async () => {
  await server.close();
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

/** A fresh working directory whose tickforge.yaml points ccxt at the replay server. */
function workspace(): (...args: string[]) => ReturnType<typeof runCli> {
  const directory = mkdtempSync(join(tmpdir(), 'tickforge-sync-'));
  directories.push(directory);
  writeFileSync(
    join(directory, 'tickforge.yaml'),
    `providers:\n  retryMinMs: 10\n  retryMaxMs: 2000\n  ccxt:\n    apiBaseUrl: ${server.baseUrl}\n`,
  );
  return (...args: string[]) => runCli([...args, '--log-level', 'warn'], { cwd: directory });
}

interface SeriesJson {
  symbol: string;
  status: string;
  requests: number;
  retries: number;
  fetched: number;
  forming: number;
  inserted: number;
  error?: { code: string; message: string };
}

function seriesOf(stdout: string): SeriesJson {
  return (JSON.parse(stdout) as { series: SeriesJson[] }).series[0];
}

const klines = (requests: readonly ReplayRequest[]) => requests.filter((request) => request.path === '/api/v3/klines');

describe('tickforge ingest --provider ccxt:binance and tickforge update', () => {
  it('stores every closed candle, never the forming one, and an update of a current store makes no request at all', async () => {
    const cli = workspace();
    server.reset();
    const ingest = await cli('ingest', '--provider', 'ccxt:binance', '--symbols', 'BTC/USDT', '--timeframe', '1d', '--from', day(first), '--format', 'json');
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(seriesOf(ingest.stdout)).toMatchObject({ symbol: 'BTC/USDT', status: 'updated', inserted: 60, fetched: 60 });
    const coverage = JSON.parse((await cli('coverage', '--format', 'json')).stdout) as Array<{ first: number; last: number; count: number }>;
    expect(coverage[0]).toMatchObject({ count: 60, first, last: today - D });
    expect(server.unmatched).toEqual([]);

    server.reset();
    const update = await cli('update', '--format', 'json');
    expect(update.code, update.stderr).toBe(0);
    expect(seriesOf(update.stdout)).toMatchObject({ symbol: 'BTC/USDT', status: 'current', requests: 0 });
    expect(server.requests.length, 'requests made by update on a current store').toBe(0);
  });

  it('on a store missing its last 5 bars, update fetches exactly those from the provider that served the series', async () => {
    const cli = workspace();
    const ingest = await cli('ingest', '--provider', 'ccxt:binance', '--symbols', 'BTC/USDT', '--timeframe', '1d', '--from', day(first), '--to', day(today - 6 * D));
    expect(ingest.code, ingest.stderr).toBe(0);
    server.reset();
    const update = await cli('update', '--format', 'json');
    expect(update.code, update.stderr).toBe(0);
    expect(seriesOf(update.stdout)).toMatchObject({ status: 'updated', inserted: 5, fetched: 5 });
    const asked = klines(server.requests);
    expect(asked.length).toBe(1);
    expect(Number(asked[0].query.get('startTime'))).toBe(today - 5 * D);
    const shown = await cli('show', 'BTC/USDT', '--timeframe', '1d', '--format', 'json');
    const bars = JSON.parse(shown.stdout) as Array<{ close: number }>;
    expect(bars.length).toBe(60);
    expect(bars.map((bar) => bar.close)).toEqual(series.slice(0, 60).map((row) => row[4]));
  });

  it('waits out a 429 with Retry-After and a 503, then completes; the report counts the retries', async () => {
    const cli = workspace();
    server.route({
      host: 'api.binance.com',
      path: '/api/v3/klines',
      responses: [
        { status: 429, headers: { 'retry-after': '1' }, body: { code: -1003, msg: 'Too many requests.' } },
        { status: 503, body: 'Service Unavailable' },
        { body: binanceKlines(series, D)({ method: 'GET', host: 'api.binance.com', path: '/api/v3/klines', query: new URLSearchParams({ startTime: String(first), limit: '1000' }), headers: {}, body: '' }).body },
      ],
    });
    const started = Date.now();
    const ingest = await cli('ingest', '--provider', 'ccxt:binance', '--symbols', 'BTC/USDT', '--timeframe', '1d', '--from', day(first), '--format', 'json');
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(seriesOf(ingest.stdout)).toMatchObject({ status: 'updated', retries: 2, inserted: 60 });
    server.route({ host: 'api.binance.com', path: '/api/v3/klines', handler: binanceKlines(series, D) });
  });

  it('refuses a candle with high below low, naming the symbol and time, and stores nothing of that chunk', async () => {
    const cli = workspace();
    const broken = series.map((row): Row => [...row]);
    const bad = broken[10];
    [bad[2], bad[3]] = [bad[3], bad[2]];
    server.route({ host: 'api.binance.com', path: '/api/v3/klines', handler: binanceKlines(broken, D) });
    const ingest = await cli('ingest', '--provider', 'ccxt:binance', '--symbols', 'BTC/USDT', '--timeframe', '1d', '--from', day(first));
    server.route({ host: 'api.binance.com', path: '/api/v3/klines', handler: binanceKlines(series, D) });
    expect(ingest.code).toBe(2);
    expect(ingest.stdout).toContain('failed');
    expect(ingest.stdout).toContain('TF_ERR_DATA_INVALID_ROW');
    expect(ingest.stdout).toContain('BTC/USDT');
    expect(ingest.stdout).toContain(day(first + 10 * D));
    expect(ingest.stderr).toContain('running the same command again resumes');
    expect(JSON.parse((await cli('coverage', '--format', 'json')).stdout)).toEqual([]);
  });

  it('exits 2 naming the accepted forms for an unknown provider, and asks for a timeframe', async () => {
    const cli = workspace();
    const unknown = await cli('ingest', '--provider', 'bloomberg', '--timeframe', '1d');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('TF_ERR_PROVIDER_UNKNOWN');
    expect(unknown.stderr).toContain('ccxt:<exchange>');
    const noTimeframe = await cli('ingest', '--provider', 'synthetic');
    expect(noTimeframe.code).toBe(2);
    expect(noTimeframe.stderr).toContain('--timeframe');
  });
});

describe('tickforge ingest --provider synthetic and file', () => {
  it('fetches a synthetic universe offline, and a second run asks for nothing', async () => {
    const cli = workspace();
    const args = ['ingest', '--provider', 'synthetic', '--symbols', 'AAA,BBB', '--timeframe', '1d', '--from', '2024-01-01', '--to', '2024-06-28', '--format', 'json'];
    const first = JSON.parse((await cli(...args)).stdout) as { series: SeriesJson[]; requests: number };
    expect(first.series.map((series) => [series.symbol, series.status, series.inserted])).toEqual([['AAA', 'updated', 130], ['BBB', 'updated', 130]]);
    const second = JSON.parse((await cli(...args)).stdout) as { series: SeriesJson[]; requests: number };
    expect(second.requests).toBe(0);
    expect(second.series.map((series) => series.status)).toEqual(['current', 'current']);
  });
});
