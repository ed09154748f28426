import type { DuckDBConnection } from '@duckdb/node-api';
import { TickforgeError } from '../../core/index.js';

export interface Migration {
  version: number;
  description: string;
  statements: readonly string[];
}

/**
 * The schema, as an append-only list: never edit a released migration, add the next version.
 *
 * Version 2 (current): `series` names each (symbol, timeframe) once with an INTEGER `series_id`;
 * `bar_values` holds the bars keyed by PRIMARY KEY (series_id, time); the view `bars` joins the
 * two back into (symbol, timeframe, time, open, high, low, close, volume) for anyone querying the
 * file with the DuckDB CLI. Uniqueness of (symbol, timeframe, time) is enforced by DuckDB itself,
 * by the two constraints together: `series` maps every (symbol, timeframe) to exactly one id
 * (PRIMARY KEY series_id, UNIQUE (symbol, timeframe)), and `bar_values` holds each (series_id, time)
 * at most once. Any writer (this adapter, a user's SQL, a future bug) that repeats a key fails
 * with a constraint error. There is deliberately no FOREIGN KEY from bar_values to series: it adds
 * a third index and made the S&P 500 ingest ~40% slower; a bar_values row without a series row is
 * invisible through the view and cannot break uniqueness.
 *
 * Why normalised: DuckDB maintains a key as an ART index, built once per inserting transaction
 * and again when the transaction's rows merge into the table at commit. With the key on
 * (symbol VARCHAR, timeframe VARCHAR, time) ingest of the 619,040-bar S&P 500 file took
 * ~1.06-1.8 s (against ~0.42 s without any key); on (INTEGER, TIMESTAMP) it takes ~0.87 s.
 * The index is ~27 MB on disk for that file either way.
 *
 * `time` is a TIMESTAMP (UTC, no zone) rather than BIGINT milliseconds: anyone opening the
 * file with the DuckDB CLI reads dates, date functions (weekday arithmetic for coverage) apply
 * directly, and its microsecond resolution holds every millisecond time exactly. The adapter
 * converts with `epoch_ms` inside SQL, so the cost stays in DuckDB's vectorised engine.
 *
 * Version 1 had a single `bars` table without a key (uniqueness was kept by the adapter's merge
 * only); version 2 converts it in place, refusing with a clear error if it holds repeated keys.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'bars and ingest_runs',
    statements: [
      `CREATE TABLE bars (
         symbol VARCHAR NOT NULL,
         timeframe VARCHAR NOT NULL,
         time TIMESTAMP NOT NULL,
         open DOUBLE,
         high DOUBLE,
         low DOUBLE,
         close DOUBLE,
         volume DOUBLE
       )`,
      `CREATE SEQUENCE ingest_runs_id_sequence START 1`,
      `CREATE TABLE ingest_runs (
         id BIGINT PRIMARY KEY DEFAULT nextval('ingest_runs_id_sequence'),
         started_at TIMESTAMP NOT NULL,
         finished_at TIMESTAMP NOT NULL,
         source VARCHAR NOT NULL,
         symbols INTEGER NOT NULL,
         rows BIGINT NOT NULL,
         inserted BIGINT NOT NULL,
         updated BIGINT NOT NULL,
         unchanged BIGINT NOT NULL
       )`,
    ],
  },
  {
    version: 2,
    description: 'primary key: series and bar_values, with a bars view',
    statements: [
      // A version-1 table could hold repeated keys written by hand; say which instead of a bare constraint error.
      `SELECT CASE WHEN count(*) > 0 THEN error(
         'bars holds ' || count(*) || ' repeated (symbol, timeframe, time) keys, first ' || min(symbol || ' ' || timeframe || ' ' || time::VARCHAR)
         || '; delete the repeated rows with the DuckDB CLI (keep one row per key), then open the store again')
       END
       FROM (SELECT symbol, timeframe, time FROM bars GROUP BY symbol, timeframe, time HAVING count(*) > 1)`,
      `CREATE SEQUENCE series_id_sequence START 1`,
      `CREATE TABLE series (
         series_id INTEGER PRIMARY KEY DEFAULT nextval('series_id_sequence'),
         symbol VARCHAR NOT NULL,
         timeframe VARCHAR NOT NULL,
         UNIQUE (symbol, timeframe)
       )`,
      `INSERT INTO series (symbol, timeframe)
       SELECT symbol, timeframe FROM (SELECT DISTINCT symbol, timeframe FROM bars) ORDER BY symbol, timeframe`,
      `CREATE TABLE bar_values (
         series_id INTEGER NOT NULL,
         time TIMESTAMP NOT NULL,
         open DOUBLE,
         high DOUBLE,
         low DOUBLE,
         close DOUBLE,
         volume DOUBLE,
         PRIMARY KEY (series_id, time)
       )`,
      `INSERT INTO bar_values
       SELECT s.series_id, b.time, b.open, b.high, b.low, b.close, b.volume
       FROM bars b JOIN series s ON s.symbol = b.symbol AND s.timeframe = b.timeframe
       ORDER BY s.series_id, b.time`,
      `DROP TABLE bars`,
      `CREATE VIEW bars AS
       SELECT s.symbol, s.timeframe, v.time, v.open, v.high, v.low, v.close, v.volume
       FROM bar_values v JOIN series s ON s.series_id = v.series_id`,
    ],
  },
  {
    version: 3,
    description: 'fetched_spans: the ledger of provider requests answered and stored',
    statements: [
      `CREATE TABLE fetched_spans (
         symbol VARCHAR NOT NULL,
         timeframe VARCHAR NOT NULL,
         source VARCHAR NOT NULL,
         from_time TIMESTAMP NOT NULL,
         to_time TIMESTAMP NOT NULL,
         received BIGINT NOT NULL,
         recorded_at TIMESTAMP NOT NULL
       )`,
    ],
  },
];

export const latestSchemaVersion = migrations[migrations.length - 1].version;

/**
 * Brings the schema to `latestSchemaVersion` in one transaction, so a failure leaves the
 * database at the version it had.
 * @throws TF_ERR_STORE_MIGRATION when the database is newer than this code or a step fails.
 */
export async function runMigrations(connection: DuckDBConnection, location: string): Promise<number> {
  await connection.run('BEGIN TRANSACTION');
  let current = 0;
  try {
    await connection.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)');
    const reader = await connection.runAndReadAll('SELECT coalesce(max(version), 0)::INTEGER FROM schema_migrations');
    current = Number(reader.getRows()[0][0]);
    if (current > latestSchemaVersion) {
      throw new TickforgeError(
        'TF_ERR_STORE_MIGRATION',
        `Store ${location} has schema version ${current}, newer than the ${latestSchemaVersion} this tickforge knows. Upgrade tickforge, or point --store at another file.`,
        { details: { location, databaseVersion: current, knownVersion: latestSchemaVersion } },
      );
    }
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      try {
        for (const statement of migration.statements) await connection.run(statement);
        await connection.run('INSERT INTO schema_migrations VALUES ($1, now()::TIMESTAMP)', [migration.version]);
      } catch (cause) {
        throw new TickforgeError(
          'TF_ERR_STORE_MIGRATION',
          `Store ${location}: migration ${migration.version} (${migration.description}) failed: ${(cause as Error).message}. Nothing was changed; report this with the database file if it persists.`,
          { cause, details: { location, version: migration.version } },
        );
      }
    }
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    if (error instanceof TickforgeError) throw error;
    throw new TickforgeError(
      'TF_ERR_STORE_MIGRATION',
      `Store ${location}: reading the schema version failed: ${(error as Error).message}. Check that the file is a tickforge DuckDB store.`,
      { cause: error, details: { location } },
    );
  }
  return Math.max(current, latestSchemaVersion);
}
