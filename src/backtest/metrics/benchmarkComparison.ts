import type { EquityCurve } from '../Trade.js';
import { alphaBeta, correlation } from './alphaBeta.js';
import { assertAbove, assertBenchmark, assertEquityCurve, assertStartingEquity } from './assertMetricsInput.js';
import { compoundAnnualGrowthRate } from './compoundAnnualGrowthRate.js';
import { maxDrawdown } from './drawdownSeries.js';
import { informationRatio, trackingError } from './informationRatio.js';
import { perPeriodRate } from './perPeriodRate.js';
import { returnsFromEquity } from './returnsFromEquity.js';

/** The strategy beside a benchmark equity series (e.g. buy and hold) on the same clock. */
export interface BenchmarkComparison {
  /** benchmark[last] / benchmark[0] - 1. */
  totalReturn: number;
  /** Over the curve's calendar span, as the strategy's. */
  compoundAnnualGrowthRate: number;
  /** The benchmark's own deepest drawdown, a fraction of its peak. */
  maxDrawdown: number;
  /** CAPM intercept of per-bar excess returns, annualised by periodsPerYear (simple). */
  alpha: number;
  beta: number;
  /** Pearson correlation of the per-bar returns. */
  correlation: number;
  /** Annualised sample deviation of r - b. */
  trackingError: number;
  /** Annualised mean(r - b) / std(r - b). */
  informationRatio: number;
}

/**
 * The benchmark comparison of `computeMetrics`, over the per-bar returns of bars 1 .. n-1 of
 * both series (the strategy's return from `initialCapital` to bar 0 has no benchmark
 * counterpart, so it is left out here). `riskFreeRate` is annual; alpha and beta regress
 * excess returns over its per-period rate.
 */
export function benchmarkComparison(curve: EquityCurve, benchmark: Float64Array, periodsPerYear: number, riskFreeRate = 0): BenchmarkComparison {
  assertEquityCurve(curve);
  assertStartingEquity('curve.equity[0]', curve.equity[0]);
  assertBenchmark(benchmark, curve.equity.length);
  assertAbove('periodsPerYear', periodsPerYear, 0);
  assertAbove('riskFreeRate', riskFreeRate, -1);
  const n = benchmark.length;
  const strategyReturns = returnsFromEquity(curve.equity);
  const benchmarkReturns = returnsFromEquity(benchmark);
  const { alpha, beta } = alphaBeta(strategyReturns, benchmarkReturns, periodsPerYear, perPeriodRate(riskFreeRate, periodsPerYear));
  return {
    totalReturn: benchmark[n - 1] / benchmark[0] - 1,
    compoundAnnualGrowthRate: compoundAnnualGrowthRate(benchmark[0], benchmark[n - 1], curve.time[n - 1] - curve.time[0]),
    maxDrawdown: maxDrawdown(benchmark),
    alpha,
    beta,
    correlation: correlation(strategyReturns, benchmarkReturns),
    trackingError: trackingError(strategyReturns, benchmarkReturns, periodsPerYear),
    informationRatio: informationRatio(strategyReturns, benchmarkReturns, periodsPerYear),
  };
}
