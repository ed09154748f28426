import type { Bars } from '../../core/Bars.js';
import { TickforgeError } from '../../core/errors.js';
import { resolveRouterOptions, type RouterOptions } from '../../strategy/router/RouterOptions.js';
import { runStrategy } from '../../strategy/runStrategy.js';
import type { Strategy } from '../../strategy/Strategy.js';
import { estimatePeriodsPerYear } from '../estimatePeriodsPerYear.js';
import { computeMetrics } from '../metrics/computeMetrics.js';
import type { PerformanceMetrics } from '../metrics/PerformanceMetrics.js';
import type { SimulationOptions } from '../simulator/BacktestOptions.js';
import type { BacktestResult } from '../simulator/BacktestResult.js';
import { resolveSimulationOptions } from '../simulator/resolveSimulationOptions.js';
import { simulate, simulateWith } from '../simulator/simulate.js';
import type { ParameterPoint } from './parameterSpace.js';
import { arraysAllowed, signalArrays } from './signalArrays.js';
import { windowSignals } from './windowSignals.js';
import { metricDirection, parseSweepMetric, type MetricDirection, type SweepMetric } from './sweepMetric.js';

/** How every point of a sweep is backtested and scored. Plain data: it crosses to worker threads. */
export interface SweepSettings {
  /** The simulator's options for every run (cash, fees, slippage, sizing, fill timing...). */
  simulation?: SimulationOptions;
  /** Signal router options; their presence keeps every run on the router path. */
  router?: RouterOptions;
  /** The objective; default `sharpeRatio`. Maximised, or minimised for risks and costs (`metricDirection`). */
  metric?: SweepMetric;
  /** Bars per year for the annualised metrics; default estimated on each series (`estimatePeriodsPerYear`). */
  periodsPerYear?: number;
  /** Annual risk-free rate of the Sharpe and Sortino ratios; default 0. */
  riskFreeRate?: number;
}

export interface ResolvedSweepSettings {
  simulation: SimulationOptions;
  router: RouterOptions | undefined;
  metric: SweepMetric;
  direction: MetricDirection;
  periodsPerYear: number | undefined;
  riskFreeRate: number;
  /** Whether runs may take the entry/exit-array path (`arraysAllowed`). */
  arrays: boolean;
}

export function resolveSweepSettings(settings: SweepSettings = {}): ResolvedSweepSettings {
  const metric = parseSweepMetric(settings.metric ?? 'sharpeRatio');
  const simulation = settings.simulation ?? {};
  // Checked here, once, so a bad option fails before the first point (and not inside a worker).
  resolveSimulationOptions(simulation);
  if (settings.router !== undefined) resolveRouterOptions(settings.router);
  const periodsPerYear = settings.periodsPerYear;
  if (periodsPerYear !== undefined && !(Number.isFinite(periodsPerYear) && periodsPerYear > 0)) {
    throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `Sweep periodsPerYear must be a positive number of bars per year (252 for daily stock bars), got ${periodsPerYear}.`, {
      details: { option: 'periodsPerYear', value: periodsPerYear },
    });
  }
  return {
    simulation, router: settings.router, metric, direction: metricDirection(metric), periodsPerYear, riskFreeRate: settings.riskFreeRate ?? 0,
    arrays: arraysAllowed(simulation, settings.router),
  };
}

/**
 * Bars [start, end) of a series: the part a run trades and measures. The strategy sees only
 * bars before `end` (its signals come from the prefix [0, end), so its indicators are warmed
 * up on earlier bars and nothing after the window reaches it). The account opens at the close
 * of bar start - 1 (its curve's first point, the starting cash) and takes the position the
 * strategy holds at that close (`windowSignals`), filled at the window's first open as it
 * would be live; the window's returns are those of bars start .. end - 1 exactly, so
 * consecutive windows tile a series without gap or overlap. A window from bar 0 has no bar
 * before it: when orders fill at the close its metrics start from the starting cash
 * (`initialCapital`), as a plain backtest's do.
 */
export interface BarWindow {
  start: number;
  end: number;
}

export interface PointRun {
  metrics: PerformanceMetrics;
  /** The simulation, when asked for (`detail`); its indexes count from the account's first bar, `offset`. */
  result?: BacktestResult;
  /** Index in the series of the account's first bar (start - 1, or 0). */
  offset: number;
}

export interface PointRunOptions {
  /** Shared by every run over the same prefix of the same series (see `SweepMemos`). */
  memo?: Map<string, unknown>;
  window?: BarWindow;
  /** Keep the simulation (trades, curve); such runs take the router path, so trades carry their signals' tags. */
  detail?: boolean;
  /** Bars per year of this series when the settings leave it out. */
  periodsPerYear?: number;
}

/**
 * One point of a sweep over one series: the strategy's signals, the simulation, the metrics.
 * Signals that entry/exit arrays express exactly go through the array path (no router, no
 * per-signal work in the simulator); the ledger is the router path's, which a test checks.
 */
export function evaluatePoint(strategy: Strategy, bars: Bars, parameters: ParameterPoint, settings: ResolvedSweepSettings, options: PointRunOptions = {}): PointRun {
  const end = options.window?.end ?? bars.length;
  const start = options.window?.start ?? 0;
  checkWindow(bars, start, end);
  const prefix = end === bars.length ? bars : bars.slice(0, end);
  const signals = runStrategy(strategy, prefix, parameters, { memo: options.memo });
  const offset = Math.max(0, start - 1);
  const account = offset === 0 ? prefix : prefix.slice(offset);
  const inside = offset === 0 ? signals : windowSignals(signals, offset, bars.time[offset]);
  const arrays = settings.arrays && options.detail !== true ? signalArrays(inside, account.length) : undefined;
  // A sweep reads every point's trades and curve, which the specialised long-signal run would
  // build by replaying its log through the general path: the general path straight away is cheaper.
  const result =
    arrays !== undefined
      ? simulateWith({ symbols: [{ bars: account, ...arrays }] }, { ...settings.simulation, strategy: strategy.name }, { checkBarsInRun: true, longSignals: false })
      : simulate({ symbols: [{ bars: account }], signals: inside, ...(settings.router === undefined ? {} : { router: settings.router }) }, settings.simulation);
  const periodsPerYear = settings.periodsPerYear ?? options.periodsPerYear ?? estimatePeriodsPerYear(bars.time, bars.timeframe);
  // From bar 0 the curve's first point is the starting cash unless a fill at bar 0's close moved it (as `backtestStrategy` decides).
  const closeFills = (settings.simulation.fillAtByStrategy?.[strategy.name] ?? settings.simulation.fillAt) === 'close';
  const metrics = computeMetrics({ curve: result.curve, trades: result.trades, periodsPerYear, riskFreeRate: settings.riskFreeRate, initialCapital: start === 0 && closeFills ? result.initialCash : undefined });
  return options.detail === true ? { metrics, result, offset } : { metrics, offset };
}

function checkWindow(bars: Bars, start: number, end: number): void {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= bars.length)) {
    throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `Sweep window [${start}, ${end}) does not lie within the ${bars.length} bars of ${bars.symbol}; give 0 <= start < end <= ${bars.length}.`, {
      details: { option: 'window', start, end, length: bars.length },
    });
  }
}
