import type { Bars } from '../core/Bars.js';
import { attribution, type AttributionKey, type AttributionRow } from '../backtest/metrics/attribution.js';
import { computeMetrics } from '../backtest/metrics/computeMetrics.js';
import { drawdownSeries } from '../backtest/metrics/drawdownSeries.js';
import { monthlyReturns, type MonthlyReturn } from '../backtest/metrics/monthlyReturns.js';
import type { PerformanceMetrics } from '../backtest/metrics/PerformanceMetrics.js';
import { rollingMetrics, type RollingMetrics } from '../backtest/metrics/rollingMetrics.js';
import type { EquityCurve, Trade } from '../backtest/Trade.js';

export interface BacktestReportInput {
  /** The page's heading and the JSON's `title`, e.g. "sma-cross on AAPL 1d". */
  title: string;
  curve: EquityCurve;
  trades: readonly Trade[];
  /** The price series the trades were made on, one per symbol, for the trade markers. */
  bars?: readonly Bars[];
  /** Benchmark equity on the curve's clock (e.g. buy and hold of the same symbols). */
  benchmark?: Float64Array;
  /** What the benchmark is, for legends and labels; default "benchmark". */
  benchmarkLabel?: string;
  /** Bars per year of the curve's clock (252 daily stocks, 365 daily crypto): see docs/metrics.md. */
  periodsPerYear: number;
  /** Annual; default 0. */
  riskFreeRate?: number;
  /** The account before bar 0, when `curve.equity[0]` is already after the first bar's trading. */
  initialCapital?: number;
  /** Returns per rolling window; default `defaultRollingWindow`. */
  rollingWindow?: number;
  /** Metrics already computed for this curve (a sweep has them); computed here otherwise. */
  metrics?: PerformanceMetrics;
}

/** Everything the renderers draw, computed once: `backtestJson`, `renderBacktestHtml` and `backtestSummaryTable` read it. */
export interface BacktestReport {
  title: string;
  curve: EquityCurve;
  trades: readonly Trade[];
  bars: readonly Bars[];
  benchmark?: Float64Array;
  benchmarkLabel: string;
  periodsPerYear: number;
  riskFreeRate: number;
  initialCapital?: number;
  metrics: PerformanceMetrics;
  /** `drawdownSeries` of the curve (seeded with `initialCapital` when given): a positive fraction of the peak. */
  drawdown: Float64Array;
  rollingWindow: number;
  rolling: RollingMetrics;
  monthlyReturns: MonthlyReturn[];
  attribution: Record<AttributionKey, AttributionRow[]>;
}

/**
 * Six months of returns (pyfolio's rolling window), or a third of the curve's returns when the
 * curve is too short for that to leave much of a line; never below 2 (a sample deviation
 * needs two returns).
 */
export function defaultRollingWindow(bars: number, periodsPerYear: number): number {
  const halfYear = Math.max(2, Math.round(periodsPerYear / 2));
  const returns = bars - 1;
  return returns >= halfYear * 1.5 ? halfYear : Math.max(2, Math.floor(returns / 3));
}

/**
 * The analytics of one backtest in the shape the reports read. Throws what the metrics throw
 * (TF_ERR_BACKTEST_METRICS_INPUT, naming the bar or field) on a curve, a benchmark or a trade
 * they cannot use.
 */
export function backtestReport(input: BacktestReportInput): BacktestReport {
  const { curve, trades, benchmark, periodsPerYear, initialCapital } = input;
  const riskFreeRate = input.riskFreeRate ?? 0;
  const metrics = input.metrics ?? computeMetrics({ curve, trades, benchmark, periodsPerYear, riskFreeRate, initialCapital });
  const rollingWindow = input.rollingWindow ?? defaultRollingWindow(curve.equity.length, periodsPerYear);
  return {
    title: input.title,
    curve,
    trades,
    bars: input.bars ?? [],
    benchmark,
    benchmarkLabel: input.benchmarkLabel ?? 'benchmark',
    periodsPerYear,
    riskFreeRate,
    initialCapital,
    metrics,
    drawdown: drawdownSeries(curve.equity, initialCapital),
    rollingWindow,
    rolling: rollingMetrics(curve, rollingWindow, periodsPerYear, riskFreeRate),
    monthlyReturns: monthlyReturns(curve, initialCapital),
    attribution: { strategy: attribution(trades, 'strategy'), symbol: attribution(trades, 'symbol'), tag: attribution(trades, 'tag') },
  };
}
