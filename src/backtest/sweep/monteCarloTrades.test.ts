import { describe, expect, it } from 'vitest';
import type { Trade } from '../Trade.js';
import { monteCarloTrades } from './monteCarloTrades.js';

const trade = (returnFraction: number): Trade => ({
  id: 0, symbol: 'X', strategy: 's', side: 'long', quantity: 1, entryTime: 0, entryIndex: 0, entryPrice: 1, exitTime: 1, exitIndex: 1, exitPrice: 1,
  pnl: returnFraction, returnFraction, fees: 0, slippage: 0, funding: 0, exitReason: 'signal',
});

describe('monteCarloTrades', () => {
  it('gives the one possible outcome when every trade is alike: (1.1)^3 - 1, no drawdown', () => {
    const result = monteCarloTrades([trade(0.1), trade(0.1), trade(0.1)], { runs: 50 });
    for (const value of Object.values(result.totalReturn)) expect(value).toBeCloseTo(0.331, 12);
    for (const value of Object.values(result.maxDrawdown)) expect(value).toBe(0);
    expect(result.probabilityOfLoss).toBe(0);
  });

  it('spreads outcomes around the compounded result, reproducibly, with drawdowns in [0, 1]', () => {
    const trades = [0.05, -0.03, 0.02, -0.04, 0.06, 0.01, -0.02, 0.03].map(trade);
    const a = monteCarloTrades(trades, { runs: 2_000, seed: 7 });
    expect(monteCarloTrades(trades, { runs: 2_000, seed: 7 })).toEqual(a);
    expect(a.totalReturn['5']).toBeLessThan(a.totalReturn['50']);
    expect(a.totalReturn['50']).toBeLessThan(a.totalReturn['95']);
    // The median of a bootstrap of eight trades lies near their compounded return, 0.0788.
    expect(Math.abs(a.totalReturn['50'] - 0.0788)).toBeLessThan(0.03);
    for (const value of Object.values(a.maxDrawdown)) expect(value >= 0 && value <= 1).toBe(true);
    expect(a.probabilityOfLoss).toBeGreaterThan(0);
    expect(a.probabilityOfLoss).toBeLessThan(0.5);
  });

  it('reports nothing to resample without trades, and refuses bad options', () => {
    expect(monteCarloTrades([], { runs: 10 }).totalReturn['50']).toBe(0);
    expect(() => monteCarloTrades([trade(0.1)], { runs: 0 })).toThrow(/runs must be a whole number >= 1, got 0/);
    expect(() => monteCarloTrades([trade(0.1)], { percentiles: [100] })).toThrow(/percentiles must lie in \(0, 100\)/);
  });
});
