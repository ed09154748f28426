import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { Bars } from '../../src/core/Bars.js';
import { readCsvBars } from '../../src/data/csv/readCsvBars.js';
import { DuckDbCandleStore } from '../../src/store/duckdb/DuckDbCandleStore.js';
import { PostgresCandleStore } from '../../src/store/postgres/PostgresCandleStore.js';
import { copyStream } from '../../src/store/postgres/encodeCopyRows.js';
import { readBarsSql } from '../../src/store/postgres/readBarsRange.js';
import type { BenchMeasurement, BenchTarget, Suite } from '../harness.js';
import { median } from '../median.js';

/**
 * The PostgreSQL store against the usual ways to load and read the same server, and against the
 * DuckDB store in the same run: ingest of the whole S&P 500 daily file (619,040 bars, parsed by
 * the repository's CSV reader) into a fresh schema through binary COPY + one ON CONFLICT merge per
 * chunk, against multi-row INSERT ... ON CONFLICT statements of 1,000 rows (what an ORM's bulk
 * upsert sends); the COPY encoding itself, binary against text; and readBars latency for one
 * symbol's 1,259 bars. Needs a server: TICKFORGE_BENCH_POSTGRES_URL, else the local one.
 */
const sp500File = 'sp500_5yr_daily_2013-2018.csv.gz';
const serverUrl = process.env.TICKFORGE_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ingestRepeats = 3;
const readIterations = 2_000;
const insertBatchRows = 1_000;

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

function schemaUrl(schema: string): string {
  const url = new URL(serverUrl);
  url.searchParams.set('schema', schema);
  return url.href;
}

async function withClient<T>(schema: string | undefined, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, options: schema === undefined ? undefined : `-c search_path=${schema}` });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

/**
 * The ORM path: one parameterised INSERT ... VALUES (...), (...) ... ON CONFLICT DO UPDATE per
 * 1,000 bars (8,000 parameters, sent as text), in one transaction (which favours it: ORMs often
 * commit per statement). Into the store's own migrated `candles` table.
 */
async function ingestWithInsertBatches(schema: string, list: readonly Bars[]): Promise<void> {
  await withClient(schema, async (client) => {
    await client.query('BEGIN');
    let values: unknown[] = [];
    let rows: string[] = [];
    const flush = async () => {
      if (rows.length === 0) return;
      await client.query(
        `INSERT INTO candles AS c (symbol, timeframe, time, open, high, low, close, volume) VALUES ${rows.join(', ')}
         ON CONFLICT (symbol, timeframe, time) DO UPDATE
           SET open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume
           WHERE (c.open, c.high, c.low, c.close, c.volume) IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close, EXCLUDED.volume)`,
        values,
      );
      values = [];
      rows = [];
    };
    for (const bars of list) {
      for (let row = 0; row < bars.length; row++) {
        const base = values.length;
        values.push(bars.symbol, bars.timeframe.code, bars.time[row], bars.open[row], bars.high[row], bars.low[row], bars.close[row], bars.volume[row]);
        rows.push(`($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}, $${base + 7}, $${base + 8})`);
        if (rows.length === insertBatchRows) await flush();
      }
    }
    await flush();
    await client.query('COMMIT');
  });
}

/** Text COPY rows for the same staging table: what the binary encoder replaced (NaN prints as "NaN", which COPY reads). */
function* textCopyStream(list: readonly Bars[]): Generator<Buffer> {
  for (let series = 0; series < list.length; series++) {
    const { time, open, high, low, close, volume } = list[series];
    let text = '';
    for (let row = 0; row < time.length; row++) {
      text += `${series}\t${time[row]}\t${open[row]}\t${high[row]}\t${low[row]}\t${close[row]}\t${volume[row]}\n`;
    }
    yield Buffer.from(text);
  }
}

/** Encode + COPY of the whole universe into a temporary staging table, median of `repeats`, in ms. */
async function timeCopy(list: readonly Bars[], format: 'binary' | 'text', repeats: number): Promise<number> {
  return withClient(undefined, async (client) => {
    await client.query(`CREATE TEMPORARY TABLE staging (series integer, time bigint, open float8, high float8, low float8, close float8, volume float8)`);
    const times: number[] = [];
    for (let repeat = 0; repeat < repeats; repeat++) {
      await client.query('TRUNCATE staging');
      const started = performance.now();
      const source = format === 'binary' ? copyStream(list) : textCopyStream(list);
      await pipeline(Readable.from(source), client.query(copyStreams.from(`COPY staging FROM STDIN${format === 'binary' ? ' (FORMAT binary)' : ''}`)));
      times.push(performance.now() - started);
    }
    return median(times);
  });
}

export const run: Suite = async (context) => {
  const measurements: BenchMeasurement[] = [];
  const targets: BenchTarget[] = [];
  const notes: string[] = [];
  const result = () => ({ suite: 'postgres', measurements, targets, notes });
  if (context.sharedDataDir === undefined) {
    notes.push(`skipped: ../shared/data (with ${sp500File}) is absent`);
    return result();
  }
  try {
    await withClient(undefined, (client) => client.query('SELECT 1'));
  } catch (error) {
    notes.push(`skipped: no PostgreSQL server at ${serverUrl.replace(/:[^:@/]*@/, ':***@')} (${(error as Error).message}); set TICKFORGE_BENCH_POSTGRES_URL`);
    return result();
  }
  const schemas: string[] = [];
  const newSchema = () => {
    const name = `tf_bench_${process.pid}_${schemas.length}`;
    schemas.push(name);
    return name;
  };
  const workDirectory = mkdtempSync(join(tmpdir(), 'tickforge-bench-postgres-'));
  try {
    const file = join(context.sharedDataDir, sp500File);
    const list = (await readCsvBars(file, { timeframe: '1d' })).tables.map((table) => table.bars);
    const totalBars = list.reduce((sum, bars) => sum + bars.length, 0);
    const version = await withClient(undefined, async (client) => (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version);
    context.log(`postgres: ${list.length} series, ${totalBars} bars; PostgreSQL ${version}`);

    // Ingest into a fresh schema, end to end: open (migrations included), upsertMany, acknowledged commit.
    const ingestCase = `ingest ${totalBars} daily bars into a fresh store`;
    const rates: number[] = [];
    let storeSchema = '';
    for (let repeat = 0; repeat < ingestRepeats; repeat++) {
      storeSchema = newSchema();
      await withClient(undefined, (client) => client.query('CHECKPOINT'));
      const started = performance.now();
      const store = await PostgresCandleStore.open(schemaUrl(storeSchema));
      const results = await store.upsertMany(list);
      const elapsed = performance.now() - started;
      await store.close();
      if (results.reduce((sum, r) => sum + r.inserted, 0) !== totalBars) throw new Error('postgres bench: ingest lost bars');
      rates.push(totalBars / (elapsed / 1000));
    }
    const ingestRate = median(rates);
    measurements.push({ case: ingestCase, implementation: 'tickforge', metric: 'bars per second', value: ingestRate, unit: 'bars/s', better: 'higher' });
    notes.push(`ingest (PostgreSQL, binary COPY + ON CONFLICT merge, chunks of 250,000 bars): median of ${ingestRepeats} fresh schemas (${rates.map((r) => Math.round(r)).join(', ')} bars/s), timed from open to the last acknowledged commit, a CHECKPOINT before each`);
    targets.push({ description: 'PostgreSQL COPY + merge ingest into a fresh schema', measured: ingestRate, unit: 'bars/s', target: 500_000, met: ingestRate >= 500_000 });

    {
      const schema = newSchema();
      await (await PostgresCandleStore.open(schemaUrl(schema))).close();
      await withClient(undefined, (client) => client.query('CHECKPOINT'));
      const started = performance.now();
      await ingestWithInsertBatches(schema, list);
      const elapsed = performance.now() - started;
      measurements.push({ case: ingestCase, implementation: `multi-row INSERT ... ON CONFLICT (${insertBatchRows} rows per statement)`, metric: 'bars per second', value: totalBars / (elapsed / 1000), unit: 'bars/s', better: 'higher' });
    }

    const duckRates: number[] = [];
    for (let repeat = 0; repeat < ingestRepeats; repeat++) {
      const started = performance.now();
      const store = await DuckDbCandleStore.open(join(workDirectory, `ingest-${repeat}.duckdb`));
      await store.upsertMany(list);
      const elapsed = performance.now() - started;
      await store.close();
      duckRates.push(totalBars / (elapsed / 1000));
    }
    measurements.push({ case: ingestCase, implementation: 'DuckDbCandleStore (fresh file, same run)', metric: 'bars per second', value: median(duckRates), unit: 'bars/s', better: 'higher' });

    // Re-ingest of identical data into the last store: the idempotent path.
    const reingestCase = `re-ingest the same ${totalBars} bars (all unchanged)`;
    {
      const store = await PostgresCandleStore.open(schemaUrl(storeSchema));
      const started = performance.now();
      const results = await store.upsertMany(list);
      const elapsed = performance.now() - started;
      await store.close();
      if (results.some((r) => r.inserted + r.updated > 0)) throw new Error('postgres bench: re-ingest changed bars');
      measurements.push({ case: reingestCase, implementation: 'tickforge', metric: 'bars per second', value: totalBars / (elapsed / 1000), unit: 'bars/s', better: 'higher' });
    }
    {
      const store = await DuckDbCandleStore.open(join(workDirectory, `ingest-${ingestRepeats - 1}.duckdb`));
      const started = performance.now();
      await store.upsertMany(list);
      const elapsed = performance.now() - started;
      await store.close();
      measurements.push({ case: reingestCase, implementation: 'DuckDbCandleStore (same run)', metric: 'bars per second', value: totalBars / (elapsed / 1000), unit: 'bars/s', better: 'higher' });
    }

    // The COPY encoding alone: encode + COPY of every bar into a temporary table.
    const copyCase = `encode + COPY ${totalBars} bars into a temporary staging table`;
    const binaryMs = await timeCopy(list, 'binary', 3);
    const textMs = await timeCopy(list, 'text', 3);
    measurements.push({ case: copyCase, implementation: 'tickforge', metric: 'bars per second', value: totalBars / (binaryMs / 1000), unit: 'bars/s', better: 'higher' });
    measurements.push({ case: copyCase, implementation: 'text COPY (String(number) per value)', metric: 'bars per second', value: totalBars / (textMs / 1000), unit: 'bars/s', better: 'higher' });
    notes.push(`COPY encoding: binary ${binaryMs.toFixed(0)} ms, text ${textMs.toFixed(0)} ms for ${totalBars} bars (median of 3, encode and server parse together); the store uses binary`);

    // readBars latency: one symbol's 1,259 daily bars from the whole universe.
    const symbol = 'MSFT';
    const expectedLength = list.find((bars) => bars.symbol === symbol)!.length;
    const readCase = `readBars ${symbol} 1d (${expectedLength} bars) from ${totalBars} stored`;
    const latencies = async (read: () => Promise<number>): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < readIterations + 100; i++) {
        const started = performance.now();
        const length = await read();
        if (i >= 100) times.push(performance.now() - started);
        if (length !== expectedLength) throw new Error('postgres bench: readBars returned the wrong length');
      }
      return times.sort((a, b) => a - b);
    };
    const record = (implementation: string, times: number[]) => {
      measurements.push({ case: readCase, implementation, metric: 'p50 latency', value: percentile(times, 0.5), unit: 'ms', better: 'lower' });
      measurements.push({ case: readCase, implementation, metric: 'p99 latency', value: percentile(times, 0.99), unit: 'ms', better: 'lower' });
    };
    {
      const store = await PostgresCandleStore.open(schemaUrl(storeSchema));
      const times = await latencies(async () => (await store.readBars(symbol, '1d')).length);
      await store.close();
      record('tickforge', times);
      targets.push({ description: `PostgreSQL readBars p50 for ${expectedLength} daily bars`, measured: percentile(times, 0.5), unit: 'ms', target: 3, met: percentile(times, 0.5) < 3 });
    }
    await withClient(storeSchema, async (client) => {
      const types = { getTypeParser: (oid: number) => (oid === 20 ? Number : parseFloat) } as unknown as pg.CustomTypesConfig;
      const times = await latencies(async () => {
        const rows = (await client.query<number[]>({ name: 'bench_rows', text: readBarsSql, values: [symbol, '1d', -8.64e15, 8.64e15, null], rowMode: 'array', types })).rows;
        const columns = Array.from({ length: 6 }, () => new Float64Array(rows.length));
        for (let index = 0; index < rows.length; index++) for (let column = 0; column < 6; column++) columns[column][index] = rows[index][column];
        return rows.length;
      });
      record('text rows (prepared, rowMode array, numeric parsers)', times);
    });
    {
      const store = await DuckDbCandleStore.open(join(workDirectory, `ingest-${ingestRepeats - 1}.duckdb`));
      const times = await latencies(async () => (await store.readBars(symbol, '1d')).length);
      await store.close();
      record('DuckDbCandleStore (same run)', times);
    }
    notes.push(`readBars: ${readIterations} timed reads after 100 warm-up reads, over a localhost TCP connection; the machine is shared, so p99 includes other processes' noise`);
  } finally {
    rmSync(workDirectory, { recursive: true, force: true });
    if (schemas.length > 0) await withClient(undefined, (client) => client.query(schemas.map((name) => `DROP SCHEMA IF EXISTS "${name}" CASCADE`).join('; ')));
  }
  return result();
};
