import { z } from 'zod';
import { timeframeCodes } from '../core/Timeframe.js';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The whole of `tickforge.yaml`. Every key has a default, so an empty file (or none) is a
 * working configuration on the embedded store. `.strict()` everywhere: a misspelt key is an
 * error that names it, not a setting silently ignored.
 */
export const configSchema = z
  .object({
    store: z
      .object({
        /** `duckdb:<path>`, `duckdb::memory:` or `postgres://user:password@host:port/db`. */
        url: z.string().min(1).default('duckdb:./.tickforge/tickforge.duckdb'),
        /** Connection pool of the PostgreSQL store; ignored by DuckDB. */
        postgres: z
          .object({
            poolSize: z.number().int().min(1).max(1000).default(10),
            /** A connection idle this long is closed. */
            idleTimeoutMs: z.number().int().min(0).default(30_000),
            /** Giving up on opening a connection after this long is an error naming the host. */
            connectionTimeoutMs: z.number().int().min(1).default(10_000),
            /** Server-side `statement_timeout` of every session; 0 disables it. */
            statementTimeoutMs: z.number().int().min(0).default(300_000),
            /** A connection is recycled (closed and replaced) after this many checkouts; 0 never. */
            maxUses: z.number().int().min(0).default(7_500),
            /** Shown in `pg_stat_activity`, so a DBA can tell tickforge's sessions apart. */
            applicationName: z.string().min(1).max(63).default('tickforge'),
            /** Bars per COPY + merge transaction during bulk ingest. */
            copyBatchBars: z.number().int().min(1_000).default(100_000),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    redis: z
      .object({
        /** Optional L2 cache and job queue; absent means in-process only. */
        url: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
      })
      .strict()
      .prefault({}),
    cache: z
      .object({
        /** L1, in this process: bounded by bytes; `hybrid` keeps frequently read keys through scans. */
        l1: z
          .object({
            maxBytes: z.number().int().min(1).default(256 * 1024 * 1024),
            policy: z.enum(['lru', 'lfu', 'hybrid']).default('hybrid'),
          })
          .strict()
          .prefault({}),
        /** L2, Redis at `redis.url` (absent: L1 and the store only). */
        l2: z
          .object({
            enabled: z.boolean().default(true),
            /** Key prefix; the codec version is appended, so a format change never reads old bytes. */
            namespace: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only').default('tickforge'),
            /** A Redis call slower than this counts as a failure for the circuit breaker. */
            commandTimeoutMs: z.number().int().min(1).default(200),
            /** Consecutive failures that open the breaker, and how long it stays open before probing. */
            breakerFailures: z.number().int().min(1).default(5),
            breakerCooldownMs: z.number().int().min(100).default(10_000),
          })
          .strict()
          .prefault({}),
        /** Default time to live per category (ms); bars follow their market's clock as well. */
        ttlMs: z
          .object({
            bars: z.number().int().min(1).default(7 * 86_400_000),
            indicators: z.number().int().min(1).default(3_600_000),
            forecasts: z.number().int().min(1).default(3_600_000),
            provider: z.number().int().min(1).default(300_000),
          })
          .strict()
          .prefault({}),
        /** Market of symbols not listed in `markets`: a symbol with `/` (BTC/USDT) is crypto, others this. */
        market: z.enum(['us-equity', 'crypto']).default('us-equity'),
        markets: z.record(z.string(), z.enum(['us-equity', 'crypto'])).default({}),
        /** Series `tickforge cache warm` (and long-running processes at start) load into the cache. */
        warm: z
          .object({
            symbols: z.array(z.string().min(1)).default([]),
            timeframe: z.enum(timeframeCodes).default('1d'),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    log: z
      .object({
        level: z.enum(logLevels).default('info'),
        /** `auto` is pretty on a TTY and JSON lines otherwise. */
        format: z.enum(['auto', 'json', 'pretty']).default('auto'),
      })
      .strict()
      .prefault({}),
    ingest: z
      .object({
        onInvalid: z.enum(['error', 'drop', 'fix', 'keep']).default('error'),
        onDuplicate: z.enum(['error', 'first', 'last']).default('error'),
        onUnsorted: z.enum(['error', 'sort']).default('error'),
      })
      .strict()
      .prefault({}),
    providers: z
      .object({
        /** Bars per fetch chunk: the unit that is fetched, validated, stored and recorded at once. */
        chunkSize: z.number().int().min(1).max(1_000_000).default(5_000),
        /** Symbols fetched at once (each provider's own concurrency limit applies on top). */
        symbolConcurrency: z.number().int().min(1).max(256).default(4),
        /** Attempts per chunk on transient errors (timeouts, 429, 5xx, dropped connections). */
        retries: z.number().int().min(0).max(50).default(5),
        /** First retry delay; doubles each attempt, with full jitter, up to `retryMaxMs`. */
        retryMinMs: z.number().int().min(0).default(500),
        retryMaxMs: z.number().int().min(0).default(30_000),
        /** Per-request timeout of the network providers. */
        timeoutMs: z.number().int().min(100).default(30_000),
        yahoo: z
          .object({
            /** `none`: prices as traded; `split`: split-adjusted; `all`: split- and dividend-adjusted. */
            adjustment: z.enum(['none', 'split', 'all']).default('split'),
            /** Send Yahoo requests to a mirror or proxy instead of Yahoo's hosts (`<baseUrl>/<host>/<path>`). */
            baseUrl: z.url().optional(),
          })
          .strict()
          .prefault({}),
        ccxt: z
          .object({
            /** Send exchange requests to a mirror or proxy: `https://api.x.com/p` becomes `<apiBaseUrl>/api.x.com/p`. */
            apiBaseUrl: z.url().optional(),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    sample: z
      .object({
        symbols: z.number().int().min(1).max(5000).default(8),
        years: z.number().positive().max(50).default(3),
        timeframe: z.enum(timeframeCodes).default('1d'),
        seed: z.number().int().default(42),
        market: z.enum(['equity', 'crypto']).default('equity'),
        /** Last day of the sample (ISO date). Fixed by default so `npm start` is reproducible. */
        end: z.iso.date().default('2025-12-31'),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type TickforgeConfig = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
