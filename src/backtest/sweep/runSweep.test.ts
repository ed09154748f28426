import { describe, expect, it } from 'vitest';
import { closeBars } from '../../../test/handMadeBars.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { lowerIsBetter } from '../../report/rankedTable.js';
import { movingAverageCross } from '../../strategy/builtin/movingAverageCross.js';
import { runStrategy } from '../../strategy/runStrategy.js';
import type { Strategy } from '../../strategy/Strategy.js';
import { backtestStrategy } from '../backtestStrategy.js';
import { estimatePeriodsPerYear } from '../estimatePeriodsPerYear.js';
import { computeMetrics } from '../metrics/computeMetrics.js';
import { simulate } from '../simulator/simulate.js';
import { evaluatePoint, resolveSweepSettings } from './evaluatePoint.js';
import { gridPoints, parseGrid } from './parameterSpace.js';
import { runSweep, SweepMemos } from './runSweep.js';
import { lowerIsBetterMetrics, metricDirection, parseSweepMetric, sweepMetrics } from './sweepMetric.js';

const simulation = { fees: { rate: 0.001 }, slippage: { bps: 5 } };

describe('runSweep', () => {
  const bars = randomWalkBars(700, 5);

  it('gives every point exactly what a plain backtest of it alone gives, in the order of the points', () => {
    const points = gridPoints(parseGrid(movingAverageCross, 'fastPeriod=3:15:4,slowPeriod=20:60:20,direction=long|both,type=sma|ema'));
    const progress: number[] = [];
    const results = runSweep(movingAverageCross, [bars], points, { simulation, onProgress: (done) => progress.push(done) });
    expect(results.map((result) => result.parameters)).toEqual(points);
    expect(results.map((result) => result.index)).toEqual(points.map((_, k) => k));
    expect(progress).toEqual(points.map((_, k) => k + 1));
    const periodsPerYear = estimatePeriodsPerYear(bars.time, bars.timeframe);
    for (const result of results) {
      // No memo, no entry/exit arrays: the signals through the router, as `tickforge backtest` runs them.
      const alone = simulate({ symbols: [{ bars }], signals: runStrategy(movingAverageCross, bars, result.parameters) }, simulation);
      const expected = computeMetrics({ curve: alone.curve, trades: alone.trades, periodsPerYear });
      expect(result.metrics, JSON.stringify(result.parameters)).toEqual(expected);
      expect(result.series).toEqual([{ symbol: bars.symbol, metrics: expected }]);
      expect(result.score).toBe(expected.sharpeRatio);
    }
    expect(results.some((result) => result.metrics.tradeCount > 5)).toBe(true);
  });

  it('scores a point as `backtestStrategy` (the backtest command) reports it, fills at the open or at the close', () => {
    for (const options of [simulation, { ...simulation, fillAt: 'close' as const }]) {
      const parameters = { fastPeriod: 7, slowPeriod: 40, direction: 'both' };
      const { benchmark: _benchmark, ...reported } = backtestStrategy([bars], { strategy: movingAverageCross, parameters, simulation: options }).metrics;
      expect(runSweep(movingAverageCross, [bars], [parameters], { simulation: options })[0].metrics).toEqual(reported);
    }
  });

  it('computes each distinct moving average once for the whole grid', () => {
    const memos = new SweepMemos();
    const points = gridPoints(parseGrid(movingAverageCross, 'fastPeriod=5:50:5,slowPeriod=20:200:10'));
    expect(points).toHaveLength(10 * 19);
    runSweep(movingAverageCross, [bars], points, { simulation, memos });
    const entries = [...(memos.for(0, bars.length).get('computeAll') as Map<string, unknown>).keys()];
    const periods = new Set([...Array.from({ length: 10 }, (_, k) => 5 + 5 * k), ...Array.from({ length: 19 }, (_, k) => 20 + 10 * k)]);
    expect(periods.size).toBe(25);
    expect(entries.filter((key) => key.startsWith('entry:')).sort()).toEqual([...periods].map((period) => `entry:sma:${JSON.stringify({ period })}`).sort());
  });

  it('scores several series as the mean of their metric, each on its own account', () => {
    const other = randomWalkBars(500, 9, 'OTHER');
    const points = [{ fastPeriod: 5, slowPeriod: 30 }, { fastPeriod: 10, slowPeriod: 40 }];
    const [first] = runSweep(movingAverageCross, [bars, other], points, { simulation, metric: 'totalReturn' });
    const [alone] = runSweep(movingAverageCross, [other], points.slice(0, 1), { simulation, metric: 'totalReturn' });
    expect(first.series.map((entry) => entry.symbol)).toEqual(['WALK', 'OTHER']);
    expect(first.series[1].metrics).toEqual(alone.metrics);
    expect(first.score).toBeCloseTo((first.series[0].metrics.totalReturn + first.series[1].metrics.totalReturn) / 2, 14);
    expect(first.metrics.tradeCount).toBe((first.series[0].metrics.tradeCount + first.series[1].metrics.tradeCount) / 2);
    expect(first.metrics.notes[0]).toMatch(/Means over 2 series/);
  });

  it('refuses a bad point before any work, naming the parameter', () => {
    expect(() => runSweep(movingAverageCross, [bars], [{ fastPeriod: 5 }, { fastPeriod: 1 }])).toThrow(/ma-cross: fastPeriod must be a whole number from 2 to 1000, got 1/);
    expect(() => runSweep(movingAverageCross, [], [{ fastPeriod: 5 }])).toThrow(/at least one series/);
    expect(() => runSweep(movingAverageCross, [bars], [{}], { metric: 'luck' as never })).toThrow(/Sweep metric "luck" is not a numeric performance metric/);
    expect(() => runSweep(movingAverageCross, [bars], [], { simulation: { leverage: -1 } })).toThrow(/leverage/);
  });
});

describe('a ruined account', () => {
  /** Short from the first bar, everything; then the price triples. */
  const shortAll: Strategy = {
    name: 'short-all', title: 'Short all', description: 'shorts at the first bar', parameters: [],
    indicators: () => [],
    run: (_input, _parameters, emit) => emit(0, { kind: 'entry', side: 'short', reason: 'test' }),
    createState: () => ({ update: () => {} }),
  };

  it('is scored, with its exposure counted as 0 from the ruin on, and a note', () => {
    const bars = closeBars([100, 100, 150, 250, 320, 300, 280]);
    const [result] = runSweep(shortAll, [bars], [{}], { periodsPerYear: 252 });
    expect(result.metrics.ruinIndex).toBe(3);
    expect(result.metrics.endingEquity).toBeLessThan(0);
    expect(Number.isFinite(result.metrics.averageExposure)).toBe(true);
    expect(result.metrics.notes.join(' ')).toMatch(/at bar 3 \(ruin\): later per-period returns and exposures count as 0/);
  });
});

describe('sweep metrics', () => {
  it('minimise exactly the metrics the ranking table sorts lowest first', () => {
    expect([...lowerIsBetterMetrics].sort()).toEqual([...lowerIsBetter].sort());
    expect(metricDirection('maxDrawdown')).toBe('minimise');
    expect(metricDirection('calmarRatio')).toBe('maximise');
    expect(sweepMetrics.map(parseSweepMetric)).toEqual([...sweepMetrics]);
  });
});

describe('evaluatePoint', () => {
  it('takes the entry/exit-array path only where its ledger is the router path\'s', () => {
    const bars = randomWalkBars(300, 2);
    const arrays = resolveSweepSettings({ simulation });
    const routed = resolveSweepSettings({ simulation, router: {} });
    expect(arrays.arrays).toBe(true);
    expect(routed.arrays).toBe(false);
    expect(resolveSweepSettings({ simulation: { maxEntries: 2 } }).arrays).toBe(false);
    expect(resolveSweepSettings({ simulation: { stops: { stopLossFraction: 0.05 } } }).arrays).toBe(false);
    const parameters = { fastPeriod: 4, slowPeriod: 12, direction: 'both' };
    expect(evaluatePoint(movingAverageCross, bars, parameters, arrays).metrics).toEqual(evaluatePoint(movingAverageCross, bars, parameters, routed).metrics);
  });
});
