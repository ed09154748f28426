import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { Bars, isTransientError, type ErrorCode } from '../../src/core/index.js';
import { openStore } from '../../src/app/openStore.js';
import { PostgresCandleStore, type PostgresCandleStoreOptions } from '../../src/store/postgres/PostgresCandleStore.js';
import { readBarsPackedSql } from '../../src/store/postgres/readBarsRange.js';
import type { CandleStore } from '../../src/store/ports.js';
import { describeCandleStoreContract, expectCode, expectSameBars } from './candleStoreContract.js';
import { startPasswordRejectingServer } from './fixtures/passwordRejectingServer.js';
import { syntheticBatch } from './fixtures/syntheticBatch.js';
import { adminQuery, dropTestSchemas, newTestSchema, postgresAvailable, postgresTestUrl, schemaUrl } from './postgresTestServer.js';
import { repoRoot, runCli } from './runCli.js';

afterAll(dropTestSchemas);

/** Where each store of the contract lives, so `reopen` finds its schema again. */
const schemaOf = new WeakMap<CandleStore, string>();
async function openInSchema(schema: string, options: PostgresCandleStoreOptions = {}): Promise<PostgresCandleStore> {
  const store = await PostgresCandleStore.open(schemaUrl(schema), options);
  schemaOf.set(store, schema);
  return store;
}

/** Every store error must name where it failed and never the password. */
function expectNamesHostNotPassword(error: Error, host: string, password: string): void {
  expect(error.message).toContain(host);
  expect(error.message).not.toContain(password);
  expect(JSON.stringify((error as { details?: unknown }).details)).not.toContain(password);
}

async function expectOpenFails(url: string, code: ErrorCode, options: PostgresCandleStoreOptions = {}): Promise<Error> {
  return expectCode(PostgresCandleStore.open(url, options), code);
}

/** A port on 127.0.0.1 with nothing listening (bound, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function terminateBackends(applicationName: string): Promise<number> {
  const rows = await adminQuery<{ terminated: string }>(
    `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS terminated
     FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`,
    [applicationName],
  );
  return Number(rows[0].terminated);
}

/** Resolves once a session of `applicationName` waits for a lock held by another transaction. */
async function lockWaitOf(applicationName: string): Promise<void> {
  for (let attempt = 0; attempt < 1_000; attempt++) {
    const rows = await adminQuery(`SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`, [applicationName]);
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`no session of ${applicationName} waited for a lock`);
}

/** Inserts `bars` (rows `from` to `to`, exclusive) into `candle_values` as a hand-written writer would, in `client`'s transaction. */
async function insertByHand(client: pg.Client, bars: Bars, from: number, to: number, closeOffset = 0): Promise<void> {
  const rows = bars.slice(from, to);
  await client.query(
    `INSERT INTO candle_values SELECT s.series_id, v.* FROM series s,
       unnest($3::bigint[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[]) AS v
     WHERE s.symbol = $1 AND s.timeframe = $2`,
    [bars.symbol, bars.timeframe.code, Array.from(rows.time), Array.from(rows.open), Array.from(rows.high), Array.from(rows.low),
      Array.from(rows.close, (close) => close + closeOffset), Array.from(rows.volume)],
  );
}

/** Rows of `a.candles` missing from `b.candles`, counting duplicates (EXCEPT ALL; float8 NaN equals NaN). */
async function candlesMissing(a: string, b: string): Promise<number> {
  const rows = await adminQuery<{ missing: string }>(`SELECT count(*) AS missing FROM (SELECT * FROM "${a}".candles EXCEPT ALL SELECT * FROM "${b}".candles) d`);
  return Number(rows[0].missing);
}

describe.skipIf(!postgresAvailable)('PostgresCandleStore', () => {
  describeCandleStoreContract('PostgresCandleStore', {
    open: () => openInSchema(newTestSchema()),
    reopen: (store) => openInSchema(schemaOf.get(store)!),
  });

  describe('PostgreSQL specifics', () => {
    it('redacts the password in url, keeps its tables in the ?schema= it names and creates that schema', async () => {
      const schema = newTestSchema();
      const store = await PostgresCandleStore.open(schemaUrl(schema, 'pa55word'));
      try {
        expect(store.url).toContain(':***@');
        expect(store.url).toContain(`schema=${schema}`);
        expect(store.url).not.toContain('pa55word');
        await store.upsertBars(syntheticBatch(0, 10));
        const tables = await adminQuery<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema]);
        expect(tables.map((row) => row.name)).toEqual([
          'candle_values', 'candles', 'candles_timestamped', 'fetched_spans', 'orders', 'runs', 'schema_migrations', 'series', 'signals', 'system_events', 'trades',
        ]);
        const stored = await adminQuery<{ count: string }>(`SELECT count(*) AS count FROM "${schema}".candles WHERE symbol = 'KILL0' AND timeframe = '1m'`);
        expect(Number(stored[0].count)).toBe(10);
        // (symbol, timeframe, time) is unique by the database's own keys, whoever writes: a second id for
        // the series and a second row for a stored bar are both refused.
        await expect(adminQuery(`INSERT INTO "${schema}".series (symbol, timeframe) VALUES ('KILL0', '1m')`)).rejects.toMatchObject({ code: '23505' });
        await expect(adminQuery(`INSERT INTO "${schema}".candle_values SELECT series_id, time, 1, 1, 1, 1, 1 FROM "${schema}".candle_values LIMIT 1`)).rejects.toMatchObject({ code: '23505' });
      } finally {
        await store.close();
      }
    });

    it('is built by openStore for postgres URLs, with the pool settings of store.postgres', async () => {
      const schema = newTestSchema();
      const applicationName = `tf_open_${schema}`.slice(0, 63);
      const store = await openStore(schemaUrl(schema), { postgres: { poolSize: 2, applicationName } });
      try {
        await store.upsertBars(syntheticBatch(0, 100));
        const reads = await Promise.all(Array.from({ length: 6 }, () => store.readBars('KILL0', '1m')));
        for (const bars of reads) expect(bars.length).toBe(100);
        const sessions = await adminQuery<{ count: string }>('SELECT count(*) AS count FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
        expect(Number(sessions[0].count)).toBeGreaterThanOrEqual(1);
        expect(Number(sessions[0].count)).toBeLessThanOrEqual(2);
      } finally {
        await store.close();
      }
      const after = await adminQuery<{ count: string }>('SELECT count(*) AS count FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
      expect(Number(after[0].count)).toBe(0);
    });

    it('reads through the primary key index (EXPLAIN of the statement the adapter runs) and applies statement_timeout per session', async () => {
      const schema = newTestSchema();
      const store = await openInSchema(schema);
      let coverageMs = 0;
      try {
        // 300 series x 1,000 bars: big enough that a range of one series is a small fraction of the
        // table. Laid out series after series, as the store's bulk ingest writes them.
        await adminQuery(`INSERT INTO "${schema}".series (symbol, timeframe) SELECT 'S' || s, '1d' FROM generate_series(1, 300) s ORDER BY 1`);
        await adminQuery(`INSERT INTO "${schema}".candle_values
          SELECT series_id, d::bigint * 86400000, d, d + 1, d - 1, d, 100 FROM "${schema}".series, generate_series(0, 999) d
          ORDER BY 1, 2`);
        await adminQuery(`ANALYZE "${schema}".series, "${schema}".candle_values`);
        const plans: string[] = [];
        for (const mode of ['auto', 'force_generic_plan']) {
          const client = new pg.Client({ connectionString: postgresTestUrl, options: `-c search_path=${schema} -c plan_cache_mode=${mode}` });
          await client.connect();
          try {
            await client.query(`PREPARE read_range AS ${readBarsPackedSql}`);
            const explained = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE read_range('S7', '1d', 0, 500 * 86400000::bigint, 16385)`);
            plans.push(explained.rows.map((row) => row['QUERY PLAN']).join('\n'));
          } finally {
            await client.end();
          }
        }
        for (const plan of plans) {
          // The bars through their primary key, in time order; the series id from `series` once per
          // query, an InitPlan, not per row (for 300 series rows the planner scans them rather than
          // probe their index: either is one small lookup).
          expect(plan).toMatch(/Index (Only )?Scan using candle_values_pkey on candle_values/);
          expect(plan).not.toMatch(/Seq Scan on candle_values/);
          expect(plan).not.toMatch(/Sort\s+\(/);
          expect(plan).toMatch(/InitPlan \d+ \(returns \$0\)\s+->\s+(Seq|Index|Index Only) Scan (using \S+ )?on series/);
          expect(plan).not.toContain('SubPlan');
        }
        const bars = await store.readBars('S7', '1d', 0, 500 * 86_400_000);
        expect(bars.length).toBe(501);
        expect(bars.close[500]).toBe(500);
        // The timeout below is a tenth of what coverage over the 300,000 bars takes on this machine
        // now (warm), so that it cuts that query and not a one-row read, however loaded the machine.
        await store.coverage();
        const started = performance.now();
        await store.coverage();
        coverageMs = performance.now() - started;
      } finally {
        await store.close();
      }
      // A statement_timeout in the startup options: coverage over 300,000 bars cannot finish in time.
      const impatient = await openInSchema(schema, { statementTimeoutMs: Math.max(1, Math.floor(coverageMs / 10)) });
      try {
        const error = await expectCode(impatient.coverage(), 'TF_ERR_STORE_QUERY');
        expect(error.message).toContain('57014');
        expect(error.message).toContain('statementTimeoutMs');
        expect((await impatient.readBars('S7', '1d', 0, 0)).length).toBe(1);
      } finally {
        await impatient.close();
      }
    });

    it('refuses a schema newer than the code and leaves it untouched', async () => {
      const schema = newTestSchema();
      await (await openInSchema(schema)).close();
      await adminQuery(`INSERT INTO "${schema}".schema_migrations (version, description) VALUES (99, 'from the future')`);
      const error = await expectOpenFails(schemaUrl(schema, 'hunter2'), 'TF_ERR_STORE_MIGRATION');
      expect(error.message).toContain('schema version 99');
      expect(error.message).toContain('Upgrade tickforge');
      expectNamesHostNotPassword(error, '127.0.0.1', 'hunter2');
      const versions = await adminQuery<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`);
      expect(versions.map((row) => row.version)).toEqual([1, 99]);
    });

    it('says TF_ERR_STORE_MIGRATION, changing nothing, when the role may not create the schema', async () => {
      const role = `tf_limited_${process.pid}`;
      await adminQuery(`DROP ROLE IF EXISTS ${role}; CREATE ROLE ${role} LOGIN PASSWORD 'limited-secret'`);
      try {
        const schema = newTestSchema();
        const url = new URL(schemaUrl(schema, 'limited-secret'));
        url.username = role;
        const error = await expectOpenFails(url.href, 'TF_ERR_STORE_MIGRATION');
        expect(error.message).toContain(`preparing schema "${schema}" failed`);
        expect(error.message).toContain('permission denied');
        expectNamesHostNotPassword(error, '127.0.0.1', 'limited-secret');
        expect(await adminQuery('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).toEqual([]);
      } finally {
        await adminQuery(`DROP ROLE IF EXISTS ${role}`);
      }
    });

    it('lets two processes open a fresh schema at once: both succeed, migrations run once', async () => {
      const schema = newTestSchema();
      const stores = await Promise.all([openInSchema(schema), openInSchema(schema), openInSchema(schema)]);
      try {
        const versions = await adminQuery<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`);
        expect(versions.map((row) => row.version)).toEqual([1]);
        await stores[0].upsertBars(syntheticBatch(0, 5));
        expect(await stores[2].listSymbols()).toEqual(['KILL0']);
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
    });

    it('survives pg_terminate_backend mid-upsertMany: CONNECTION_LOST, no half-written batch, works again, re-run equals a clean run', async () => {
      const schema = newTestSchema();
      const clean = newTestSchema();
      const applicationName = `tf_kill_${schema}`.slice(0, 63);
      // 36 series of 4,000 1m bars in chunks of 16,000 bars (4 series each): 9 transactions.
      const list = Array.from({ length: 36 }, (_, index) => {
        const bars = syntheticBatch(index, 4_000);
        return new Bars(`T${String(index).padStart(2, '0')}`, bars.timeframe, bars.columns());
      });
      const store = await openInSchema(schema, { applicationName, copyBatchBars: 16_000 });
      try {
        const progress: number[] = [];
        let terminated: Promise<number> | undefined;
        const error = await expectCode(
          store.upsertMany(list, (done) => {
            progress.push(done);
            terminated ??= terminateBackends(applicationName);
          }),
          'TF_ERR_STORE_CONNECTION_LOST',
        );
        expect(await terminated).toBeGreaterThanOrEqual(1);
        expect(isTransientError(error)).toBe(true);
        expect(error.message).toContain('rolled back');
        expectNamesHostNotPassword(error, '127.0.0.1', 'unused-password');
        const committed = progress.at(-1)!;
        expect(committed).toBeGreaterThanOrEqual(4);
        expect(committed).toBeLessThan(list.length);

        // Every series is whole or absent, and the whole ones are exactly the committed chunks.
        const lengths = await Promise.all(list.map((bars) => store.readBars(bars.symbol, '1m', bars.time[0], bars.time[bars.length - 1]).then((read) => read.length)));
        expect(lengths).toEqual(list.map((bars, index) => (index < committed ? bars.length : 0)));

        const again = await store.upsertMany(list);
        expect(again.map((result) => [result.inserted, result.unchanged])).toEqual(list.map((bars, index) => (index < committed ? [0, bars.length] : [bars.length, 0])));
      } finally {
        await store.close();
      }
      const reference = await openInSchema(clean);
      try {
        await reference.upsertMany(list);
      } finally {
        await reference.close();
      }
      expect(await candlesMissing(schema, clean)).toBe(0);
      expect(await candlesMissing(clean, schema)).toBe(0);
      const counts = await adminQuery<{ count: string }>(`SELECT count(*) AS count FROM "${schema}".candles`);
      expect(Number(counts[0].count)).toBe(36 * 4_000);
    });

    it('commits the chunks before a failing one, rolls back the one being copied beside it, and leaks no open transaction', async () => {
      const schema = newTestSchema();
      const applicationName = `tf_fail_${schema}`.slice(0, 63);
      // 8 series of 1,000 bars in chunks of 2,000 bars: 4 transactions, T4 and T5 in the third.
      const list = Array.from({ length: 8 }, (_, index) => {
        const bars = syntheticBatch(index, 1_000);
        return new Bars(`T${index}`, bars.timeframe, bars.columns());
      });
      const store = await openInSchema(schema, { applicationName, copyBatchBars: 2_000 });
      try {
        // A DBA's trigger refusing T5's bars: a real statement error in the third chunk's merge.
        await adminQuery(`CREATE FUNCTION "${schema}".refuse_t5() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF NEW.series_id = (SELECT series_id FROM "${schema}".series WHERE symbol = 'T5') THEN RAISE EXCEPTION 'T5 is refused here'; END IF;
            RETURN NEW;
          END $$;
          CREATE TRIGGER refuse_t5 BEFORE INSERT ON "${schema}".candle_values FOR EACH ROW EXECUTE FUNCTION "${schema}".refuse_t5()`);
        const progress: number[] = [];
        const error = await expectCode(store.upsertMany(list, (done) => progress.push(done)), 'TF_ERR_STORE_WRITE');
        expect(error.message).toContain('T4 1m, T5 1m');
        expect(error.message).toContain('T5 is refused here');
        expect(progress).toEqual([2, 4]);
        expect(await store.listSymbols()).toEqual(['T0', 'T1', 'T2', 'T3']);
        // The failed chunk's series rows were committed before its transaction (by design); they name no bars.
        const named = await adminQuery<{ symbol: string }>(`SELECT symbol FROM "${schema}".series WHERE symbol IN ('T4', 'T5') ORDER BY 1`);
        expect(named.map((row) => row.symbol)).toEqual(['T4', 'T5']);
        const shown = await adminQuery<{ symbol: string }>(`SELECT DISTINCT symbol FROM "${schema}".candles ORDER BY 1`);
        expect(shown.map((row) => row.symbol)).toEqual(['T0', 'T1', 'T2', 'T3']);
        expect(await store.coverage({ symbols: ['T4', 'T5'] })).toEqual([]);
        const open = await adminQuery(`SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND state LIKE 'idle in transaction%'`, [applicationName]);
        expect(open).toEqual([]);

        await adminQuery(`DROP TRIGGER refuse_t5 ON "${schema}".candle_values`);
        const again = await store.upsertMany(list);
        expect(again.map((result) => result.inserted)).toEqual([0, 0, 0, 0, 1_000, 1_000, 1_000, 1_000]);
        for (const bars of list) expectSameBars(await store.readBars(bars.symbol, '1m'), bars);
      } finally {
        await store.close();
      }
    });

    it('lets two stores ingest the same new series in opposite orders at once: both finish, every bar counted once', async () => {
      const schema = newTestSchema();
      // A short statement_timeout: a wait that nobody can end would fail here instead of hanging.
      const options = { copyBatchBars: 800, statementTimeoutMs: 4_000 };
      const [forward, backward] = await Promise.all([openInSchema(schema, options), openInSchema(schema, options)]);
      try {
        // Each round: new series X0, X1 (one chunk) and Y0, Y1 (another); one store writes X then Y,
        // the other Y then X, each staging its second chunk while its first merges.
        for (let round = 0; round < 20; round++) {
          const chunk = (name: string) => [0, 1].map((index) => {
            const bars = syntheticBatch(index, 400);
            return new Bars(`${name}${round}_${index}`, bars.timeframe, bars.columns());
          });
          const [x, y] = [chunk('X'), chunk('Y')];
          const [a, b] = await Promise.all([forward.upsertMany([...x, ...y]), backward.upsertMany([...y, ...x])]);
          const both = [...a, ...b];
          expect(both.reduce((sum, result) => sum + result.inserted, 0)).toBe(4 * 400);
          expect(both.reduce((sum, result) => sum + result.unchanged, 0)).toBe(4 * 400);
          for (const bars of [...x, ...y]) expectSameBars(await backward.readBars(bars.symbol, '1m'), bars);
        }
        const counts = await adminQuery<{ rows: string; keys: string }>(`SELECT count(*) AS rows, count(DISTINCT (symbol, timeframe, time)) AS keys FROM "${schema}".candles`);
        expect(counts[0]).toEqual({ rows: String(20 * 4 * 400), keys: String(20 * 4 * 400) });
      } finally {
        await Promise.all([forward.close(), backward.close()]);
      }
    });

    it('counts exactly when another writer commits bars into a chunk while it is merged (the plain INSERT falls back to ON CONFLICT)', async () => {
      const schema = newTestSchema();
      const applicationName = `tf_race_${schema}`.slice(0, 63);
      const store = await openInSchema(schema, { applicationName });
      const writer = new pg.Client({ connectionString: postgresTestUrl, options: `-c search_path=${schema}` });
      await writer.connect();
      try {
        const all = syntheticBatch(0, 300);
        await store.upsertBars(all.slice(0, 100));
        // Uncommitted when the store probes the span 100..299, so the chunk looks fresh: bars 150..199,
        // the first five with another close.
        await writer.query('BEGIN');
        await insertByHand(writer, all, 150, 155, 1);
        await insertByHand(writer, all, 155, 200);
        const pending = store.upsertBars(all.slice(100));
        // The store's INSERT reaches key 150 and waits for the writer's transaction; it then commits.
        await lockWaitOf(applicationName);
        await writer.query('COMMIT');
        expect(await pending).toEqual({ symbol: 'KILL0', timeframe: '1m', received: 200, inserted: 150, updated: 5, unchanged: 45 });
        expectSameBars(await store.readBars('KILL0', '1m'), all);
      } finally {
        await writer.end();
        await store.close();
      }
    });

    it('counts exactly when another writer adds the same new series and some of its bars while the store adds it', async () => {
      const schema = newTestSchema();
      const applicationName = `tf_race_series_${schema}`.slice(0, 63);
      const store = await openInSchema(schema, { applicationName });
      const writer = new pg.Client({ connectionString: postgresTestUrl, options: `-c search_path=${schema}` });
      await writer.connect();
      try {
        const bars = syntheticBatch(1, 100);
        await writer.query('BEGIN');
        await writer.query(`INSERT INTO series (symbol, timeframe) VALUES ('KILL1', '1m')`);
        await insertByHand(writer, bars, 0, 40);
        const pending = store.upsertBars(bars);
        // The store waits to add the series row the writer holds, then finds it committed under another snapshot.
        await lockWaitOf(applicationName);
        await writer.query('COMMIT');
        expect(await pending).toEqual({ symbol: 'KILL1', timeframe: '1m', received: 100, inserted: 60, updated: 0, unchanged: 40 });
        expectSameBars(await store.readBars('KILL1', '1m'), bars);
        const ids = await adminQuery<{ count: string }>(`SELECT count(*) AS count FROM "${schema}".series`);
        expect(Number(ids[0].count)).toBe(1);
      } finally {
        await writer.end();
        await store.close();
      }
    });

    it('shrugs off the death of an idle pooled connection and reconnects on the next call', async () => {
      const schema = newTestSchema();
      const applicationName = `tf_idle_${schema}`.slice(0, 63);
      const store = await openInSchema(schema, { applicationName });
      try {
        await store.upsertBars(syntheticBatch(0, 50));
        expect(await terminateBackends(applicationName)).toBeGreaterThanOrEqual(1);
        // Give the pool time to see the socket close on its idle client (an 'error' event nobody else hears).
        await new Promise((resolve) => setTimeout(resolve, 200));
        expectSameBars(await store.readBars('KILL0', '1m'), syntheticBatch(0, 50));
      } finally {
        await store.close();
      }
    });

    it('says TF_ERR_STORE_AUTH for a wrong password (a server speaking the wire protocol answers 28P01)', async () => {
      const server = await startPasswordRejectingServer();
      try {
        const url = `postgres://tick:wrong-s3cret@127.0.0.1:${server.port}/market`;
        const error = await expectOpenFails(url, 'TF_ERR_STORE_AUTH', { connectionTimeoutMs: 5_000 });
        expect(server.passwords).toEqual(['wrong-s3cret']);
        expect(error.message).toContain('28P01');
        expect(error.message).toContain('password authentication failed for user "tick"');
        expectNamesHostNotPassword(error, `127.0.0.1:${server.port}`, 'wrong-s3cret');
        expect(isTransientError(error)).toBe(false);
      } finally {
        await server.close();
      }
    });

    it('says TF_ERR_STORE_AUTH for an unknown role on the real server (28000)', async () => {
      const url = new URL(postgresTestUrl);
      url.username = 'tf_no_such_role';
      url.password = 'r0le-secret';
      const error = await expectOpenFails(url.href, 'TF_ERR_STORE_AUTH');
      expect(error.message).toContain('28000');
      expect(error.message).toContain('tf_no_such_role');
      expectNamesHostNotPassword(error, url.host, 'r0le-secret');
    });

    it('says TF_ERR_STORE_DATABASE_MISSING for a database the server lacks (3D000)', async () => {
      const url = new URL(postgresTestUrl);
      url.pathname = '/tf_no_such_database';
      url.password = 'db-secret';
      const error = await expectOpenFails(url.href, 'TF_ERR_STORE_DATABASE_MISSING');
      expect(error.message).toContain('tf_no_such_database');
      expect(error.message).toContain('3D000');
      expectNamesHostNotPassword(error, url.host, 'db-secret');
    });

    it('says TF_ERR_STORE_UNREACHABLE (transient) for a closed port and for a server that never answers', async () => {
      const port = await freePort();
      const refused = await expectOpenFails(`postgres://tick:port-secret@127.0.0.1:${port}/market`, 'TF_ERR_STORE_UNREACHABLE');
      expect(refused.message).toContain('ECONNREFUSED');
      expectNamesHostNotPassword(refused, `127.0.0.1:${port}`, 'port-secret');
      expect(isTransientError(refused)).toBe(true);

      // An unknown host (ENOTFOUND) is covered by postgresErrors.test.ts: resolving one here would query the network's DNS server.

      const sockets = new Set<Socket>();
      const silent: Server = createServer((socket) => sockets.add(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const silentPort = (silent.address() as { port: number }).port;
      try {
        const timedOut = await expectOpenFails(`postgres://tick:slow-secret@127.0.0.1:${silentPort}/market`, 'TF_ERR_STORE_UNREACHABLE', { connectionTimeoutMs: 300 });
        expect(timedOut.message).toContain('connect timeout');
        expectNamesHostNotPassword(timedOut, `127.0.0.1:${silentPort}`, 'slow-secret');
      } finally {
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => silent.close(() => resolve()));
      }
    });
  });

  describe('the CLI on a PostgreSQL store', () => {
    const directory = mkdtempSync(join(tmpdir(), 'tickforge-pg-cli-'));
    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    it('ingests with --store postgres://... and reports coverage through TICKFORGE_STORE_URL', async () => {
      const excerpt = join(directory, 'sp500_excerpt.csv');
      copyFileSync(join(repoRoot, 'test', 'fixtures', 'sp500_excerpt.csv'), excerpt);
      const url = schemaUrl(newTestSchema(), 'cli-secret');
      const ingest = await runCli(['--store', url, 'ingest', excerpt, '--on-invalid', 'drop', '--format', 'json', '--log-level', 'warn'], { cwd: directory });
      expect(ingest.code, ingest.stderr).toBe(0);
      const report = JSON.parse(ingest.stdout) as { series: Array<{ symbol: string; upsert: { inserted: number } }> };
      expect(Object.fromEntries(report.series.map((s) => [s.symbol, s.upsert.inserted]))).toEqual({ A: 10, BHF: 9, DHR: 9 });
      const coverage = await runCli(['coverage', '--format', 'json', '--log-level', 'warn'], { cwd: directory, env: { TICKFORGE_STORE_URL: url } });
      expect(coverage.code, coverage.stderr).toBe(0);
      const entries = JSON.parse(coverage.stdout) as Array<{ symbol: string; count: number }>;
      expect(entries.map((entry) => [entry.symbol, entry.count])).toEqual([['A', 10], ['BHF', 9], ['DHR', 9]]);
      expect(coverage.stdout + coverage.stderr + ingest.stdout + ingest.stderr).not.toContain('cli-secret');
    });

    it('exits with TF_ERR_STORE_UNREACHABLE, naming the host and not the password, when nobody listens', async () => {
      const port = await freePort();
      const result = await runCli(['--store', `postgres://tick:cli-secret@127.0.0.1:${port}/market`, 'coverage', '--log-level', 'warn'], { cwd: directory });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('TF_ERR_STORE_UNREACHABLE');
      expect(result.stderr).toContain(`127.0.0.1:${port}`);
      expect(result.stderr).not.toContain('cli-secret');
    });
  });
});
