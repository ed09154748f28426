import { describe, expect, it } from 'vitest';
import { brief, closeOf, signal, verdict } from '../../../test/router/routerFixtures.js';
import { routeSignals } from './routeSignals.js';
import { SignalRouter } from './SignalRouter.js';

describe('signal router: an order in full', () => {
  it('carries the bracket of its entry, the known-at time, the sources and the decision', () => {
    const entry = signal('trend', 'BTC', 4, 'entry', 'long', { size: 0.5, stopLoss: 90, takeProfit: 120, targets: [130, 140], trailingStop: 5, tag: 'golden-cross' });
    const exit = signal('trend', 'BTC', 7, 'exit', 'long', { tag: 'death-cross' });
    const { orders, decisions } = routeSignals([[entry, exit]], { timeframe: '1h' });
    expect(orders).toEqual([
      {
        id: 1, time: closeOf(4), symbol: 'BTC', owner: 'trend', side: 'buy', intent: 'open-long', type: 'market', size: 0.5, exposureChange: 0.5,
        stopLoss: 90, takeProfit: 120, targets: [130, 140], trailingStop: 5, signals: [entry], status: 'accepted', rule: 'open', reason: 'trend opens 0.5 long on BTC',
      },
      {
        id: 2, time: closeOf(7), symbol: 'BTC', owner: 'trend', side: 'sell', intent: 'close-long', type: 'market', size: 1, exposureChange: -0.5,
        signals: [exit], status: 'accepted', rule: 'close', reason: 'trend closes its long position on BTC',
      },
    ]);
    expect(decisions).toEqual([
      { signal: entry, time: closeOf(4), status: 'accepted', rule: 'open', reason: 'trend opens 0.5 long on BTC', orderIds: [1] },
      { signal: exit, time: closeOf(7), status: 'accepted', rule: 'close', reason: 'trend closes its long position on BTC', orderIds: [2] },
    ]);
  });

  it('sells to open a short and buys to close it', () => {
    const { orders } = routeSignals([[signal('a', 'X', 0, 'entry', 'short'), signal('a', 'X', 2, 'exit', 'short', { size: 0.25 })]]);
    expect(orders.map((order) => [order.side, order.intent, order.size, order.exposureChange])).toEqual([
      ['sell', 'open-short', 1, 1],
      ['buy', 'close-short', 0.25, -0.25],
    ]);
  });
});

describe('signal router: duplicates', () => {
  it('routes the same (strategy, symbol, index, kind, side) once and records the copy', () => {
    const first = signal('a', 'X', 3, 'entry', 'long');
    const copy = { ...signal('a', 'X', 3, 'entry', 'long'), reason: 'the same entry, fed twice' };
    const { orders, decisions } = routeSignals([[first], [copy]]);
    expect(orders.map(brief)).toEqual(['1 X open-long 1 a']);
    expect(decisions.map(verdict)).toEqual(['a X 3 entry long -> accepted open [1]', 'a X 3 entry long -> rejected duplicate []']);
    // The survivor is the first in the total order (the reason decides here), whichever list it came in.
    expect(decisions[0].signal).toBe(first);
    expect(routeSignals([[copy], [first]]).decisions[0].signal).toBe(first);
  });
});

describe('signal router: duplicates that differ only in an omitted default', () => {
  it('keeps the same survivor whichever comes first: size 1 and no size are told apart', () => {
    const withSize = signal('a', 'X', 4, 'exit', 'long', { size: 1 });
    const without = signal('a', 'X', 4, 'exit', 'long');
    const entry = signal('a', 'X', 0, 'entry', 'long');
    expect(routeSignals([[entry, withSize, without]]).orders[1].signals[0]).toBe(withSize);
    expect(routeSignals([[without, entry, withSize]]).orders[1].signals[0]).toBe(withSize);
  });
});

describe('signal router: priority (the default)', () => {
  const priorities = { trend: 2, reversion: 1 };

  it('lets the highest-ranked entry win a step on a symbol and rejects the others as conflicts', () => {
    const { orders, decisions } = routeSignals([[signal('reversion', 'X', 1, 'entry', 'short')], [signal('trend', 'X', 1, 'entry', 'long')]], { priorities });
    expect(orders.map(brief)).toEqual(['1 X open-long 1 trend']);
    expect(decisions.map(verdict)).toEqual(['trend X 1 entry long -> accepted open [1]', 'reversion X 1 entry short -> rejected conflict []']);
    expect(decisions[1].reason).toBe("the long entry of trend at bar 1 came first in the router's order on X at this step");
  });

  it('breaks a tie in rank by strategy name', () => {
    const { orders } = routeSignals([[signal('beta', 'X', 1, 'entry', 'long')], [signal('alpha', 'X', 1, 'entry', 'short')]]);
    expect(orders.map(brief)).toEqual(['1 X open-short 1 alpha']);
  });

  it('keeps a position with its owner against lower or equal ranks, whose exits do not touch it', () => {
    const { orders, decisions } = routeSignals([
      [signal('trend', 'X', 0, 'entry', 'long'), signal('trend', 'X', 5, 'exit', 'long')],
      [signal('reversion', 'X', 2, 'entry', 'short'), signal('reversion', 'X', 3, 'exit', 'long')],
    ], { priorities });
    expect(orders.map(brief)).toEqual(['1 X open-long 1 trend', '2 X close-long 1 trend']);
    expect(decisions.map(verdict)).toEqual([
      'trend X 0 entry long -> accepted open [1]',
      'reversion X 2 entry short -> rejected held []',
      'reversion X 3 exit long -> rejected not-owner []',
      'trend X 5 exit long -> accepted close [2]',
    ]);
    expect(decisions[1].reason).toBe("X is held long by trend, whose priority 2 is not below reversion's 1");
  });

  it('lets a higher rank preempt an opposite position: close the owner, then open', () => {
    const { orders, decisions } = routeSignals([[signal('reversion', 'X', 0, 'entry', 'long', { size: 0.5 })], [signal('trend', 'X', 2, 'entry', 'short', { stopLoss: 110 })]], { priorities });
    expect(orders.map(brief)).toEqual(['1 X open-long 0.5 reversion', '2 X close-long 1 reversion', '3 X open-short 1 trend']);
    expect(orders[2].stopLoss).toBe(110);
    expect(decisions.map(verdict)).toEqual(['reversion X 0 entry long -> accepted open [1]', 'trend X 2 entry short -> accepted preempt [2,3]']);
  });

  it('lets a higher rank take over a same-side position without an order; the old owner can no longer close it', () => {
    const router = new SignalRouter({ priorities });
    router.route([signal('reversion', 'X', 0, 'entry', 'long', { size: 0.5 })]);
    const takeOver = router.route([signal('trend', 'X', 1, 'entry', 'long')]);
    expect(takeOver.orders).toEqual([]);
    expect(takeOver.decisions.map(verdict)).toEqual(['trend X 1 entry long -> merged take-over []']);
    expect(router.positions()).toEqual([{ symbol: 'X', owner: 'trend', side: 'long', exposure: 0.5 }]);
    expect(router.route([signal('reversion', 'X', 2, 'exit', 'long')]).decisions.map(verdict)).toEqual(['reversion X 2 exit long -> rejected not-owner []']);
    const exit = router.route([signal('trend', 'X', 3, 'exit', 'long')]);
    expect(exit.orders.map(brief)).toEqual(['2 X close-long 1 trend']);
    expect(exit.decisions.map(verdict)).toEqual(['trend X 3 exit long -> accepted close [2]']);
  });

  it('reverses a strategy that enters the other side without an exit', () => {
    const { orders, decisions } = routeSignals([[signal('a', 'X', 0, 'entry', 'long'), signal('a', 'X', 3, 'entry', 'short', { size: 0.5 })]]);
    expect(orders.map(brief)).toEqual(['1 X open-long 1 a', '2 X close-long 1 a', '3 X open-short 0.5 a']);
    expect(decisions.map(verdict)).toEqual(['a X 0 entry long -> accepted open [1]', 'a X 3 entry short -> accepted reverse [2,3]']);
  });

  it('closes a fraction of the position on a partial exit, of what is left on the next', () => {
    const router = new SignalRouter();
    const { orders } = routeSignals([[signal('a', 'X', 0, 'entry', 'long', { size: 0.8 }), signal('a', 'X', 1, 'exit', 'long', { size: 0.5 }), signal('a', 'X', 2, 'exit', 'long', { size: 0.5 })]]);
    expect(orders.map((order) => [order.intent, order.size, order.exposureChange])).toEqual([['open-long', 0.8, 0.8], ['close-long', 0.5, -0.4], ['close-long', 0.5, -0.2]]);
    router.route([signal('a', 'X', 0, 'entry', 'long', { size: 0.8 })]);
    router.route([signal('a', 'X', 1, 'exit', 'long', { size: 0.5 })]);
    expect(router.positions()).toEqual([{ symbol: 'X', owner: 'a', side: 'long', exposure: 0.4 }]);
  });

  it('rejects an exit with no position on its side', () => {
    const { orders, decisions } = routeSignals([[signal('a', 'X', 0, 'entry', 'long'), signal('a', 'X', 1, 'exit', 'short')]]);
    expect(orders.map(brief)).toEqual(['1 X open-long 1 a']);
    expect(decisions[1].rule).toBe('no-position');
    expect(decisions[1].reason).toBe('no short position is open on X');
  });
});

describe('signal router: netting', () => {
  const options = { conflictRule: 'netting' as const };

  it('cancels opposite entries of one step: no order, both merged', () => {
    const { orders, decisions } = routeSignals([[signal('a', 'X', 1, 'entry', 'long')], [signal('b', 'X', 1, 'entry', 'short')]], options);
    expect(orders).toEqual([]);
    expect(decisions.map(verdict)).toEqual(['a X 1 entry long -> merged net []', 'b X 1 entry short -> merged net []']);
    expect(decisions[0].reason).toBe('netted out on X: entry long (a), entry short (b) leave the net position where it was');
  });

  it('opens the signed sum, with the bracket of the first entry on its side', () => {
    const { orders, decisions } = routeSignals([[signal('a', 'X', 1, 'entry', 'long', { size: 0.5, stopLoss: 95 })], [signal('b', 'X', 1, 'entry', 'short', { size: 0.25, stopLoss: 105 })]], options);
    expect(orders.map(brief)).toEqual(['1 X open-long 0.25 a']);
    expect(orders[0].stopLoss).toBe(95);
    expect(orders[0].status).toBe('merged');
    expect(decisions.map(verdict)).toEqual(['a X 1 entry long -> merged net [1]', 'b X 1 entry short -> merged net [1]']);
    expect(orders[0].reason).toBe('net X 0 -> +0.25 from entry long 0.5 (a), entry short 0.25 (b)');
  });

  it('lets an exit of any strategy reduce the net position on its side', () => {
    const { orders, decisions } = routeSignals([[signal('a', 'X', 0, 'entry', 'long')], [signal('b', 'X', 2, 'exit', 'long', { size: 0.5 }), signal('b', 'X', 3, 'exit', 'short')]], options);
    expect(orders.map(brief)).toEqual(['1 X open-long 1 a', '2 X close-long 0.5 a']);
    expect(decisions.map(verdict)).toEqual(['a X 0 entry long -> accepted open [1]', 'b X 2 exit long -> accepted close [2]', 'b X 3 exit short -> rejected no-position []']);
  });

  it('reduces a net long with a smaller short entry and flips it with a larger one', () => {
    const { orders, decisions } = routeSignals([[signal('a', 'X', 0, 'entry', 'long')], [signal('b', 'X', 1, 'entry', 'short', { size: 0.25 }), signal('b', 'X', 2, 'entry', 'short')]], options);
    expect(orders.map(brief)).toEqual(['1 X open-long 1 a', '2 X close-long 0.25 a', '3 X close-long 1 a', '4 X open-short 0.25 b']);
    expect(decisions.map(verdict)).toEqual(['a X 0 entry long -> accepted open [1]', 'b X 1 entry short -> accepted net [2]', 'b X 2 entry short -> accepted reverse [3,4]']);
  });

  it('nets an exit with an entry at the same step: exit long and re-enter long make no order', () => {
    const { orders, decisions } = routeSignals([[signal('a', 'X', 0, 'entry', 'long'), signal('a', 'X', 1, 'exit', 'long')], [signal('b', 'X', 1, 'entry', 'long')]], options);
    expect(orders.map(brief)).toEqual(['1 X open-long 1 a']);
    expect(decisions.map(verdict)).toEqual(['a X 0 entry long -> accepted open [1]', 'a X 1 exit long -> merged net []', 'b X 1 entry long -> merged net []']);
  });
});

describe('signal router: books', () => {
  const options = { conflictRule: 'books' as const, maxExposurePerSymbol: 2, maxTotalExposure: 2 };

  it('keeps one position per strategy and symbol: opposite entries both open, each exit closes its own book', () => {
    const { orders, decisions } = routeSignals([
      [signal('a', 'X', 1, 'entry', 'long', { size: 0.5 }), signal('a', 'X', 4, 'exit', 'long')],
      [signal('b', 'X', 1, 'entry', 'short', { size: 0.5 }), signal('b', 'X', 2, 'exit', 'long')],
    ], options);
    expect(orders.map(brief)).toEqual(['1 X/a open-long 0.5 a', '2 X/b open-short 0.5 b', '3 X/a close-long 1 a']);
    expect(decisions.map(verdict)).toEqual([
      'a X 1 entry long -> accepted open [1]',
      'b X 1 entry short -> accepted open [2]',
      'b X 2 exit long -> rejected no-position []',
      'a X 4 exit long -> accepted close [3]',
    ]);
  });

  it('counts every book against the global exposure limits', () => {
    const { orders } = routeSignals([[signal('a', 'X', 1, 'entry', 'long', { size: 0.6 })], [signal('b', 'X', 1, 'entry', 'short', { size: 0.6 })]], { conflictRule: 'books', maxExposurePerSymbol: 1 });
    expect(orders.map(brief)).toEqual(['1 X/a open-long 0.6 a', '2 X/b open-short 0.4 b']);
    expect(orders[1]).toMatchObject({ requestedSize: 0.6, limitedBy: 'max-exposure-per-symbol' });
  });

  it('still resolves two entries of one strategy at one step by the total order: long first', () => {
    const { decisions } = routeSignals([[signal('a', 'X', 1, 'entry', 'short'), signal('a', 'X', 1, 'entry', 'long')]], options);
    expect(decisions.map(verdict)).toEqual(['a X 1 entry long -> accepted open [1]', 'a X 1 entry short -> rejected conflict []']);
  });
});

describe('signal router: steps and order', () => {
  it('merges lists by known-at time, so signals of mixed timeframes meet at the close they share', () => {
    const day = 24 * 3_600_000;
    const daily = { ...signal('daily', 'X', 0, 'entry', 'long'), time: Date.UTC(2024, 0, 1) };
    const lateHour = { ...signal('hourly', 'Y', 23, 'entry', 'long', { size: 0.5 }), time: Date.UTC(2024, 0, 1, 23) };
    const earlyHour = { ...signal('hourly', 'Z', 5, 'entry', 'long', { size: 0.25 }), time: Date.UTC(2024, 0, 1, 5) };
    const knownAt = (s: { strategy: string; time: number }) => s.time + (s.strategy === 'daily' ? day : 3_600_000);
    const { orders } = routeSignals([[daily], [lateHour, earlyHour]], { knownAt, maxTotalExposure: 3 });
    expect(orders.map((order) => [order.time, order.symbol])).toEqual([[Date.UTC(2024, 0, 1, 6), 'Z'], [Date.UTC(2024, 0, 2), 'X'], [Date.UTC(2024, 0, 2), 'Y']]);
  });

  it('routes a step once: a signal known at or before the last step throws', () => {
    const router = new SignalRouter({ timeframe: '1h' });
    router.route([signal('a', 'X', 3, 'entry', 'long')]);
    expect(router.lastStepTime).toBe(closeOf(3));
    expect(() => router.route([signal('b', 'Y', 3, 'entry', 'long')])).toThrow(/known at .* not after the step already routed .* route each time step once/);
    expect(() => router.route([signal('b', 'Y', 2, 'entry', 'long')])).toThrow(expect.objectContaining({ code: 'TF_ERR_STRATEGY_ROUTER' }));
    expect(router.route([]).orders).toEqual([]);
  });

  it('rejects a malformed signal before routing anything', () => {
    const router = new SignalRouter();
    expect(() => router.route([signal('a', 'X', 1, 'entry', 'long'), { ...signal('a', 'Y', 1, 'entry', 'long'), size: 2 }])).toThrow(/cannot route .*size must be in \(0, 1\]/);
    expect(() => router.route([{ ...signal('a', 'X', 1, 'entry', 'long'), index: -1 }])).toThrow(expect.objectContaining({ code: 'TF_ERR_STRATEGY_ROUTER' }));
    expect(router.positions()).toEqual([]);
    expect(router.lastStepTime).toBe(-Infinity);
  });
});
