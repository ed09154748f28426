import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg, { type CustomTypesConfig, type PoolClient } from 'pg';
import copyStreams from 'pg-copy-streams';
import { Bars, Timeframe, TickforgeError } from '../../core/index.js';
import { assertStorableBars } from '../assertStorableBars.js';
import { describeSeries, groupSeries } from '../groupSeries.js';
import type { CandleStore, CoverageEntry, CoverageFilter, FetchedSpan, UpsertProgress, UpsertResult } from '../ports.js';
import { readRangeBounds } from '../rangeBounds.js';
import { SerialQueue } from '../SerialQueue.js';
import { parseStoreUrl } from '../storeUrl.js';
import { coverageSql } from './coverageSql.js';
import { copyStream } from './encodeCopyRows.js';
import { runMigrations } from './migrations.js';
import { describePostgresError, isConnectionLost, isUniqueViolation, translateConnectionError } from './postgresErrors.js';
import { readBarsRange } from './readBarsRange.js';
import { splitStartupOptions, withDefaultUser } from './connectionString.js';
import { copySql, insertFreshSql, merge, overlapSql, resolveSeries, stagingDdl } from './upsertStatements.js';

/** The pool and ingest settings; the same keys and defaults as `store.postgres` in the config. */
export interface PostgresCandleStoreOptions {
  /** Connections at most (reads run in parallel up to this; an ingest of several chunks uses two, one write at a time). */
  poolSize?: number;
  /** A connection idle this long is closed; 0 keeps idle connections open. */
  idleTimeoutMs?: number;
  /** Giving up on opening a connection after this long is TF_ERR_STORE_UNREACHABLE. */
  connectionTimeoutMs?: number;
  /** Server-side `statement_timeout` of every session; 0 disables it. */
  statementTimeoutMs?: number;
  /** A connection is closed and replaced after this many checkouts; 0 never. */
  maxUses?: number;
  /** `application_name` of every session, as `pg_stat_activity` shows it. */
  applicationName?: string;
  /**
   * Bars per COPY + merge transaction of `upsertMany` (a larger single series is its own).
   * 100,000 by default: the staged rows (~8 MB) then fit PostgreSQL's default `temp_buffers`, and
   * more of the merges hide the copies beside them. Measured on the S&P 500 file (2-core machine):
   * ~670k bars/s fresh and ~900k bars/s re-ingest, against ~620k and ~800k with chunks of
   * 250,000; 62,500 gained nothing more on a fresh ingest and commits more often.
   */
  copyBatchBars?: number;
}

const defaults: Required<PostgresCandleStoreOptions> = {
  poolSize: 10,
  idleTimeoutMs: 30_000,
  connectionTimeoutMs: 10_000,
  statementTimeoutMs: 300_000,
  maxUses: 7_500,
  applicationName: 'tickforge',
  copyBatchBars: 100_000,
};


/**
 * Symbols of the series that hold at least one bar: one row of `series` and one index probe of
 * `candle_values` per series, so the cost grows with the number of series, not of bars.
 */
const listSymbolsSql = (condition: string) => `
  SELECT DISTINCT symbol FROM series s
  WHERE ${condition} EXISTS (SELECT 1 FROM candle_values v WHERE v.series_id = s.series_id)
  ORDER BY symbol`;

/** int8 and float8 as numbers (pg keeps int8 as strings by default). */
const numericTypes = {
  getTypeParser: (oid: number) => (oid === 20 ? Number : oid === 701 ? parseFloat : String),
} as unknown as CustomTypesConfig;

/**
 * The PostgreSQL candle store: a `pg` pool over one schema of one database, schema migrated on open.
 *
 * Writes: `upsertMany` validates every series first (nothing is written when one is invalid), then
 * cuts the list into chunks of about `copyBatchBars` bars. Per chunk, one statement finds (or adds)
 * the series ids; then one transaction: binary COPY puts the bars, tagged with their ids, into a
 * session-local temporary staging table, a probe asks whether any series has stored bars within
 * its span, and one statement merges: a plain INSERT when nothing overlaps (insertFreshSql), else
 * INSERT ... SELECT ... ON CONFLICT DO UPDATE ... WHERE (values differ) reporting per series what
 * it inserted and updated (mergeSql); COMMIT. A crash, a dropped connection or a failed statement
 * rolls back the chunks in flight and nothing else; chunks commit one at a time in input order
 * and `onProgress` runs after each COMMIT, so what it reported is exactly what is stored. Writes
 * of one store run one after another (a queue), so concurrent callers cannot interleave.
 *
 * With more than one chunk, a second pooled connection copies the next chunk while the current
 * one merges (writeChunks). Measured on the S&P 500 file (619,040 bars, chunks of 100,000, 2-core
 * machine, runs alternated): ~650k bars/s fresh against ~575k on one connection, ~935k bars/s
 * re-ingest against ~760k; under heavy load from other processes the gain shrinks, as the copy and
 * the merge then compete for the same cores. Merges never run side by side: two connections
 * merging at once reached ~710k bars/s in a trial, but a later chunk would then hold its row locks
 * while waiting, outside PostgreSQL, for an earlier one to commit, a wait no deadlock detector
 * sees, so two processes writing overlapping series could block each other until
 * statement_timeout.
 *
 * Reads take any pooled connection: a named prepared statement on the primary key; ranges larger
 * than one batch stream through a cursor (see readBarsRange.ts).
 *
 * Connections: `search_path` (the URL's `?schema=`) and `statement_timeout` go in every session's
 * startup packet (`options`), so no setup statement runs per connection. A connection that broke
 * mid-operation is discarded from the pool, never reused; errors of idle pooled connections (a
 * server restart at night) are absorbed, and the next checkout opens a fresh one.
 */
export class PostgresCandleStore implements CandleStore {
  private readonly writes = new SerialQueue();
  /** Connections whose session already has the staging table (committed, so it survives). */
  private readonly stagingReady = new WeakSet<PoolClient>();
  private closed = false;

  private constructor(
    readonly url: string,
    private readonly schema: string,
    private readonly pool: pg.Pool,
    private readonly options: Required<PostgresCandleStoreOptions>,
  ) {}

  /**
   * Connects to the database a `postgres://` URL names, creates `?schema=` (default `public`)
   * when missing and migrates it.
   * @throws TF_ERR_STORE_URL_INVALID for a malformed URL; TF_ERR_STORE_UNREACHABLE, TF_ERR_STORE_AUTH,
   *   TF_ERR_STORE_DATABASE_MISSING when the server cannot be used; TF_ERR_STORE_MIGRATION when the
   *   schema is newer than this code. Messages name the URL without its password.
   */
  static async open(url: string, options: PostgresCandleStoreOptions = {}): Promise<PostgresCandleStore> {
    const location = parseStoreUrl(url);
    if (location.kind !== 'postgres') {
      throw new TickforgeError('TF_ERR_STORE_URL_INVALID', `PostgresCandleStore needs a postgres:// URL, not ${location.redacted}.`, {
        details: { url: location.redacted },
      });
    }
    const settings = { ...defaults, ...withoutUndefined(options) };
    const { connectionString, startupOptions } = splitStartupOptions(withDefaultUser(location.connectionString));
    const sessionOptions = [
      startupOptions,
      `-c search_path=${location.schema}`,
      `-c statement_timeout=${settings.statementTimeoutMs}`,
      // The packed range read decodes bytea as hex, the default since PostgreSQL 9.0, pinned here.
      '-c bytea_output=hex',
    ]
      .filter((part) => part !== '')
      .join(' ');
    const pool = new pg.Pool({
      connectionString,
      max: settings.poolSize,
      idleTimeoutMillis: settings.idleTimeoutMs,
      connectionTimeoutMillis: settings.connectionTimeoutMs,
      // pg-pool recycles after `maxUses` checkouts; 0 would recycle on every release.
      maxUses: settings.maxUses === 0 ? Infinity : settings.maxUses,
      application_name: settings.applicationName,
      options: sessionOptions,
      // A forgotten close() must not keep a CLI process alive on idle connections.
      allowExitOnIdle: true,
    });
    // An idle pooled connection that dies (server restart, idle_session_timeout) is removed by the
    // pool; without a listener its 'error' event would crash the process. The next checkout
    // connects afresh, and an operation that was using a connection reports its own error.
    pool.on('error', () => undefined);
    const store = new PostgresCandleStore(location.redacted, location.schema, pool, settings);
    try {
      await store.withClient('opening the store', (client) => runMigrations(client, location.schema, location.redacted));
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return store;
  }

  upsertBars(bars: Bars): Promise<UpsertResult> {
    return this.upsertSeries([bars], Infinity).then((results) => results[0]);
  }

  upsertMany(barsList: readonly Bars[], onProgress?: UpsertProgress): Promise<UpsertResult[]> {
    return this.upsertSeries(barsList, this.options.copyBatchBars, onProgress);
  }

  async readBars(symbol: string, timeframe: Timeframe | string, from?: number, to?: number): Promise<Bars> {
    const frame = Timeframe.parse(timeframe);
    const { lower, upper } = readRangeBounds(from, to);
    this.assertOpen();
    if (lower > upper) return Bars.empty(symbol, frame);
    return this.withClient(`reading ${symbol} ${frame.code}`, (client) => readBarsRange(client, symbol, frame, lower, upper));
  }

  async listSymbols(timeframe?: Timeframe | string): Promise<string[]> {
    const code = timeframe === undefined ? undefined : Timeframe.parse(timeframe).code;
    this.assertOpen();
    const result = await this.withClient('listing symbols', (client) =>
      code === undefined
        ? client.query<[string]>({ text: listSymbolsSql(''), rowMode: 'array' })
        : client.query<[string]>({ text: listSymbolsSql('timeframe = $1 AND'), values: [code], rowMode: 'array' }),
    );
    return result.rows.map((row) => row[0]);
  }

  async coverage(filter: CoverageFilter = {}): Promise<CoverageEntry[]> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    if (filter.timeframe !== undefined) {
      values.push(Timeframe.parse(filter.timeframe).code);
      conditions.push(`timeframe = $${values.length}`);
    }
    if (filter.symbols !== undefined) {
      if (filter.symbols.length === 0) return [];
      values.push(filter.symbols);
      conditions.push(`symbol = ANY($${values.length}::text[])`);
    }
    this.assertOpen();
    const sql = coverageSql(conditions.length === 0 ? 'TRUE' : conditions.join(' AND '));
    const result = await this.withClient('computing coverage', (client) =>
      client.query<[string, string, number, number, number, number, number]>({ text: sql, values, rowMode: 'array', types: numericTypes }),
    );
    return result.rows.map((row) => ({
      symbol: row[0],
      timeframe: row[1],
      first: row[2],
      last: row[3],
      count: row[4],
      gaps: row[5],
      missingBars: row[6],
    }));
  }

  async recordFetchedSpans(spans: readonly FetchedSpan[]): Promise<void> {
    // Parsed before queuing, so a bad timeframe records nothing of the batch.
    const rows = spans.map((span) => ({ ...span, timeframe: Timeframe.parse(span.timeframe).code }));
    await this.writes.run(async () => {
      this.assertOpen();
      if (rows.length === 0) return;
      // One statement (so one implicit transaction) however many spans: arrays unnested side by side.
      await this.withClient('recording fetched spans', (client) =>
        client.query(
          `INSERT INTO fetched_spans (symbol, timeframe, source, from_time, to_time, received, recorded_at)
           SELECT symbol, timeframe, source, from_time, to_time, received, to_timestamp(recorded_at / 1000)
           FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::float8[])
             AS s(symbol, timeframe, source, from_time, to_time, received, recorded_at)`,
          [
            rows.map((span) => span.symbol),
            rows.map((span) => span.timeframe),
            rows.map((span) => span.source),
            rows.map((span) => span.from),
            rows.map((span) => span.to),
            rows.map((span) => span.received),
            rows.map((span) => span.recordedAt),
          ],
        ),
      );
    });
  }

  async fetchedSpans(symbol: string, timeframe: Timeframe | string): Promise<FetchedSpan[]> {
    const code = Timeframe.parse(timeframe).code;
    this.assertOpen();
    const result = await this.withClient(`reading the fetch ledger of ${symbol} ${code}`, (client) =>
      client.query<[string, number, number, number, number]>({
        text: `SELECT source, from_time, to_time, received, round(extract(epoch FROM recorded_at) * 1000)::float8
               FROM fetched_spans WHERE symbol = $1 AND timeframe = $2 ORDER BY from_time, to_time, recorded_at, id`,
        values: [symbol, code],
        rowMode: 'array',
        types: numericTypes,
      }),
    );
    return result.rows.map((row) => ({
      symbol,
      timeframe: code,
      source: row[0],
      from: row[1],
      to: row[2],
      received: row[3],
      recordedAt: row[4],
    }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.writes.drain();
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new TickforgeError('TF_ERR_STORE_OPEN', `Store ${this.url} is closed; open it again to use it.`, { details: { url: this.url } });
    }
  }

  /**
   * Runs `task` on a pooled connection and gives it back: destroyed when the connection broke
   * (so the pool never hands out a dead session), returned otherwise. Connection-level failures
   * become TF_ERR_STORE_UNREACHABLE / AUTH / DATABASE_MISSING / CONNECTION_LOST; others
   * TF_ERR_STORE_QUERY, unless `task` threw a TickforgeError of its own.
   */
  private async withClient<T>(operation: string, task: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw translateConnectionError(error, { url: this.url, operation, connecting: true }) ?? this.queryError(error, operation);
    }
    // pg emits 'error' on a checked-out client whose socket dies; unheard, that would crash the process.
    let broken: unknown;
    const onError = (error: unknown) => (broken ??= error);
    client.on('error', onError);
    try {
      return await task(client);
    } catch (error) {
      if (isConnectionLost(error)) broken ??= error;
      if (error instanceof TickforgeError) throw error;
      throw translateConnectionError(error, { url: this.url, operation, connecting: false }) ?? this.queryError(error, operation);
    } finally {
      client.off('error', onError);
      client.release(broken === undefined ? undefined : broken instanceof Error ? broken : true);
    }
  }

  private queryError(error: unknown, operation: string): TickforgeError {
    return new TickforgeError(
      'TF_ERR_STORE_QUERY',
      `PostgreSQL store ${this.url} failed while ${operation}: ${describePostgresError(error)}. Nothing was changed.`,
      { cause: error, details: { url: this.url, schema: this.schema } },
    );
  }

  private upsertSeries(barsList: readonly Bars[], chunkBars: number, onProgress?: UpsertProgress): Promise<UpsertResult[]> {
    return this.writes.run(async () => {
      this.assertOpen();
      for (const bars of barsList) assertStorableBars(bars);
      const results = barsList.map((bars) => ({
        symbol: bars.symbol, timeframe: bars.timeframe.code, received: bars.length, inserted: 0, updated: 0, unchanged: 0,
      }));
      if (!barsList.some((bars) => bars.length > 0)) {
        if (barsList.length > 0) onProgress?.(barsList.length, barsList.length);
        return results;
      }
      const chunks = groupSeries(barsList, chunkBars);
      const operation = `writing ${describeSeries(barsList)}`;
      const write = (clients: readonly PoolClient[]) => this.writeChunks(clients, chunks, barsList, results, onProgress);
      await this.withClient(operation, (first) =>
        chunks.length > 1 && this.options.poolSize > 1 ? this.withClient(operation, (second) => write([first, second])) : write([first]),
      );
      return results;
    });
  }

  /**
   * Writes the chunks in order, chunk k on `clients[k % clients.length]`: it stages (series ids,
   * BEGIN, COPY) as soon as its connection is free, so with two connections it copies while the
   * chunk before it merges, then waits for that chunk's COMMIT before its own probe, merge and
   * COMMIT. Merges and commits therefore run one at a time in input order, and `onProgress`
   * reports a contiguous prefix of committed chunks. Once a chunk fails, every later chunk rolls
   * back or never starts; the first failure in input order is thrown.
   *
   * Why the wait for the previous COMMIT cannot deadlock with other writers, though PostgreSQL
   * does not see it: while waiting, a chunk's transaction holds no lock anyone else could want
   * (its series rows were committed by their own statement, its COPY went to a temporary table),
   * so nobody waits for it; and the chunk it waits for is merging or committing, waiting at most
   * for other merges, which take their row locks in key order and so never wait in a circle.
   */
  private async writeChunks(
    clients: readonly PoolClient[],
    chunks: readonly number[][],
    barsList: readonly Bars[],
    results: readonly UpsertResult[],
    onProgress: UpsertProgress | undefined,
  ): Promise<void> {
    const finished: Array<Promise<void>> = [];
    let done = 0;
    for (const [position, chunk] of chunks.entries()) {
      const connectionFree = position >= clients.length ? finished[position - clients.length] : Promise.resolve();
      const previousCommitted = position > 0 ? finished[position - 1] : Promise.resolve();
      const client = clients[position % clients.length];
      finished.push(
        connectionFree
          .then(() => this.upsertChunk(client, chunk.map((index) => barsList[index]), chunk.map((index) => results[index]), previousCommitted))
          .then(() => {
            done += chunk.length;
            onProgress?.(done, barsList.length);
          }),
      );
    }
    const outcomes = await Promise.allSettled(finished);
    const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
  }

  /**
   * One chunk: its series ids, then one transaction: COPY into staging and, once
   * `previousCommitted` resolves, the overlap probe, the merge and COMMIT. Fills `results` in
   * place, after the COMMIT. When `previousCommitted` rejects, rolls back and rethrows that failure.
   */
  private async upsertChunk(client: PoolClient, chunk: readonly Bars[], results: readonly UpsertResult[], previousCommitted: Promise<void>): Promise<void> {
    const staged = chunk
      .map((bars, position) => ({ bars, result: results[position], seriesId: 0 }))
      .filter(({ bars }) => bars.length > 0)
      .sort((a, b) => compareSeries(a.bars, b.bars));
    if (staged.length === 0) return previousCommitted;
    let inTransaction = false;
    try {
      // Outside the chunk's transaction, on purpose: see resolveSeriesSql.
      await resolveSeries(client, staged);
      // Copied, and so merged, in key order: btree insertions append, and locks follow the key.
      staged.sort((a, b) => a.seriesId - b.seriesId);
      await client.query(this.stagingReady.has(client) ? 'BEGIN' : `BEGIN; ${stagingDdl}`);
      inTransaction = true;
      const seriesIds = staged.map((entry) => entry.seriesId);
      await pipeline(Readable.from(copyStream(staged.map((entry) => entry.bars), seriesIds)), client.query(copyStreams.from(copySql)));
      try {
        await previousCommitted;
      } catch (previousFailure) {
        await client.query('ROLLBACK');
        inTransaction = false;
        throw previousFailure;
      }
      const overlap = await client.query<[boolean]>({
        text: overlapSql,
        values: [seriesIds, staged.map(({ bars }) => bars.time[0]), staged.map(({ bars }) => bars.time[bars.length - 1])],
        rowMode: 'array',
      });
      let counts: Map<number, [number, number]> | undefined;
      if (overlap.rows[0][0]) {
        counts = await merge(client, seriesIds);
      } else {
        try {
          await client.query(insertFreshSql);
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          await client.query('ROLLBACK TO SAVEPOINT tickforge_fresh');
          counts = await merge(client, seriesIds);
        }
      }
      await client.query('COMMIT');
      inTransaction = false;
      this.stagingReady.add(client);
      for (const { bars, result, seriesId } of staged) {
        // Without counts the fresh INSERT succeeded: every bar was new.
        const [inserted, updated] = counts === undefined ? [bars.length, 0] : (counts.get(seriesId) ?? [0, 0]);
        result.inserted = inserted;
        result.updated = updated;
        result.unchanged = result.received - inserted - updated;
      }
    } catch (cause) {
      // A lost connection took its transaction with it; otherwise roll back before reusing the session.
      if (inTransaction && !isConnectionLost(cause)) await client.query('ROLLBACK').catch(() => undefined);
      if (cause instanceof TickforgeError) throw cause;
      throw translateConnectionError(cause, { url: this.url, operation: `writing ${describeSeries(chunk)}`, connecting: false }) ??
        new TickforgeError(
          'TF_ERR_STORE_WRITE',
          `Writing ${describeSeries(chunk)} to PostgreSQL store ${this.url} failed: ${describePostgresError(cause)}. Nothing of this batch was committed; fix the cause, then run the ingest again (it is idempotent).`,
          { cause, details: { url: this.url, schema: this.schema, symbols: chunk.map((bars) => bars.symbol) } },
        );
    }
  }
}

function compareSeries(a: Bars, b: Bars): number {
  if (a.symbol !== b.symbol) return a.symbol < b.symbol ? -1 : 1;
  const x = a.timeframe.code;
  const y = b.timeframe.code;
  return x === y ? 0 : x < y ? -1 : 1;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
