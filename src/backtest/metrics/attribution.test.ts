import { describe, expect, it } from 'vitest';
import type { Trade } from '../Trade.js';
import { attribution, untaggedKey } from './attribution.js';
import { tradeStatistics } from './tradeStatistics.js';

function trade(id: number, symbol: string, strategy: string, tag: string | undefined, pnl: number, fees: number, slippage: number, funding: number): Trade {
  return {
    id,
    symbol,
    strategy,
    ...(tag === undefined ? {} : { tag }),
    side: 'long',
    quantity: 1,
    entryTime: 0,
    entryIndex: 0,
    entryPrice: 10,
    exitTime: 1,
    exitIndex: 1,
    exitPrice: 10,
    pnl,
    returnFraction: 0,
    fees,
    slippage,
    funding,
    exitReason: 'signal',
  };
}

// Total pnl 190 - 55 - 10 + 0 = 125.
const trades = [
  trade(1, 'AAPL', 'crossover', 'breakout', 190, 5, 3, 2),
  trade(2, 'MSFT', 'crossover', undefined, -55, 3, 1, 1),
  trade(3, 'AAPL', 'reversion', 'breakout', -10, 1, 0, -0.5),
  trade(4, 'MSFT', 'reversion', 'dip', 0, 0.5, 0.25, 0),
];

describe('attribution', () => {
  it('by symbol: sums, win rates and shares of the total pnl, highest pnl first', () => {
    expect(attribution(trades, 'symbol')).toEqual([
      // AAPL: 190 - 10 = 180, one win of two, 180 / 125 = 1.44.
      { key: 'AAPL', pnl: 180, trades: 2, winningTrades: 1, winRate: 0.5, fees: 6, slippage: 3, funding: 1.5, pnlShare: 1.44 },
      // MSFT: -55 + 0 = -55 (a trade at 0 is no win), -55 / 125 = -0.44.
      { key: 'MSFT', pnl: -55, trades: 2, winningTrades: 0, winRate: 0, fees: 3.5, slippage: 1.25, funding: 1, pnlShare: -0.44 },
    ]);
  });

  it('by strategy and by tag (trades without a tag grouped under untaggedKey)', () => {
    expect(attribution(trades, 'strategy').map((r) => [r.key, r.pnl, r.pnlShare])).toEqual([
      ['crossover', 135, 1.08],
      ['reversion', -10, -0.08],
    ]);
    expect(attribution(trades, 'tag').map((r) => [r.key, r.pnl, r.trades])).toEqual([
      ['breakout', 180, 2],
      ['dip', 0, 1],
      [untaggedKey, -55, 1],
    ]);
  });

  it('shares are NaN when the total pnl is 0, and no trades give no rows', () => {
    const rows = attribution([trade(1, 'A', 's', undefined, 5, 0, 0, 0), trade(2, 'B', 's', undefined, -5, 0, 0, 0)], 'symbol');
    expect(rows.map((r) => r.pnlShare)).toEqual([NaN, NaN]);
    expect(attribution([], 'tag')).toEqual([]);
  });
});

describe('tradeStatistics', () => {
  it('a trade at exactly 0 is neither a win nor a loss but counts in the win rate and expectancy', () => {
    const stats = tradeStatistics(trades);
    expect(stats.tradeCount).toBe(4);
    expect(stats.winningTrades).toBe(1);
    expect(stats.losingTrades).toBe(2);
    expect(stats.winRate).toBe(0.25);
    expect(stats.expectancy).toBe(125 / 4);
    expect(stats.netProfit).toBe(125);
    expect(stats.averageLoss).toBe(-32.5);
    // Both legs' notional: four trades of 1 unit at 10 in and out.
    expect(stats.tradedNotional).toBe(80);
  });

  it('short quantities count by size in the notional', () => {
    expect(tradeStatistics([{ ...trades[0], side: 'short', quantity: -3 }]).tradedNotional).toBe(60);
  });
});
