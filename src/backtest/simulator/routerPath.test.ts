import { describe, expect, it } from 'vitest';
import { candleBars, type Candle } from '../../../test/handMadeBars.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { movingAverageCross } from '../../strategy/builtin/movingAverageCross.js';
import { routeSignals } from '../../strategy/router/routeSignals.js';
import { runStrategy } from '../../strategy/runStrategy.js';
import type { Signal, SignalFields } from '../../strategy/Signal.js';
import { simulate } from './simulate.js';

const candles: Candle[] = [
  [100, 100, 100, 100],
  [100, 101, 99, 100],
  [100, 106, 99, 104],
  [104, 111, 103, 110],
  [110, 111, 94, 95],
  [95, 97, 94, 96],
  [96, 98, 95, 97],
  [97, 99, 96, 98],
];
const bars = candleBars(candles);

function signal(index: number, fields: Partial<SignalFields> & Pick<SignalFields, 'kind' | 'side'>, strategy = 'hand'): Signal {
  return { strategy, symbol: 'HAND', index, time: bars.time[index], reason: `${fields.kind} ${fields.side} at ${index}`, ...fields };
}

describe('strategy signals through the router', () => {
  it('an entry commits its size of equity at the next open; an exit closes at the next open', () => {
    const signals = [signal(0, { kind: 'entry', side: 'long', size: 0.5 }), signal(2, { kind: 'exit', side: 'long' })];
    const result = simulate({ symbols: [{ bars }], signals }, { initialCash: 10_000 });
    // 0.5 x 10000 / 100 = 50 units at bar 1's open; sold at bar 3's open 104.
    expect(result.fills.map((fill) => [fill.index, fill.side, fill.quantity, fill.price])).toEqual([
      [1, 'buy', 50, 100],
      [3, 'sell', 50, 104],
    ]);
    expect(result.orders.map((order) => [order.routerOrderId, order.role, order.strategy])).toEqual([
      [1, 'entry', 'hand'],
      [2, 'exit', 'hand'],
    ]);
    expect(result.trades[0]).toMatchObject({ strategy: 'hand', pnl: 200 });
    expect(result.routing?.map((decision) => [decision.signal.index, decision.status, decision.rule])).toEqual([
      [0, 'accepted', 'open'],
      [2, 'accepted', 'close'],
    ]);
  });

  it('a stop the router did not order is reported: the router then rejects the exit for want of a position', () => {
    const signals = [signal(0, { kind: 'entry', side: 'long', stopLoss: 95 }), signal(5, { kind: 'exit', side: 'long' }), signal(5, { kind: 'entry', side: 'long' }, 'other')];
    const result = simulate({ symbols: [{ bars }], signals }, { initialCash: 10_000, closeAtEnd: false });
    // Stopped out in bar 4 (low 94) at 95; at bar 5 the exit finds nothing and the other strategy's entry is free to open.
    expect(result.fills.map((fill) => [fill.index, fill.reason, fill.price])).toEqual([
      [1, 'signal', 100],
      [4, 'stop-loss', 95],
      [6, 'signal', 96],
    ]);
    expect(result.routing?.map((decision) => [decision.signal.strategy, decision.signal.index, decision.rule])).toEqual([
      ['hand', 0, 'open'],
      ['hand', 5, 'no-position'],
      ['other', 5, 'open'],
    ]);
  });

  it('a losing stop starts the router cooldown (bars counted from the stop)', () => {
    const signals = [signal(0, { kind: 'entry', side: 'long', stopLoss: 95 }), signal(5, { kind: 'entry', side: 'long' }), signal(6, { kind: 'entry', side: 'long' })];
    const result = simulate({ symbols: [{ bars }], signals, router: { cooldownBars: 2 } }, { closeAtEnd: false });
    // Stop at bar 4: entries at bars 4 and 5 are cooling down, bar 6's passes.
    expect(result.routing?.map((decision) => [decision.signal.index, decision.rule])).toEqual([
      [0, 'open'],
      [5, 'cooldown'],
      [6, 'open'],
    ]);
  });

  it('take-profit and further targets split the position evenly; the last takes what is left', () => {
    const signals = [signal(0, { kind: 'entry', side: 'long', size: 0.1, takeProfit: 105, targets: [110] })];
    const result = simulate({ symbols: [{ bars }], signals }, { initialCash: 10_000, closeAtEnd: false });
    // 10 units at 100: 5 at 105 (bar 2, high 106), 5 at 110 (bar 3, high 111).
    expect(result.fills.map((fill) => [fill.index, fill.quantity, fill.price, fill.reason, fill.positionAfter])).toEqual([
      [1, 10, 100, 'signal', 10],
      [2, 5, 105, 'take-profit', 5],
      [3, 5, 110, 'take-profit', 0],
    ]);
    expect(result.trades).toMatchObject([{ quantity: 10, exitPrice: 107.5, pnl: 75, exitReason: 'take-profit' }]);
  });

  it('in books mode each strategy keeps its own position on the symbol', () => {
    const signals = [signal(0, { kind: 'entry', side: 'long', size: 0.2 }, 'a'), signal(1, { kind: 'entry', side: 'short', size: 0.1 }, 'b'), signal(3, { kind: 'exit', side: 'long' }, 'a')];
    const result = simulate({ symbols: [{ bars }], signals, router: { conflictRule: 'books', maxTotalExposure: 2 } }, { initialCash: 10_000, closeAtEnd: false });
    expect(result.fills.map((fill) => [fill.book, fill.index, fill.side, fill.quantity])).toEqual([
      ['a', 1, 'buy', 20],
      ['b', 2, 'sell', 10],
      ['a', 4, 'sell', 20],
    ]);
    expect(result.positions).toMatchObject([{ book: 'b', side: 'short', quantity: -10 }]);
  });

  it('a strategy declared to fill at the close fills at its signal bar', () => {
    const signals = [signal(2, { kind: 'entry', side: 'long', size: 0.1 }, 'moc')];
    const result = simulate({ symbols: [{ bars }], signals }, { initialCash: 10_000, fillAtByStrategy: { moc: 'close' }, closeAtEnd: false });
    expect(result.fills.map((fill) => [fill.index, fill.price])).toEqual([[2, 104]]);
  });

  it('orders routed beforehand execute like the driven router when no stop intervenes', () => {
    const walk = randomWalkBars(300, 11);
    const strategySignals = runStrategy(movingAverageCross, walk, { fastPeriod: 5, slowPeriod: 20, direction: 'both' });
    expect(strategySignals.length).toBeGreaterThan(4);
    const driven = simulate({ symbols: [{ bars: walk }], signals: strategySignals }, { fees: { rate: 0.001 } });
    const routed = simulate({ symbols: [{ bars: walk }], routedOrders: routeSignals([strategySignals]).orders }, { fees: { rate: 0.001 } });
    expect(routed.fills).toEqual(driven.fills);
    expect(routed.trades).toEqual(driven.trades);
    // Every entry signal opened a position (the crossover alternates), and each was closed.
    expect(driven.trades).toHaveLength(strategySignals.filter((item) => item.kind === 'entry').length);
  });

  it('names a signal whose bar does not match the bars', () => {
    const wrong = { ...signal(2, { kind: 'entry', side: 'long' }), time: 5 };
    expect(() => simulate({ symbols: [{ bars }], signals: [wrong] })).toThrow(/signals\[0\].*does not match the run's bars of HAND/);
    expect(() => simulate({ symbols: [{ bars }], signals: [{ ...wrong, symbol: 'NOPE' }] })).toThrow(/names symbol NOPE/);
  });
});
