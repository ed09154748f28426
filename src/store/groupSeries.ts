import type { Bars } from '../core/index.js';

/**
 * Indexes into `barsList`, cut into groups of at most `maxBars` bars, in input order: a larger
 * single series is its own group (a series is never split, so each `Bars` is stored whole or not
 * at all), and a (symbol, timeframe) never repeats within a group (one merge statement may not
 * touch a key twice). Each group is one transaction of the store.
 */
export function groupSeries(barsList: readonly Bars[], maxBars: number): number[][] {
  const groups: number[][] = [];
  let current: number[] = [];
  let rows = 0;
  let keys = new Set<string>();
  for (const [index, bars] of barsList.entries()) {
    const key = `${bars.symbol}\u0000${bars.timeframe.code}`;
    if (current.length > 0 && (rows + bars.length > maxBars || keys.has(key))) {
      groups.push(current);
      current = [];
      rows = 0;
      keys = new Set();
    }
    current.push(index);
    rows += bars.length;
    keys.add(key);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** "MSFT 1d, AAPL 1d, BHF 1d and 502 more series": names a batch in a message without listing all of it. */
export function describeSeries(list: readonly Bars[]): string {
  const names = list.slice(0, 3).map((bars) => `${bars.symbol} ${bars.timeframe.code}`);
  const more = list.length > 3 ? ` and ${list.length - 3} more series` : '';
  return `${names.join(', ')}${more}`;
}
