import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { CachedCandleStore } from '../../src/cache/CachedCandleStore.js';
import { estimateBytes } from '../../src/cache/memory/estimateBytes.js';
import { MemoryTier } from '../../src/cache/memory/MemoryTier.js';
import { TieredCache } from '../../src/cache/TieredCache.js';
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
 * the repository's CSV reader) into a fresh schema through binary COPY into staging + one merge
 * per chunk, against multi-row INSERT ... ON CONFLICT statements of 1,000 rows (what an ORM's bulk
 * upsert sends); the COPY encoding itself, binary against text; readBars latency for one symbol's
 * 1,259 bars; and the same read repeated through the query cache (L1 memory) in front of the
 * store. Needs a server: TICKFORGE_BENCH_POSTGRES_URL, else the local one.
 */
const sp500File = 'sp500_5yr_daily_2013-2018.csv.gz';
const serverUrl = process.env.TICKFORGE_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ingestRepeats = 3;
const readIterations = 2_000;
/** Cached reads take microseconds: more of them, for a stable p99. */
const cachedReadIterations = 20_000;
const insertBatchRows = 1_000;

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

function schemaUrl(schema: string): string {
  const url = new URL(serverUrl);
  url.searchParams.set('schema', schema);
  return url.href;
}

/** An in-process query cache: the memory tier only (no Redis), bounded by `maxBytes`. */
function memoryQueryCache(maxBytes: number): TieredCache {
  return new TieredCache({
    l1: new MemoryTier({ maxBytes }),
    ttlMs: { bars: 7 * 86_400_000, indicators: 3_600_000, forecasts: 3_600_000, provider: 60_000 },
    sizeOf: estimateBytes,
  });
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
 * 1,000 bars (7,000 parameters, sent as text), in one transaction (which favours it: ORMs often
 * commit per statement). Into the store's own migrated `candle_values` table, with the series ids
 * added and looked up once beforehand (which favours it too).
 */
async function ingestWithInsertBatches(schema: string, list: readonly Bars[]): Promise<void> {
  await withClient(schema, async (client) => {
    await client.query('BEGIN');
    const ids = await client.query<{ series_id: number; symbol: string }>(
      `INSERT INTO series (symbol, timeframe) SELECT * FROM unnest($1::text[], $2::text[]) RETURNING series_id, symbol`,
      [list.map((bars) => bars.symbol), list.map((bars) => bars.timeframe.code)],
    );
    const idOf = new Map(ids.rows.map((row) => [row.symbol, row.series_id]));
    let values: unknown[] = [];
    let rows: string[] = [];
    const flush = async () => {
      if (rows.length === 0) return;
      await client.query(
        `INSERT INTO candle_values AS c (series_id, time, open, high, low, close, volume) VALUES ${rows.join(', ')}
         ON CONFLICT (series_id, time) DO UPDATE
           SET open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume
           WHERE (c.open, c.high, c.low, c.close, c.volume) IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close, EXCLUDED.volume)`,
        values,
      );
      values = [];
      rows = [];
    };
    for (const bars of list) {
      const seriesId = idOf.get(bars.symbol);
      for (let row = 0; row < bars.length; row++) {
        const base = values.length;
        values.push(seriesId, bars.time[row], bars.open[row], bars.high[row], bars.low[row], bars.close[row], bars.volume[row]);
        rows.push(`($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}, $${base + 7})`);
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
      const source = format === 'binary' ? copyStream(list, list.map((_, index) => index)) : textCopyStream(list);
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
    notes.push(`ingest (PostgreSQL, per chunk of 100,000 bars (the default copyBatchBars): binary COPY into staging, then a plain INSERT when no series overlaps stored bars, else INSERT ... ON CONFLICT; a second connection copies the next chunk while one merges): median of ${ingestRepeats} fresh schemas (${rates.map((r) => Math.round(r)).join(', ')} bars/s), timed from open to the last acknowledged commit, a CHECKPOINT before each`);
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
    const latencies = async (read: () => Promise<number>, iterations = readIterations): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < iterations + 100; i++) {
        const started = performance.now();
        const length = await read();
        if (i >= 100) times.push(performance.now() - started);
        if (length !== expectedLength) throw new Error('postgres bench: readBars returned the wrong length');
      }
      return times.sort((a, b) => a - b);
    };
    const record = (implementation: string, times: number[], readCaseName = readCase) => {
      measurements.push({ case: readCaseName, implementation, metric: 'p50 latency', value: percentile(times, 0.5), unit: 'ms', better: 'lower' });
      measurements.push({ case: readCaseName, implementation, metric: 'p99 latency', value: percentile(times, 0.99), unit: 'ms', better: 'lower' });
    };
    let postgresTimes: number[];
    let cachedTimes: number[];
    {
      const store = await PostgresCandleStore.open(schemaUrl(storeSchema));
      postgresTimes = await latencies(async () => (await store.readBars(symbol, '1d')).length);
      // The same store behind the query cache: one read to warm it, then the identical read again and again.
      const cached = new CachedCandleStore(store, memoryQueryCache(64 << 20), { marketOf: () => 'us-equity' });
      await cached.readBars(symbol, '1d');
      cachedTimes = await latencies(async () => (await cached.readBars(symbol, '1d')).length, cachedReadIterations);
      await cached.close();
      record('tickforge', postgresTimes);
      targets.push({ description: `PostgreSQL readBars p50 for ${expectedLength} daily bars`, measured: percentile(postgresTimes, 0.5), unit: 'ms', target: 3, met: percentile(postgresTimes, 0.5) < 3 });
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
    let duckTimes: number[];
    {
      const store = await DuckDbCandleStore.open(join(workDirectory, `ingest-${ingestRepeats - 1}.duckdb`));
      duckTimes = await latencies(async () => (await store.readBars(symbol, '1d')).length);
      await store.close();
      record('DuckDbCandleStore (same run)', duckTimes);
    }
    notes.push(`readBars: ${readIterations} timed reads after 100 warm-up reads, over a localhost TCP connection; the machine is shared, so p99 includes other processes' noise`);

    // The warm query cache beside the reads it saves: the same figures, compared under one case.
    const cachedCase = `readBars ${symbol} 1d (${expectedLength} bars), the same read repeated: warm query cache against the stores`;
    record('tickforge', cachedTimes, cachedCase);
    record('PostgresCandleStore (no cache, the reads above)', postgresTimes, cachedCase);
    record('DuckDbCandleStore (no cache, the reads above)', duckTimes, cachedCase);
    targets.push({
      description: `warm query-cache readBars p50 for ${expectedLength} daily bars (L1 memory over PostgreSQL)`,
      measured: percentile(cachedTimes, 0.5) * 1000, unit: 'µs', target: 20, met: percentile(cachedTimes, 0.5) * 1000 < 20,
    });
    notes.push(`warm query cache: CachedCandleStore over the PostgreSQL store with a 64 MiB memory tier (no Redis), warmed by one read, then ${cachedReadIterations} timed identical reads after 100 more; a hit returns the cached Bars by reference (no copy)`);
  } finally {
    rmSync(workDirectory, { recursive: true, force: true });
    if (schemas.length > 0) await withClient(undefined, (client) => client.query(schemas.map((name) => `DROP SCHEMA IF EXISTS "${name}" CASCADE`).join('; ')));
  }
  return result();
};
