import { describe, expect, it } from 'vitest';
import { syntheticBacktest } from '../../test/syntheticBacktest.js';
import { computeMetrics } from '../backtest/metrics/computeMetrics.js';
import { backtestReport, defaultRollingWindow } from './backtestReport.js';

describe('backtestReport', () => {
  it('rolls over six months of returns, or a third of a short curve, never fewer than two', () => {
    expect(defaultRollingWindow(750, 365)).toBe(183);
    expect(defaultRollingWindow(1000, 252)).toBe(126);
    expect(defaultRollingWindow(100, 252)).toBe(33);
    expect(defaultRollingWindow(3, 252)).toBe(2);
  });

  it('computes the analytics once from the curve and the trades, or takes metrics already computed', () => {
    const sample = syntheticBacktest(200, 4);
    const report = backtestReport({ title: 't', curve: sample.curve, trades: sample.trades, periodsPerYear: 365, initialCapital: 120_000, rollingWindow: 20 });
    expect(report.metrics.startingEquity).toBe(120_000);
    // Seeded with the capital before bar 0, the drawdown starts below the 120,000 peak.
    expect(report.drawdown[0]).toBeCloseTo(1 - sample.curve.equity[0] / 120_000, 12);
    expect(report.rolling.sharpeRatio.slice(0, 20).every(Number.isNaN)).toBe(true);
    expect(Number.isFinite(report.rolling.sharpeRatio[20])).toBe(true);
    expect(report.attribution.strategy.reduce((sum, row) => sum + row.trades, 0)).toBe(sample.trades.length);
    expect(report.benchmarkLabel).toBe('benchmark');
    const metrics = computeMetrics({ curve: sample.curve, trades: [], periodsPerYear: 252 });
    expect(backtestReport({ title: 't', curve: sample.curve, trades: sample.trades, periodsPerYear: 365, metrics }).metrics).toBe(metrics);
  });
});
