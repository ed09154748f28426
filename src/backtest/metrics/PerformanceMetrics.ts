import type { EquityCurve, Trade } from '../Trade.js';
import type { BenchmarkComparison } from './benchmarkComparison.js';
import type { TradeStatistics } from './tradeStatistics.js';

export interface MetricsInput {
  curve: EquityCurve;
  trades: readonly Trade[];
  /** Benchmark equity on the curve's clock (one value per bar), e.g. buy and hold. */
  benchmark?: Float64Array;
  /** Bars per year of the curve's clock: 252 for daily stock bars, 365 for daily crypto, 8766 for hourly crypto (365.25 · 24). */
  periodsPerYear: number;
  /** Annual risk-free rate (0.04 = 4%), converted per period by compounding; default 0. */
  riskFreeRate?: number;
  /**
   * The account value before bar 0, when the curve's first point is already after bar 0's
   * trading: it becomes the base of the total return, of bar 0's return and of the first
   * drawdown peak, placed one typical bar (the median time step) before `curve.time[0]`.
   * Leave it out when `curve.equity[0]` is the starting capital.
   */
  initialCapital?: number;
}

/**
 * Everything `computeMetrics` measures, flat so a report can print it and a sweep can rank by
 * any field. Returns and drawdowns are fractions (0.12 = 12%); amounts are in the account
 * currency; a ratio whose denominator is 0 or undefined is NaN, never Infinity (JSON writes
 * NaN as null). `notes` says in words why a value is NaN.
 */
export interface PerformanceMetrics extends TradeStatistics {
  startingEquity: number;
  endingEquity: number;
  /** Time of the starting equity (one median bar before time[0] with `initialCapital`). */
  startTime: number;
  endTime: number;
  /** (endTime - startTime) / 365.25 days. */
  years: number;
  /** Points in the curve. */
  bars: number;
  /** Per-period returns the return statistics use (bars - 1, or bars with `initialCapital`). */
  periods: number;
  periodsPerYear: number;
  riskFreeRate: number;
  /** endingEquity / startingEquity - 1. */
  totalReturn: number;
  /** Calendar-time CAGR over startTime .. endTime (see `compoundAnnualGrowthRate`). */
  compoundAnnualGrowthRate: number;
  annualVolatility: number;
  sharpeRatio: number;
  sortinoRatio: number;
  /** compoundAnnualGrowthRate / maxDrawdown; NaN without a drawdown. */
  calmarRatio: number;
  /** At a threshold of 0 per period. */
  omegaRatio: number;
  tailRatio: number;
  /** Per-period return quantiles (negative = a loss) and the mean return beyond them. */
  valueAtRisk95: number;
  valueAtRisk99: number;
  expectedShortfall95: number;
  expectedShortfall99: number;
  /** Deepest fall from a running peak, a fraction of that peak (0 when none). */
  maxDrawdown: number;
  /** Peak to recovery of the deepest drawdown (to the last bar if it has not recovered); 0 when none. */
  maxDrawdownDurationBars: number;
  maxDrawdownDurationMs: number;
  maxDrawdownRecovered: boolean;
  /** The longest peak-to-recovery stretch of any drawdown, in bars and in time (each its own maximum). */
  longestDrawdownDurationBars: number;
  longestDrawdownDurationMs: number;
  /** Mean of curve.exposure (gross exposure over equity). */
  averageExposure: number;
  /** Share of bars with exposure > 0. */
  timeInMarket: number;
  /** tradedNotional / mean equity, per year: · periodsPerYear / bars. NaN if the mean equity is not positive. */
  turnover: number;
  /** First bar with equity at or below 0, or -1. */
  ruinIndex: number;
  benchmark?: BenchmarkComparison;
  notes: string[];
}
