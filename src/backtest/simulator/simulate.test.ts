import { describe, expect, it } from 'vitest';
import { candleBars, type Candle } from '../../../test/handMadeBars.js';
import { simulate } from './simulate.js';

const u8 = (...bits: number[]) => Uint8Array.from(bits);
const DAY = 86_400_000;

describe('fill timing and costs, by hand', () => {
  // A long signalled at bar 0's close, bought at bar 1's open 100 with a 0.1% fee and 5 bps of
  // slippage, signalled out at bar 2's close and sold at bar 3's open 110.
  const candles: Candle[] = [
    [100, 101, 99, 100],
    [100, 102, 99, 101],
    [105, 110, 104, 108],
    [110, 111, 109, 110],
  ];
  const bars = candleBars(candles);
  const run = () =>
    simulate(
      { symbols: [{ bars, longEntries: u8(1, 0, 0, 0), longExits: u8(0, 0, 1, 0) }] },
      { initialCash: 10_000, sizing: { kind: 'quantity', quantity: 10 }, fees: { rate: 0.001 }, slippage: { bps: 5 } },
    );

  it('fills at the next open with slippage against the trader and the fee on the slipped notional', () => {
    const { fills } = run();
    expect(fills.map((fill) => [fill.index, fill.side, fill.quantity, fill.reason, fill.liquidity])).toEqual([
      [1, 'buy', 10, 'signal', 'taker'],
      [3, 'sell', 10, 'signal', 'taker'],
    ]);
    // Buy: 100 + 100 x 5 bps = 100.05; fee 10 x 100.05 x 0.1% = 1.0005; slippage 10 x 0.05 = 0.5.
    expect(fills[0].price).toBeCloseTo(100.05, 12);
    expect(fills[0].referencePrice).toBe(100);
    expect(fills[0].fee).toBeCloseTo(1.0005, 12);
    expect(fills[0].slippage).toBeCloseTo(0.5, 12);
    expect(fills[0].time).toBe(bars.time[1]);
    // Sell: 110 - 110 x 5 bps = 109.945; fee 10 x 109.945 x 0.1% = 1.09945; slippage 0.55.
    expect(fills[1].price).toBeCloseTo(109.945, 12);
    expect(fills[1].fee).toBeCloseTo(1.09945, 12);
    expect(fills[1].slippage).toBeCloseTo(0.55, 12);
  });

  it('records the round trip with the exact profit after costs', () => {
    const { trades, equity, cash, totalFees, totalSlippage } = run();
    expect(trades).toHaveLength(1);
    const trade = trades[0];
    expect([trade.side, trade.quantity, trade.entryIndex, trade.exitIndex, trade.exitReason]).toEqual(['long', 10, 1, 3, 'signal']);
    // pnl = 10 x (109.945 - 100.05) - 1.0005 - 1.09945 = 98.95 - 2.09995 = 96.85005.
    expect(trade.pnl).toBeCloseTo(96.85005, 9);
    expect(trade.fees).toBeCloseTo(2.09995, 12);
    expect(trade.slippage).toBeCloseTo(1.05, 12);
    // Committed capital: 1000.5 (leverage 1): return 96.85005 / 1000.5.
    expect(trade.returnFraction).toBeCloseTo(96.85005 / 1000.5, 12);
    expect(equity).toBeCloseTo(10_096.85005, 9);
    expect(cash).toBeCloseTo(10_096.85005, 9);
    expect(totalFees).toBeCloseTo(2.09995, 12);
    expect(totalSlippage).toBeCloseTo(1.05, 12);
  });

  it('marks equity at every close: cash + position x close', () => {
    const { curve, cashCurve } = run();
    // Bar 1: cash 10000 - 1000.5 - 1.0005 = 8998.4995; position 10 x 101 = 1010.
    expect(cashCurve[1]).toBeCloseTo(8998.4995, 9);
    expect(curve.equity[1]).toBeCloseTo(10_008.4995, 9);
    expect(curve.exposure[1]).toBeCloseTo(1010 / 10_008.4995, 12);
    // Bar 2: 8998.4995 + 10 x 108.
    expect(curve.equity[2]).toBeCloseTo(10_078.4995, 9);
    expect(curve.equity[0]).toBe(10_000);
    expect(curve.exposure[3]).toBe(0);
  });

  it('fills a signal at its own close only when asked (fillAt close)', () => {
    const result = simulate({ symbols: [{ bars, longEntries: u8(1, 0, 0, 0), longExits: u8(0, 0, 1, 0) }] }, { initialCash: 10_000, sizing: { kind: 'quantity', quantity: 10 }, fillAt: 'close' });
    expect(result.fills.map((fill) => [fill.index, fill.price, fill.time])).toEqual([
      [0, 100, bars.time[0] + DAY],
      [2, 108, bars.time[2] + DAY],
    ]);
    expect(result.trades[0].pnl).toBe(80);
  });

  it('fills at the close for the strategies that declare it and at the next open for the others', () => {
    const byName = simulate({ symbols: [{ bars, longEntries: u8(1, 0, 0, 0) }] }, { sizing: { kind: 'quantity', quantity: 1 }, strategy: 'moc', fillAtByStrategy: { moc: 'close' } });
    expect(byName.fills[0].index).toBe(0);
    const other = simulate({ symbols: [{ bars, longEntries: u8(1, 0, 0, 0) }] }, { sizing: { kind: 'quantity', quantity: 1 }, strategy: 'other', fillAtByStrategy: { moc: 'close' } });
    expect(other.fills[0].index).toBe(1);
  });

  it('closes what is open at the last bar (reason end) unless told not to', () => {
    const open = simulate({ symbols: [{ bars, longEntries: u8(1, 0, 0, 0) }] }, { initialCash: 1_000, sizing: { kind: 'quantity', quantity: 2 } });
    expect(open.trades.map((trade) => [trade.exitIndex, trade.exitPrice, trade.exitReason])).toEqual([[3, 110, 'end']]);
    expect(open.positions).toEqual([]);
    const kept = simulate({ symbols: [{ bars, longEntries: u8(1, 0, 0, 0) }] }, { initialCash: 1_000, sizing: { kind: 'quantity', quantity: 2 }, closeAtEnd: false });
    expect(kept.trades).toEqual([]);
    expect(kept.positions).toMatchObject([{ symbol: 'HAND', side: 'long', quantity: 2, averagePrice: 100, lastPrice: 110, value: 220, unrealizedPnl: 20 }]);
  });
});

describe('shorts, reversals and fixed fees', () => {
  const bars = candleBars([
    [50, 51, 49, 50],
    [50, 51, 44, 45],
    [45, 46, 39, 40],
    [40, 56, 40, 55],
    [55, 56, 54, 55],
  ]);

  it('a short sold at 50 and covered at 40 gains 10 a unit less fixed fees; the reversal is two orders', () => {
    const result = simulate(
      { symbols: [{ bars, shortEntries: u8(1, 0, 0, 0, 0), longEntries: u8(0, 0, 1, 0, 0) }] },
      { initialCash: 1_000, sizing: { kind: 'quantity', quantity: 3 }, fees: { fixed: 1 } },
    );
    // Bar 1 open 50: sell 3. Bar 2 close: long entry while short -> cover 3 and buy 3 at bar 3's open 40.
    expect(result.fills.map((fill) => [fill.index, fill.side, fill.quantity, fill.price, fill.fee, fill.positionAfter])).toEqual([
      [1, 'sell', 3, 50, 1, -3],
      [3, 'buy', 3, 40, 1, 0],
      [3, 'buy', 3, 40, 1, 3],
      [4, 'sell', 3, 55, 1, 0],
    ]);
    const [short, long] = result.trades;
    // Short: 3 x (50 - 40) - 2 = 28. Long (closed at the end, 55): 3 x 15 - 2 = 43.
    expect([short.side, short.pnl, short.exitReason]).toEqual(['short', 28, 'signal']);
    expect([long.side, long.pnl, long.exitReason]).toEqual(['long', 43, 'end']);
    expect(result.equity).toBe(1_000 + 28 + 43);
    expect(result.orders.map((order) => [order.role, order.side, order.status])).toEqual([
      ['entry', 'sell', 'filled'],
      ['exit', 'buy', 'filled'],
      ['entry', 'buy', 'filled'],
      ['end', 'sell', 'filled'],
    ]);
  });

  it('ignores an entry and an exit of one side at the same bar, and opposite entries at one bar', () => {
    const result = simulate({ symbols: [{ bars, longEntries: u8(1, 1, 0, 0, 0), longExits: u8(0, 1, 0, 0, 0), shortEntries: u8(1, 0, 0, 0, 0) }] }, { sizing: { kind: 'quantity', quantity: 1 } });
    expect(result.orders).toEqual([]);
  });

  it('pays the maker rate on limit fills and the taker rate on market fills', () => {
    const result = simulate(
      { symbols: [{ bars }], orders: [{ symbol: 'HAND', index: 0, side: 'buy', type: 'limit', limitPrice: 45, quantity: 2 }, { symbol: 'HAND', index: 2, side: 'sell', quantity: 2 }] },
      { fees: { makerRate: 0.001, takerRate: 0.004 } },
    );
    // The limit at 45 is touched inside bar 1 (low 44): 2 x 45 x 0.1% = 0.09. The market sell at bar 3's open 40: 2 x 40 x 0.4% = 0.32.
    expect(result.fills.map((fill) => [fill.index, fill.price, fill.liquidity, fill.fee])).toEqual([
      [1, 45, 'maker', 0.09],
      [3, 40, 'taker', 0.32],
    ]);
  });
});

describe('sizing rules', () => {
  const bars = candleBars([
    [100, 101, 99, 100],
    [100, 103, 98, 102],
    [102, 104, 100, 103],
    [103, 105, 101, 104],
  ]);
  const entryAt = (index: number) => {
    const entries = new Uint8Array(4);
    entries[index] = 1;
    return entries;
  };

  it('fixed cash: quantity = cash / price at the fill', () => {
    const result = simulate({ symbols: [{ bars, longEntries: entryAt(0) }] }, { sizing: { kind: 'cash', cash: 2_500 } });
    expect(result.fills[0].quantity).toBe(25);
  });

  it('percent of equity: quantity = fraction x equity at the last close / price', () => {
    const result = simulate({ symbols: [{ bars, longEntries: entryAt(0) }] }, { initialCash: 10_000, sizing: { kind: 'equity-fraction', fraction: 0.5 } });
    expect(result.fills[0].quantity).toBe(50);
  });

  it('all of equity with a fee: the fee comes out of the same equity', () => {
    const result = simulate({ symbols: [{ bars, longEntries: entryAt(0) }] }, { initialCash: 10_000, fees: { rate: 0.01 } });
    // q x 100 x (1 + 1%) = 10000 -> q = 99.0099...; the order is filled, not short of its size.
    expect(result.fills[0].quantity).toBeCloseTo(10_000 / 101, 9);
    expect(result.orders[0].status).toBe('filled');
  });

  it('volatility targeting by ATR: quantity = equity x risk / (multiple x ATR at the signal bar)', () => {
    const atr = Float64Array.from([NaN, 2, 2.5, 2]);
    const result = simulate({ symbols: [{ bars, longEntries: entryAt(1), atr }] }, { initialCash: 10_000, sizing: { kind: 'atr', riskFraction: 0.01, atrMultiple: 2 } });
    // 10000 x 1% / (2 x 2) = 25 units, bought at bar 2's open.
    expect(result.fills[0]).toMatchObject({ index: 2, quantity: 25, price: 102 });
  });

  it('ATR sizing rejects an entry while the ATR warms up, naming why', () => {
    const atr = Float64Array.from([NaN, 2, 2.5, 2]);
    const result = simulate({ symbols: [{ bars, longEntries: entryAt(0), atr }] }, { sizing: { kind: 'atr', riskFraction: 0.01 } });
    expect(result.fills).toEqual([]);
    expect(result.orders[0]).toMatchObject({ status: 'rejected', statusReason: expect.stringContaining('ATR') });
  });

  it('ATR sizing computes the ATR with the ATR kernel when no column is given', () => {
    // Period 2: TR of bars 1, 2 = 5, 4 (bar 1: 103 - 98; bar 2: 104 - 100); ATR(2) at bar 2 = 4.5.
    const result = simulate({ symbols: [{ bars, longEntries: entryAt(2) }] }, { initialCash: 9_000, sizing: { kind: 'atr', riskFraction: 0.01, period: 2 } });
    expect(result.fills[0].quantity).toBeCloseTo(9_000 * 0.01 / 4.5, 12);
  });

  it('risk per trade: quantity = equity x risk / |entry - stop|', () => {
    const result = simulate({ symbols: [{ bars }], orders: [{ symbol: 'HAND', index: 0, side: 'buy', stopLoss: 96 }] }, { initialCash: 10_000, sizing: { kind: 'stop-risk', riskFraction: 0.02 } });
    // 10000 x 2% / (100 - 96) = 50 units at bar 1's open 100.
    expect(result.fills[0]).toMatchObject({ index: 1, quantity: 50, price: 100 });
  });

  it('risk per trade without a stop is rejected', () => {
    const result = simulate({ symbols: [{ bars, longEntries: entryAt(0) }] }, { sizing: { kind: 'stop-risk', riskFraction: 0.02 } });
    expect(result.orders[0]).toMatchObject({ status: 'rejected', statusReason: 'stop-risk sizing needs a stop-loss on the order' });
  });

  it('pyramiding: entries on the held side add up to maxEntries, then are ignored', () => {
    const entries = u8(1, 1, 1, 0);
    const single = simulate({ symbols: [{ bars, longEntries: entries }] }, { sizing: { kind: 'quantity', quantity: 1 } });
    expect(single.fills.filter((fill) => fill.reason === 'signal').map((fill) => fill.index)).toEqual([1]);
    const pyramid = simulate({ symbols: [{ bars, longEntries: entries }] }, { sizing: { kind: 'quantity', quantity: 1 }, maxEntries: 2 });
    expect(pyramid.fills.filter((fill) => fill.reason === 'signal').map((fill) => [fill.index, fill.positionAfter])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    // One round trip of 2 units: average entry (100 + 102) / 2 = 101, out at the end at 104.
    expect(pyramid.trades[0]).toMatchObject({ quantity: 2, entryPrice: 101, exitPrice: 104, pnl: 6 });
  });
});

describe('instrument rules', () => {
  const bars = candleBars([
    [10.03, 10.1, 10, 10.05],
    [10.03, 10.2, 10.01, 10.1],
    [10.1, 10.2, 10, 10.1],
  ]);

  it('rounds quantities down to lots and prices to ticks against the trader', () => {
    const result = simulate(
      { symbols: [{ bars, longEntries: u8(1, 0, 0), instrument: { tickSize: 0.05, lotSize: 10 } }] },
      { initialCash: 1_000, sizing: { kind: 'cash', cash: 999 }, slippage: { bps: 1 } },
    );
    // 999 / 10.03 = 99.6 -> 90 units (lots of 10). 10.03 + 1 bp = 10.031 -> tick 0.05 up = 10.05.
    expect(result.fills[0]).toMatchObject({ quantity: 90, price: 10.05, referencePrice: 10.03 });
    // The exit at the end: 10.1 - 1 bp = 10.099 -> down to 10.05.
    expect(result.fills[1]).toMatchObject({ quantity: 90, price: 10.05, reason: 'end' });
  });

  it('rejects an order below the minimum quantity', () => {
    const result = simulate({ symbols: [{ bars, longEntries: u8(1, 0, 0), instrument: { minQuantity: 200 } }] }, { initialCash: 1_000 });
    expect(result.fills).toEqual([]);
    expect(result.orders[0]).toMatchObject({ status: 'rejected', statusReason: 'the quantity rounds below the lot size or the minimum quantity' });
  });
});
