import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../../test/randomWalk.js';
import { parseGrid } from '../backtest/sweep/parameterSpace.js';
import { runSweep } from '../backtest/sweep/runSweep.js';
import { gridPoints } from '../backtest/sweep/parameterSpace.js';
import { walkForward } from '../backtest/sweep/walkForward.js';
import { movingAverageCross } from '../strategy/builtin/movingAverageCross.js';
import { rsiReversion } from '../strategy/builtin/rsiReversion.js';
import { sweep, walkForwardSweep } from './runParallelSweep.js';

const universe = [randomWalkBars(600, 3, 'AAA'), randomWalkBars(450, 4, 'BBB')];
const simulation = { fees: { rate: 0.001 }, slippage: { bps: 5 } };

describe('sweep on worker threads', () => {
  const ranges = parseGrid(movingAverageCross, 'fastPeriod=3:21:3,slowPeriod=25:65:10,direction=long|both');

  it('gives the same results, in the same order, with 0, 1 or 2 workers, equal to runSweep', async () => {
    const progress: number[] = [];
    const [none, one, two] = await Promise.all([
      sweep('ma-cross', universe, { ranges, simulation, threads: 0 }),
      sweep('ma-cross', universe, { ranges, simulation, threads: 1 }),
      sweep('ma-cross', universe, { ranges, simulation, threads: 2, onProgress: (done) => progress.push(done) }),
    ]);
    const points = gridPoints(ranges);
    expect(none.results).toEqual(runSweep(movingAverageCross, universe, points, { simulation }));
    expect(one.results).toEqual(none.results);
    expect(two.results).toEqual(none.results);
    expect(two.ranked).toEqual(none.ranked);
    expect(two.results.map((result) => result.index)).toEqual(points.map((_, k) => k));
    expect(progress.at(-1)).toBe(points.length);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  }, 60_000);

  it('runs a genetic search and a walk-forward analysis on workers as on this thread', async () => {
    const evolve = { kind: 'evolve' as const, evolution: { population: 8, generations: 2, seed: 5 } };
    const rsi = parseGrid(rsiReversion, 'period=5:25:5,oversold=20|25|30');
    const [threaded, here] = await Promise.all([
      sweep(rsiReversion, universe, { ranges: rsi, mode: evolve, metric: 'calmarRatio', simulation, threads: 2 }),
      sweep(rsiReversion, universe, { ranges: rsi, mode: evolve, metric: 'calmarRatio', simulation, threads: 0 }),
    ]);
    expect(threaded).toEqual(here);
    const single = [universe[0]];
    const options = { ranges, inSample: 200, outOfSample: 100, simulation };
    expect(await walkForwardSweep('ma-cross', single, { ...options, threads: 2 })).toEqual(await walkForward(movingAverageCross, single, options));
  }, 60_000);

  it('refuses what cannot cross to a worker: a strategy that is not built in, a router function', async () => {
    const custom = { ...movingAverageCross };
    await expect(sweep(custom, universe, { ranges, threads: 2 })).rejects.toThrow(/ma-cross is not a built-in one.*threads: 0/);
    await expect(sweep('ma-cross', universe, { ranges, threads: 2, router: { knownAt: (signal) => signal.time } })).rejects.toThrow(/cannot take the router option knownAt/);
    await expect(sweep('ma-cross', universe, { ranges, threads: -1 })).rejects.toThrow(/threads must be a whole number >= 0 or "auto", got -1/);
    // `auto` keeps a custom strategy on this thread.
    const auto = await sweep(custom, universe, { ranges: parseGrid(custom, 'fastPeriod=5,slowPeriod=30') });
    expect(auto.results[0].metrics).toEqual(runSweep(movingAverageCross, universe, [{ fastPeriod: 5, slowPeriod: 30 }])[0].metrics);
  });
});
