import type { Trade } from '../Trade.js';

export type AttributionKey = 'strategy' | 'symbol' | 'tag';

/** The key under which trades without a tag are grouped by `attribution(trades, 'tag')`. */
export const untaggedKey = '(untagged)';

export interface AttributionRow {
  /** The strategy name, the symbol or the entry tag (`untaggedKey` for trades without one). */
  key: string;
  pnl: number;
  trades: number;
  winningTrades: number;
  /** winningTrades / trades (pnl > 0 counts as a win). */
  winRate: number;
  fees: number;
  slippage: number;
  funding: number;
  /**
   * pnl / the total pnl of all trades: the shares add up to 1. When the total is negative a
   * profitable key has a negative share; NaN when the total is 0.
   */
  pnlShare: number;
}

/**
 * Profit and loss split by strategy, symbol or entry tag: one row per key, ordered by pnl
 * (highest first, ties by key) so a report can print them as they come.
 */
export function attribution(trades: readonly Trade[], by: AttributionKey): AttributionRow[] {
  const rows = new Map<string, AttributionRow>();
  let total = 0;
  for (const trade of trades) {
    const key = by === 'tag' ? (trade.tag ?? untaggedKey) : trade[by];
    let row = rows.get(key);
    if (row === undefined) {
      row = { key, pnl: 0, trades: 0, winningTrades: 0, winRate: NaN, fees: 0, slippage: 0, funding: 0, pnlShare: NaN };
      rows.set(key, row);
    }
    row.pnl += trade.pnl;
    row.trades++;
    if (trade.pnl > 0) row.winningTrades++;
    row.fees += trade.fees;
    row.slippage += trade.slippage;
    row.funding += trade.funding;
    total += trade.pnl;
  }
  const result = [...rows.values()];
  for (const row of result) {
    row.winRate = row.winningTrades / row.trades;
    row.pnlShare = total !== 0 ? row.pnl / total : NaN;
  }
  return result.sort((a, b) => b.pnl - a.pnl || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
