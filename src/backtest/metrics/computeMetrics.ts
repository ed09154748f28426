import { assertAbove, assertEquityCurve, assertStartingEquity, assertTrades } from './assertMetricsInput.js';
import { annualVolatility } from './annualVolatility.js';
import { benchmarkComparison } from './benchmarkComparison.js';
import { compoundAnnualGrowthRate, yearMs } from './compoundAnnualGrowthRate.js';
import { omegaRatio } from './omegaRatio.js';
import type { MetricsInput, PerformanceMetrics } from './PerformanceMetrics.js';
import { perPeriodRate } from './perPeriodRate.js';
import { returnsFromEquity, ruinIndex } from './returnsFromEquity.js';
import { sharpeRatio } from './sharpeRatio.js';
import { sortinoRatio } from './sortinoRatio.js';
import { quantileInPlace, selectInPlace } from './sampleStatistics.js';
import { tailRatioInPlace } from './tailRatio.js';
import { tradeStatistics } from './tradeStatistics.js';
import { underwaterPeriods, type UnderwaterPeriod } from './underwaterPeriods.js';
import { expectedShortfallInPlace } from './valueAtRisk.js';

/**
 * The performance of one backtest: return, risk and drawdown statistics of the equity curve,
 * trade statistics of the ledger, exposure and turnover, and, given a benchmark, the
 * comparison with it. Formulas and conventions: docs/metrics.md. Pure and deterministic; it
 * throws TF_ERR_BACKTEST_METRICS_INPUT on a curve it cannot read (a NaN names its bar) and
 * never on a legal but degenerate one (no trades, one bar, flat equity), where the undefined
 * values are NaN and `notes` says why.
 */
export function computeMetrics(input: MetricsInput): PerformanceMetrics {
  const { curve, trades, benchmark, periodsPerYear, initialCapital } = input;
  const riskFreeRate = input.riskFreeRate ?? 0;
  assertEquityCurve(curve);
  assertAbove('periodsPerYear', periodsPerYear, 0);
  assertAbove('riskFreeRate', riskFreeRate, -1);
  assertStartingEquity(initialCapital === undefined ? 'curve.equity[0]' : 'initialCapital', initialCapital ?? curve.equity[0]);
  assertTrades(trades);
  const { time, equity, exposure } = curve;
  const n = equity.length;
  const notes: string[] = [];

  const startingEquity = initialCapital ?? equity[0];
  const startTime = initialCapital === undefined ? time[0] : time[0] - medianStep(time);
  const endingEquity = equity[n - 1];
  const returns = returnsFromEquity(equity, initialCapital);
  // One reorderable copy serves every quantile and tail mean.
  const work = returns.slice();
  const riskFree = perPeriodRate(riskFreeRate, periodsPerYear);
  const durationMs = time[n - 1] - startTime;
  const cagr = compoundAnnualGrowthRate(startingEquity, endingEquity, durationMs);
  const ruin = ruinIndex(equity);

  const drawdown = drawdownSummary(equity, time, initialCapital, startTime);
  const trade = tradeStatistics(trades);
  let exposureSum = 0;
  let barsInMarket = 0;
  let equitySum = 0;
  // From ruin on nothing is the strategy's performance any more: its exposure counts as 0, as its returns do.
  const exposed = ruin >= 0 ? ruin : n;
  for (let i = 0; i < n; i++) {
    if (i < exposed) {
      exposureSum += exposure[i];
      if (exposure[i] > 0) barsInMarket++;
    }
    equitySum += equity[i];
  }
  const meanEquity = equitySum / n;

  const metrics: PerformanceMetrics = {
    startingEquity,
    endingEquity,
    startTime,
    endTime: time[n - 1],
    years: durationMs / yearMs,
    bars: n,
    periods: returns.length,
    periodsPerYear,
    riskFreeRate,
    totalReturn: endingEquity / startingEquity - 1,
    compoundAnnualGrowthRate: cagr,
    annualVolatility: annualVolatility(returns, periodsPerYear),
    sharpeRatio: sharpeRatio(returns, periodsPerYear, riskFree),
    sortinoRatio: sortinoRatio(returns, periodsPerYear, riskFree),
    calmarRatio: drawdown.maxDrawdown > 0 ? cagr / drawdown.maxDrawdown : NaN,
    omegaRatio: omegaRatio(returns, 0),
    tailRatio: tailRatioInPlace(work),
    valueAtRisk95: quantileInPlace(work, 0.05),
    valueAtRisk99: quantileInPlace(work, 0.01),
    expectedShortfall95: expectedShortfallInPlace(work, 0.05),
    expectedShortfall99: expectedShortfallInPlace(work, 0.01),
    ...drawdown,
    ...trade,
    averageExposure: exposureSum / n,
    timeInMarket: barsInMarket / n,
    turnover: meanEquity > 0 ? ((trade.tradedNotional / meanEquity) * periodsPerYear) / n : NaN,
    ruinIndex: ruin,
    notes,
  };
  if (benchmark !== undefined) metrics.benchmark = benchmarkComparison(curve, benchmark, periodsPerYear, riskFreeRate);
  explain(metrics, notes);
  if (ruin >= 0) notes.push(`The equity fell to ${equity[ruin]} at bar ${ruin} (ruin): later per-period returns and exposures count as 0, and CAGR is -1 if it ends at or below 0.`);
  return metrics;
}

interface DrawdownSummary {
  maxDrawdown: number;
  maxDrawdownDurationBars: number;
  maxDrawdownDurationMs: number;
  maxDrawdownRecovered: boolean;
  longestDrawdownDurationBars: number;
  longestDrawdownDurationMs: number;
}

/** Drawdowns of the curve, led by the starting capital when there is one, so a fall on bar 0 counts. */
function drawdownSummary(equity: Float64Array, time: Float64Array, initialCapital: number | undefined, startTime: number): DrawdownSummary {
  let periods: UnderwaterPeriod[];
  if (initialCapital === undefined) {
    periods = underwaterPeriods(equity, time);
  } else {
    const leadEquity = new Float64Array(equity.length + 1);
    const leadTime = new Float64Array(time.length + 1);
    leadEquity[0] = initialCapital;
    leadTime[0] = startTime;
    leadEquity.set(equity, 1);
    leadTime.set(time, 1);
    periods = underwaterPeriods(leadEquity, leadTime);
  }
  const summary: DrawdownSummary = {
    maxDrawdown: 0,
    maxDrawdownDurationBars: 0,
    maxDrawdownDurationMs: 0,
    maxDrawdownRecovered: true,
    longestDrawdownDurationBars: 0,
    longestDrawdownDurationMs: 0,
  };
  for (const period of periods) {
    if (period.depth > summary.maxDrawdown) {
      summary.maxDrawdown = period.depth;
      summary.maxDrawdownDurationBars = period.durationBars;
      summary.maxDrawdownDurationMs = period.durationMs;
      summary.maxDrawdownRecovered = period.recovered;
    }
    summary.longestDrawdownDurationBars = Math.max(summary.longestDrawdownDurationBars, period.durationBars);
    // NaN when the lead point has no time (one bar with initialCapital): unknown, not 0.
    summary.longestDrawdownDurationMs = Math.max(summary.longestDrawdownDurationMs, period.durationMs);
  }
  return summary;
}

/** The typical bar spacing: the median gap, so weekends and halts do not stretch it. NaN for one bar. */
function medianStep(time: Float64Array): number {
  if (time.length < 2) return NaN;
  const gaps = new Float64Array(time.length - 1);
  for (let i = 1; i < time.length; i++) gaps[i - 1] = time[i] - time[i - 1];
  // Selection, not a sort: a sweep computes this for every one of its thousands of runs.
  const middle = gaps.length >> 1;
  selectInPlace(gaps, middle);
  if (gaps.length % 2 === 1) return gaps[middle];
  let below = -Infinity;
  for (let i = 0; i < middle; i++) if (gaps[i] > below) below = gaps[i];
  return (below + gaps[middle]) / 2;
}

/** Words for the NaNs and the edge cases a reader should know about. */
function explain(m: PerformanceMetrics, notes: string[]): void {
  if (m.periods < 2) notes.push(`Only ${m.periods} per-period return(s): volatility, Sharpe, Sortino, Omega and alpha/beta need at least two and are NaN.`);
  else if (m.annualVolatility === 0) notes.push('The per-period returns never vary (flat or constant-growth equity): volatility is 0 and the Sharpe ratio is NaN.');
  else if (Number.isNaN(m.sortinoRatio)) notes.push('No period returned less than the risk-free rate: downside deviation is 0 and the Sortino ratio is NaN.');
  if (!(m.years > 0)) notes.push('The curve spans no time: CAGR and the Calmar ratio are NaN.');
  else if (m.maxDrawdown === 0) notes.push('The equity never fell below a previous high: the Calmar ratio is NaN.');
  if (m.tradeCount === 0) notes.push('No trades: win rate, profit factor, expectancy, average win/loss and holding times are NaN; counts and totals are 0.');
  else if (m.losingTrades === 0) notes.push('No losing trade: the profit factor and the win/loss ratio are NaN.');
  else if (m.winningTrades === 0) notes.push('No winning trade: the average win and the win/loss ratio are NaN.');
}
