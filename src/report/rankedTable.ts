import type { PerformanceMetrics } from '../backtest/metrics/PerformanceMetrics.js';
import { formatAmount, formatCount, formatDuration, formatPercent, formatRatio, formatTime } from './formatNumbers.js';

/** One backtest among many: a strategy over one symbol, or over its whole universe (no symbol). */
export interface RankedRun {
  strategy: string;
  symbol?: string;
  metrics: PerformanceMetrics;
}

/** A numeric field of `PerformanceMetrics` that runs can be ranked by. */
export type RankMetric = { [K in keyof PerformanceMetrics]-?: PerformanceMetrics[K] extends number ? K : never }[keyof PerformanceMetrics];

/** Metrics where less is better (risk, costs, time under water): ranked lowest first by default. */
export const lowerIsBetter: ReadonlySet<RankMetric> = new Set<RankMetric>([
  'maxDrawdown', 'maxDrawdownDurationBars', 'maxDrawdownDurationMs', 'longestDrawdownDurationBars', 'longestDrawdownDurationMs',
  'annualVolatility', 'totalFees', 'totalSlippage', 'totalFunding', 'grossLoss',
]);

export interface RankOptions {
  /** Default 'sharpeRatio'. */
  by?: RankMetric;
  /** Highest first; default true, except for the metrics in `lowerIsBetter`. */
  descending?: boolean;
  /** Print only the best this many (the table says how many more there are). */
  limit?: number;
}

const percentMetrics = new Set<string>([
  'totalReturn', 'compoundAnnualGrowthRate', 'annualVolatility', 'maxDrawdown', 'winRate', 'averageExposure', 'timeInMarket',
  'valueAtRisk95', 'valueAtRisk99', 'expectedShortfall95', 'expectedShortfall99', 'riskFreeRate',
]);
const amountMetrics = new Set<string>([
  'startingEquity', 'endingEquity', 'netProfit', 'grossProfit', 'grossLoss', 'expectancy', 'averageWin', 'averageLoss',
  'totalFees', 'totalSlippage', 'totalFunding', 'tradedNotional',
]);
const countMetrics = new Set<string>(['bars', 'periods', 'tradeCount', 'winningTrades', 'losingTrades', 'maxDrawdownDurationBars', 'longestDrawdownDurationBars', 'ruinIndex']);

/** A metric's value as the reports print it, chosen by what the field measures. */
export function formatMetric(metric: RankMetric, value: number): string {
  if (percentMetrics.has(metric)) return formatPercent(value);
  if (amountMetrics.has(metric)) return formatAmount(value);
  if (countMetrics.has(metric)) return formatCount(value);
  if (metric.endsWith('Ms')) return formatDuration(value);
  if (metric === 'startTime' || metric === 'endTime') return formatTime(value);
  return formatRatio(value);
}

/**
 * The runs best first by one metric; runs where it is NaN (no trades, no drawdown) come last
 * whatever the direction, and ties keep a fixed order (strategy, then symbol) so the ranking
 * is the same on every machine.
 */
export function rankRuns(runs: readonly RankedRun[], options: RankOptions = {}): RankedRun[] {
  const by = options.by ?? 'sharpeRatio';
  const sign = (options.descending ?? !lowerIsBetter.has(by)) ? -1 : 1;
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...runs].sort((a, b) => {
    const x = a.metrics[by];
    const y = b.metrics[by];
    const xMissing = Number.isNaN(x);
    const yMissing = Number.isNaN(y);
    if (xMissing !== yMissing) return xMissing ? 1 : -1;
    return (xMissing || x === y ? 0 : sign * (x < y ? -1 : 1)) || text(a.strategy, b.strategy) || text(a.symbol ?? '', b.symbol ?? '');
  });
}

const shownColumns: ReadonlyArray<readonly [header: string, metric: RankMetric]> = [
  ['return', 'totalReturn'], ['CAGR', 'compoundAnnualGrowthRate'], ['Sharpe', 'sharpeRatio'], ['Sortino', 'sortinoRatio'],
  ['max DD', 'maxDrawdown'], ['win rate', 'winRate'], ['PF', 'profitFactor'], ['trades', 'tradeCount'],
];

/**
 * A ranking of many backtests (strategy x symbol, or strategies over a universe) as a
 * plain-text table: rank, strategy, symbol (when any run has one), the headline metrics, and
 * the ranking metric as the last column when it is not one of them. No trailing newline.
 */
export function rankedTable(runs: readonly RankedRun[], options: RankOptions = {}): string {
  const by = options.by ?? 'sharpeRatio';
  const descending = options.descending ?? !lowerIsBetter.has(by);
  const ranked = rankRuns(runs, { ...options, by, descending });
  const shown = ranked.slice(0, options.limit ?? ranked.length);
  const withSymbol = runs.some((run) => run.symbol !== undefined);
  const columns = shownColumns.some(([, metric]) => metric === by) ? shownColumns : [...shownColumns, [by, by] as const];
  const headers = ['#', 'strategy', ...(withSymbol ? ['symbol'] : []), ...columns.map(([header]) => header)];
  const leftAligned = withSymbol ? 3 : 2;
  const rows = shown.map((run, k) => [
    String(k + 1), run.strategy, ...(withSymbol ? [run.symbol ?? ''] : []), ...columns.map(([, metric]) => formatMetric(metric, run.metrics[metric])),
  ]);
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
  const line = (row: readonly string[]) =>
    row.map((cell, column) => (column > 0 && column < leftAligned ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd();
  const title = `Ranked by ${by} (${descending ? 'highest' : 'lowest'} first)`;
  const lines = [title, line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)];
  if (shown.length < ranked.length) lines.push(`... ${ranked.length - shown.length} more not shown`);
  return lines.join('\n');
}
