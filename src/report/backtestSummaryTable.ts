import type { PerformanceMetrics } from '../backtest/metrics/PerformanceMetrics.js';
import { allMidnights, formatAmount, formatCount, formatDuration, formatPercent, formatRatio, formatTime, missingValue } from './formatNumbers.js';

export interface SummaryTableOptions {
  /** The line above the table; default "Backtest summary". */
  title?: string;
  /** What the benchmark is ("buy and hold"); default "benchmark". */
  benchmarkLabel?: string;
}

/** One line of the summary: a label and its formatted value. */
export type SummaryRow = readonly [label: string, value: string];

/**
 * The key metrics as label/value pairs, formatted for reading (returns, drawdowns, exposure and
 * alpha as percentages, ratios with two decimals, money with thousands separators, NaN as
 * `missingValue`). The terminal table and the HTML page print the same rows.
 */
export function summaryRows(metrics: PerformanceMetrics, options: SummaryTableOptions = {}): SummaryRow[] {
  const m = metrics;
  const rows: SummaryRow[] = [
    ['Starting equity', formatAmount(m.startingEquity)],
    ['Ending equity', formatAmount(m.endingEquity)],
    ['Total return', formatPercent(m.totalReturn)],
    ['CAGR', formatPercent(m.compoundAnnualGrowthRate)],
    ['Volatility (annual)', formatPercent(m.annualVolatility)],
    ['Sharpe ratio', formatRatio(m.sharpeRatio)],
    ['Sortino ratio', formatRatio(m.sortinoRatio)],
    ['Calmar ratio', formatRatio(m.calmarRatio)],
    ['Max drawdown', formatPercent(m.maxDrawdown)],
    ['Max drawdown duration', drawdownDuration(m)],
    ['Win rate', formatPercent(m.winRate)],
    ['Profit factor', formatRatio(m.profitFactor)],
    ['Expectancy', formatAmount(m.expectancy)],
    ['Trades', m.tradeCount > 0 ? `${formatCount(m.tradeCount)} (${formatCount(m.winningTrades)} won, ${formatCount(m.losingTrades)} lost)` : '0'],
    ['Exposure (average)', formatPercent(m.averageExposure)],
    ['Time in market', formatPercent(m.timeInMarket)],
    ['Fees', formatAmount(m.totalFees)],
    ['Slippage', formatAmount(m.totalSlippage)],
  ];
  if (m.totalFunding !== 0) rows.push(['Funding', formatAmount(m.totalFunding)]);
  if (m.benchmark !== undefined) {
    const label = options.benchmarkLabel ?? 'benchmark';
    rows.push([`Return of ${label}`, formatPercent(m.benchmark.totalReturn)], ['Alpha (annual)', formatPercent(m.benchmark.alpha)], ['Beta', formatRatio(m.benchmark.beta)]);
  }
  return rows;
}

/** What the metrics cover: "2020-01-02 to 2021-06-30 (1.49 years, 375 bars)". */
export function summaryPeriod(metrics: PerformanceMetrics): string {
  const intraday = !allMidnights([metrics.startTime, metrics.endTime]);
  return `${formatTime(metrics.startTime, intraday)} to ${formatTime(metrics.endTime, intraday)} (${formatRatio(metrics.years)} years, ${formatCount(metrics.bars)} bars)`;
}

function drawdownDuration(m: PerformanceMetrics): string {
  if (!(m.maxDrawdown > 0)) return missingValue;
  const bars = `${formatCount(m.maxDrawdownDurationBars)} bars`;
  const time = Number.isFinite(m.maxDrawdownDurationMs) ? `, ${formatDuration(m.maxDrawdownDurationMs)}` : '';
  return `${bars}${time}${m.maxDrawdownRecovered ? '' : ', not recovered'}`;
}

/**
 * The key metrics of one backtest as a plain-text table for a terminal: the title, the period,
 * a rule, then one metric a line with the labels left-aligned and the values right-aligned.
 * No trailing newline.
 */
export function backtestSummaryTable(metrics: PerformanceMetrics, options: SummaryTableOptions = {}): string {
  const rows = summaryRows(metrics, options);
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  const title = options.title ?? 'Backtest summary';
  const lines = rows.map(([label, value]) => `${label.padEnd(labelWidth)}  ${value.padStart(valueWidth)}`);
  const period = summaryPeriod(metrics);
  return [title, period, '-'.repeat(Math.max(title.length, period.length, labelWidth + 2 + valueWidth)), ...lines].join('\n');
}
