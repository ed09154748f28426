import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bars, BarsBuilder, Timeframe, isTickforgeError, type BarColumnName } from '../../src/core/index.js';
import { DuckDbCandleStore } from '../../src/store/duckdb/DuckDbCandleStore.js';
import { requireSharedData, sharedDataDir as dataDir } from '../sharedData.js';
import { syntheticBatch, syntheticSymbols } from './fixtures/syntheticBatch.js';
import { repoRoot } from './runCli.js';

const available = requireSharedData('the real-data DuckDB store tests');

const day = Timeframe.of('1d');
const columnNames: BarColumnName[] = ['time', 'open', 'high', 'low', 'close', 'volume'];

/** A deliberately naive reader (the real CSV reader lives in src/data): empty fields become NaN. */
function readOhlcvGz(file: string, wanted?: ReadonlySet<string>, fallbackSymbol = 'MSFT'): Map<string, Bars> {
  const lines = gunzipSync(readFileSync(join(dataDir, file))).toString('utf8').split('\n');
  const builders = new Map<string, BarsBuilder>();
  for (let index = 1; index < lines.length; index++) {
    if (lines[index] === '') continue;
    const fields = lines[index].split(',');
    const symbol = fields[6] ?? fallbackSymbol;
    if (wanted !== undefined && !wanted.has(symbol)) continue;
    let builder = builders.get(symbol);
    if (builder === undefined) builders.set(symbol, (builder = new BarsBuilder(symbol)));
    const number = (text: string) => (text === '' ? NaN : Number(text));
    builder.push(Date.parse(fields[0]), number(fields[1]), number(fields[2]), number(fields[3]), number(fields[4]), number(fields[5]));
  }
  return new Map([...builders].map(([symbol, builder]) => [symbol, builder.build(day)]));
}

/** Column-by-column exact equality (Object.is, so NaN matches NaN and -0 differs from 0). */
function expectSameBars(actual: Bars, expected: Bars): void {
  expect(actual.symbol).toBe(expected.symbol);
  expect(actual.timeframe).toBe(expected.timeframe);
  expect(actual.length).toBe(expected.length);
  for (const name of columnNames) {
    const a = actual[name];
    const e = expected[name];
    for (let row = 0; row < e.length; row++) {
      if (!Object.is(a[row], e[row])) {
        throw new Error(`${expected.symbol} column ${name} row ${row}: stored ${a[row]}, expected ${e[row]}`);
      }
    }
  }
}

function expectCode(promise: Promise<unknown>, code: Parameters<typeof isTickforgeError>[1]) {
  return promise.then(
    () => { throw new Error(`expected ${code}`); },
    (error: unknown) => {
      if (!isTickforgeError(error, code)) throw error;
      return error;
    },
  );
}

const temporaryDirectories: string[] = [];
function temporaryStorePath(): string {
  const directory = mkdtempSync(join(tmpdir(), 'tickforge-store-'));
  temporaryDirectories.push(directory);
  return join(directory, 'nested', 'store.duckdb');
}
afterAll(() => {
  for (const directory of temporaryDirectories) rmSync(directory, { recursive: true, force: true });
});

/** Runs a fixture script under tsx; resolves with stdout once it exits. */
function runFixture(script: string, args: string[]): Promise<{ stdout: string; code: number | null }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test', 'integration', 'fixtures', script), ...args], { cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise({ stdout, code }) : reject(new Error(`${script} exited ${code}: ${stderr}`))));
  });
}

describe.skipIf(!available)('DuckDbCandleStore on real market data', () => {
  let sp500: Map<string, Bars>;
  let msft2000: Bars;
  beforeAll(() => {
    // BHF, DHR, REGN and WRK carry rows with empty open/high/low in the source file.
    sp500 = readOhlcvGz('sp500_5yr_daily_2013-2018.csv.gz', new Set(['MSFT', 'AAPL', 'BHF', 'DHR', 'REGN', 'WRK']));
    msft2000 = readOhlcvGz('msft_2000_2001_ohlcv.csv.gz').get('MSFT')!;
  });

  it('stores and reads back every value exactly, NaN fields included', async () => {
    const store = await DuckDbCandleStore.open(temporaryStorePath());
    try {
      const msftOld = await store.upsertBars(msft2000);
      expect(msftOld).toEqual({ symbol: 'MSFT', timeframe: '1d', received: 249, inserted: 249, updated: 0, unchanged: 0 });
      const list = [...sp500.values()].filter((bars) => bars.symbol !== 'MSFT');
      const results = await store.upsertMany(list);
      expect(results.map((r) => [r.symbol, r.inserted])).toEqual(list.map((bars) => [bars.symbol, bars.length]));
      expect(Number.isNaN(sp500.get('DHR')!.open[sp500.get('DHR')!.time.indexOf(Date.UTC(2016, 0, 12))])).toBe(true);
      for (const bars of list) expectSameBars(await store.readBars(bars.symbol, '1d'), bars);
      expectSameBars(await store.readBars('MSFT', day), msft2000);
    } finally {
      await store.close();
    }
  });

  it('changes nothing when the same data is ingested again', async () => {
    const store = await DuckDbCandleStore.open(temporaryStorePath());
    try {
      const list = [...sp500.values()];
      await store.upsertMany(list);
      const before = await store.coverage();
      const again = await store.upsertMany(list);
      for (const [index, result] of again.entries()) {
        expect(result).toEqual({ symbol: list[index].symbol, timeframe: '1d', received: list[index].length, inserted: 0, updated: 0, unchanged: list[index].length });
      }
      expect(await store.coverage()).toEqual(before);
      const bySymbol = [...list].sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
      expect(before.map((entry) => [entry.symbol, entry.count])).toEqual(bySymbol.map((bars) => [bars.symbol, bars.length]));
    } finally {
      await store.close();
    }
  });

  it('adds only the new bars of an overlapping file and counts a changed bar as updated', async () => {
    const store = await DuckDbCandleStore.open(temporaryStorePath());
    const msft = sp500.get('MSFT')!;
    expect(msft.length).toBe(1259);
    try {
      expect(await store.upsertBars(msft.slice(0, 800))).toMatchObject({ received: 800, inserted: 800, updated: 0, unchanged: 0 });
      expect(await store.upsertBars(msft.slice(600))).toMatchObject({ received: 659, inserted: 459, updated: 0, unchanged: 200 });
      const stored = await store.readBars('MSFT', '1d');
      expectSameBars(stored, msft);
      for (let row = 1; row < stored.length; row++) expect(stored.time[row]).toBeGreaterThan(stored.time[row - 1]);

      const revised = msft.slice(700, 760).copy();
      revised.close[13] += 0.01;
      revised.volume[40] = 0;
      expect(await store.upsertBars(revised)).toMatchObject({ received: 60, inserted: 0, updated: 2, unchanged: 58 });
      const after = await store.readBars('MSFT', '1d', revised.time[0], revised.time[59]);
      expectSameBars(after, revised);
      expect((await store.readBars('MSFT', '1d')).length).toBe(1259);
    } finally {
      await store.close();
    }
  });

  it('reads inclusive time ranges', async () => {
    const store = await DuckDbCandleStore.open(temporaryStorePath());
    try {
      await store.upsertBars(msft2000);
      const { time } = msft2000;
      expectSameBars(await store.readBars('MSFT', '1d', time[10], time[20]), msft2000.slice(10, 21));
      // Bounds between bar times: the bar at time[10] + 1 ms lies after row 10, so row 11 comes first.
      expectSameBars(await store.readBars('MSFT', '1d', time[10] + 1, time[20] - 1), msft2000.slice(11, 20));
      expectSameBars(await store.readBars('MSFT', '1d', undefined, time[4]), msft2000.slice(0, 5));
      expectSameBars(await store.readBars('MSFT', '1d', time[244]), msft2000.slice(244));
      expect((await store.readBars('MSFT', '1d', time[20], time[10])).length).toBe(0);
      expect((await store.readBars('MSFT', '1h')).length).toBe(0);
      expect((await store.readBars('NOPE', '1d')).length).toBe(0);
      await expectCode(store.readBars('MSFT', '1d', NaN), 'TF_ERR_CORE_ARGUMENT_INVALID');
    } finally {
      await store.close();
    }
  });

  it('keeps its data after close and reopen', async () => {
    const path = temporaryStorePath();
    const first = await DuckDbCandleStore.open(path);
    await first.upsertMany([...sp500.values()]);
    await first.close();
    const second = await DuckDbCandleStore.open(path);
    try {
      expect(await second.listSymbols()).toEqual(['AAPL', 'BHF', 'DHR', 'MSFT', 'REGN', 'WRK']);
      expectSameBars(await second.readBars('REGN', '1d'), sp500.get('REGN')!);
      expect(await second.upsertBars(sp500.get('AAPL')!)).toMatchObject({ inserted: 0, updated: 0, unchanged: 1259 });
    } finally {
      await second.close();
    }
  });
});

describe('DuckDbCandleStore', () => {
  it('answers empty on an empty store', async () => {
    const store = await DuckDbCandleStore.open(':memory:');
    try {
      expect(store.url).toBe('duckdb::memory:');
      const bars = await store.readBars('MSFT', '1d');
      expect(bars.length).toBe(0);
      expect(bars.symbol).toBe('MSFT');
      expect(await store.listSymbols()).toEqual([]);
      expect(await store.coverage()).toEqual([]);
      expect(await store.upsertMany([])).toEqual([]);
      expect(await store.upsertBars(Bars.empty('X', day))).toEqual({ symbol: 'X', timeframe: '1d', received: 0, inserted: 0, updated: 0, unchanged: 0 });
    } finally {
      await store.close();
    }
  });

  it('computes coverage: daily grids count weekdays only, intraday grids every slot', async () => {
    const store = await DuckDbCandleStore.open(':memory:');
    const dates = (days: string[]) => days.map((d) => Date.parse(`${d}T00:00:00Z`));
    const series = (symbol: string, timeframe: string, times: number[]) => {
      const bars = Bars.allocate(symbol, Timeframe.parse(timeframe), times.length);
      bars.time.set(times);
      bars.close.fill(1);
      return bars;
    };
    try {
      // 2024-01-01 is a Monday. Missing: Wed 3rd (one gap), then Tue 9th..Thu 11th (one gap of 3); the weekend 6th-7th is no gap.
      const equity = series('EQ', '1d', dates(['2024-01-01', '2024-01-02', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-12']));
      // A crypto series trading at weekends: Fri, Sat, Sun, Mon, then Wed (Tue missing). Sat/Sun never count, present or not.
      const crypto = series('BTC', '1d', dates(['2024-01-05', '2024-01-06', '2024-01-07', '2024-01-08', '2024-01-10', '2024-01-15']));
      // Hours 0, 1, 2, 5, 6, 10: missing 3-4 (2 slots) and 7-9 (3 slots).
      const hourly = series('EQ', '1h', [0, 1, 2, 5, 6, 10].map((h) => Date.UTC(2024, 0, 1, h)));
      await store.upsertMany([equity, crypto, hourly]);
      const coverage = await store.coverage();
      expect(coverage).toEqual([
        // Wed 10th -> Mon 15th skips Thu 11th and Fri 12th: one gap of 2 weekdays.
        { symbol: 'BTC', timeframe: '1d', first: crypto.time[0], last: crypto.time[5], count: 6, gaps: 2, missingBars: 3 },
        { symbol: 'EQ', timeframe: '1d', first: equity.time[0], last: equity.time[5], count: 6, gaps: 2, missingBars: 4 },
        { symbol: 'EQ', timeframe: '1h', first: hourly.time[0], last: hourly.time[5], count: 6, gaps: 2, missingBars: 5 },
      ]);
      expect(await store.coverage({ timeframe: '1h' })).toEqual([coverage[2]]);
      expect(await store.coverage({ symbols: ['BTC'] })).toEqual([coverage[0]]);
      expect(await store.coverage({ symbols: [] })).toEqual([]);
      expect(await store.listSymbols()).toEqual(['BTC', 'EQ']);
      expect(await store.listSymbols('1h')).toEqual(['EQ']);
      expect(await store.listSymbols('daily')).toEqual(['BTC', 'EQ']);
    } finally {
      await store.close();
    }
  });

  it('refuses repeated, backward or fractional times and writes nothing of that batch', async () => {
    const store = await DuckDbCandleStore.open(':memory:');
    try {
      const good = syntheticBatch(0, 10);
      const repeated = syntheticBatch(1, 10).copy();
      repeated.time[5] = repeated.time[4];
      const error = await expectCode(store.upsertMany([good, repeated]), 'TF_ERR_DATA_DUPLICATE');
      expect(error.message).toContain('KILL1');
      expect(error.message).toContain('row 5');
      expect(await store.listSymbols()).toEqual([]);
      const fractional = syntheticBatch(0, 3).copy();
      fractional.time[1] += 0.5;
      await expectCode(store.upsertBars(fractional), 'TF_ERR_DATA_INVALID_ROW');
      const backwards = syntheticBatch(2, 10).copy();
      backwards.time[7] = backwards.time[2];
      await expectCode(store.upsertBars(backwards), 'TF_ERR_DATA_UNSORTED');
      expect(await store.listSymbols()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('refuses a second open of one file in the same process and a schema newer than the code', async () => {
    const path = temporaryStorePath();
    const store = await DuckDbCandleStore.open(path);
    const twice = await expectCode(DuckDbCandleStore.open(path), 'TF_ERR_STORE_OPEN');
    expect(twice.message).toContain('already open in this process');
    await store.close();

    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    await connection.run('INSERT INTO schema_migrations VALUES (99, now()::TIMESTAMP)');
    connection.closeSync();
    instance.closeSync();
    const newer = await expectCode(DuckDbCandleStore.open(path), 'TF_ERR_STORE_MIGRATION');
    expect(newer.message).toContain('schema version 99');
    expect(newer.message).toContain('Upgrade tickforge');
  });

  it('explains a file that is not a DuckDB database', async () => {
    const path = temporaryStorePath();
    await DuckDbCandleStore.open(path).then((store) => store.close());
    writeFileSync(path, 'timestamp,open,high,low,close,volume\n'.repeat(200));
    const error = await expectCode(DuckDbCandleStore.open(path), 'TF_ERR_STORE_OPEN');
    expect(error.message).toContain(`Cannot open store ${path}`);
    expect(error.message).toContain('point --store at another file');
  });

  it('gives another process a clear error while the file is open for writing, read-only included', async () => {
    const path = temporaryStorePath();
    const store = await DuckDbCandleStore.open(path);
    try {
      await store.upsertBars(syntheticBatch(0, 5));
      for (const mode of ['read-write', 'read-only']) {
        const { stdout } = await runFixture('openStoreProbe.ts', [path, mode]);
        const outcome = JSON.parse(stdout.trim()) as { opened: boolean; code: string; message: string };
        expect(outcome.opened).toBe(false);
        expect(outcome.code).toBe('TF_ERR_STORE_OPEN');
        expect(outcome.message).toContain('locked by another process');
        expect(outcome.message).toContain(`PID ${process.pid}`);
        expect(outcome.message).toContain('--store');
      }
    } finally {
      await store.close();
    }
    // Once the writer is gone, several read-only processes may open the file side by side.
    const probes = await Promise.all([runFixture('openStoreProbe.ts', [path, 'read-only']), runFixture('openStoreProbe.ts', [path, 'read-only'])]);
    for (const probe of probes) expect(JSON.parse(probe.stdout.trim())).toEqual({ opened: true, symbols: ['KILL0'] });
  });

  it('loses no acknowledged batch and keeps no partial batch when the writer is killed with SIGKILL', async () => {
    const path = temporaryStorePath();
    const batches = 24;
    const barsPerBatch = 20_000;
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test', 'integration', 'fixtures', 'ingestLoop.ts'), path, String(batches), String(barsPerBatch)], { cwd: repoRoot });
    let acknowledged = -1;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolveExit) => child.on('exit', (_code, signal) => resolveExit(signal)));
    await new Promise<void>((resolveKill, reject) => {
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) {
          const match = /^committed (\d+)$/.exec(line);
          if (match !== null) acknowledged = Number(match[1]);
          if (acknowledged >= 4 && !child.killed) {
            child.kill('SIGKILL');
            resolveKill();
          }
        }
      });
      child.on('exit', () => (acknowledged < 4 ? reject(new Error(`ingest child exited early: ${stderr}`)) : resolveKill()));
    });
    expect(await exited).toBe('SIGKILL');
    expect(acknowledged).toBeLessThan(batches - 1);
    // The acknowledged batches sit in the write-ahead log, not yet checkpointed into the file.
    expect(existsSync(`${path}.wal`)).toBe(true);
    expect(statSync(`${path}.wal`).size).toBeGreaterThan(0);

    const reopened = await DuckDbCandleStore.open(path);
    try {
      const present: boolean[] = [];
      const stored = new Map<string, Bars>();
      for (const symbol of syntheticSymbols) stored.set(symbol, await reopened.readBars(symbol, '1m'));
      for (let index = 0; index < batches; index++) {
        const expected = syntheticBatch(index, barsPerBatch);
        const all = stored.get(expected.symbol)!;
        const window = all.range(expected.time[0], expected.time[barsPerBatch - 1]);
        // Every batch is all there or not there at all.
        expect([0, barsPerBatch]).toContain(window.length);
        if (window.length > 0) expectSameBars(window, expected);
        present.push(window.length > 0);
      }
      for (let index = 0; index <= acknowledged; index++) expect(present[index]).toBe(true);
      // Commits happen in order, so the present batches are a prefix.
      const presentCount = present.filter(Boolean).length;
      expect(present.slice(0, presentCount).every(Boolean)).toBe(true);
      expect(presentCount).toBeLessThan(batches);
    } finally {
      await reopened.close();
    }

    const { stdout } = await runFixture('ingestLoop.ts', [path, String(batches), String(barsPerBatch)]);
    expect(stdout.trim().split('\n').at(-1)).toBe('done');
    const final = await DuckDbCandleStore.open(path);
    try {
      for (const [offset, symbol] of syntheticSymbols.entries()) {
        const expected = [];
        for (let index = offset; index < batches; index += syntheticSymbols.length) expected.push(syntheticBatch(index, barsPerBatch));
        expectSameBars(await final.readBars(symbol, '1m'), Bars.concat(expected));
      }
      const coverage = await final.coverage();
      expect(coverage.map((entry) => [entry.symbol, entry.count, entry.gaps])).toEqual(
        syntheticSymbols.map((symbol) => [symbol, (batches / syntheticSymbols.length) * barsPerBatch, 0]),
      );
    } finally {
      await final.close();
    }
  });
});
