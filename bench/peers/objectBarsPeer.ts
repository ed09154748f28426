import type { Bars } from '../../src/core/Bars.js';

/**
 * The peer: how JavaScript market-data libraries hold and process bars today, as an array
 * of `{ time, open, high, low, close, volume }` objects looped over one by one. Written
 * plainly, as such code is, so the comparison shows what the columnar layout buys.
 */
export interface BarObject {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export function toObjects(bars: Bars): BarObject[] {
  const out: BarObject[] = [];
  for (let i = 0; i < bars.length; i++) {
    out.push({ time: bars.time[i], open: bars.open[i], high: bars.high[i], low: bars.low[i], close: bars.close[i], volume: bars.volume[i] });
  }
  return out;
}

/** The same row rules, order and duplicate checks as `validateBars`, returning the problems found. */
export function validateObjects(bars: readonly BarObject[], step: number): Array<{ index: number; rule: string }> {
  const problems: Array<{ index: number; rule: string }> = [];
  const seen = new Set<number>();
  bars.forEach((bar, index) => {
    const values = [bar.open, bar.high, bar.low, bar.close, bar.volume];
    if (!Number.isFinite(bar.time) || bar.time % step !== 0) problems.push({ index, rule: 'time' });
    if (values.some((value) => !Number.isFinite(value))) problems.push({ index, rule: 'finite' });
    if (bar.high < Math.max(bar.open, bar.close)) problems.push({ index, rule: 'high' });
    if (bar.low > Math.min(bar.open, bar.close)) problems.push({ index, rule: 'low' });
    if (bar.high < bar.low) problems.push({ index, rule: 'high-low' });
    if (bar.volume < 0) problems.push({ index, rule: 'volume' });
    if (index > 0 && bar.time < bars[index - 1].time) problems.push({ index, rule: 'sorted' });
    if (seen.has(bar.time)) problems.push({ index, rule: 'duplicate' });
    seen.add(bar.time);
  });
  return problems;
}

/** OHLCV aggregation into buckets of `width` ms, grouping objects in a Map. */
export function resampleObjects(bars: readonly BarObject[], width: number): BarObject[] {
  const buckets = new Map<number, BarObject>();
  for (const bar of bars) {
    const key = Math.floor(bar.time / width) * width;
    const bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, { ...bar, time: key });
    else {
      bucket.high = Math.max(bucket.high, bar.high);
      bucket.low = Math.min(bucket.low, bar.low);
      bucket.close = bar.close;
      bucket.volume += bar.volume;
    }
  }
  return [...buckets.values()];
}
