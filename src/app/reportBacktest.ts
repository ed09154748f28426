import type { StrategyBacktest } from '../backtest/backtestStrategy.js';
import type { Bars } from '../core/Bars.js';
import { backtestReport, type BacktestReport } from '../report/backtestReport.js';

/** The report object of a strategy's portfolio backtest: what the table, JSON and HTML read. */
export function reportBacktest(run: StrategyBacktest, universe: readonly Bars[], title?: string): BacktestReport {
  const parameters = Object.entries(run.parameters).map(([name, value]) => `${name}=${value}`).join(', ');
  return backtestReport({
    title: title ?? `${run.strategy}${parameters === '' ? '' : ` (${parameters})`} on ${universe.length === 1 ? universe[0].symbol : `${universe.length} symbols`}`,
    curve: run.result.curve,
    trades: run.result.trades,
    bars: universe,
    benchmark: run.benchmark,
    benchmarkLabel: 'buy and hold',
    periodsPerYear: run.periodsPerYear,
    initialCapital: run.initialCapital,
    metrics: run.metrics,
  });
}
