import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../backtest/metrics/computeMetrics.js';
import type { PerformanceMetrics } from '../backtest/metrics/PerformanceMetrics.js';
import { formatMetric, rankedTable, rankRuns, type RankedRun } from './rankedTable.js';

const flat = computeMetrics({ curve: { time: Float64Array.of(0, 86_400_000), equity: Float64Array.of(100, 100), exposure: Float64Array.of(0, 0) }, trades: [], periodsPerYear: 252 });
const metrics = (fields: Partial<PerformanceMetrics>): PerformanceMetrics => ({ ...flat, ...fields });

const runs: RankedRun[] = [
  { strategy: 'sma', symbol: 'AAPL', metrics: metrics({ totalReturn: 0.12, compoundAnnualGrowthRate: 0.06, sharpeRatio: 0.8, sortinoRatio: 1.1, maxDrawdown: 0.15, winRate: 0.5, profitFactor: 1.4, tradeCount: 12, omegaRatio: 1.3 }) },
  { strategy: 'rsi', symbol: 'MSFT', metrics: metrics({ totalReturn: 0, compoundAnnualGrowthRate: 0, sharpeRatio: NaN, sortinoRatio: NaN, maxDrawdown: 0, winRate: NaN, profitFactor: NaN, tradeCount: 0, omegaRatio: NaN }) },
  { strategy: 'macd', symbol: 'AAPL', metrics: metrics({ totalReturn: 0.3, compoundAnnualGrowthRate: 0.14, sharpeRatio: 1.25, sortinoRatio: 2, maxDrawdown: 0.1, winRate: 0.6, profitFactor: 2.1, tradeCount: 30, omegaRatio: 1.9 }) },
];

describe('rankedTable', () => {
  it('ranks by Sharpe by default, highest first, a NaN last, as an aligned text table', () => {
    expect(rankedTable(runs).split('\n')).toEqual([
      'Ranked by sharpeRatio (highest first)',
      '#  strategy  symbol  return    CAGR  Sharpe  Sortino  max DD  win rate    PF  trades',
      '-  --------  ------  ------  ------  ------  -------  ------  --------  ----  ------',
      '1  macd      AAPL    30.00%  14.00%    1.25     2.00  10.00%    60.00%  2.10      30',
      '2  sma       AAPL    12.00%   6.00%    0.80     1.10  15.00%    50.00%  1.40      12',
      '3  rsi       MSFT     0.00%   0.00%       -        -   0.00%         -     -       0',
    ]);
  });

  it('ranks drawdown lowest first, appends a ranking metric that is not shown, and says how many rows the limit hid', () => {
    expect(rankRuns(runs, { by: 'maxDrawdown' }).map((run) => run.strategy)).toEqual(['rsi', 'macd', 'sma']);
    expect(rankRuns(runs, { by: 'maxDrawdown', descending: true }).map((run) => run.strategy)).toEqual(['sma', 'macd', 'rsi']);
    const lines = rankedTable(runs.map(({ strategy, metrics }) => ({ strategy, metrics })), { by: 'omegaRatio', limit: 2 }).split('\n');
    expect(lines[0]).toBe('Ranked by omegaRatio (highest first)');
    expect(lines[1]).toBe('#  strategy  return    CAGR  Sharpe  Sortino  max DD  win rate    PF  trades  omegaRatio');
    expect(lines[3]).toBe('1  macd      30.00%  14.00%    1.25     2.00  10.00%    60.00%  2.10      30        1.90');
    expect(lines.at(-1)).toBe('... 1 more not shown');
  });

  it('breaks ties by strategy then symbol, so the order does not depend on the input order', () => {
    const tied = [
      { strategy: 'b', symbol: 'Y', metrics: metrics({ sharpeRatio: 1 }) },
      { strategy: 'a', symbol: 'Z', metrics: metrics({ sharpeRatio: 1 }) },
      { strategy: 'a', symbol: 'X', metrics: metrics({ sharpeRatio: 1 }) },
    ];
    expect(rankRuns(tied).map((run) => `${run.strategy}/${run.symbol}`)).toEqual(['a/X', 'a/Z', 'b/Y']);
    expect(rankRuns([...tied].reverse()).map((run) => `${run.strategy}/${run.symbol}`)).toEqual(['a/X', 'a/Z', 'b/Y']);
  });

  it('formats each kind of metric by what it measures', () => {
    expect(formatMetric('netProfit', -1234.5)).toBe('-1,234.50');
    expect(formatMetric('valueAtRisk95', -0.0213)).toBe('-2.13%');
    expect(formatMetric('longestDrawdownDurationMs', 12 * 86_400_000)).toBe('12 days');
    expect(formatMetric('losingTrades', 1200)).toBe('1,200');
    expect(formatMetric('tailRatio', NaN)).toBe('-');
  });
});
