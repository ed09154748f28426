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
    });
    expect(parseStoreUrl('postgresql://localhost/market')).toEqual({
      kind: 'postgres', url: 'postgresql://localhost/market', redacted: 'postgresql://localhost/market',
    });
  });

  it('hides a password given as a query parameter', () => {
    const parsed = parseStoreUrl('postgres://tick@localhost/market?password=s3cret&sslmode=require');
    expect(parsed.redacted).toBe('postgres://tick@localhost/market?password=***&sslmode=require');
    expect(parsed.redacted).not.toContain('s3cret');
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
