import { availableParallelism } from 'node:os';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { SimulationOptions } from '../backtest/simulator/BacktestOptions.js';
import type { Bars } from '../core/Bars.js';
import type { RouterOptions } from '../strategy/router/RouterOptions.js';
import { resolveStrategyParameters } from '../strategy/resolveStrategyParameters.js';
import { findStrategy } from '../strategy/strategyRegistry.js';
import { backtestRuns, type BacktestTask, type StrategyRun, type StrategyRunSummary } from './backtestWorker.js';
import { packBars } from './packBars.js';
import { createWorkerPool } from './workerPool.js';

export interface BacktestStrategiesOptions {
  runs: readonly StrategyRun[];
  simulation?: SimulationOptions;
  router?: RouterOptions;
  /** Worker threads; 0 runs here; `auto` (default) uses every core when the work is large enough to pay for starting them. */
  threads?: number | 'auto';
  onProgress?: (done: number, total: number) => void;
}

/** Bars x strategies below which `auto` stays on this thread (starting a worker costs about 0.2-0.3 s). */
export const autoParallelBacktestWork = 2_000_000;

/**
 * Backtests several strategies over one universe, each as a portfolio, one task per strategy
 * spread over worker threads (every task gets the universe as a transferred buffer). Results
 * in the order of `runs`, equal to running them here. Names and parameters are checked before
 * any work.
 */
export async function backtestStrategies(universe: readonly Bars[], options: BacktestStrategiesOptions): Promise<StrategyRunSummary[]> {
  for (const run of options.runs) resolveStrategyParameters(findStrategy(run.name), run.parameters);
  const runs = [...options.runs];
  const bars = universe.reduce((n, series) => n + series.length, 0);
  const requested = options.threads ?? 'auto';
  const threads = requested !== 'auto' ? requested : bars * runs.length < autoParallelBacktestWork ? 0 : availableParallelism();
  let done = 0;
  if (threads === 0 || runs.length <= 1) {
    return backtestRuns(universe, { runs, simulation: options.simulation, router: options.router }, () => options.onProgress?.(++done, runs.length));
  }
  const task = (run: StrategyRun): BacktestTask => ({ universe: packBars(universe), runs: [run], simulation: options.simulation, router: options.router });
  const pool = createWorkerPool('backtestWorker', Math.min(threads, runs.length));
  try {
    const results = await Promise.all(
      runs.map(async (run) => {
        const payload = task(run);
        const [summary] = (await pool.run(move({ [transferableSymbol]: payload.universe.buffer, [valueSymbol]: payload }))) as StrategyRunSummary[];
        options.onProgress?.(++done, runs.length);
        return summary;
      }),
    );
    return results;
  } finally {
    await pool.destroy();
  }
}
