import { describe, expect, it } from 'vitest';
import { candleBars, type Candle } from '../../../test/handMadeBars.js';
import type { OrderRequest } from './BacktestOptions.js';
import { liquidationPrice } from './applyFill.js';
import { simulate } from './simulate.js';

const order = (fields: Partial<OrderRequest>): OrderRequest => ({ symbol: 'HAND', index: 0, side: 'buy', ...fields });

function barsWithVolume(candles: Candle[], volume: number) {
  const bars = candleBars(candles);
  bars.volume.fill(volume);
  return bars;
}

describe('leverage, margin and liquidation', () => {
  it('computes the isolated liquidation price from entry, leverage and maintenance margin', () => {
    // Long: 100 x (1 - 1/5) / (1 - 0.05) = 84.2105...; short: 100 x (1 + 1/5) / (1 + 0.05) = 114.2857...
    expect(liquidationPrice(1, 100, 5, 0.05)).toBeCloseTo(80 / 0.95, 12);
    expect(liquidationPrice(-1, 100, 5, 0.05)).toBeCloseTo(120 / 1.05, 12);
    expect(liquidationPrice(1, 100, 1, 0)).toBe(0);
  });

  it('liquidates a leveraged long when the low crosses its liquidation price, leaving the maintenance margin', () => {
    const bars = candleBars([
      [100, 100, 100, 100],
      [100, 101, 95, 96],
      [96, 97, 84, 85],
      [85, 90, 84, 89],
    ]);
    const result = simulate(
      { symbols: [{ bars, longEntries: Uint8Array.of(1, 0, 0, 0) }] },
      { initialCash: 10_000, leverage: 5, maintenanceMargin: 0.05, sizing: { kind: 'equity-fraction', fraction: 5 } },
    );
    // 5 x 10000 / 100 = 500 units, margin 500 x 100 / 5 = 10000. Bar 2's low 84 < 84.2105...: liquidated there.
    const liquidation = 80 / 0.95;
    expect(result.fills.map((fill) => [fill.index, fill.side, fill.quantity, fill.reason])).toEqual([
      [1, 'buy', 500, 'signal'],
      [2, 'sell', 500, 'liquidation'],
    ]);
    expect(result.fills[1].price).toBeCloseTo(liquidation, 10);
    // What is left equals the maintenance margin at that price: 5% x 500 x 84.21 = 2105.26.
    expect(result.equity).toBeCloseTo(0.05 * 500 * liquidation, 8);
    expect(result.trades[0].exitReason).toBe('liquidation');
    expect(result.orders[1]).toMatchObject({ role: 'liquidation', status: 'filled' });
  });

  it('the stop-loss above the liquidation price fills first', () => {
    const bars = candleBars([[100, 100, 100, 100], [100, 101, 80, 85]]);
    const result = simulate({ symbols: [{ bars }], orders: [order({ quantity: 400, stopLoss: 90 })] }, { initialCash: 10_000, leverage: 5, maintenanceMargin: 0.05 });
    expect(result.fills[1]).toMatchObject({ price: 90, reason: 'stop-loss' });
  });

  it('shrinks an opening order to the free margin, or rejects it when asked', () => {
    const bars = candleBars([[100, 100, 100, 100], [100, 101, 99, 100], [100, 101, 99, 100]]);
    const shrink = simulate({ symbols: [{ bars }], orders: [order({ quantity: 30 })] }, { initialCash: 1_000, leverage: 2, closeAtEnd: false });
    // Free margin 1000 at leverage 2 buys 1000 / (100 / 2) = 20 units.
    expect(shrink.fills[0].quantity).toBe(20);
    expect(shrink.orders[0]).toMatchObject({ status: 'cancelled', statusReason: 'insufficient margin', filledQuantity: 20 });
    const reject = simulate({ symbols: [{ bars }], orders: [order({ quantity: 30 })] }, { initialCash: 1_000, leverage: 2, insufficientMargin: 'reject' });
    expect(reject.fills).toEqual([]);
    expect(reject.orders[0].status).toBe('rejected');
  });

  it('counts a short against the margin too: short all of equity, then a long elsewhere finds none', () => {
    const a = candleBars([[10, 10, 10, 10], [10, 10, 10, 10]], 'A');
    const b = candleBars([[20, 20, 20, 20], [20, 20, 20, 20]], 'B');
    const result = simulate({ symbols: [{ bars: a }, { bars: b }], orders: [order({ symbol: 'A', side: 'sell', quantity: 100 }), order({ symbol: 'B', quantity: 10 })] }, { initialCash: 1_000 });
    expect(result.fills.filter((fill) => fill.reason === 'signal').map((fill) => [fill.symbol, fill.quantity])).toEqual([['A', 100]]);
    expect(result.orders[1]).toMatchObject({ status: 'rejected', statusReason: 'insufficient margin' });
  });
});

describe('funding and borrow', () => {
  const bars = candleBars([[100, 100, 100, 100], [100, 101, 99, 100], [100, 111, 99, 110], [110, 111, 109, 110]]);

  it('a long pays the funding rate on its value at each close it is held through', () => {
    const result = simulate({ symbols: [{ bars, longEntries: Uint8Array.of(1, 0, 0, 0) }] }, { initialCash: 10_000, sizing: { kind: 'quantity', quantity: 10 }, fundingRate: 0.001 });
    // Held through bars 1, 2, 3 (closed at bar 3's close after the charge): 0.001 x 10 x (100 + 110 + 110) = 3.2.
    expect(result.totalFunding).toBeCloseTo(3.2, 12);
    expect(result.trades[0].funding).toBeCloseTo(3.2, 12);
    expect(result.trades[0].pnl).toBeCloseTo(100 - 3.2, 12);
  });

  it('a short receives positive funding and pays the borrow rate; a per-bar column overrides the rate', () => {
    const fundingRate = Float64Array.of(0, 0.002, -0.001, 0);
    const result = simulate(
      { symbols: [{ bars, shortEntries: Uint8Array.of(1, 0, 0, 0), fundingRate }] },
      { initialCash: 10_000, sizing: { kind: 'quantity', quantity: 10 }, fundingRate: 0.5, borrowRate: 0.0005 },
    );
    // Funding: -10 x (0.002 x 100 - 0.001 x 110 + 0 x 110) = -0.9 (received 0.9); borrow 0.0005 x 10 x (100 + 110 + 110) = 1.6.
    expect(result.totalFunding).toBeCloseTo(-0.9 + 1.6, 12);
  });
});

describe('slippage models and volume participation', () => {
  const candles: Candle[] = [[100, 100, 100, 100], [100, 104, 98, 102], [102, 104, 100, 103], [103, 105, 101, 104]];

  it('a fraction of the bar range', () => {
    const result = simulate({ symbols: [{ bars: candleBars(candles) }], orders: [order({ quantity: 1 })] }, { slippage: { rangeFraction: 0.25 }, closeAtEnd: false });
    // Bar 1 range 104 - 98 = 6: 100 + 0.25 x 6 = 101.5.
    expect(result.fills[0]).toMatchObject({ price: 101.5, slippage: 1.5 });
  });

  it('volume impact k x (quantity / volume)^alpha x price, capped at the bar high', () => {
    const bars = barsWithVolume(candles, 10_000);
    const result = simulate({ symbols: [{ bars }], orders: [order({ quantity: 100 })] }, { slippage: { impactCoefficient: 0.1, impactExponent: 0.5 }, closeAtEnd: false });
    // 0.1 x sqrt(100 / 10000) x 100 = 1: 101.
    expect(result.fills[0].price).toBeCloseTo(101, 12);
    const capped = simulate({ symbols: [{ bars }], orders: [order({ quantity: 100 })] }, { slippage: { impactCoefficient: 1 }, closeAtEnd: false });
    // 1 x 0.1 x 100 = 10 would reach 110: capped at the high 104.
    expect(capped.fills[0].price).toBe(104);
  });

  it('caps a market fill at maxParticipation of the bar volume and cancels the rest', () => {
    const bars = barsWithVolume(candles, 1_000);
    const result = simulate({ symbols: [{ bars }], orders: [order({ quantity: 250 })] }, { maxParticipation: 0.1, closeAtEnd: false });
    expect(result.fills.map((fill) => fill.quantity)).toEqual([100]);
    expect(result.orders[0]).toMatchObject({ status: 'cancelled', filledQuantity: 100, statusReason: "the order exceeds maxParticipation of the bar's volume" });
  });

  it('refuses the whole market fill beyond the cap when asked', () => {
    const bars = barsWithVolume(candles, 1_000);
    const result = simulate({ symbols: [{ bars }], orders: [order({ quantity: 250 })] }, { maxParticipation: 0.1, participationOverflow: 'refuse' });
    expect(result.fills).toEqual([]);
    expect(result.orders[0].status).toBe('rejected');
  });

  it('a resting limit order fills the cap bar after bar until complete', () => {
    const bars = barsWithVolume(candles, 1_000);
    const result = simulate({ symbols: [{ bars }], orders: [order({ type: 'limit', limitPrice: 103, quantity: 250 })] }, { maxParticipation: 0.1, closeAtEnd: false });
    expect(result.fills.map((fill) => [fill.index, fill.quantity, fill.price])).toEqual([
      [1, 100, 100],
      [2, 100, 102],
      [3, 50, 103],
    ]);
    expect(result.orderEvents.map((event) => event.status)).toEqual(['submitted', 'partially-filled', 'partially-filled', 'filled']);
  });

  it('shares the cap between the fills of one bar', () => {
    const bars = barsWithVolume(candles, 1_000);
    const result = simulate({ symbols: [{ bars }], orders: [order({ quantity: 60 }), order({ quantity: 60 })] }, { maxParticipation: 0.1, closeAtEnd: false });
    expect(result.fills.map((fill) => fill.quantity)).toEqual([60, 40]);
  });
});
