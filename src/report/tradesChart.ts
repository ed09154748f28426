import type { Bars } from '../core/Bars.js';
import type { Trade } from '../backtest/Trade.js';
import { chartModel, type ChartModel } from './ChartModel.js';
import { formatSignedPercent } from './formatNumbers.js';

/** Entry markers say the side, exit markers the outcome. */
export const tradeColors = {
  long: '#1e88e5',
  short: '#fb8c00',
  win: '#2e7d32',
  loss: '#c62828',
} as const;

export interface TradesChartOptions {
  title?: string;
  /** Draw only the last this many bars (and the trades in them); default all. */
  lastBars?: number;
  /** Texts beside the markers ("L"/"S" at entries, the trade's return at exits); default true. */
  labels?: boolean;
}

/**
 * The bar of a trade's entry or exit: the trade's own index when that bar holds the time (its
 * open at or before it, and the fill not past the next bar's open: a fill at a close is drawn
 * on the bar that closed), else the last bar opening at or before the time, so trades still
 * land right on bars that are a slice of the simulated series. -1 when before the first bar.
 */
export function tradeBarIndex(time: Float64Array, index: number, at: number): number {
  const n = time.length;
  if (Number.isInteger(index) && index >= 0 && index < n && time[index] <= at && (index + 1 === n || at <= time[index + 1])) return index;
  if (n === 0 || at < time[0]) return -1;
  let low = 0;
  let high = n - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (time[middle] <= at) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * A symbol's trades over its candles: each entry an arrow (up below the bar for a long, down
 * above it for a short; blue long, orange short) and each exit a circle on the other side,
 * green for a winning trade and red for a losing one, labelled with the trade's return. Trades
 * of other symbols are left out.
 */
export function tradesChart(bars: Bars, trades: readonly Trade[], options: TradesChartOptions = {}): ChartModel {
  const start = Math.max(0, bars.length - (options.lastBars ?? bars.length));
  const slice = (column: Float64Array) => column.subarray(start);
  const model = chartModel(options.title ?? `${bars.symbol} ${bars.timeframe.code}: trades`, {
    time: slice(bars.time), open: slice(bars.open), high: slice(bars.high), low: slice(bars.low), close: slice(bars.close),
  });
  const labels = options.labels ?? true;
  // A fill at the last bar's close still belongs to it; later ones are past the drawn bars.
  const endTime = bars.length > 0 ? bars.time[bars.length - 1] + bars.timeframe.milliseconds : -Infinity;
  for (const trade of trades) {
    if (trade.symbol !== bars.symbol) continue;
    const long = trade.side === 'long';
    const entry = tradeBarIndex(bars.time, trade.entryIndex, trade.entryTime);
    if (entry >= start && trade.entryTime <= endTime) {
      model.markers.push({
        time: bars.time[entry], position: long ? 'below' : 'above', shape: long ? 'arrowUp' : 'arrowDown',
        color: long ? tradeColors.long : tradeColors.short, text: labels ? (long ? 'L' : 'S') : undefined,
      });
    }
    const exit = tradeBarIndex(bars.time, trade.exitIndex, trade.exitTime);
    if (exit >= start && trade.exitTime <= endTime) {
      model.markers.push({
        time: bars.time[exit], position: long ? 'above' : 'below', shape: 'circle',
        color: trade.pnl > 0 ? tradeColors.win : tradeColors.loss, text: labels ? formatSignedPercent(trade.returnFraction) : undefined,
      });
    }
  }
  model.markers.sort((a, b) => a.time - b.time);
  return model;
}
