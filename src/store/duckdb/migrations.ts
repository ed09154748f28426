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
 * `bars.time` is a TIMESTAMP (UTC, no zone) rather than BIGINT milliseconds: anyone opening the
 * file with the DuckDB CLI reads dates, date functions (weekday arithmetic for coverage) apply
 * directly, and its microsecond resolution holds every millisecond time exactly. The adapter
 * converts with `epoch_ms` inside SQL, so the cost stays in DuckDB's vectorised engine.
 *
 * `bars` has no PRIMARY KEY: DuckDB maintains one as an ART index, which made a bulk ingest of
 * 619,040 bars 3x slower (insert ~550 ms plus ~500 ms at commit, against ~250 ms and ~10 ms
 * without) and holds the index in memory. The adapter keeps (symbol, timeframe, time) unique
 * itself: every write is a set-based merge (anti-join insert, update of differing rows) run
 * under DuckDB's single-writer file lock and a per-store write queue, and the tests check that
 * no key repeats. The PostgreSQL adapter, where a unique index is cheap, declares the constraint.
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
