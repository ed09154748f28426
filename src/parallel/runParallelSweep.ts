import { availableParallelism } from 'node:os';
import type { SweepSettings } from '../backtest/sweep/evaluatePoint.js';
import type { ParameterRange } from '../backtest/sweep/parameterSpace.js';
import { inlineEvaluator, searchParameters, type SearchMode, type SearchResult, type SweepEvaluator } from '../backtest/sweep/searchParameters.js';
import { walkForward, type WalkForwardResult, type WalkForwardSweepOptions } from '../backtest/sweep/walkForward.js';
import type { Bars } from '../core/Bars.js';
import { TickforgeError } from '../core/errors.js';
import type { Strategy } from '../strategy/Strategy.js';
import { builtInStrategies, findStrategy } from '../strategy/strategyRegistry.js';
import { workerEvaluator } from './sweepEvaluator.js';

export interface SweepOptions extends SweepSettings {
  /** The space: `parseGrid(strategy, 'fastPeriod=5:50:5,slowPeriod=20:200:10')`, or ranges built by hand. */
  ranges: readonly ParameterRange[];
  /** Default: the whole grid. */
  mode?: SearchMode;
  /**
   * Worker threads; 0 runs on this thread. `auto` (the default) uses every core when the
   * work (points x bars) pays for starting them, and this thread otherwise or for a strategy
   * that is not built in (workers find strategies by name).
   */
  threads?: number | 'auto';
  onProgress?: (done: number, total: number) => void;
}

/**
 * Points x bars below which `auto` stays on this thread: about a second of work on one core
 * (a point over 2,500 daily bars takes about 0.5 ms), where starting workers (0.2 to 0.3 s
 * each) and recomputing each chunk's indicators would eat the gain.
 */
export const autoParallelSweepWork = 2_500_000;

/**
 * A parameter sweep: grid, seeded random or genetic search over a strategy's declared
 * parameters, every point backtested over every series (each on its own account) and scored
 * by the metric; spread over worker threads with the same results, in the same order, as on
 * this thread.
 * @throws TF_ERR_STRATEGY_UNKNOWN, TF_ERR_CORE_ARGUMENT_INVALID for a bad option
 */
export async function sweep(strategy: Strategy | string, series: readonly Bars[], options: SweepOptions): Promise<SearchResult> {
  const resolved = typeof strategy === 'string' ? findStrategy(strategy) : strategy;
  const mode = options.mode ?? { kind: 'grid' };
  const evaluator = evaluatorFor(resolved, series, options, options.threads ?? 'auto', expectedWork(options.ranges, mode, series));
  try {
    return await searchParameters(resolved, options.ranges, mode, evaluator, { onProgress: options.onProgress });
  } finally {
    await evaluator.close();
  }
}

/**
 * Walk-forward analysis (`walkForward`) with each window's in-sample search on worker threads.
 * @throws as `walkForward` and `sweep`
 */
export async function walkForwardSweep(strategy: Strategy | string, series: readonly Bars[], options: WalkForwardSweepOptions & { threads?: number | 'auto' }): Promise<WalkForwardResult> {
  const resolved = typeof strategy === 'string' ? findStrategy(strategy) : strategy;
  const mode = options.mode ?? { kind: 'grid' };
  return walkForward(resolved, series, options, (settings) => evaluatorFor(resolved, series, settings, options.threads ?? 'auto', expectedWork(options.ranges, mode, series)));
}

function evaluatorFor(strategy: Strategy, series: readonly Bars[], settings: SweepSettings, requested: number | 'auto', work: number): SweepEvaluator {
  const builtIn = builtInStrategies.find((candidate) => candidate.name === strategy.name) === strategy;
  if (requested !== 'auto' && (!Number.isInteger(requested) || requested < 0)) {
    throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `Sweep threads must be a whole number >= 0 or "auto", got ${requested}.`, { details: { option: 'threads', value: requested } });
  }
  if (requested !== 'auto' && requested > 0 && !builtIn) {
    throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `Strategy ${strategy.name} is not a built-in one, and worker threads find strategies by name; run it with threads: 0.`, {
      details: { option: 'threads', strategy: strategy.name },
    });
  }
  const threads = requested !== 'auto' ? requested : builtIn && work >= autoParallelSweepWork ? availableParallelism() : 0;
  const plain = { simulation: settings.simulation, router: settings.router, metric: settings.metric, periodsPerYear: settings.periodsPerYear, riskFreeRate: settings.riskFreeRate };
  return threads === 0 ? inlineEvaluator(strategy, series, plain) : workerEvaluator(strategy, series, plain, threads);
}

/** Points x bars a search will evaluate (a genetic search: at most), for the `auto` choice. */
function expectedWork(ranges: readonly ParameterRange[], mode: SearchMode, series: readonly Bars[]): number {
  const size = ranges.reduce((product, range) => product * range.values.length, 1);
  const points = mode.kind === 'grid' ? size : mode.kind === 'random' ? Math.min(size, mode.count) : Math.min(size, (mode.evolution?.population ?? 32) * ((mode.evolution?.generations ?? 10) + 1));
  return points * series.reduce((n, bars) => n + bars.length, 0);
}
