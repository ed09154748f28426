import { errorDefinitions, formatTime, TickforgeError, type ErrorCode } from '../core/index.js';
import type { SyncReport } from '../data/sync/SyncReport.js';
import { formatTable } from './formatTable.js';

const gapsShown = 5;

/** The per-series table, then every failure, repair and unfilled gap spelled out. */
export function formatSyncReport(report: SyncReport): string {
  const rows = report.series.map((series) => {
    const repairs = Object.values(series.repairs).reduce((sum, count) => sum + count, 0);
    return [series.symbol, series.timeframe, series.source, series.status, series.requests, series.fetched, series.inserted + series.updated, series.unchanged, repairs, series.forming, series.missingBars];
  });
  const table = formatTable(['symbol', 'timeframe', 'source', 'status', 'requests', 'fetched', 'stored', 'unchanged', 'repaired', 'forming', 'missing'], rows);
  const details: string[] = [];
  for (const series of report.series) {
    const name = `${series.symbol} ${series.timeframe}`;
    if (series.error !== undefined) details.push(`${name} ${series.status}: ${series.error.code}: ${series.error.message}`);
    const repaired = Object.entries(series.repairs).filter(([, count]) => count > 0);
    if (repaired.length > 0) details.push(`${name} repairs: ${repaired.map(([kind, count]) => `${kind} ${count}`).join(', ')}`);
    if (series.retries > 0) details.push(`${name}: ${series.retries} retried attempts`);
    if (series.gaps.length > 0) {
      const shown = series.gaps.slice(0, gapsShown).map((gap) => (gap.from === gap.to ? formatTime(gap.from) : `${formatTime(gap.from)}..${formatTime(gap.to)}`));
      const more = series.gaps.length > gapsShown ? `, and ${series.gaps.length - gapsShown} more` : '';
      details.push(`${name}: the provider has no bars for ${series.missingBars} expected slots (not filled in): ${shown.join(', ')}${more}`);
    }
  }
  const stored = report.series.reduce((sum, series) => sum + series.inserted + series.updated, 0);
  const summary = `${report.series.length} series from ${report.provider}: ${report.requests} requests, ${stored} bars stored, ${(report.durationMs / 1000).toFixed(1)} s`;
  return [table, ...details, summary].join('\n\n');
}

/** An error for the exit code when any series failed: the first failure's code, all of them counted. */
export function failureOf(report: SyncReport): TickforgeError | undefined {
  const failed = report.series.filter((series) => series.status === 'failed' || series.status === 'interrupted');
  if (failed.length === 0) return undefined;
  const first = failed[0].error?.code;
  const code: ErrorCode = first !== undefined && first in errorDefinitions ? (first as ErrorCode) : 'TF_ERR_PROVIDER_FAILED';
  const names = failed.map((series) => `${series.symbol} ${series.timeframe}`).join(', ');
  return new TickforgeError(code, `${failed.length} of ${report.series.length} series did not complete (${names}); what was fetched before is stored, and running the same command again resumes.`, {
    details: { failed: names },
  });
}
