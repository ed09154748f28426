import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../../test/randomWalk.js';
import { backtestStrategy } from '../backtest/backtestStrategy.js';
import { movingAverageCross } from '../strategy/builtin/movingAverageCross.js';
import { backtestStrategies } from './backtestStrategies.js';

describe('backtestStrategies', () => {
  const universe = Array.from({ length: 6 }, (_, k) => randomWalkBars(500, 40 + k, `S${k}`));
  const runs = [{ name: 'ma-cross', parameters: { fastPeriod: 5, slowPeriod: 20 } }, { name: 'buy-and-hold' }, { name: 'rsi-reversion' }, { name: 'smc' }];

  it('on worker threads equals the run here, in the order of the runs, each as backtestStrategy gives it', async () => {
    const here = await backtestStrategies(universe, { runs, threads: 0, simulation: { fees: { rate: 0.001 } } });
    const threaded = await backtestStrategies(universe, { runs, threads: 2, simulation: { fees: { rate: 0.001 } } });
    expect(threaded).toEqual(here);
    expect(here.map((r) => r.strategy)).toEqual(['ma-cross', 'buy-and-hold', 'rsi-reversion', 'smc']);
    const direct = backtestStrategy(universe, { strategy: movingAverageCross, parameters: { fastPeriod: 5, slowPeriod: 20 }, simulation: { fees: { rate: 0.001 } } });
    expect(here[0].metrics).toEqual(direct.metrics);
  }, 60_000);

  it('checks every strategy before any work', async () => {
    await expect(backtestStrategies(universe, { runs: [{ name: 'ma-cross' }, { name: 'nope' }] })).rejects.toThrow(/No strategy named "nope"/);
  });
});
