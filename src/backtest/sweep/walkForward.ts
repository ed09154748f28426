import type { Bars } from '../../core/Bars.js';
import { TickforgeError } from '../../core/errors.js';
import type { Strategy } from '../../strategy/Strategy.js';
import type { PerformanceMetrics } from '../metrics/PerformanceMetrics.js';
import type { EquityCurve, Trade } from '../Trade.js';
import { estimatePeriodsPerYear } from '../estimatePeriodsPerYear.js';
import { computeMetrics } from '../metrics/computeMetrics.js';
import { evaluatePoint, resolveSweepSettings, type SweepSettings } from './evaluatePoint.js';
import { meanMetrics, meanOfDefined } from './meanMetrics.js';
import { monteCarloTrades, type MonteCarloOptions, type MonteCarloResult } from './monteCarloTrades.js';
import { gridSize, type ParameterPoint, type ParameterRange } from './parameterSpace.js';
import { SweepMemos, type SeriesMetrics } from './runSweep.js';
import { inlineEvaluator, searchParameters, type SearchMode, type SweepEvaluator } from './searchParameters.js';
import { stitchWindows, type WindowRun } from './stitchWindows.js';
import type { MetricDirection, SweepMetric } from './sweepMetric.js';
import { walkForwardWindows, type WalkForwardOptions, type WalkForwardWindow } from './walkForwardWindows.js';

export interface WalkForwardSweepOptions extends WalkForwardOptions, SweepSettings {
  /** The space searched in each in-sample window. */
  ranges: readonly ParameterRange[];
  /** Default: the whole grid. */
  mode?: SearchMode;
  /** Bootstrap of the out-of-sample trades; default 1,000 runs; false for none. */
  monteCarlo?: MonteCarloOptions | false;
  /** Points evaluated so far over all windows, and the total expected. */
  onProgress?: (done: number, total: number) => void;
}

/** One step of a walk-forward analysis. */
export interface WalkForwardWindowResult {
  window: WalkForwardWindow;
  /** Open times of the first and last bars of the in-sample and out-of-sample parts. */
  inSampleTimes: [number, number];
  outOfSampleTimes: [number, number];
  /** The point that scored best in-sample. */
  parameters: ParameterPoint;
  /** Points evaluated in-sample. */
  evaluated: number;
  inSample: { score: number; metrics: PerformanceMetrics };
  outOfSample: { score: number; metrics: PerformanceMetrics; series: SeriesMetrics[] };
  /** outOfSample.score / inSample.score; NaN when the in-sample score is 0 or undefined. */
  efficiency: number;
}

/** One series' out-of-sample windows as one account. */
export interface StitchedSeries {
  symbol: string;
  curve: EquityCurve;
  trades: Trade[];
  metrics: PerformanceMetrics;
}

export interface WalkForwardResult {
  metric: SweepMetric;
  direction: MetricDirection;
  anchored: boolean;
  periodsPerYear: number;
  windows: WalkForwardWindowResult[];
  /** Means over the windows of their in-sample (best) and out-of-sample scores. */
  inSampleScore: number;
  outOfSampleScore: number;
  /**
   * Walk-forward efficiency: outOfSampleScore / inSampleScore, how much of the optimised
   * performance survived on unseen bars (for a metric to maximise with a positive in-sample
   * score, 1 kept it all; below 0.5 is the usual sign of an overfitted optimum).
   */
  efficiency: number;
  /** The stitched out-of-sample accounts: the metric over each (mean over series), their metrics. */
  outOfSample: { score: number; metrics: PerformanceMetrics; series: StitchedSeries[] };
  /** Bootstrap of every out-of-sample trade of every series. */
  monteCarlo?: MonteCarloResult;
  /** Points the strategy refused, over all windows. */
  skipped: number;
}

/** Builds the evaluator of the in-sample searches (on this thread by default, on workers from `parallel/`). */
export type EvaluatorFactory = (settings: SweepSettings) => SweepEvaluator;

/**
 * Walk-forward analysis: for each window (`walkForwardWindows`, rolling or anchored), the
 * space is searched on the in-sample bars, the best point is run on the out-of-sample bars
 * that follow, and the out-of-sample runs are stitched into one account per series. Each run
 * sees only bars before its part's end (`BarWindow`): window k's choice and results do not
 * change when any later bar does. Accounts close what is open at each part's last bar, so
 * every trade belongs to one part. Several series must share one clock (the same times).
 * Bars per year, unless given, are measured on the first in-sample part only.
 * @throws TF_ERR_CORE_ARGUMENT_INVALID for windows the series cannot hold, series on different clocks, or no valid point
 */
export async function walkForward(
  strategy: Strategy,
  series: readonly Bars[],
  options: WalkForwardSweepOptions,
  createEvaluator: EvaluatorFactory = (settings) => inlineEvaluator(strategy, series, settings),
): Promise<WalkForwardResult> {
  checkClock(series);
  const windows = walkForwardWindows(series[0].length, options);
  const periodsPerYear = options.periodsPerYear ?? estimatePeriodsPerYear(series[0].time.subarray(0, windows[0].inEnd), series[0].timeframe);
  const settings: SweepSettings = {
    simulation: { ...options.simulation, closeAtEnd: true },
    router: options.router,
    metric: options.metric,
    periodsPerYear,
    riskFreeRate: options.riskFreeRate,
  };
  const resolved = resolveSweepSettings(settings);
  const mode = options.mode ?? { kind: 'grid' };
  const perWindow = expectedPoints(options.ranges, mode);
  const total = perWindow * windows.length;
  const evaluator = createEvaluator(settings);
  const memos = new SweepMemos();
  const results: WalkForwardWindowResult[] = [];
  const runs: WindowRun[][] = series.map(() => []);
  let skipped = 0;
  try {
    for (const [k, window] of windows.entries()) {
      const search = await searchParameters(strategy, options.ranges, mode, evaluator, {
        window: { start: window.inStart, end: window.inEnd },
        onProgress: (done) => options.onProgress?.(Math.min(total, k * perWindow + done), total),
      });
      skipped += search.skipped.count;
      const best = search.ranked[0];
      if (best === undefined) {
        throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `Walk-forward window ${k + 1} has no valid point to evaluate: ${search.skipped.reasons.join(' ') || 'the space is empty'}`, {
          details: { option: 'ranges', window: k },
        });
      }
      const outOfSample: SeriesMetrics[] = series.map((bars, s) => {
        const run = evaluatePoint(strategy, bars, best.parameters, resolved, { window: { start: window.outStart, end: window.outEnd }, detail: true, memo: memos.for(s, window.outEnd) });
        runs[s].push({ result: run.result!, offset: run.offset });
        return { symbol: bars.symbol, metrics: run.metrics };
      });
      const outScore = meanOfDefined(outOfSample.map((entry) => entry.metrics[resolved.metric]));
      const time = series[0].time;
      results.push({
        window,
        inSampleTimes: [time[window.inStart], time[window.inEnd - 1]],
        outOfSampleTimes: [time[window.outStart], time[window.outEnd - 1]],
        parameters: best.parameters,
        evaluated: search.results.length,
        inSample: { score: best.score, metrics: best.metrics },
        outOfSample: { score: outScore, metrics: meanMetrics(outOfSample.map((entry) => entry.metrics)), series: outOfSample },
        efficiency: ratio(outScore, best.score),
      });
      options.onProgress?.((k + 1) * perWindow, total);
    }
  } finally {
    await evaluator.close();
  }
  const stitched: StitchedSeries[] = series.map((bars, s) => {
    const { curve, trades } = stitchWindows(runs[s]);
    return { symbol: bars.symbol, curve, trades, metrics: computeMetrics({ curve, trades, periodsPerYear, riskFreeRate: resolved.riskFreeRate }) };
  });
  const inSampleScore = meanOfDefined(results.map((window) => window.inSample.score));
  const outOfSampleScore = meanOfDefined(results.map((window) => window.outOfSample.score));
  const monteCarlo = options.monteCarlo === false ? undefined : monteCarloTrades(stitched.flatMap((entry) => entry.trades), options.monteCarlo ?? {});
  return {
    metric: resolved.metric,
    direction: resolved.direction,
    anchored: options.anchored === true,
    periodsPerYear,
    windows: results,
    inSampleScore,
    outOfSampleScore,
    efficiency: ratio(outOfSampleScore, inSampleScore),
    outOfSample: {
      score: meanOfDefined(stitched.map((entry) => entry.metrics[resolved.metric])),
      metrics: meanMetrics(stitched.map((entry) => entry.metrics)),
      series: stitched,
    },
    ...(monteCarlo === undefined ? {} : { monteCarlo }),
    skipped,
  };
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 || Number.isNaN(denominator) ? NaN : numerator / denominator;
}

/** Points a search evaluates per window, for the progress total (a genetic search may stop short of it). */
function expectedPoints(ranges: readonly ParameterRange[], mode: SearchMode): number {
  const size = gridSize(ranges);
  if (mode.kind === 'grid') return size;
  if (mode.kind === 'random') return Math.min(size, mode.count);
  return Math.min(size, (mode.evolution?.population ?? 32) * ((mode.evolution?.generations ?? 10) + 1));
}

/** Windows are bar indexes, so every series must have the same bars at the same times. */
function checkClock(series: readonly Bars[]): void {
  if (series.length === 0) throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', 'A walk-forward analysis needs at least one series of bars.', { details: { option: 'series' } });
  const time = series[0].time;
  for (const bars of series.slice(1)) {
    const same = bars.length === time.length && bars.time.every((value, i) => value === time[i]);
    if (!same) {
      throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `Walk-forward windows are bar indexes shared by every series, but ${bars.symbol} has other bar times than ${series[0].symbol}; run the series separately or align them first.`, {
        details: { option: 'series', symbol: bars.symbol },
      });
    }
  }
}
