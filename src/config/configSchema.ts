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
