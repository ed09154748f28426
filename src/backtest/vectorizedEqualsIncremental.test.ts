import { beforeAll, describe, expect, it } from 'vitest';
import { runIncrementally, sharedDailyBars } from '../../test/strategyContract.js';
import { requireSharedData } from '../../test/sharedData.js';
import type { Bars } from '../core/Bars.js';
import { runStrategy } from '../strategy/runStrategy.js';
import { builtInStrategies } from '../strategy/strategyRegistry.js';
import { simulate } from './simulator/simulate.js';

/**
 * Issue 7's check that a backtest does not depend on how the signals were made: every built-in
 * strategy, run vectorized over whole arrays and bar by bar as the live trader runs it, gives
 * the same trades through the portfolio simulator on ten real S&P 500 series.
 */
const available = requireSharedData('vectorized vs bar-by-bar trades on S&P 500 series');

describe.skipIf(!available)('vectorized and bar-by-bar strategies trade alike', () => {
  let universe: Bars[] = [];
  beforeAll(async () => {
    universe = await sharedDailyBars();
  }, 60_000);

  for (const strategy of builtInStrategies) {
    it(`${strategy.name}: identical trades and equity`, () => {
      const symbols = universe.map((bars) => ({ bars }));
      const options = { fees: { rate: 0.001 }, slippage: { bps: 5 } };
      const router = { positionFraction: 1 / universe.length };
      const vectorized = simulate({ symbols, signals: universe.flatMap((bars) => runStrategy(strategy, bars)), router }, options);
      const incremental = simulate({ symbols, signals: universe.flatMap((bars) => runIncrementally(strategy, bars)), router }, options);
      expect(incremental.trades.length).toBe(vectorized.trades.length);
      expect(vectorized.trades.length).toBeGreaterThan(0);
      incremental.trades.forEach((trade, k) => {
        const other = vectorized.trades[k];
        expect([trade.symbol, trade.side, trade.entryIndex, trade.exitIndex, trade.exitReason]).toEqual([other.symbol, other.side, other.entryIndex, other.exitIndex, other.exitReason]);
        expect(Math.abs(trade.pnl - other.pnl)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(other.pnl)));
      });
      const last = vectorized.curve.equity.length - 1;
      expect(Math.abs(incremental.curve.equity[last] - vectorized.curve.equity[last])).toBeLessThanOrEqual(1e-6 * vectorized.curve.equity[last]);
    });
  }
});
