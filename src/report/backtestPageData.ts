import type { Bars } from '../core/Bars.js';
import type { BacktestReport } from './backtestReport.js';
import { decimateIndices } from './decimateIndices.js';
import { allMidnights } from './formatNumbers.js';
import { tradesChart } from './tradesChart.js';

/** A price series and its trade markers as the page's script reads them (times in seconds, as lightweight-charts wants). */
export interface PageSymbol {
  symbol: string;
  title: string;
  time: number[];
  open: (number | null)[];
  high: (number | null)[];
  low: (number | null)[];
  close: (number | null)[];
  trades: number;
  markers: { time: number; position: 'aboveBar' | 'belowBar'; shape: string; color: string; text: string }[];
}

/** What the charts of the backtest page draw, embedded in it as JSON. Missing values are null. */
export interface BacktestPageData {
  intraday: boolean;
  benchmarkLabel: string | null;
  equity: { time: number[]; equity: (number | null)[]; benchmark: (number | null)[] | null; drawdown: (number | null)[] };
  rolling: { window: number; time: number[]; sharpe: (number | null)[]; sortino: (number | null)[]; volatility: (number | null)[] };
  symbols: PageSymbol[];
  /** Price series given but not charted (beyond `maxSymbols`). */
  omittedSymbols: number;
}

export interface PageDataOptions {
  /** Most points per chart line; longer series keep each bucket's extremes (`decimateIndices`). Default 4000. */
  maxPoints?: number;
  /** Most price charts (symbols with the most trades first); default 25. */
  maxSymbols?: number;
}

const seconds = (time: number) => Math.floor(time / 1000);
// Eight significant digits are more than a screen resolves and halve the page of a long run.
const compact = (value: number) => (Number.isFinite(value) ? Number(value.toPrecision(8)) : null);

/**
 * The chart data of the page: the equity (and the benchmark rebased to the curve's first value)
 * with the drawdown in percent below zero, the rolling ratios (volatility in percent), and per
 * symbol the candles and the trade markers of `tradesChart`.
 */
export function backtestPageData(report: BacktestReport, options: PageDataOptions = {}): BacktestPageData {
  const { curve, benchmark, drawdown, rolling } = report;
  const n = curve.equity.length;
  const maxPoints = options.maxPoints ?? 4000;
  const rebased = benchmark === undefined ? undefined : Float64Array.from(benchmark, (value) => (value / benchmark[0]) * curve.equity[0]);
  const kept = decimateIndices(rebased === undefined ? [curve.equity, drawdown] : [curve.equity, rebased, drawdown], n, maxPoints);
  const pick = (values: ArrayLike<number>, indices: Int32Array, scale = 1) => Array.from(indices, (i) => compact(values[i] * scale));
  const rollingKept = decimateIndices([rolling.sharpeRatio, rolling.sortinoRatio, rolling.volatility], n, maxPoints);
  return {
    intraday: !allMidnights(curve.time),
    benchmarkLabel: benchmark === undefined ? null : report.benchmarkLabel,
    equity: {
      time: Array.from(kept, (i) => seconds(curve.time[i])),
      equity: pick(curve.equity, kept),
      benchmark: rebased === undefined ? null : pick(rebased, kept),
      drawdown: pick(drawdown, kept, -100),
    },
    rolling: {
      window: report.rollingWindow,
      time: Array.from(rollingKept, (i) => seconds(curve.time[i])),
      sharpe: pick(rolling.sharpeRatio, rollingKept),
      sortino: pick(rolling.sortinoRatio, rollingKept),
      volatility: pick(rolling.volatility, rollingKept, 100),
    },
    ...symbolCharts(report, options.maxSymbols ?? 25),
  };
}

function symbolCharts(report: BacktestReport, maxSymbols: number): { symbols: PageSymbol[]; omittedSymbols: number } {
  const tradeCounts = new Map<string, number>();
  for (const trade of report.trades) tradeCounts.set(trade.symbol, (tradeCounts.get(trade.symbol) ?? 0) + 1);
  const count = (bars: Bars) => tradeCounts.get(bars.symbol) ?? 0;
  const ordered = [...report.bars].sort((a, b) => count(b) - count(a) || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  const symbols = ordered.slice(0, maxSymbols).map((bars): PageSymbol => {
    const model = tradesChart(bars, report.trades);
    const column = (values: Float64Array) => Array.from(values, compact);
    return {
      symbol: bars.symbol,
      title: model.title,
      time: Array.from(model.candles.time, seconds),
      open: column(model.candles.open),
      high: column(model.candles.high),
      low: column(model.candles.low),
      close: column(model.candles.close),
      trades: count(bars),
      markers: model.markers.map((marker) => ({
        time: seconds(marker.time), position: marker.position === 'above' ? 'aboveBar' : 'belowBar', shape: marker.shape, color: marker.color, text: marker.text ?? '',
      })),
    };
  });
  return { symbols, omittedSymbols: ordered.length - symbols.length };
}
