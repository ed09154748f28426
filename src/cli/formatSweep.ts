import type { MonteCarloResult } from '../backtest/sweep/monteCarloTrades.js';
import type { ParameterPoint } from '../backtest/sweep/parameterSpace.js';
import type { SweepPointResult } from '../backtest/sweep/runSweep.js';
import type { SearchMode, SearchResult } from '../backtest/sweep/searchParameters.js';
import type { WalkForwardResult } from '../backtest/sweep/walkForward.js';
import type { Bars } from '../core/Bars.js';
import { formatPercent, formatTime } from '../report/formatNumbers.js';
import { formatMetric, rankedTable } from '../report/rankedTable.js';
import { formatTable } from './formatTable.js';

/** What `tickforge sweep` prints about a search. */
export interface SweepView {
  strategy: string;
  series: readonly Bars[];
  result: SearchResult;
  mode: SearchMode;
  top: number;
  monteCarlo?: MonteCarloResult;
}

/** The swept parameters of a point, as a label: `fastPeriod=5 slowPeriod=20`. */
export function pointLabel(parameters: ParameterPoint): string {
  return Object.entries(parameters).map(([name, value]) => `${name}=${value}`).join(' ');
}

function seriesLine(series: readonly Bars[]): string {
  const intraday = series.some((bars) => bars.timeframe.milliseconds < 86_400_000);
  const first = Math.min(...series.map((bars) => bars.time[0]));
  const last = Math.max(...series.map((bars) => bars.time[bars.length - 1]));
  const symbols = series.length <= 5 ? series.map((bars) => bars.symbol).join(', ') : `${series.length} symbols`;
  return `${symbols} (${series.reduce((n, bars) => n + bars.length, 0)} bars, ${formatTime(first, intraday)} to ${formatTime(last, intraday)})`;
}

function modeName(mode: SearchMode): string {
  return mode.kind === 'grid' ? 'grid' : mode.kind === 'random' ? `random sample, seed ${mode.seed ?? 1}` : 'genetic search';
}

export function formatSweep(view: SweepView): string {
  const { result, series } = view;
  const lines = [`${view.strategy} over ${seriesLine(series)}: ${result.results.length} points (${modeName(view.mode)})`];
  if (result.skipped.count > 0) lines.push(`${result.skipped.count} points skipped: ${result.skipped.reasons[0]}`);
  if (series.length > 1) lines.push('Metrics are means over the symbols, each backtested on its own account.');
  const runs = result.ranked.map((point) => ({ strategy: `${view.strategy} ${pointLabel(point.parameters)}`, metrics: point.metrics }));
  lines.push(rankedTable(runs, { by: result.metric, limit: view.top }));
  if (view.monteCarlo !== undefined) lines.push(monteCarloLines(view.monteCarlo, "the best point's"));
  return lines.join('\n');
}

export function sweepJson(view: SweepView) {
  const { result } = view;
  return {
    strategy: view.strategy,
    symbols: view.series.map((bars) => bars.symbol),
    mode: view.mode,
    metric: result.metric,
    direction: result.direction,
    evaluated: result.results.length,
    skipped: result.skipped,
    ranked: result.ranked.slice(0, view.top).map((point, k) => pointJson(point, k + 1)),
    ...(view.monteCarlo === undefined ? {} : { monteCarlo: view.monteCarlo }),
  };
}

function pointJson(point: SweepPointResult, rank: number) {
  return { rank, index: point.index, parameters: point.parameters, score: point.score, metrics: point.metrics, series: point.series };
}

/** `whose`: whose trades, e.g. "the best point's". */
function monteCarloLines(result: MonteCarloResult, whose: string): string {
  const percentiles = Object.keys(result.totalReturn);
  const row = (values: Record<string, number>) => percentiles.map((p) => `${p}%: ${formatPercent(values[p])}`).join('  ');
  return [
    `Monte Carlo of ${whose} ${result.trades} trades (${result.runs} resamples)`,
    `  total return   ${row(result.totalReturn)}`,
    `  max drawdown   ${row(result.maxDrawdown)}`,
    `  probability of a loss ${formatPercent(result.probabilityOfLoss)}`,
  ].join('\n');
}

export function formatWalkForward(strategy: string, series: readonly Bars[], result: WalkForwardResult): string {
  const metric = result.metric;
  const intraday = series[0].timeframe.milliseconds < 86_400_000;
  const span = (times: [number, number]) => `${formatTime(times[0], intraday)}..${formatTime(times[1], intraday)}`;
  const first = result.windows[0].window;
  const lines = [
    `Walk-forward of ${strategy} over ${seriesLine(series)}: ${result.anchored ? 'anchored' : 'rolling'}, ${first.inEnd - first.inStart} bars in-sample, ${first.outEnd - first.outStart} out-of-sample, ${result.windows.length} windows, by ${metric} (${result.direction === 'maximise' ? 'highest' : 'lowest'} is best)`,
    formatTable(
      ['#', 'in-sample', 'out-of-sample', 'parameters', 'points', `IS ${metric}`, `OOS ${metric}`],
      result.windows.map((window, k) => [
        k + 1, span(window.inSampleTimes), span(window.outOfSampleTimes), pointLabel(window.parameters), window.evaluated,
        formatMetric(metric, window.inSample.score), formatMetric(metric, window.outOfSample.score),
      ]),
    ),
    `In-sample mean ${formatMetric(metric, result.inSampleScore)}, out-of-sample mean ${formatMetric(metric, result.outOfSampleScore)}: walk-forward efficiency ${Number.isFinite(result.efficiency) ? result.efficiency.toFixed(2) : '-'}`,
  ];
  if (result.skipped > 0) lines.push(`${result.skipped} points skipped over all windows (refused by the strategy).`);
  lines.push('Out-of-sample windows stitched into one account per symbol:');
  lines.push(
    formatTable(
      ['symbol', 'return', 'CAGR', 'Sharpe', 'max DD', 'trades', metric],
      result.outOfSample.series.map((entry) => [
        entry.symbol, formatMetric('totalReturn', entry.metrics.totalReturn), formatMetric('compoundAnnualGrowthRate', entry.metrics.compoundAnnualGrowthRate),
        formatMetric('sharpeRatio', entry.metrics.sharpeRatio), formatMetric('maxDrawdown', entry.metrics.maxDrawdown), entry.metrics.tradeCount, formatMetric(metric, entry.metrics[metric]),
      ]),
    ),
  );
  if (result.monteCarlo !== undefined) lines.push(monteCarloLines(result.monteCarlo, 'the out-of-sample'));
  return lines.join('\n');
}

export function walkForwardJson(strategy: string, series: readonly Bars[], result: WalkForwardResult) {
  const iso = (time: number) => new Date(time).toISOString();
  return {
    strategy,
    symbols: series.map((bars) => bars.symbol),
    metric: result.metric,
    direction: result.direction,
    anchored: result.anchored,
    periodsPerYear: result.periodsPerYear,
    windows: result.windows.map((window) => ({
      ...window,
      inSampleTimes: window.inSampleTimes.map(iso),
      outOfSampleTimes: window.outOfSampleTimes.map(iso),
    })),
    inSampleScore: result.inSampleScore,
    outOfSampleScore: result.outOfSampleScore,
    efficiency: result.efficiency,
    outOfSample: {
      score: result.outOfSample.score,
      metrics: result.outOfSample.metrics,
      series: result.outOfSample.series.map((entry) => ({ symbol: entry.symbol, metrics: entry.metrics, trades: entry.trades })),
    },
    skipped: result.skipped,
    ...(result.monteCarlo === undefined ? {} : { monteCarlo: result.monteCarlo }),
  };
}
