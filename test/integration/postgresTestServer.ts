import pg from 'pg';

/**
 * The PostgreSQL server the integration tests use: TICKFORGE_TEST_POSTGRES_URL, or the local
 * server with trust auth (database `test`). Each test works in a schema of its own, made and
 * dropped here. When the server is absent the tests skip with a line saying so; under CI=true
 * its absence fails the run.
 */
export const postgresTestUrl = process.env.TICKFORGE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function probe(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: postgresTestUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const absence = await probe();
export const postgresAvailable = absence === undefined;

if (!postgresAvailable) {
  const where = postgresTestUrl.replace(/:[^:@/]*@/, ':***@');
  if (process.env.CI === 'true') throw new Error(`PostgreSQL at ${where} is not reachable (${absence}); CI needs it for the PostgreSQL store tests.`);
  console.log(`skipping the PostgreSQL store tests: no server at ${where} (${absence}); start one or set TICKFORGE_TEST_POSTGRES_URL`);
}

let counter = 0;
const made: string[] = [];

/** A new schema name (not created: the store creates it on open), dropped by `dropTestSchemas`. */
export function newTestSchema(): string {
  const name = `tf_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  made.push(name);
  return name;
}

/** The test server's URL with `?schema=` (and an optional password, which trust auth ignores). */
export function schemaUrl(schema: string, password?: string): string {
  const url = new URL(postgresTestUrl);
  if (password !== undefined) url.password = password;
  url.searchParams.set('schema', schema);
  return url.href;
}

/** Runs one statement on a short-lived connection of its own (the "DBA" beside the store). */
export async function adminQuery<Row extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: postgresTestUrl });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export async function dropTestSchemas(): Promise<void> {
  if (!postgresAvailable || made.length === 0) return;
  const names = made.splice(0);
  await adminQuery(names.map((name) => `DROP SCHEMA IF EXISTS "${name}" CASCADE`).join('; '));
}
