import { describe, expect, it } from 'vitest';
import { candleBars } from '../../../test/handMadeBars.js';
import type { OrderRequest } from './BacktestOptions.js';
import { simulate } from './simulate.js';

// Every order below is placed at the close of bar 0 and works from bar 1.
const bars = candleBars([
  [100, 101, 99, 100],
  [100, 104, 97, 103], // range 97..104 around an open of 100
  [95, 99, 94, 98], // gaps down to 95
  [106, 108, 105, 107], // gaps up to 106
  [107, 108, 106, 107],
]);

function run(orders: OrderRequest[], options = {}) {
  return simulate({ symbols: [{ bars }], orders }, { initialCash: 100_000, closeAtEnd: false, ...options });
}

const order = (fields: Partial<OrderRequest>): OrderRequest => ({ symbol: 'HAND', index: 0, side: 'buy', quantity: 1, ...fields });

describe('limit orders', () => {
  it('fill at the limit when the range touches it (a buy limit below the open)', () => {
    const { fills } = run([order({ type: 'limit', limitPrice: 98 })]);
    expect(fills.map((fill) => [fill.index, fill.price, fill.liquidity])).toEqual([[1, 98, 'maker']]);
  });

  it('fill at the better open when the open is already through the limit (gap rule)', () => {
    const { fills } = run([order({ index: 1, type: 'limit', limitPrice: 97 })]);
    // Works from bar 2, which opens at 95 < 97: bought at 95, better than the limit.
    expect(fills.map((fill) => [fill.index, fill.price])).toEqual([[2, 95]]);
  });

  it('do not fill when the range stays away; a sell limit above fills at its level', () => {
    expect(run([order({ type: 'limit', limitPrice: 96, timeInForce: 'DAY' })]).fills).toEqual([]);
    const { fills } = run([order({ side: 'sell', type: 'limit', limitPrice: 103.5 })]);
    expect(fills.map((fill) => [fill.index, fill.side, fill.price])).toEqual([[1, 'sell', 103.5]]);
  });
});

describe('stop orders', () => {
  it('fill at the stop when the range crosses it, with slippage (taker)', () => {
    const { fills } = run([order({ type: 'stop', stopPrice: 102 })], { slippage: { bps: 10 } });
    // 102 + 10 bps = 102.102.
    expect(fills.map((fill) => [fill.index, fill.referencePrice, fill.liquidity])).toEqual([[1, 102, 'taker']]);
    expect(fills[0].price).toBeCloseTo(102.102, 12);
  });

  it('a sell stop gapped through fills at the (worse) open', () => {
    const { fills } = run([order({ index: 1, side: 'sell', type: 'stop', stopPrice: 96 })]);
    // Bar 2 opens at 95, below the stop at 96: sold at 95.
    expect(fills.map((fill) => [fill.index, fill.price])).toEqual([[2, 95]]);
  });

  it('a buy stop gapped through fills at the (worse) open', () => {
    const { fills } = run([order({ index: 2, type: 'stop', stopPrice: 105 })]);
    expect(fills.map((fill) => [fill.index, fill.price])).toEqual([[3, 106]]);
  });
});

describe('stop-limit orders', () => {
  it('triggered inside the bar with the stop within the limit: fills at the stop', () => {
    const { fills, orderEvents } = run([order({ type: 'stop-limit', stopPrice: 102, limitPrice: 103 })]);
    expect(fills.map((fill) => [fill.index, fill.price, fill.liquidity])).toEqual([[1, 102, 'taker']]);
    expect(orderEvents.map((event) => event.status)).toEqual(['submitted', 'triggered', 'filled']);
  });

  it('triggered inside the bar with the limit below the stop: waits, then fills as a limit (maker)', () => {
    const { fills } = run([order({ type: 'stop-limit', stopPrice: 102, limitPrice: 96 })]);
    // Triggered in bar 1 (high 104); whether the price came back to 96 afterwards is unknown, so not in bar 1.
    // Bar 2 opens at 95 <= 96: filled at the open as a resting limit.
    expect(fills.map((fill) => [fill.index, fill.price, fill.liquidity])).toEqual([[2, 95, 'maker']]);
  });

  it('triggered at a gapped open: works as a limit for the rest of the bar', () => {
    const { fills } = run([order({ index: 1, side: 'sell', type: 'stop-limit', stopPrice: 97, limitPrice: 96 })]);
    // Bar 2 opens at 95 <= 97 (triggered), 95 < limit 96 (a sell limit needs >= 96): the high 99 reaches it: 96.
    expect(fills.map((fill) => [fill.index, fill.price])).toEqual([[2, 96]]);
  });
});

describe('trailing-stop orders', () => {
  it('trail the best price since they started and fill when the price comes back by the distance', () => {
    const { fills } = run([order({ index: 2, side: 'sell', type: 'trailing-stop', trailingDistance: 1.5 })]);
    // Bar 3: best starts at its open 106 (level 104.5, low 105: no hit), then the high 108 -> level 106.5.
    // Bar 4: low 106 <= 106.5 -> sold at 106.5.
    expect(fills.map((fill) => [fill.index, fill.price])).toEqual([[4, 106.5]]);
  });
});

describe('time in force', () => {
  it('DAY lives through the next bar only; GTD for its bars; GTC until filled', () => {
    const limit = (fields: Partial<OrderRequest>) => order({ type: 'limit', limitPrice: 94.5, ...fields });
    const result = run([limit({ timeInForce: 'DAY' }), limit({ timeInForce: 'GTD', goodForBars: 2 }), limit({ timeInForce: 'GTC' })]);
    // Bar 2's low 94 reaches 94.5; the DAY order expired after bar 1.
    expect(result.orders.map((o) => [o.timeInForce, o.status])).toEqual([
      ['DAY', 'expired'],
      ['GTD', 'filled'],
      ['GTC', 'filled'],
    ]);
    const shortGtd = run([limit({ index: 2, timeInForce: 'GTD', goodForBars: 2 }), order({ index: 2, type: 'limit', limitPrice: 90 })]);
    expect(shortGtd.orders.map((o) => [o.status, o.statusReason])).toEqual([
      ['expired', 'its time in force ended'],
      ['cancelled', 'the data ended'],
    ]);
  });

  it('IOC fills only at its first moment (the next open)', () => {
    const result = run([order({ type: 'limit', limitPrice: 100, timeInForce: 'IOC' }), order({ type: 'limit', limitPrice: 99, timeInForce: 'IOC' })]);
    // Bar 1 opens at 100: the first is marketable there; the second would fill later in the bar (low 97) but may not.
    expect(result.orders.map((o) => o.status)).toEqual(['filled', 'expired']);
    expect(result.fills.map((fill) => fill.price)).toEqual([100]);
  });

  it('records every state change of an order', () => {
    const result = run([order({ type: 'limit', limitPrice: 94.5 })]);
    expect(result.orderEvents.map((event) => [event.orderId, event.step, event.status, event.filledQuantity])).toEqual([
      [1, 0, 'submitted', 0],
      [1, 2, 'filled', 1],
    ]);
  });
});

describe('OCO groups and brackets', () => {
  it('the first fill of an OCO group cancels the others', () => {
    const result = run([
      order({ type: 'stop', stopPrice: 103.5, ocoGroup: 'breakout' }),
      order({ side: 'sell', type: 'stop', stopPrice: 94.5, ocoGroup: 'breakout' }),
    ]);
    expect(result.orders.map((o) => [o.status, o.statusReason])).toEqual([
      ['filled', undefined],
      ['cancelled', 'another order of its OCO group filled'],
    ]);
  });

  it('a bracket entry activates its stop-loss and take-profit on fill; the one that fills cancels the other', () => {
    const result = run([order({ quantity: 5, stopLoss: 94.5, takeProfit: 107.5 })]);
    // Bought 5 at bar 1's open 100; children work from then on. Bar 2 (low 94) hits the stop at 94.5 first.
    expect(result.fills.map((fill) => [fill.index, fill.side, fill.price, fill.reason])).toEqual([
      [1, 'buy', 100, 'signal'],
      [2, 'sell', 94.5, 'stop-loss'],
    ]);
    expect(result.orders.map((o) => [o.id, o.role, o.parentId, o.status])).toEqual([
      [1, 'order', undefined, 'filled'],
      [2, 'stop-loss', 1, 'filled'],
      [3, 'take-profit', 1, 'cancelled'],
    ]);
    expect(result.orders[2].statusReason).toBe('its position closed');
    expect(result.trades[0]).toMatchObject({ pnl: -27.5, exitReason: 'stop-loss' });
  });

  it('a bracket entry that never fills never activates its children', () => {
    const result = run([order({ type: 'limit', limitPrice: 80, stopLoss: 75, takeProfit: 120 })]);
    expect(result.orders).toHaveLength(1);
  });

  it('reduce-only orders close what is there and never open; without a position they are cancelled', () => {
    const result = run([order({ quantity: 2 }), order({ index: 1, side: 'sell', quantity: 5, reduceOnly: true }), order({ index: 2, side: 'sell', reduceOnly: true })]);
    expect(result.fills.map((fill) => [fill.index, fill.side, fill.quantity, fill.positionAfter])).toEqual([
      [1, 'buy', 2, 2],
      [2, 'sell', 2, 0],
    ]);
    expect(result.orders[2]).toMatchObject({ status: 'cancelled', statusReason: 'no position to reduce' });
  });

  it('an order larger than the opposite position reverses it in two fills', () => {
    const result = run([order({ quantity: 2 }), order({ index: 1, side: 'sell', quantity: 5 })]);
    expect(result.fills.map((fill) => [fill.index, fill.quantity, fill.positionAfter])).toEqual([
      [1, 2, 2],
      [2, 2, 0],
      [2, 3, -3],
    ]);
  });
});
