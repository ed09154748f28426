import { performance } from 'node:perf_hooks';
import { isTickforgeError, TickforgeError, type Timeframe } from '../core/index.js';
import type { BarsFileResult } from '../data/BarsFileResult.js';
import { barsFileFormat, readBarsFiles } from '../data/readBarsFile.js';
import { validateBars, type ValidationPolicy } from '../data/validate/validateBars.js';
import type { ValidationReport } from '../data/validate/ValidationReport.js';
import type { Logger } from '../observe/logger.js';
import type { IngestMetrics } from '../observe/metrics.js';
import type { CandleStore, UpsertResult } from '../store/ports.js';

export interface IngestOptions {
  paths: readonly string[];
  symbol?: string;
  timeframe?: Timeframe | string;
  allowMissingVolume?: boolean;
  policy?: Partial<ValidationPolicy>;
  onProgress?: (event: IngestProgress) => void;
}

/** Progress of a multi-file ingest: bytes read over all files (compressed size for .gz). */
export interface IngestProgress {
  bytesRead: number;
  totalBytes: number;
  filesDone: number;
}

export interface IngestedSeries {
  file: string;
  symbol: string;
  timeframe: string;
  rowsRead: number;
  validation: ValidationReport;
  upsert: UpsertResult;
}

export interface IngestReport {
  files: number;
  rowsRead: number;
  series: IngestedSeries[];
}

/**
 * Reads each file, validates every series in it under the policy, and only when the whole
 * file passes upserts it: a refused file stores nothing, files before it stay stored (each
 * acknowledged), and a re-run after fixing it completes the ingest idempotently.
 */
export async function ingestFiles(
  store: CandleStore,
  options: IngestOptions,
  context: { logger: Logger; metrics?: IngestMetrics },
): Promise<IngestReport> {
  const report: IngestReport = { files: 0, rowsRead: 0, series: [] };
  for await (const file of readBarsFiles(options.paths, {
    symbol: options.symbol,
    timeframe: options.timeframe,
    allowMissingVolume: options.allowMissingVolume,
    onProgress: (bytesRead, totalBytes) => options.onProgress?.({ bytesRead, totalBytes, filesDone: report.files }),
  })) {
    const started = performance.now();
    const validated = validateFile(file, options.policy);
    const format = barsFileFormat(file.file) ?? 'csv';
    context.metrics?.fileSeconds.observe({ format }, (performance.now() - started) / 1000);
    context.metrics?.rowsRead.inc({ format }, file.rows);
    const results = await store.upsertMany(validated.map((v) => v.bars));
    for (let i = 0; i < validated.length; i++) {
      const { report: validation } = validated[i];
      const upsert = results[i];
      report.series.push({ file: file.file, symbol: upsert.symbol, timeframe: upsert.timeframe, rowsRead: file.tables[i].bars.length, validation, upsert });
      context.metrics?.barsStored.inc({ outcome: 'inserted' }, upsert.inserted);
      context.metrics?.barsStored.inc({ outcome: 'updated' }, upsert.updated);
      context.metrics?.barsStored.inc({ outcome: 'unchanged' }, upsert.unchanged);
      for (const [repair, rows] of Object.entries(validation.repairs)) {
        if (rows > 0) context.metrics?.repairs.inc({ repair }, rows);
      }
    }
    report.files++;
    report.rowsRead += file.rows;
    context.logger.info(
      { file: file.file, series: validated.length, rows: file.rows, inserted: sum(results, 'inserted'), updated: sum(results, 'updated') },
      'file ingested',
    );
  }
  return report;
}

/**
 * Validates every series of one file before anything is stored. Refusals are gathered so
 * the error shows the first problem in full and how many other series of the file fail too,
 * instead of making the user fix and re-run one symbol at a time.
 */
function validateFile(file: BarsFileResult, policy: Partial<ValidationPolicy> | undefined): ReturnType<typeof validateBars>[] {
  const options = { sessions: sharedCalendar(file) };
  const validated: ReturnType<typeof validateBars>[] = [];
  const refusals: TickforgeError[] = [];
  for (const table of file.tables) {
    try {
      validated.push(validateBars(table, policy, options));
    } catch (error) {
      if (!isTickforgeError(error)) throw error;
      refusals.push(error);
    }
  }
  if (refusals.length === 0) return validated;
  const [first] = refusals;
  if (refusals.length === 1) throw first;
  const others = refusals.slice(1).map((error) => `${String(error.details.symbol ?? '?')} (${error.code})`);
  const listed = others.slice(0, 20).join(', ') + (others.length > 20 ? `, and ${others.length - 20} more` : '');
  throw new TickforgeError(
    first.code,
    `${first.message}\n${refusals.length} series in ${file.file} were refused; the others: ${listed}. Nothing from this file was stored.`,
    { details: { ...first.details, refusedSeries: refusals.map((error) => ({ code: error.code, ...error.details })) } },
  );
}

/**
 * For a file of several daily series (an index's constituents), the union of their dates is
 * the trading calendar: gaps are then dates the others traded on, not exchange holidays.
 */
function sharedCalendar(file: BarsFileResult): Float64Array | undefined {
  if (file.tables.length < 2 || file.tables[0].bars.timeframe.code !== '1d') return undefined;
  const dates = new Set<number>();
  for (const table of file.tables) for (const time of table.bars.time) if (Number.isFinite(time)) dates.add(time);
  return Float64Array.from(dates).sort();
}

function sum(results: readonly UpsertResult[], key: 'inserted' | 'updated' | 'unchanged'): number {
  return results.reduce((total, result) => total + result[key], 0);
}
