import { setTimeout as delay } from 'node:timers/promises';
import { Redis, type RedisOptions } from 'ioredis';
import { TickforgeError } from '../../core/errors.js';
import type { Logger } from '../../observe/logger.js';
import { CircuitBreaker, type CircuitState } from './CircuitBreaker.js';

export interface RedisConnectionOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://...`; default `redis://127.0.0.1:6379`. */
  url?: string;
  /** Logical database; wins over the URL's. */
  db?: number;
  logger: Logger;
  /** A command without a reply after this long fails (and counts against the breaker); default 75 ms. */
  commandTimeoutMs?: number;
  /** How long one connection attempt may take; default 1,000 ms. */
  connectTimeoutMs?: number;
  /** Reconnections a command in flight survives before it fails; default 1. */
  maxRetriesPerRequest?: number;
  /** Reconnect backoff: 50 ms doubling per attempt up to this, plus up to 50 ms jitter; default 2,000 ms. */
  reconnectMaxDelayMs?: number;
  /** Consecutive failures or timeouts that open the breaker; default 5. */
  failureThreshold?: number;
  /** How long the open breaker skips Redis before one probe; default 2,000 ms. */
  cooldownMs?: number;
  /** Breaker state changes, for metrics (the breaker logs them itself). */
  onStateChange?: (state: CircuitState, previous: CircuitState) => void;
  /** Shown in CLIENT LIST; default `tickforge`. */
  connectionName?: string;
  now?: () => number;
}

export type RedisOutcome<T> = { ok: true; value: T } | { ok: false; skipped: boolean; error?: unknown };

const skipped: RedisOutcome<never> = { ok: false, skipped: true };

/** Server replies that mean "not now" rather than "your command is wrong". */
const unavailableReplies = /^(LOADING|BUSY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|READONLY|NOREPLICAS)\b/;

/**
 * One ioredis client behind a circuit breaker, shared by the L2 tier, the lock and the bus of a
 * process. Commands never queue while Redis is away (offline queue off): they fail at once, or
 * after `commandTimeoutMs` when Redis hangs, and after `failureThreshold` such failures the
 * breaker stops calling Redis at all for `cooldownMs`. ioredis reconnects in the background
 * with backoff; the breaker's probe finds out when it is back. Nothing here throws to callers:
 * `run` returns an outcome.
 */
export class RedisConnection {
  readonly client: Redis;
  readonly breaker: CircuitBreaker;
  /** `host:port/db`, for logs (never the password). */
  readonly address: string;
  private readonly logger: Logger;
  private readonly options: RedisConnectionOptions;
  private connecting: Promise<boolean> | undefined;
  private lostLogged = false;
  private closed = false;
  private users = 0;

  constructor(options: RedisConnectionOptions) {
    this.options = options;
    this.logger = options.logger;
    const settings = redisSettings(options);
    this.client = new Redis(settings);
    this.address = `${settings.host ?? '127.0.0.1'}:${settings.port ?? 6379}/${settings.db ?? 0}`;
    this.breaker = new CircuitBreaker({
      name: `redis ${this.address}`,
      failureThreshold: options.failureThreshold ?? 5,
      cooldownMs: options.cooldownMs ?? 2_000,
      logger: options.logger,
      onStateChange: options.onStateChange,
      now: options.now,
    });
    // Without a listener ioredis prints every failed reconnection to the console.
    this.client.on('error', (error: Error) => {
      if (this.lostLogged) {
        this.logger.debug({ err: error, redis: this.address }, 'redis connection error');
      } else {
        this.lostLogged = true;
        this.logger.warn({ err: error, redis: this.address }, `redis ${this.address}: ${error.message}; the cache carries on without L2 and reconnects in the background`);
      }
    });
    this.client.on('ready', () => {
      if (this.lostLogged) this.logger.info({ redis: this.address }, `redis ${this.address}: connected again`);
      this.lostLogged = false;
    });
  }

  /** Connects (if not already) and resolves true when Redis answers; never rejects. */
  connect(): Promise<boolean> {
    if (this.client.status === 'ready') return Promise.resolve(true);
    if (this.client.status !== 'wait') return Promise.resolve(false);
    this.connecting ??= this.client.connect().then(
      () => true,
      (error: unknown) => {
        this.logger.debug({ err: error, redis: this.address }, 'redis connect failed');
        return false;
      },
    );
    return this.connecting;
  }

  state(): CircuitState {
    return this.breaker.state();
  }

  /**
   * Runs `operation` unless the breaker is open. Outage failures (no connection, timeout,
   * LOADING...) count against the breaker; a command error from a healthy server does not.
   */
  async run<T>(operation: (client: Redis) => Promise<T>): Promise<RedisOutcome<T>> {
    if (this.closed || !this.breaker.tryAcquire()) return skipped;
    // The first call connects, waiting no longer than a command would.
    if (this.client.status === 'wait') await Promise.race([this.connect(), delay(this.options.commandTimeoutMs ?? 75, undefined, { ref: false })]);
    try {
      const value = await operation(this.client);
      this.breaker.recordSuccess();
      return { ok: true, value };
    } catch (error) {
      if (isOutage(error)) this.breaker.recordFailure(error);
      else this.breaker.recordSuccess();
      return { ok: false, skipped: false, error };
    }
  }

  /** A new client with the same settings (a pub/sub subscriber needs a connection of its own). */
  duplicate(connectionName: string, overrides: Partial<RedisOptions> = {}): Redis {
    const client = new Redis({ ...redisSettings(this.options), connectionName, ...overrides });
    client.on('error', (error: Error) => this.logger.debug({ err: error, redis: this.address, connection: connectionName }, 'redis connection error'));
    return client;
  }

  /** A user (tier, bus) that closes the connection when it is the last one to let go. */
  retain(): void {
    this.users++;
  }

  async release(): Promise<void> {
    if (--this.users <= 0) await this.close();
  }

  /** Closes at once, whoever still uses it (their calls become misses and no-ops). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await closeClient(this.client);
  }
}

/** QUIT when connected (pending replies arrive), otherwise drop the socket and stop reconnecting. */
export async function closeClient(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    await client.quit().catch(() => client.disconnect());
  } else {
    client.disconnect();
  }
}

export function isOutage(error: unknown): boolean {
  if (!(error instanceof Error)) return true;
  if (error.name === 'ReplyError') return unavailableReplies.test(error.message);
  return true;
}

function redisSettings(options: RedisConnectionOptions): RedisOptions {
  let url: URL;
  try {
    url = new URL(options.url ?? 'redis://127.0.0.1:6379');
  } catch (error) {
    throw new TickforgeError('TF_ERR_CONFIG_INVALID', 'The Redis URL is not a URL; write it as redis://host:6379/0.', { cause: error });
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new TickforgeError('TF_ERR_CONFIG_INVALID', `The Redis URL must start with redis:// or rediss://, not ${url.protocol}//; write it as redis://host:6379/0.`, {
      details: { protocol: url.protocol },
    });
  }
  const pathDb = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  const maxDelay = options.reconnectMaxDelayMs ?? 2_000;
  return {
    host: url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: url.port === '' ? 6379 : Number(url.port),
    username: url.username === '' ? undefined : decodeURIComponent(url.username),
    password: url.password === '' ? undefined : decodeURIComponent(url.password),
    db: options.db ?? (Number.isInteger(pathDb) ? pathDb : 0),
    tls: url.protocol === 'rediss:' ? {} : undefined,
    connectionName: options.connectionName ?? 'tickforge',
    lazyConnect: true,
    enableOfflineQueue: false,
    // Off: it defers every command by a setImmediate (~20 µs on a 60 KB read); the tier batches
    // its own reads into MGETs, and commands sent without waiting for replies pipeline anyway.
    enableAutoPipelining: false,
    maxRetriesPerRequest: options.maxRetriesPerRequest ?? 1,
    commandTimeout: options.commandTimeoutMs ?? 75,
    connectTimeout: options.connectTimeoutMs ?? 1_000,
    // Reconnect for ever: the breaker, not the client, decides when the cache stops waiting.
    retryStrategy: (attempt: number) => Math.min(50 * 2 ** Math.min(attempt - 1, 16), maxDelay) + Math.floor(Math.random() * 50),
  };
}
