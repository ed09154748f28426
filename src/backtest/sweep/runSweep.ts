import type { Bars } from '../../core/Bars.js';
import { TickforgeError } from '../../core/errors.js';
import { resolveStrategyParameters } from '../../strategy/resolveStrategyParameters.js';
import type { Strategy } from '../../strategy/Strategy.js';
import type { PerformanceMetrics } from '../metrics/PerformanceMetrics.js';
import { estimatePeriodsPerYear } from '../estimatePeriodsPerYear.js';
import { evaluatePoint, resolveSweepSettings, type BarWindow, type ResolvedSweepSettings, type SweepSettings } from './evaluatePoint.js';
import { meanMetrics, meanOfDefined } from './meanMetrics.js';
import type { ParameterPoint } from './parameterSpace.js';

/** One series' metrics at one point. */
export interface SeriesMetrics {
  symbol: string;
  metrics: PerformanceMetrics;
}

/** What a sweep says about one parameter point. */
export interface SweepPointResult {
  /** The point's position in the list the sweep was given (for a search, in evaluation order). */
  index: number;
  /** The point as given; parameters it leaves out took their defaults. */
  parameters: ParameterPoint;
  /** The objective: the mean over the series of the metric's defined values; NaN when no series defines it. */
  score: number;
  /** With one series, its metrics; with several, their means (`meanMetrics`). */
  metrics: PerformanceMetrics;
  /** Each series' own metrics, in the order the series were given. */
  series: SeriesMetrics[];
}

/**
 * The indicator memos of a sweep, one per series and prefix: every point over the same bars
 * shares one, so each distinct indicator (each SMA period of a grid) is computed once for all
 * of them. Walk-forward windows see different prefixes; the most recent two per series are
 * kept (a window's in-sample prefix is the previous window's out-of-sample one).
 */
export class SweepMemos {
  private readonly kept: Array<Array<{ end: number; memo: Map<string, unknown> }>> = [];

  /** The memo of the first `end` bars of series `series`. */
  for(series: number, end: number): Map<string, unknown> {
    const list = (this.kept[series] ??= []);
    const found = list.find((entry) => entry.end === end);
    if (found !== undefined) return found.memo;
    const memo = new Map<string, unknown>();
    list.push({ end, memo });
    if (list.length > 2) list.shift();
    return memo;
  }
}

export interface RunSweepOptions extends SweepSettings {
  /** Bars [start, end) of every series (see `BarWindow`); default all of them. */
  window?: BarWindow;
  /** Memos to share with other calls over the same series (a search's batches); default fresh ones. */
  memos?: SweepMemos;
  /** Added to each result's `index` (a worker's chunk starts there in the whole list). */
  firstIndex?: number;
  /** Called after each point with the count done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Backtests a strategy at every parameter point over every series, on this thread. Each series
 * is simulated on its own account (the same cash, costs and sizing for each), so a point's
 * result on one symbol does not depend on the others, and the score is the mean of the
 * metric over the symbols. Results come in the order of `points`, each equal to evaluating
 * that point alone: the shared memo only saves recomputing the same indicator.
 * @throws TF_ERR_STRATEGY_PARAMETER naming a point's bad parameter, before any work
 */
export function runSweep(strategy: Strategy, series: readonly Bars[], points: readonly ParameterPoint[], options: RunSweepOptions = {}): SweepPointResult[] {
  const settings = resolveSweepSettings(options);
  if (series.length === 0) throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', 'A sweep needs at least one series of bars.', { details: { option: 'series' } });
  for (const point of points) checkPoint(strategy, point);
  const memos = options.memos ?? new SweepMemos();
  const periods = series.map((bars) => settings.periodsPerYear ?? estimatePeriodsPerYear(bars.time, bars.timeframe));
  const firstIndex = options.firstIndex ?? 0;
  const results: SweepPointResult[] = [];
  for (const [k, parameters] of points.entries()) {
    results.push(scorePoint(strategy, series, parameters, settings, { memos, periods, window: options.window, index: firstIndex + k }));
    options.onProgress?.(k + 1, points.length);
  }
  return results;
}

/** Checks a point as a run would (ranges, then the strategy's own relations such as fast < slow). @throws TF_ERR_STRATEGY_PARAMETER */
export function checkPoint(strategy: Strategy, point: ParameterPoint): void {
  strategy.indicators(resolveStrategyParameters(strategy, point));
  if (strategy.higherIndicators !== undefined) strategy.higherIndicators(resolveStrategyParameters(strategy, point));
}

interface ScoreContext {
  memos: SweepMemos;
  periods: readonly number[];
  window: BarWindow | undefined;
  index: number;
}

function scorePoint(strategy: Strategy, series: readonly Bars[], parameters: ParameterPoint, settings: ResolvedSweepSettings, context: ScoreContext): SweepPointResult {
  const perSeries: SeriesMetrics[] = series.map((bars, s) => {
    const end = context.window?.end ?? bars.length;
    const run = evaluatePoint(strategy, bars, parameters, settings, { memo: context.memos.for(s, end), window: context.window, periodsPerYear: context.periods[s] });
    return { symbol: bars.symbol, metrics: run.metrics };
  });
  const metric = settings.metric;
  return {
    index: context.index,
    parameters,
    score: meanOfDefined(perSeries.map((entry) => entry.metrics[metric])),
    metrics: meanMetrics(perSeries.map((entry) => entry.metrics)),
    series: perSeries,
  };
}
