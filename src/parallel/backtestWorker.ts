import { backtestStrategy } from '../backtest/backtestStrategy.js';
import type { Bars } from '../core/Bars.js';
import type { PerformanceMetrics } from '../backtest/metrics/PerformanceMetrics.js';
import type { SimulationOptions } from '../backtest/simulator/BacktestOptions.js';
import type { RouterOptions } from '../strategy/router/RouterOptions.js';
import { findStrategy } from '../strategy/strategyRegistry.js';
import { unpackBars, type PackedUniverse } from './packBars.js';

/** One strategy of a batch: by registry name, so the task can cross to a worker thread. */
export interface StrategyRun {
  name: string;
  parameters?: Record<string, number | string>;
}

export interface BacktestTask {
  universe: PackedUniverse;
  runs: StrategyRun[];
  simulation?: SimulationOptions;
  router?: RouterOptions;
}

/** What comes back per strategy: the figures, not the ledgers (small to clone). */
export interface StrategyRunSummary {
  strategy: string;
  parameters: Record<string, number | string>;
  signals: number;
  metrics: PerformanceMetrics;
}

/**
 * Backtests strategies over a universe as portfolios (`backtestStrategy`), sharing one
 * indicator memo per symbol across the strategies; `onRun` after each. The worker entry and
 * the single-thread path of `backtestStrategies` both run this.
 */
export function backtestRuns(universe: readonly Bars[], task: Omit<BacktestTask, 'universe'>, onRun?: () => void): StrategyRunSummary[] {
  const memos = universe.map(() => new Map<string, unknown>());
  return task.runs.map((run) => {
    const { strategy, parameters, signals, metrics } = backtestStrategy(universe, { strategy: findStrategy(run.name), parameters: run.parameters, simulation: task.simulation, router: task.router, memos });
    onRun?.();
    return { strategy, parameters, signals, metrics };
  });
}

/** Worker entry: the bars arrive as one transferred buffer. Imports only pure domains (DESIGN.md section 2). */
export default function backtestChunk(task: BacktestTask): StrategyRunSummary[] {
  return backtestRuns(unpackBars(task.universe), task);
}
