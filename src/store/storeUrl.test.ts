import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../core/index.js';
import { defaultStoreUrl, parseStoreUrl } from './storeUrl.js';

function parseError(url: string) {
  try {
    parseStoreUrl(url);
  } catch (error) {
    if (isTickforgeError(error, 'TF_ERR_STORE_URL_INVALID')) return error;
    throw error;
  }
  throw new Error(`expected ${url} to be refused`);
}

describe('parseStoreUrl', () => {
  it('reads the default URL as a DuckDB file under ./.tickforge', () => {
    expect(parseStoreUrl(defaultStoreUrl)).toEqual({
      kind: 'duckdb', path: './.tickforge/tickforge.duckdb', redacted: 'duckdb:./.tickforge/tickforge.duckdb',
    });
  });

  it('accepts duckdb:<path> with relative and absolute paths', () => {
    expect(parseStoreUrl('duckdb:data/bars.duckdb')).toMatchObject({ kind: 'duckdb', path: 'data/bars.duckdb' });
    expect(parseStoreUrl('duckdb:/var/lib/tf.duckdb')).toMatchObject({ kind: 'duckdb', path: '/var/lib/tf.duckdb' });
  });

  it('accepts duckdb://<path>, keeping the third slash of an absolute path', () => {
    expect(parseStoreUrl('duckdb:///var/lib/tf.duckdb')).toMatchObject({ kind: 'duckdb', path: '/var/lib/tf.duckdb' });
    expect(parseStoreUrl('duckdb://./x.db')).toMatchObject({ kind: 'duckdb', path: './x.db' });
  });

  it('accepts the in-memory forms', () => {
    expect(parseStoreUrl('duckdb::memory:')).toEqual({ kind: 'duckdb', path: ':memory:', redacted: 'duckdb::memory:' });
    expect(parseStoreUrl('duckdb://:memory:')).toMatchObject({ kind: 'duckdb', path: ':memory:' });
  });

  it('accepts bare paths ending in .duckdb or .db, trimming spaces', () => {
    expect(parseStoreUrl('  ./store/tf.duckdb ')).toMatchObject({ kind: 'duckdb', path: './store/tf.duckdb' });
    expect(parseStoreUrl('/tmp/x.DB')).toMatchObject({ kind: 'duckdb', path: '/tmp/x.DB' });
  });

  it('accepts postgres:// and postgresql:// and hides the password in redacted', () => {
    const parsed = parseStoreUrl('postgres://tick:s3cret@db.example.com:5433/market');
    expect(parsed).toEqual({
      kind: 'postgres', url: 'postgres://tick:s3cret@db.example.com:5433/market', redacted: 'postgres://tick:***@db.example.com:5433/market',
      connectionString: 'postgres://tick:s3cret@db.example.com:5433/market', schema: 'public',
    });
    expect(parseStoreUrl('postgresql://localhost/market')).toEqual({
      kind: 'postgres', url: 'postgresql://localhost/market', redacted: 'postgresql://localhost/market',
      connectionString: 'postgresql://localhost/market', schema: 'public',
    });
  });

  it('hides a password given as a query parameter', () => {
    const parsed = parseStoreUrl('postgres://tick@localhost/market?password=s3cret&sslmode=require');
    expect(parsed.redacted).toBe('postgres://tick@localhost/market?password=***&sslmode=require');
    expect(parsed.redacted).not.toContain('s3cret');
  });

  it('takes ?schema=<name> for the store and strips it from what the PostgreSQL client receives', () => {
    expect(parseStoreUrl('postgres://tick:pw@localhost/market?schema=alice_1')).toMatchObject({
      schema: 'alice_1', connectionString: 'postgres://tick:pw@localhost/market', redacted: 'postgres://tick:***@localhost/market?schema=alice_1',
    });
    expect(parseStoreUrl('postgres://localhost/market?sslmode=require&schema=x&application_name=y')).toMatchObject({
      schema: 'x', connectionString: 'postgres://localhost/market?sslmode=require&application_name=y',
    });
  });

  it('refuses a schema that is not a plain lower-case identifier, or given twice, without leaking the password', () => {
    for (const bad of ['Alice', '1st', 'a-b', 'x;drop', '', 'a'.repeat(64)]) {
      const error = parseError(`postgres://u:topsecret@localhost/market?schema=${encodeURIComponent(bad)}`);
      expect(error.message).toContain(`schema "${bad}" is not a plain lower-case identifier`);
      expect(error.message).not.toContain('topsecret');
    }
    expect(parseError('postgres://localhost/market?schema=a&schema=b').message).toContain('"schema" more than once');
  });

  it('accepts a Unix socket host given as ?host=', () => {
    expect(parseStoreUrl('postgres:///market?host=/var/run/postgresql')).toMatchObject({ kind: 'postgres' });
  });

  it('refuses unknown schemes and lists the accepted forms', () => {
    const error = parseError('mysql://root:pw@localhost/db');
    expect(error.message).toContain('"mysql" is not supported');
    expect(error.message).toContain('duckdb:<path>');
    expect(error.message).toContain('postgres://');
    expect(error.message).not.toContain(':pw@');
  });

  it('refuses empty input, an empty DuckDB path and paths without a known extension', () => {
    expect(parseError('').message).toContain('it is empty');
    expect(parseError('duckdb:').message).toContain('path after "duckdb:" is empty');
    expect(parseError('duckdb://').message).toContain('path after "duckdb:" is empty');
    expect(parseError('./bars.csv').message).toContain('not a path ending in .duckdb or .db');
  });

  it('refuses PostgreSQL URLs with no host, a bad port or a nested database path, without leaking the password', () => {
    expect(parseError('postgres:///market').message).toContain('names no host');
    const badPort = parseError('postgres://u:topsecret@localhost:99999/market');
    expect(badPort.message).not.toContain('topsecret');
    expect(badPort.details).toEqual({ url: 'postgres://u:***@localhost:99999/market' });
    expect(parseError('postgres://localhost/a/b').message).toContain('one path segment expected');
  });
});
