import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../backtest/metrics/computeMetrics.js';
import type { PerformanceMetrics } from '../backtest/metrics/PerformanceMetrics.js';
import { backtestSummaryTable, summaryRows } from './backtestSummaryTable.js';

const day = 86_400_000;
const flat = computeMetrics({ curve: { time: Float64Array.of(0, day), equity: Float64Array.of(100, 100), exposure: Float64Array.of(0, 0) }, trades: [], periodsPerYear: 252 });

/** Every printed field set by hand; the rest come from a flat curve and are not printed. */
const metrics: PerformanceMetrics = {
  ...flat,
  startTime: Date.UTC(2021, 0, 4),
  endTime: Date.UTC(2022, 0, 3),
  years: 0.9966,
  bars: 252,
  startingEquity: 10_000,
  endingEquity: 12_345.678,
  totalReturn: 0.2345678,
  compoundAnnualGrowthRate: 0.23584,
  annualVolatility: 0.18,
  sharpeRatio: 1.234,
  sortinoRatio: NaN,
  calmarRatio: 2.5,
  maxDrawdown: 0.0943,
  maxDrawdownDurationBars: 37,
  maxDrawdownDurationMs: 51 * day,
  maxDrawdownRecovered: false,
  winRate: 0.55,
  profitFactor: 1.8,
  expectancy: 23.4567,
  tradeCount: 20,
  winningTrades: 11,
  losingTrades: 9,
  averageExposure: 0.5,
  timeInMarket: 0.75,
  totalFees: 1234.5,
  totalSlippage: 0.004,
  totalFunding: 0,
  benchmark: { totalReturn: 0.1, compoundAnnualGrowthRate: 0.1, maxDrawdown: 0.2, alpha: -0.012, beta: 0.95, correlation: 0.5, trackingError: 0.1, informationRatio: 0.3 },
};

describe('backtestSummaryTable', () => {
  it('prints percentages, ratios, amounts with separators and NaN as "-", labels left and values right', () => {
    expect(backtestSummaryTable(metrics, { title: 'Demo', benchmarkLabel: 'buy and hold' }).split('\n')).toEqual([
      'Demo',
      '2021-01-04 to 2022-01-03 (1.00 years, 252 bars)',
      '-------------------------------------------------------',
      'Starting equity                               10,000.00',
      'Ending equity                                 12,345.68',
      'Total return                                     23.46%',
      'CAGR                                             23.58%',
      'Volatility (annual)                              18.00%',
      'Sharpe ratio                                       1.23',
      'Sortino ratio                                         -',
      'Calmar ratio                                       2.50',
      'Max drawdown                                      9.43%',
      'Max drawdown duration   37 bars, 51 days, not recovered',
      'Win rate                                         55.00%',
      'Profit factor                                      1.80',
      'Expectancy                                        23.46',
      'Trades                              20 (11 won, 9 lost)',
      'Exposure (average)                               50.00%',
      'Time in market                                   75.00%',
      'Fees                                           1,234.50',
      'Slippage                                           0.00',
      'Return of buy and hold                           10.00%',
      'Alpha (annual)                                   -1.20%',
      'Beta                                               0.95',
    ]);
  });

  it('leaves out the benchmark rows without a benchmark, adds funding when paid, and shows no duration without a drawdown', () => {
    const rows = new Map(summaryRows({ ...metrics, benchmark: undefined, totalFunding: -12.5, maxDrawdown: 0, tradeCount: 0 }));
    expect(rows.has('Beta')).toBe(false);
    expect(rows.get('Funding')).toBe('-12.50');
    expect(rows.get('Max drawdown duration')).toBe('-');
    expect(rows.get('Trades')).toBe('0');
  });

  it('shows a recovered drawdown without a note, a short one in hours, and intraday periods with the time of day', () => {
    const rows = new Map(summaryRows({ ...metrics, maxDrawdownRecovered: true, maxDrawdownDurationBars: 6, maxDrawdownDurationMs: 6 * 3_600_000 }));
    expect(rows.get('Max drawdown duration')).toBe('6 bars, 6.0 hours');
    const table = backtestSummaryTable({ ...metrics, startTime: Date.UTC(2024, 2, 1, 13, 30), endTime: Date.UTC(2024, 2, 5, 20, 0) });
    expect(table.split('\n')[1]).toBe('2024-03-01 13:30 to 2024-03-05 20:00 (1.00 years, 252 bars)');
  });
});
