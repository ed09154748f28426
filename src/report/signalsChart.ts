import type { Bars } from '../core/Bars.js';
import type { Signal } from '../strategy/Signal.js';
import { chartColors, chartModel, type ChartModel } from './ChartModel.js';

export interface SignalsChartOptions {
  title?: string;
  lastBars?: number;
  /** Indicator columns to draw over the candles (an average, a band). */
  lines?: ReadonlyMap<string, Float64Array>;
}

const lineColors = ['#1e88e5', '#fb8c00', '#8e24aa', '#00897b', '#6d4c41'];

/**
 * A strategy's signals over the candles: entries as arrows (long below the bar, short above),
 * exits as squares, each entry's stop and take-profit as segments until the next exit on that
 * side (or the last bar), and the strategy's indicator lines.
 */
export function signalsChart(bars: Bars, signals: readonly Signal[], options: SignalsChartOptions = {}): ChartModel {
  const start = Math.max(0, bars.length - (options.lastBars ?? bars.length));
  const slice = (column: Float64Array) => column.subarray(start);
  const strategies = [...new Set(signals.map((signal) => signal.strategy))].join(', ');
  const model = chartModel(options.title ?? `${bars.symbol} ${bars.timeframe.code}: ${strategies || 'no'} signals`, {
    time: slice(bars.time), open: slice(bars.open), high: slice(bars.high), low: slice(bars.low), close: slice(bars.close),
  });
  [...(options.lines ?? new Map<string, Float64Array>())].forEach(([label, values], k) => model.lines.push({ label, color: lineColors[k % lineColors.length], values: slice(values) }));
  const lastTime = bars.time[bars.length - 1];
  signals.forEach((signal, k) => {
    if (signal.index < start) return;
    const long = signal.side === 'long';
    if (signal.kind === 'exit') {
      model.markers.push({ time: signal.time, position: long ? 'above' : 'below', shape: 'square', color: chartColors.neutral, text: `exit ${signal.side}` });
      return;
    }
    model.markers.push({
      time: signal.time, position: long ? 'below' : 'above', shape: long ? 'arrowUp' : 'arrowDown',
      color: long ? chartColors.bullish : chartColors.bearish, text: signal.tag ?? signal.side,
    });
    const exit = signals.slice(k + 1).find((other) => other.kind === 'exit' && other.side === signal.side && other.symbol === signal.symbol);
    const until = exit?.time ?? lastTime;
    if (signal.stopLoss !== undefined) model.segments.push({ fromTime: signal.time, toTime: until, price: signal.stopLoss, color: chartColors.bearish, dashed: true, label: 'stop' });
    if (signal.takeProfit !== undefined) model.segments.push({ fromTime: signal.time, toTime: until, price: signal.takeProfit, color: chartColors.bullish, dashed: true, label: 'target' });
  });
  return model;
}
