import { TickforgeError } from '../../core/index.js';

/** Socket-level failures before a session exists: nobody answers at that host and port. */
const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EADDRNOTAVAIL', 'ENOENT']);
/** Socket-level failures of an open session. */
const droppedCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
/** What pg says when a new connection runs out of time (no SQLSTATE, no errno). */
const connectTimeoutMessage = /Connection terminated due to connection timeout|timeout expired/i;
/** What pg-pool says when no pooled connection came free (or got connected) in time. */
const poolTimeoutMessage = /timeout exceeded when trying to connect/i;
/** What pg says when the socket closes under a session, or a session that already lost it is used. */
const droppedMessage = /Connection terminated|connection error and is not queryable|not queryable|Client was closed/i;

interface PgError {
  code?: unknown;
  message?: unknown;
  severity?: unknown;
}

function codeOf(error: unknown): string {
  const code = (error as PgError | undefined)?.code;
  return typeof code === 'string' ? code : '';
}

function messageOf(error: unknown): string {
  const message = (error as PgError | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
}

/**
 * True when the failure is the connection's, not the statement's: the session is gone
 * (terminated backend, server shutdown, reset socket), so the client must be discarded and
 * whatever transaction it held was rolled back by the server.
 */
export function isConnectionLost(error: unknown): boolean {
  if (error instanceof TickforgeError) return error.code === 'TF_ERR_STORE_CONNECTION_LOST';
  const code = codeOf(error);
  // Class 08 (connection exception), 57P01 admin shutdown (pg_terminate_backend), 57P02 crash shutdown.
  if (code.startsWith('08') || code === '57P01' || code === '57P02') return true;
  if (droppedCodes.has(code)) return true;
  return code === '' && droppedMessage.test(messageOf(error));
}

export interface ErrorContext {
  /** The store URL with its password redacted. */
  url: string;
  /** What was being done, for the message: "opening the store", "reading MSFT 1d", ... */
  operation: string;
  /** True while a connection was being opened (a drop then means nobody answers). */
  connecting: boolean;
}

/**
 * Turns a pg / socket error into the registry's store errors, naming the redacted URL (never the
 * password) and what to do. TickforgeErrors pass through. Returns undefined for statement-level
 * errors that the caller words itself (a failed write, a failed read).
 */
export function translateConnectionError(error: unknown, context: ErrorContext): TickforgeError | undefined {
  if (error instanceof TickforgeError) return error;
  const code = codeOf(error);
  const message = messageOf(error);
  const { url, operation } = context;
  const details = { url, sqlstate: /^[0-9A-Z]{5}$/.test(code) ? code : undefined, errno: /^E[A-Z]+$/.test(code) ? code : undefined };
  if (code === '28P01' || code === '28000') {
    return new TickforgeError(
      'TF_ERR_STORE_AUTH',
      `PostgreSQL store ${url} refused the login while ${operation}: ${message} (SQLSTATE ${code}). Check the user name and password in the URL (percent-encode special characters) and the server's pg_hba.conf.`,
      { cause: error, details },
    );
  }
  if (code === '3D000') {
    return new TickforgeError(
      'TF_ERR_STORE_DATABASE_MISSING',
      `PostgreSQL store ${url}: ${message} (SQLSTATE 3D000). Create it (e.g. createdb) or fix the database name in the URL given with --store or TICKFORGE_STORE_URL.`,
      { cause: error, details },
    );
  }
  const timedOut = code === '' && connectTimeoutMessage.test(message);
  const poolTimedOut = code === '' && poolTimeoutMessage.test(message);
  // 57P03: the server is starting up or shutting down and takes no new sessions yet.
  if (unreachableCodes.has(code) || timedOut || poolTimedOut || code === '57P03' || (context.connecting && isConnectionLost(error))) {
    const why = timedOut
      ? 'no answer within the connect timeout (store.postgres.connectionTimeoutMs)'
      : poolTimedOut
        ? 'no connection within store.postgres.connectionTimeoutMs (the server did not accept one in time, or all store.postgres.poolSize connections stayed busy)'
        : `${message}${code === '' ? '' : ` (${code})`}`;
    return new TickforgeError(
      'TF_ERR_STORE_UNREACHABLE',
      `PostgreSQL store ${url} cannot be reached while ${operation}: ${why}. Check that the server is running and that the host and port in the URL (--store or TICKFORGE_STORE_URL) are right and reachable from here.`,
      { cause: error, details },
    );
  }
  if (isConnectionLost(error)) {
    return new TickforgeError(
      'TF_ERR_STORE_CONNECTION_LOST',
      `The connection to PostgreSQL store ${url} was lost while ${operation}: ${message}${code === '' ? '' : ` (${code})`}. The server rolled back the transaction in flight, so nothing of it was written; retrying is safe (writes are idempotent).`,
      { cause: error, details },
    );
  }
  return undefined;
}

/** SQLSTATE 23505: a unique key already held the row (in the ingest: a concurrent writer got there first). */
export function isUniqueViolation(error: unknown): boolean {
  return codeOf(error) === '23505';
}

/** SQLSTATE 57014: the statement ran longer than statement_timeout (or was cancelled). */
export function isStatementTimeout(error: unknown): boolean {
  return codeOf(error) === '57014';
}

export function describePostgresError(error: unknown): string {
  const code = codeOf(error);
  const message = messageOf(error);
  const hint = isStatementTimeout(error) ? '; raise store.postgres.statementTimeoutMs (0 disables the limit) or read a shorter range' : '';
  return `${message}${/^[0-9A-Z]{5}$/.test(code) ? ` (SQLSTATE ${code})` : ''}${hint}`;
}
