import type { Bars } from '../core/Bars.js';
import { TickforgeError } from '../core/errors.js';
import type { ParameterValues } from '../indicators/registry/IndicatorDefinition.js';
import { buyAndHold } from '../strategy/builtin/buyAndHold.js';
import { resolveStrategyParameters } from '../strategy/resolveStrategyParameters.js';
import type { RouterOptions } from '../strategy/router/RouterOptions.js';
import { runStrategy } from '../strategy/runStrategy.js';
import type { Signal } from '../strategy/Signal.js';
import type { Strategy } from '../strategy/Strategy.js';
import { estimatePeriodsPerYear } from './estimatePeriodsPerYear.js';
import { computeMetrics } from './metrics/computeMetrics.js';
import type { PerformanceMetrics } from './metrics/PerformanceMetrics.js';
import type { SimulationOptions } from './simulator/BacktestOptions.js';
import type { BacktestResult } from './simulator/BacktestResult.js';
import { simulate } from './simulator/simulate.js';

export interface StrategyBacktestRequest {
  strategy: Strategy;
  parameters?: Record<string, number | string>;
  simulation?: SimulationOptions;
  /**
   * How signals become orders. Default: each entry commits 1/N of equity for N symbols (equal
   * slots, so a universe never goes beyond its equity), `priority` conflicts.
   */
  router?: RouterOptions;
  /** Bars per year for annualising; default estimated from the first series (see `estimatePeriodsPerYear`). */
  periodsPerYear?: number;
  /** Annual risk-free rate for Sharpe and Sortino; default 0. */
  riskFreeRate?: number;
  /** Per-symbol memos shared with other runs over the same bars (indicators computed once). */
  memos?: ReadonlyArray<Map<string, unknown>>;
}

export interface StrategyBacktest {
  strategy: string;
  parameters: ParameterValues;
  signals: number;
  result: BacktestResult;
  metrics: PerformanceMetrics;
  /** Equity of buy-and-hold over the same universe, clock and costs: the benchmark in `metrics.benchmark`. */
  benchmark: Float64Array;
  periodsPerYear: number;
  /**
   * The capital before bar 0 when bar 0 itself could trade (fills at the close); otherwise the
   * curve's first point already is the starting cash (a signal of bar 0 fills at bar 1's open).
   */
  initialCapital?: number;
}

/**
 * A strategy over a universe as one portfolio: its signals on every symbol (vectorized), routed
 * and simulated on the shared clock with the given costs, then the analytics against
 * buy-and-hold of the same universe under the same rules. Pure: the same inputs give the same
 * ledgers and metrics.
 * @throws TF_ERR_STRATEGY_PARAMETER, TF_ERR_BACKTEST_OPTION, TF_ERR_BACKTEST_INPUT
 */
export function backtestStrategy(universe: readonly Bars[], request: StrategyBacktestRequest): StrategyBacktest {
  if (universe.length === 0) throw new TickforgeError('TF_ERR_BACKTEST_INPUT', 'A backtest needs at least one series; the universe is empty.');
  const parameters = resolveStrategyParameters(request.strategy, request.parameters);
  const router: RouterOptions = { positionFraction: 1 / universe.length, ...request.router };
  const symbols = universe.map((bars) => ({ bars }));
  const signals = collectSignals(universe, request.strategy, parameters, request.memos);
  const result = simulate({ symbols, signals, router }, request.simulation);
  const benchmark = simulate({ symbols, signals: collectSignals(universe, buyAndHold, {}, request.memos), router }, request.simulation).curve.equity;
  const periodsPerYear = request.periodsPerYear ?? estimatePeriodsPerYear(universe[0].time, universe[0].timeframe);
  const initialCapital = request.simulation?.fillAt === 'close' ? result.initialCash : undefined;
  const metrics = computeMetrics({ curve: result.curve, trades: result.trades, benchmark, periodsPerYear, riskFreeRate: request.riskFreeRate, initialCapital });
  return { strategy: request.strategy.name, parameters, signals: signals.length, result, metrics, benchmark, periodsPerYear, initialCapital };
}

function collectSignals(universe: readonly Bars[], strategy: Strategy, parameters: Record<string, number | string>, memos: ReadonlyArray<Map<string, unknown>> | undefined): Signal[] {
  const signals: Signal[] = [];
  universe.forEach((bars, k) => {
    for (const signal of runStrategy(strategy, bars, parameters, { memo: memos?.[k] })) signals.push(signal);
  });
  return signals;
}
