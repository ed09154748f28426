import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { DuckDBInstance, DuckDBTimestampValue, type DuckDBConnection } from '@duckdb/node-api';
import type { Bars } from '../../src/core/Bars.js';
import { readCsvBars } from '../../src/data/csv/readCsvBars.js';
import { DuckDbCandleStore } from '../../src/store/duckdb/DuckDbCandleStore.js';
import { migrations } from '../../src/store/duckdb/migrations.js';
import type { BenchMeasurement, BenchTarget, Suite } from '../harness.js';
import { median } from '../median.js';

/**
 * The embedded store against the naive ways to use the same DuckDB: ingest of the whole S&P 500
 * daily file (619,040 bars) from parsed Bars into a fresh file, readBars latency for one
 * symbol's 1,259 bars, and the memory of the 505 series held as Bars.
 */
const sp500File = 'sp500_5yr_daily_2013-2018.csv.gz';
const ingestRepeats = 5;
const readIterations = 2_000;
/** The naive peers run on the first symbols only (they take seconds per 100k rows); rates compare. */
const peerSymbols = 60;

/**
 * `global.gc` without requiring node --expose-gc, so memory deltas exclude parser garbage.
 * Several rounds with turns of the event loop between them: ArrayBuffer backing stores are
 * released after their wrappers are collected, not within the same gc() call.
 */
async function collectGarbage(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  for (let round = 0; round < 4; round++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

async function rawConnection(path: string): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  for (const statement of migrations[0].statements) await connection.run(statement);
  return { instance, connection };
}

const sqlNumber = (value: number) => (Number.isNaN(value) ? "'NaN'::DOUBLE" : String(value));

/** Naive peer 1: multi-row INSERT ... VALUES statements of 1,000 rows, one transaction. */
async function ingestWithInsertValues(connection: DuckDBConnection, list: readonly Bars[]): Promise<void> {
  await connection.run('BEGIN TRANSACTION');
  let values: string[] = [];
  const flush = async () => {
    if (values.length === 0) return;
    await connection.run(`INSERT INTO bars VALUES ${values.join(',')}`);
    values = [];
  };
  for (const bars of list) {
    for (let row = 0; row < bars.length; row++) {
      values.push(
        `('${bars.symbol}','1d',epoch_ms(${bars.time[row]}),${sqlNumber(bars.open[row])},${sqlNumber(bars.high[row])},${sqlNumber(bars.low[row])},${sqlNumber(bars.close[row])},${sqlNumber(bars.volume[row])})`,
      );
      if (values.length === 1_000) await flush();
    }
  }
  await flush();
  await connection.run('COMMIT');
}

/** Naive peer 2: the appender, one append call per value and endRow per bar. */
async function ingestWithRowAppender(connection: DuckDBConnection, list: readonly Bars[]): Promise<void> {
  const appender = await connection.createAppender('bars');
  for (const bars of list) {
    for (let row = 0; row < bars.length; row++) {
      appender.appendVarchar(bars.symbol);
      appender.appendVarchar('1d');
      appender.appendTimestamp(new DuckDBTimestampValue(BigInt(bars.time[row]) * 1000n));
      appender.appendDouble(bars.open[row]);
      appender.appendDouble(bars.high[row]);
      appender.appendDouble(bars.low[row]);
      appender.appendDouble(bars.close[row]);
      appender.appendDouble(bars.volume[row]);
      appender.endRow();
    }
  }
  appender.flushSync();
  appender.closeSync();
}

export const run: Suite = async (context) => {
  const measurements: BenchMeasurement[] = [];
  const targets: BenchTarget[] = [];
  const notes: string[] = [];
  if (context.sharedDataDir === undefined) {
    notes.push(`skipped: ../shared/data (with ${sp500File}) is absent`);
    return { suite: 'store', measurements, targets, notes };
  }
  const workDirectory = mkdtempSync(join(tmpdir(), 'tickforge-bench-store-'));
  try {
    // Memory of the universe as Bars: measured as what is freed when the Bars are let go
    // (after a GC on both sides), so earlier suites' garbage in this process cannot skew it.
    const file = join(context.sharedDataDir, sp500File);
    const readUniverse = async () => (await readCsvBars(file, { timeframe: '1d' })).tables.map((table) => table.bars);
    let list: Bars[] = await readUniverse();
    await collectGarbage();
    const held = process.memoryUsage();
    const totalBars = list.reduce((sum, bars) => sum + bars.length, 0);
    const columnMegabytes = list.reduce((sum, bars) => sum + bars.byteLength, 0) / 1e6;
    const seriesCount = list.length;
    list = [];
    await collectGarbage();
    const released = process.memoryUsage();
    const heldMegabytes = (held.heapUsed + held.arrayBuffers - released.heapUsed - released.arrayBuffers) / 1e6;
    list = await readUniverse();
    context.log(`store: ${seriesCount} series, ${totalBars} bars; columns ${columnMegabytes.toFixed(1)} MB`);
    const memoryCase = `${seriesCount} S&P 500 series (${totalBars} daily bars) held as Bars`;
    measurements.push({ case: memoryCase, implementation: 'tickforge', metric: 'column bytes', value: columnMegabytes, unit: 'MB', better: 'lower' });
    measurements.push({ case: memoryCase, implementation: 'tickforge', metric: 'heap + arrayBuffers held', value: heldMegabytes, unit: 'MB', better: 'lower' });
    notes.push(`memory: letting the Bars go frees heapUsed ${((held.heapUsed - released.heapUsed) / 1e6).toFixed(1)} MB and arrayBuffers ${((held.arrayBuffers - released.arrayBuffers) / 1e6).toFixed(1)} MB (forced GC before each reading)`);
    targets.push({ description: 'all 505 S&P 500 series held as Bars (heap + arrayBuffers held)', measured: heldMegabytes, unit: 'MB', target: 40, met: heldMegabytes < 40 });

    // Ingest into a fresh file store, end to end: open, upsertMany, acknowledged commit.
    const ingestCase = `ingest ${totalBars} daily bars into a fresh DuckDB file`;
    const rates: number[] = [];
    const closes: number[] = [];
    let storePath = '';
    for (let repeat = 0; repeat < ingestRepeats; repeat++) {
      storePath = join(workDirectory, `ingest-${repeat}.duckdb`);
      const started = performance.now();
      const store = await DuckDbCandleStore.open(storePath);
      const results = await store.upsertMany(list);
      const elapsed = performance.now() - started;
      const closing = performance.now();
      await store.close();
      closes.push(performance.now() - closing);
      if (results.reduce((sum, r) => sum + r.inserted, 0) !== totalBars) throw new Error('store bench: ingest lost bars');
      rates.push(totalBars / (elapsed / 1000));
    }
    const ingestRate = median(rates);
    measurements.push({ case: ingestCase, implementation: 'tickforge', metric: 'bars per second', value: ingestRate, unit: 'bars/s', better: 'higher' });
    notes.push(`ingest: median of ${ingestRepeats} fresh stores (${rates.map((r) => Math.round(r)).join(', ')} bars/s), timed from open to the acknowledged commit; close (final checkpoint) took a further ${median(closes).toFixed(0)} ms`);
    targets.push({ description: 'DuckDB ingest from parsed Bars into a fresh file store', measured: ingestRate, unit: 'bars/s', target: 1_000_000, met: ingestRate >= 1_000_000 });

    // Re-ingest of identical data: the idempotent path (everything classified unchanged).
    {
      const store = await DuckDbCandleStore.open(storePath);
      const started = performance.now();
      const results = await store.upsertMany(list);
      const elapsed = performance.now() - started;
      await store.close();
      if (results.some((r) => r.inserted + r.updated > 0)) throw new Error('store bench: re-ingest changed bars');
      measurements.push({ case: `re-ingest the same ${totalBars} bars (all unchanged)`, implementation: 'tickforge', metric: 'bars per second', value: totalBars / (elapsed / 1000), unit: 'bars/s', better: 'higher' });
    }

    // Naive ingest peers on a subset, into the same schema with the same DuckDB.
    const subset = list.slice(0, peerSymbols);
    const subsetBars = subset.reduce((sum, bars) => sum + bars.length, 0);
    const peerCase = ingestCase;
    for (const [name, ingest] of [
      ['INSERT ... VALUES (1,000 rows per statement)', ingestWithInsertValues],
      ['row-by-row appender', ingestWithRowAppender],
    ] as const) {
      const { instance, connection } = await rawConnection(join(workDirectory, `peer-${name.length}.duckdb`));
      const started = performance.now();
      await ingest(connection, subset);
      const elapsed = performance.now() - started;
      connection.closeSync();
      instance.closeSync();
      measurements.push({ case: peerCase, implementation: name, metric: 'bars per second', value: subsetBars / (elapsed / 1000), unit: 'bars/s', better: 'higher' });
    }
    notes.push(`ingest peers ran on the first ${peerSymbols} symbols (${subsetBars} bars) as plain inserts into an empty version-1 table (no primary key, no upsert counting), which favours them: the store maintains PRIMARY KEY (series_id, time)`);

    // readBars latency: one symbol's 1,259 daily bars, the store against row objects.
    const symbol = 'MSFT';
    const expectedLength = list.find((bars) => bars.symbol === symbol)!.length;
    const readCase = `readBars ${symbol} 1d (${expectedLength} bars) from ${totalBars} stored`;
    {
      const store = await DuckDbCandleStore.open(storePath);
      const times: number[] = [];
      for (let i = 0; i < readIterations + 100; i++) {
        const started = performance.now();
        const bars = await store.readBars(symbol, '1d');
        if (i >= 100) times.push(performance.now() - started);
        if (bars.length !== expectedLength) throw new Error('store bench: readBars returned the wrong length');
      }
      await store.close();
      times.sort((a, b) => a - b);
      measurements.push({ case: readCase, implementation: 'tickforge', metric: 'p50 latency', value: percentile(times, 0.5), unit: 'ms', better: 'lower' });
      measurements.push({ case: readCase, implementation: 'tickforge', metric: 'p99 latency', value: percentile(times, 0.99), unit: 'ms', better: 'lower' });
      targets.push({ description: `readBars p50 for ${expectedLength} daily bars`, measured: percentile(times, 0.5), unit: 'ms', target: 2, met: percentile(times, 0.5) < 2 });
    }
    {
      const instance = await DuckDBInstance.create(storePath);
      const connection = await instance.connect();
      const statement = await connection.prepare(
        'SELECT epoch_ms(time) AS time, open, high, low, close, volume FROM bars WHERE symbol = $1 AND timeframe = $2 ORDER BY time',
      );
      const times: number[] = [];
      for (let i = 0; i < readIterations + 100; i++) {
        const started = performance.now();
        statement.bindVarchar(1, symbol);
        statement.bindVarchar(2, '1d');
        const rows = (await statement.runAndReadAll()).getRowObjects();
        const columns = { time: new Float64Array(rows.length), open: new Float64Array(rows.length), high: new Float64Array(rows.length), low: new Float64Array(rows.length), close: new Float64Array(rows.length), volume: new Float64Array(rows.length) };
        rows.forEach((row, index) => {
          columns.time[index] = Number(row.time);
          columns.open[index] = Number(row.open);
          columns.high[index] = Number(row.high);
          columns.low[index] = Number(row.low);
          columns.close[index] = Number(row.close);
          columns.volume[index] = Number(row.volume);
        });
        if (i >= 100) times.push(performance.now() - started);
        if (rows.length !== expectedLength) throw new Error('store bench: row-object peer returned the wrong length');
      }
      statement.destroySync();
      connection.closeSync();
      instance.closeSync();
      times.sort((a, b) => a - b);
      const peer = 'getRowObjects then arrays';
      measurements.push({ case: readCase, implementation: peer, metric: 'p50 latency', value: percentile(times, 0.5), unit: 'ms', better: 'lower' });
      measurements.push({ case: readCase, implementation: peer, metric: 'p99 latency', value: percentile(times, 0.99), unit: 'ms', better: 'lower' });
    }
    notes.push(`readBars: ${readIterations} timed reads after 100 warm-up reads; the machine is shared, so p99 includes other processes' noise`);
  } finally {
    rmSync(workDirectory, { recursive: true, force: true });
  }
  return { suite: 'store', measurements, targets, notes };
};
