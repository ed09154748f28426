import { TickforgeError } from '../core/index.js';

/** Where the embedded store lives unless the user says otherwise (relative to the working directory). */
export const defaultStoreUrl = 'duckdb:./.tickforge/tickforge.duckdb';

/** An in-process DuckDB database that vanishes on close (tests, throwaway runs). */
export const inMemoryPath = ':memory:';

/** Where the PostgreSQL store keeps its tables unless the URL says `?schema=<name>`. */
export const defaultPostgresSchema = 'public';

/**
 * Lower-case unquoted-identifier characters only, so the name needs no escaping wherever it goes
 * (SQL, the `options` startup parameter) and means the same quoted or not in psql.
 */
const schemaNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;

export type StoreLocation =
  | { kind: 'duckdb'; path: string; redacted: string }
  | {
      kind: 'postgres';
      url: string;
      redacted: string;
      /** `url` without tickforge's own `schema` parameter: what the PostgreSQL client receives. */
      connectionString: string;
      /** The schema that holds tickforge's tables (`?schema=<name>`, default `public`). */
      schema: string;
    };

const acceptedForms = [
  'duckdb:<path> (e.g. duckdb:./.tickforge/tickforge.duckdb)',
  'duckdb://<path> (e.g. duckdb:///var/data/tickforge.duckdb for an absolute path)',
  'duckdb::memory: (in-memory, nothing is kept)',
  'a bare file path ending in .duckdb or .db',
  'postgres://user:password@host:5432/database[?schema=<name>] (or postgresql://)',
].join('; ');

function invalid(url: string, why: string): TickforgeError {
  return new TickforgeError(
    'TF_ERR_STORE_URL_INVALID',
    `Store URL "${redactLoosely(url)}" is not usable: ${why}. Accepted forms: ${acceptedForms}. Set it with --store or store.url in tickforge.yaml.`,
    { details: { url: redactLoosely(url) } },
  );
}

/**
 * Parses a store URL into the adapter kind and its location.
 * @throws TF_ERR_STORE_URL_INVALID naming the URL (password hidden) and the accepted forms.
 */
export function parseStoreUrl(url: string): StoreLocation {
  const text = url.trim();
  if (text === '') throw invalid(url, 'it is empty');
  if (text.includes('\0')) throw invalid(url, 'it contains a NUL character');

  const lower = text.toLowerCase();
  if (lower.startsWith('postgres://') || lower.startsWith('postgresql://')) return parsePostgres(text);

  if (lower.startsWith('duckdb:')) {
    let path = text.slice('duckdb:'.length);
    // `duckdb://x` means the path `x`; `duckdb:///abs` keeps its leading slash.
    if (path.startsWith('//')) path = path.slice(2);
    if (path === '' || path.trim() === '') throw invalid(url, 'the path after "duckdb:" is empty');
    if (path === inMemoryPath) return { kind: 'duckdb', path: inMemoryPath, redacted: `duckdb:${inMemoryPath}` };
    return { kind: 'duckdb', path, redacted: `duckdb:${path}` };
  }

  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (scheme !== null) throw invalid(url, `the scheme "${scheme[1]}" is not supported`);
  if (/\.(duckdb|db)$/i.test(text)) return { kind: 'duckdb', path: text, redacted: `duckdb:${text}` };
  throw invalid(url, 'it has no known scheme and is not a path ending in .duckdb or .db');
}

function parsePostgres(text: string): StoreLocation {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw invalid(text, 'it is not a well-formed URL (check for unescaped "@", "/" or ":" in the password; percent-encode them)');
  }
  const socketHost = parsed.searchParams.get('host');
  if (parsed.hostname === '' && (socketHost === null || socketHost === '')) {
    throw invalid(text, 'it names no host');
  }
  if (parsed.port !== '') {
    const port = Number(parsed.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalid(text, `port ${parsed.port} is outside 1..65535`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (database.includes('/')) throw invalid(text, `"${database}" is not a database name (one path segment expected)`);
  const schemas = parsed.searchParams.getAll('schema');
  if (schemas.length > 1) throw invalid(text, 'it gives "schema" more than once');
  const schema = schemas[0] ?? defaultPostgresSchema;
  if (!schemaNamePattern.test(schema)) {
    throw invalid(text, `schema "${schema}" is not a plain lower-case identifier (a-z, 0-9 and "_", not starting with a digit, at most 63 characters)`);
  }
  let connectionString = text;
  if (schemas.length > 0) {
    const connection = new URL(parsed.href);
    connection.searchParams.delete('schema');
    // An emptied query would leave a bare "?" behind.
    connectionString = connection.href.replace(/\?$/, '');
  }
  return { kind: 'postgres', url: text, redacted: redactPostgres(parsed), connectionString, schema };
}

function redactPostgres(parsed: URL): string {
  const copy = new URL(parsed.href);
  if (copy.password !== '') copy.password = '***';
  if (copy.searchParams.has('password')) copy.searchParams.set('password', '***');
  return copy.href;
}

/** Hides anything that looks like a password, also in URLs too broken to parse. */
function redactLoosely(text: string): string {
  return text
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@]*@/i, '$1:***@')
    .replace(/([?&]password=)[^&]*/i, '$1***');
}
