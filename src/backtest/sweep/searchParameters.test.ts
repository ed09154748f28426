import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { macdTrend } from '../../strategy/builtin/macdTrend.js';
import { movingAverageCross } from '../../strategy/builtin/movingAverageCross.js';
import { gridPoints, parseGrid, pointKey } from './parameterSpace.js';
import { runSweep, type SweepPointResult } from './runSweep.js';
import { inlineEvaluator, rankResults, searchParameters } from './searchParameters.js';

const bars = randomWalkBars(500, 21);
const simulation = { fees: { rate: 0.001 } };

describe('searchParameters', () => {
  it('runs the grid in grid order and ranks it best first, skipping the points the strategy refuses', async () => {
    const ranges = parseGrid(macdTrend, 'fastPeriod=8:20:4,slowPeriod=12:24:6');
    const result = await searchParameters(macdTrend, ranges, { kind: 'grid' }, inlineEvaluator(macdTrend, [bars], { simulation, metric: 'totalReturn' }));
    // fast must be below slow: (12,12), (16,12), (20,12), (20,18) are refused.
    expect(result.skipped.count).toBe(4);
    expect(result.skipped.reasons[0]).toMatch(/fastPeriod \(12\) must be below slowPeriod \(12\)/);
    const valid = gridPoints(ranges).filter((point) => Number(point.fastPeriod) < Number(point.slowPeriod));
    expect(result.results.map((r) => r.parameters)).toEqual(valid);
    expect(result.results).toEqual(runSweep(macdTrend, [bars], valid, { simulation, metric: 'totalReturn' }));
    const scores = result.ranked.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.direction).toBe('maximise');
  });

  it('draws a reproducible random sample of distinct points', async () => {
    const ranges = parseGrid(movingAverageCross, 'fastPeriod=2:30:1,slowPeriod=31:90:1');
    const run = () => searchParameters(movingAverageCross, ranges, { kind: 'random', count: 25, seed: 4 }, inlineEvaluator(movingAverageCross, [bars], { simulation }));
    const first = await run();
    expect(first.results).toHaveLength(25);
    expect(new Set(first.results.map((r) => pointKey(r.parameters))).size).toBe(25);
    expect((await run()).results).toEqual(first.results);
    await expect(searchParameters(movingAverageCross, ranges, { kind: 'random', count: 0 }, inlineEvaluator(movingAverageCross, [bars], {}))).rejects.toThrow(/whole number of points >= 1, got 0/);
  });

  it('evolves towards the lowest drawdown when minimising, each point evaluated once, in evaluation order', async () => {
    const ranges = parseGrid(movingAverageCross, 'fastPeriod=2:40:2,slowPeriod=20:200:5');
    const progress: Array<[number, number]> = [];
    const result = await searchParameters(movingAverageCross, ranges, { kind: 'evolve', evolution: { population: 10, generations: 4, seed: 2 } }, inlineEvaluator(movingAverageCross, [bars], { simulation, metric: 'maxDrawdown' }), {
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(result.direction).toBe('minimise');
    expect(result.results.map((r) => r.index)).toEqual(result.results.map((_, k) => k));
    expect(new Set(result.results.map((r) => pointKey(r.parameters))).size).toBe(result.results.length);
    expect(result.ranked[0].score).toBe(Math.min(...result.results.map((r) => r.score)));
    expect(progress.at(-1)).toEqual([result.results.length, result.results.length]);
    // Each result is what the point gives on its own.
    const [again] = runSweep(movingAverageCross, [bars], [result.ranked[0].parameters], { simulation, metric: 'maxDrawdown' });
    expect(again.metrics).toEqual(result.ranked[0].metrics);
  });
});

describe('rankResults', () => {
  const result = (index: number, score: number) => ({ index, score }) as SweepPointResult;

  it('puts NaN last in both directions and keeps ties in evaluation order', () => {
    const results = [result(0, 1), result(1, NaN), result(2, 3), result(3, 1)];
    expect(rankResults(results, 'maximise').map((r) => r.index)).toEqual([2, 0, 3, 1]);
    expect(rankResults(results, 'minimise').map((r) => r.index)).toEqual([0, 3, 2, 1]);
  });
});
