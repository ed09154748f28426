import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { Bars, isTickforgeError } from '../../core/index.js';
import { DuckDbCandleStore } from './DuckDbCandleStore.js';
import { latestSchemaVersion } from './migrations.js';

const directories: string[] = [];
function temporaryStorePath(): string {
  const directory = mkdtempSync(join(tmpdir(), 'tickforge-migration-'));
  directories.push(directory);
  return join(directory, 'store.duckdb');
}
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

async function withConnection<T>(path: string, use: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  try {
    return await use(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function rows(connection: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await connection.runAndReadAll(sql)).getRows();
}

/** Resolves with the error message of a statement that must fail. */
async function failureOf(connection: DuckDBConnection, sql: string): Promise<string> {
  try {
    await connection.run(sql);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`expected this statement to fail: ${sql}`);
}

/** A store as tickforge 0.1 (schema version 1) wrote it: this DDL is the released migration 1, copied verbatim. */
async function createVersionOneStore(path: string, barRows: string): Promise<void> {
  await withConnection(path, async (connection) => {
    await connection.run('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)');
    await connection.run(`CREATE TABLE bars (
      symbol VARCHAR NOT NULL, timeframe VARCHAR NOT NULL, time TIMESTAMP NOT NULL,
      open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, volume DOUBLE)`);
    await connection.run(`CREATE SEQUENCE ingest_runs_id_sequence START 1`);
    await connection.run(`CREATE TABLE ingest_runs (
      id BIGINT PRIMARY KEY DEFAULT nextval('ingest_runs_id_sequence'), started_at TIMESTAMP NOT NULL,
      finished_at TIMESTAMP NOT NULL, source VARCHAR NOT NULL, symbols INTEGER NOT NULL, rows BIGINT NOT NULL,
      inserted BIGINT NOT NULL, updated BIGINT NOT NULL, unchanged BIGINT NOT NULL)`);
    await connection.run(`INSERT INTO schema_migrations VALUES (1, now()::TIMESTAMP)`);
    await connection.run(`INSERT INTO ingest_runs (started_at, finished_at, source, symbols, rows, inserted, updated, unchanged)
      VALUES (TIMESTAMP '2024-05-01 10:00:00', TIMESTAMP '2024-05-01 10:00:01', 'upsertMany', 2, 5, 5, 0, 0)`);
    await connection.run(`INSERT INTO bars VALUES ${barRows}`);
  });
}

// Two daily MSFT bars around a weekend plus one with a missing open, and two hourly AAPL bars.
const versionOneRows = `
  ('MSFT', '1d', TIMESTAMP '2024-01-05 00:00:00', 370.5, 372.25, 368.0, 371.75, 1000),
  ('MSFT', '1d', TIMESTAMP '2024-01-08 00:00:00', 'NaN'::DOUBLE, 375.0, 369.5, 374.5, 2000),
  ('MSFT', '1d', TIMESTAMP '2024-01-09 00:00:00', 374.5, 376.0, 373.0, 375.0, 0),
  ('AAPL', '1h', TIMESTAMP '2024-01-05 14:00:00', 181.0, 181.5, 180.25, 181.25, 50),
  ('AAPL', '1h', TIMESTAMP '2024-01-05 15:00:00', 181.25, 182.0, 181.0, 181.75, 60)`;

describe('migration 2 (primary key through series and bar_values)', () => {
  it('converts a version-1 store, keeps every value and makes DuckDB reject a repeated key', async () => {
    const path = temporaryStorePath();
    await createVersionOneStore(path, versionOneRows);

    const store = await DuckDbCandleStore.open(path);
    try {
      const msft = await store.readBars('MSFT', '1d');
      expect(Array.from(msft.time)).toEqual([Date.UTC(2024, 0, 5), Date.UTC(2024, 0, 8), Date.UTC(2024, 0, 9)]);
      expect(Array.from(msft.open)).toEqual([370.5, NaN, 374.5]);
      expect(Array.from(msft.high)).toEqual([372.25, 375.0, 376.0]);
      expect(Array.from(msft.low)).toEqual([368.0, 369.5, 373.0]);
      expect(Array.from(msft.close)).toEqual([371.75, 374.5, 375.0]);
      expect(Array.from(msft.volume)).toEqual([1000, 2000, 0]);
      const aapl = await store.readBars('AAPL', '1h');
      expect(Array.from(aapl.time)).toEqual([Date.UTC(2024, 0, 5, 14), Date.UTC(2024, 0, 5, 15)]);
      expect(Array.from(aapl.close)).toEqual([181.25, 181.75]);
      expect(await store.listSymbols()).toEqual(['AAPL', 'MSFT']);
      // Fri 5th -> Mon 8th skips no weekday; 14:00 -> 15:00 skips no hour.
      expect((await store.coverage()).map((entry) => [entry.symbol, entry.timeframe, entry.count, entry.gaps])).toEqual([
        ['AAPL', '1h', 2, 0],
        ['MSFT', '1d', 3, 0],
      ]);
      // The migrated store keeps merging: one bar unchanged, one revised, one new series after the migrated ones.
      const revised = await store.readBars('MSFT', '1d', Date.UTC(2024, 0, 8));
      revised.close[1] = 375.5;
      expect(await store.upsertBars(revised)).toMatchObject({ received: 2, inserted: 0, updated: 1, unchanged: 1 });
      const aaplFirst = (await store.readBars('AAPL', '1h')).slice(0, 1);
      expect(await store.upsertBars(new Bars('SPY', aaplFirst.timeframe, aaplFirst.columns()))).toMatchObject({ inserted: 1 });
    } finally {
      await store.close();
    }

    await withConnection(path, async (connection) => {
      expect(await rows(connection, 'SELECT max(version) FROM schema_migrations')).toEqual([[latestSchemaVersion]]);
      expect(latestSchemaVersion).toBe(3);
      // The bars view reads like the old table.
      expect(await rows(connection, `SELECT symbol, timeframe, epoch_ms(time)::DOUBLE, close FROM bars ORDER BY symbol, time`)).toEqual([
        ['AAPL', '1h', Date.UTC(2024, 0, 5, 14), 181.25],
        ['AAPL', '1h', Date.UTC(2024, 0, 5, 15), 181.75],
        ['MSFT', '1d', Date.UTC(2024, 0, 5), 371.75],
        ['MSFT', '1d', Date.UTC(2024, 0, 8), 374.5],
        ['MSFT', '1d', Date.UTC(2024, 0, 9), 375.5],
        ['SPY', '1h', Date.UTC(2024, 0, 5, 14), 181.25],
      ]);
      expect(await rows(connection, 'SELECT symbol, timeframe, series_id FROM series ORDER BY series_id')).toEqual([
        ['AAPL', '1h', 1],
        ['MSFT', '1d', 2],
        ['SPY', '1h', 3],
      ]);
      expect(await rows(connection, 'SELECT count(*)::INTEGER FROM ingest_runs')).toEqual([[3]]);

      // Writers other than the adapter cannot repeat a key: not in bar_values, not in series, not through the view.
      const repeatedBar = await failureOf(connection, `INSERT INTO bar_values VALUES (2, TIMESTAMP '2024-01-08 00:00:00', 1, 1, 1, 1, 1)`);
      expect(repeatedBar).toMatch(/constraint/i);
      expect(repeatedBar).toContain('2024-01-08');
      expect(await failureOf(connection, `INSERT INTO series (symbol, timeframe) VALUES ('MSFT', '1d')`)).toMatch(/constraint/i);
      expect(await failureOf(connection, `UPDATE series SET symbol = 'MSFT', timeframe = '1d' WHERE symbol = 'SPY'`)).toMatch(/constraint/i);
      expect(await rows(connection, `SELECT view_name FROM duckdb_views() WHERE view_name = 'bars'`)).toEqual([['bars']]);
      expect(await failureOf(connection, `INSERT INTO bars VALUES ('MSFT', '1d', TIMESTAMP '2024-01-08 00:00:00', 1, 1, 1, 1, 1)`)).toContain('bars');
      // A new time for an existing series is accepted: the key, not the series, is what must be unique.
      await connection.run(`INSERT INTO bar_values VALUES (2, TIMESTAMP '2024-01-10 00:00:00', 1, 1, 1, 1, 1)`);
      expect(await rows(connection, `SELECT count(*)::INTEGER FROM bars WHERE symbol = 'MSFT'`)).toEqual([[4]]);
    });
  });

  it('refuses a version-1 store holding a repeated key, names it, and leaves the file at version 1', async () => {
    const path = temporaryStorePath();
    await createVersionOneStore(path, `${versionOneRows},
      ('MSFT', '1d', TIMESTAMP '2024-01-08 00:00:00', 1, 1, 1, 1, 1)`);
    let message = '';
    try {
      await DuckDbCandleStore.open(path);
    } catch (error) {
      if (!isTickforgeError(error, 'TF_ERR_STORE_MIGRATION')) throw error;
      message = error.message;
    }
    expect(message).toContain('migration 2');
    expect(message).toContain('1 repeated (symbol, timeframe, time) keys, first MSFT 1d 2024-01-08');
    expect(message).toContain('delete the repeated rows');
    await withConnection(path, async (connection) => {
      expect(await rows(connection, 'SELECT max(version) FROM schema_migrations')).toEqual([[1]]);
      expect(await rows(connection, 'SELECT count(*)::INTEGER FROM bars')).toEqual([[6]]);
      expect(await rows(connection, `SELECT count(*)::INTEGER FROM duckdb_tables() WHERE table_name IN ('series', 'bar_values')`)).toEqual([[0]]);
    });
  });

  it('gives a new store the key from the start', async () => {
    const path = temporaryStorePath();
    await DuckDbCandleStore.open(path).then((store) => store.close());
    await withConnection(path, async (connection) => {
      const constraints = await rows(connection, `
        SELECT table_name, constraint_type, constraint_column_names::VARCHAR FROM duckdb_constraints()
        WHERE table_name IN ('series', 'bar_values') AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')
        ORDER BY table_name, constraint_type`);
      expect(constraints).toEqual([
        ['bar_values', 'PRIMARY KEY', '[series_id, time]'],
        ['series', 'PRIMARY KEY', '[series_id]'],
        ['series', 'UNIQUE', '[symbol, timeframe]'],
      ]);
    });
  });
});
