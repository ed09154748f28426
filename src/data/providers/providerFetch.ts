import { AsyncLocalStorage } from 'node:async_hooks';
import { runNow } from './ports.js';
import { parseRetryAfter } from './parseRetryAfter.js';

/**
 * The HTTP transport the network adapters hand to their libraries (ccxt's `fetchImplementation`,
 * yahoo-finance2's `fetch`). The libraries keep their own logic (URL building, signing, cookies,
 * parsing); this layer adds what the provider port asks of every request:
 *
 * - each HTTP request runs through the `schedule` of the fetch that caused it, found through an
 *   `AsyncLocalStorage` scope, so the manager's limiter and counter see every request, including
 *   the ones a library makes on its own (ccxt's market listing), and concurrent fetches on one
 *   provider each use their own schedule;
 * - the timeout clock starts when the scheduled request starts, not while it waits in the
 *   limiter's queue;
 * - 429 (and Binance's 418 ban) and 5xx become `ProviderHttpFailure('unavailable')` with the
 *   server's Retry-After, a body cut off in transit or JSON that does not parse becomes
 *   `ProviderHttpFailure('response')`, before a library can turn them into something vaguer;
 * - `baseUrl` sends `https://host/path` to `<baseUrl>/host/path` (a local replay server in tests,
 *   a mirror or proxy for users).
 */
export interface RequestScope {
  schedule: <T>(request: () => Promise<T>) => Promise<T>;
  signal?: AbortSignal;
  /** Told the status of each answer that got through, for errors a library reports without it. */
  onResponse?: (status: number) => void;
}

const scopes = new AsyncLocalStorage<RequestScope>();

/** Runs `work` so that every HTTP request it makes through a provider fetch uses `scope`. */
export function withRequestScope<T>(scope: RequestScope, work: () => Promise<T>): Promise<T> {
  return scopes.run(scope, work);
}

export type ProviderHttpFailureKind = 'unavailable' | 'response';

/** A failed HTTP exchange, before the adapter adds the symbol and time range to it. */
export class ProviderHttpFailure extends Error {
  constructor(
    readonly kind: ProviderHttpFailureKind,
    message: string,
    readonly url: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    // Not `AbortError`/`TimeoutError` and no string `code`: ccxt rethrows such errors untouched.
    this.name = 'ProviderHttpFailure';
  }
}

export interface ProviderFetchOptions {
  /** Milliseconds one request may take once it starts, from connect to the last body byte. */
  timeoutMs: number;
  /** When set, `https://host/path?q` is requested as `<baseUrl>/host/path?q`. */
  baseUrl?: string;
  /**
   * The base that URLs arrive already rebased onto (ccxt's `urls.api` are rewritten up front):
   * messages then name the original host rather than the mirror.
   */
  rebasedOnto?: string;
  /** Clock for Retry-After dates (ms since epoch). */
  now?: () => number;
}

export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Statuses whose body must be null when a Response is rebuilt. */
const nullBodyStatuses = new Set([101, 204, 205, 304]);

export function createProviderFetch(options: ProviderFetchOptions): FetchFunction {
  const now = options.now ?? Date.now;
  return (input, init = {}) => {
    const scope = scopes.getStore();
    const schedule = scope?.schedule ?? runNow;
    return schedule(async () => {
      scope?.signal?.throwIfAborted();
      const original = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const target = options.baseUrl === undefined ? original : rebaseUrl(original, options.baseUrl);
      const where = describeUrl(original, options.rebasedOnto);
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const signals = [timeout, init.signal, scope?.signal].filter((signal): signal is AbortSignal => signal instanceof AbortSignal);
      const signal = AbortSignal.any(signals);
      const failWithoutResponse = (error: unknown): never => {
        if (timeout.aborted) {
          throw new ProviderHttpFailure('unavailable', `no complete answer from ${where} within ${options.timeoutMs} ms`, original, undefined, undefined, { cause: error });
        }
        if (signal.aborted) throw error; // cancelled by the caller: not a provider failure
        throw new ProviderHttpFailure('unavailable', `network error reaching ${where}: ${causeText(error)}`, original, undefined, undefined, { cause: error });
      };
      let response: Response;
      try {
        response = await fetch(target, { ...init, signal });
      } catch (error) {
        return failWithoutResponse(error);
      }
      const { status } = response;
      scope?.onResponse?.(status);
      if (status === 429 || status === 418 || status >= 500) {
        await response.text().catch(() => '');
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
        const reason = status >= 500 ? 'server error' : 'rate limited';
        throw new ProviderHttpFailure('unavailable', `HTTP ${status} (${reason}) from ${where}`, original, status, retryAfterMs);
      }
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        if (timeout.aborted || signal.aborted) return failWithoutResponse(error);
        throw new ProviderHttpFailure('response', `the body from ${where} was cut off in transit (${causeText(error)})`, original, status, undefined, { cause: error });
      }
      const trimmed = text.trimStart();
      if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        try {
          JSON.parse(text);
        } catch (error) {
          throw new ProviderHttpFailure('response', `malformed or truncated JSON from ${where} (HTTP ${status}, ${text.length} characters: ${causeText(error)})`, original, status, undefined, { cause: error });
        }
      }
      return new Response(nullBodyStatuses.has(status) ? null : text, { status, statusText: response.statusText, headers: response.headers });
    });
  };
}

/** `https://api.example.com/v1/x?q=1` + `http://127.0.0.1:9000` -> `http://127.0.0.1:9000/api.example.com/v1/x?q=1`. */
export function rebaseUrl(url: string, baseUrl: string): string {
  const match = /^https?:\/\/(.*)$/i.exec(url);
  if (match === null) return url;
  return `${baseUrl.replace(/\/+$/, '')}/${match[1]}`;
}

/** Host and path, without the query (which may carry keys or signatures). */
function describeUrl(url: string, rebasedOnto: string | undefined): string {
  const base = rebasedOnto?.replace(/\/+$/, '');
  if (base !== undefined && url.startsWith(`${base}/`)) return url.slice(base.length + 1).split('?')[0];
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return url.split('?')[0];
  }
}

function causeText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
