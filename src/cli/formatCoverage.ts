import { Timeframe } from '../core/Timeframe.js';
import { formatTime } from '../core/time.js';
import type { CoverageEntry } from '../store/ports.js';
import { formatTable } from './formatTable.js';

export function formatCoverage(entries: readonly CoverageEntry[]): string {
  if (entries.length === 0) return 'The store holds no bars. Run `tickforge ingest <file>` or `tickforge generate`.';
  const rows = entries.map((entry) => {
    const daily = Timeframe.parse(entry.timeframe).milliseconds >= 86_400_000;
    return [entry.symbol, entry.timeframe, formatTime(entry.first, daily), formatTime(entry.last, daily), entry.count, entry.gaps, entry.missingBars];
  });
  const bars = entries.reduce((total, entry) => total + entry.count, 0);
  const symbols = new Set(entries.map((entry) => entry.symbol)).size;
  return `${formatTable(['symbol', 'timeframe', 'first', 'last', 'bars', 'gaps', 'missing'], rows)}\n${symbols} symbols, ${entries.length} series, ${bars} bars`;
}
