import type { RepairSummary } from '../validate/ValidationReport.js';
import type { TimeSpan } from './missingSpans.js';

/**
 * What a sync did to one series. `current`: nothing was missing, no request was made;
 * `updated`: missing spans were fetched (some may remain as `gaps`); `failed`: a chunk failed
 * for good (`error`), the chunks before it are stored; `interrupted`: cancelled between chunks;
 * `skipped`: no provider is known for the series.
 */
export interface SeriesSyncReport {
  symbol: string;
  timeframe: string;
  source: string;
  status: 'current' | 'updated' | 'failed' | 'interrupted' | 'skipped';
  /** Provider requests made (each page of each chunk, retries included). */
  requests: number;
  /** Attempts repeated after a transient error (fetch or store). */
  retries: number;
  /** Chunks planned and chunks completed (fetched, validated, stored, recorded). */
  chunksPlanned: number;
  chunksDone: number;
  /** Bars the provider returned inside the asked ranges, before validation. */
  fetched: number;
  /** Bars not stored because they had not closed yet (the forming candle). */
  forming: number;
  /** Upsert outcome of the validated bars. */
  inserted: number;
  updated: number;
  unchanged: number;
  /** Repairs validation made under the configured policy (all zero under the default `error`). */
  repairs: RepairSummary;
  /** Expected bars the provider did not serve, as runs of open times; never interpolated. */
  gaps: TimeSpan[];
  missingBars: number;
  error?: { code: string; message: string };
}

export interface SyncReport {
  provider: string;
  timeframe: string;
  series: SeriesSyncReport[];
  requests: number;
  durationMs: number;
}

export interface SyncProgress {
  symbol: string;
  /** Chunks completed over all series of the run, and planned. */
  done: number;
  total: number;
}

export function emptyRepairs(): RepairSummary {
  return { sortedRows: 0, droppedInvalid: 0, fixedBounds: 0, keptInvalid: 0, droppedDuplicates: 0 };
}
