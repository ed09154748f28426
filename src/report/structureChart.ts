import type { Bars } from '../core/Bars.js';
import type { StructureAnalysis } from '../analysis/smc/StructureEngine.js';
import { chartColors, chartModel, type ChartModel } from './ChartModel.js';

export interface StructureChartOptions {
  title?: string;
  /** Draw only the last this many bars (and what lies in them); default all. */
  lastBars?: number;
}

/**
 * The market structure over the candles, for a trader to check by eye: swing highs and lows
 * as markers at the pivot, each BOS/CHoCH as a segment from its swing to the breaking bar,
 * fair value gaps (amber) and order blocks (green demand, red supply) as boxes running until
 * filled, mitigated or invalidated (or the last bar; old open ones only near the drawn prices), pools of equal highs/lows as dashed segments, and the dealing range's
 * equilibrium as a line.
 */
export function structureChart(bars: Bars, analysis: StructureAnalysis, options: StructureChartOptions = {}): ChartModel {
  const start = Math.max(0, bars.length - (options.lastBars ?? bars.length));
  const slice = <T extends Float64Array>(column: T) => column.subarray(start) as T;
  const model = chartModel(options.title ?? `${bars.symbol} ${bars.timeframe.code}: market structure`, {
    time: slice(bars.time), open: slice(bars.open), high: slice(bars.high), low: slice(bars.low), close: slice(bars.close),
  });
  const last = bars.length - 1;
  const firstTime = bars.time[start];
  const lastTime = bars.time[last];
  const visible = (index: number) => index >= start;
  const endTime = (index: number) => (index >= 0 ? bars.time[index] : lastTime);
  const clip = (time: number) => Math.max(time, firstTime);
  // Zones formed long ago and still open can lie far from today's prices; drawing them would squash the candles.
  let lowest = Infinity;
  let highest = -Infinity;
  for (let i = start; i < bars.length; i++) {
    if (bars.low[i] < lowest) lowest = bars.low[i];
    if (bars.high[i] > highest) highest = bars.high[i];
  }
  const margin = (highest - lowest) * 0.1;
  const near = (top: number, bottom: number) => bottom <= highest + margin && top >= lowest - margin;

  for (const point of analysis.swings.points) {
    if (!visible(point.index)) continue;
    const high = point.kind === 'high';
    model.markers.push({ time: point.time, position: high ? 'above' : 'below', shape: 'circle', color: chartColors.neutral, text: high ? 'SH' : 'SL' });
  }
  for (const event of analysis.breaks.breaks) {
    if (!visible(event.index)) continue;
    const color = event.direction === 1 ? chartColors.bullish : chartColors.bearish;
    model.segments.push({ fromTime: clip(event.swing.time), toTime: event.time, price: event.level, color, label: event.kind === 'bos' ? 'BOS' : 'CHoCH' });
  }
  for (const gap of analysis.fairValueGaps.gaps) {
    const end = gap.filledIndex >= 0 ? gap.filledIndex : last;
    if (!visible(end) || !near(gap.top, gap.bottom)) continue;
    model.boxes.push({ fromTime: clip(bars.time[gap.index - 2] ?? gap.time), toTime: endTime(gap.filledIndex), top: gap.top, bottom: gap.bottom, color: chartColors.gapFill });
  }
  for (const block of analysis.orderBlocks.blocks) {
    const endIndex = block.invalidatedIndex >= 0 ? block.invalidatedIndex : block.mitigatedIndex;
    if (!visible(endIndex >= 0 ? endIndex : last) || !near(block.top, block.bottom)) continue;
    const bullish = block.direction === 1;
    model.boxes.push({
      fromTime: clip(block.candleTime), toTime: endTime(endIndex), top: block.top, bottom: block.bottom,
      color: bullish ? chartColors.bullishFill : chartColors.bearishFill, label: 'OB',
    });
  }
  for (const pool of analysis.equalLevels.pools) {
    const end = pool.endIndex >= 0 ? pool.endIndex : last;
    if (!visible(end) || !near(pool.level, pool.level)) continue;
    const label = `${pool.side === 'high' ? 'EQH' : 'EQL'}${pool.outcome === 'open' ? '' : ` ${pool.outcome}`}`;
    model.segments.push({ fromTime: clip(pool.swings[0].time), toTime: endTime(pool.endIndex), price: pool.level, color: chartColors.liquidity, dashed: true, label });
  }
  model.lines.push({ label: 'equilibrium', color: '#90a4ae', values: slice(analysis.dealingRange.equilibrium) });
  return model;
}
