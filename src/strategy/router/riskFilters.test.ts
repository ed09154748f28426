import { describe, expect, it } from 'vitest';
import { barTime, brief, closeOf, HOUR, signal, verdict } from '../../../test/router/routerFixtures.js';
import { routeSignals } from './routeSignals.js';
import { SignalRouter } from './SignalRouter.js';

describe('signal router: maxOpenPositions', () => {
  it('rejects an opening beyond the count, and accepts it once an exit frees a slot', () => {
    const { orders, decisions } = routeSignals(
      [[signal('a', 'X', 1, 'entry', 'long'), signal('a', 'X', 3, 'exit', 'long')], [signal('a', 'Y', 1, 'entry', 'long')], [signal('a', 'Z', 1, 'entry', 'long'), signal('a', 'Z', 3, 'entry', 'long')]],
      { maxOpenPositions: 2, positionFraction: 0.25 },
    );
    expect(orders.map(brief)).toEqual(['1 X open-long 0.25 a', '2 Y open-long 0.25 a', '3 X close-long 1 a', '4 Z open-long 0.25 a']);
    expect(decisions.map(verdict)).toEqual([
      'a X 1 entry long -> accepted open [1]',
      'a Y 1 entry long -> accepted open [2]',
      'a Z 1 entry long -> rejected max-open-positions []',
      'a X 3 exit long -> accepted close [3]',
      'a Z 3 entry long -> accepted open [4]',
    ]);
    expect(decisions[2].reason).toBe('2 positions are open, the most maxOpenPositions allows');
  });

  it('does not count an add to an open position', () => {
    const { orders } = routeSignals([[signal('a', 'X', 1, 'entry', 'long', { size: 0.5 }), signal('a', 'X', 2, 'entry', 'long', { size: 0.5 })]], { maxOpenPositions: 1 });
    expect(orders.map(brief)).toEqual(['1 X open-long 0.5 a', '2 X open-long 0.5 a']);
  });
});

describe('signal router: exposure limits', () => {
  const three = [[signal('a', 'X', 1, 'entry', 'long')], [signal('a', 'Y', 1, 'entry', 'long')], [signal('a', 'Z', 1, 'entry', 'short')]];

  it('shrinks the opening that passes maxTotalExposure to the room left, and rejects when none is left', () => {
    const { orders, decisions } = routeSignals([...three, [signal('a', 'W', 2, 'entry', 'long')]], { positionFraction: 0.4 });
    expect(orders.map(brief)).toEqual(['1 X open-long 0.4 a', '2 Y open-long 0.4 a', '3 Z open-short 0.2 a']);
    expect(orders[2]).toMatchObject({ requestedSize: 0.4, limitedBy: 'max-total-exposure', exposureChange: orders[2].size });
    expect(orders[2].reason).toBe('a opens 0.2 (shrunk from 0.4 by max-total-exposure) short on Z');
    expect(decisions.map(verdict)[3]).toBe('a W 2 entry long -> rejected max-total-exposure []');
    expect(decisions[3].reason).toBe('no exposure is left under maxTotalExposure 1');
  });

  it("rejects instead with exposureOverflow 'reject'", () => {
    const { orders, decisions } = routeSignals(three, { positionFraction: 0.4, exposureOverflow: 'reject' });
    expect(orders.map(brief)).toEqual(['1 X open-long 0.4 a', '2 Y open-long 0.4 a']);
    expect(decisions[2]).toMatchObject({ status: 'rejected', rule: 'max-total-exposure', reason: '0.4 asked, only 0.2 left under maxTotalExposure 1' });
  });

  it('caps one symbol with maxExposurePerSymbol, summing the entries of its position', () => {
    const { orders, decisions } = routeSignals(
      [[signal('a', 'X', 1, 'entry', 'long', { size: 0.5 }), signal('a', 'X', 2, 'entry', 'long', { size: 0.5 }), signal('a', 'X', 3, 'entry', 'long', { size: 0.5 })]],
      { maxExposurePerSymbol: 0.8, maxTotalExposure: 5 },
    );
    expect(orders.map(brief)).toEqual(['1 X open-long 0.5 a', '2 X open-long 0.3 a']);
    expect(orders[1].limitedBy).toBe('max-exposure-per-symbol');
    expect(decisions.map(verdict)[2]).toBe('a X 3 entry long -> rejected max-exposure-per-symbol []');
  });

  it('frees the exposure of a step\'s exits before its entries ask for it, on any symbol', () => {
    const { orders } = routeSignals([[signal('z', 'X', 1, 'entry', 'long'), signal('z', 'X', 2, 'exit', 'long')], [signal('a', 'Y', 2, 'entry', 'long')]]);
    expect(orders.map(brief)).toEqual(['1 X open-long 1 z', '2 X close-long 1 z', '3 Y open-long 1 a']);
  });

  it('gives the room left to the higher-ranked strategy first, on any symbol', () => {
    const { orders, decisions } = routeSignals([[signal('a', 'X', 1, 'entry', 'long')], [signal('b', 'Y', 1, 'entry', 'long')]], { priorities: { b: 1 } });
    expect(orders.map(brief)).toEqual(['1 Y open-long 1 b']);
    expect(decisions.map(verdict)).toEqual(['b Y 1 entry long -> accepted open [1]', 'a X 1 entry long -> rejected max-total-exposure []']);
  });

  it('in netting, limits the opening part only: a flip closes in full and opens what fits', () => {
    const { orders } = routeSignals([[signal('a', 'X', 1, 'entry', 'long', { size: 0.5 })], [signal('a', 'Y', 1, 'entry', 'long', { size: 0.5 }), signal('b', 'Y', 2, 'entry', 'short')]], {
      conflictRule: 'netting',
      maxTotalExposure: 1,
    });
    // Y goes from +0.5 to -0.5: the close frees 0.5, and -0.5 fits exactly.
    expect(orders.map(brief)).toEqual(['1 X open-long 0.5 a', '2 Y open-long 0.5 a', '3 Y close-long 1 a', '4 Y open-short 0.5 b']);
  });
});

describe('signal router: allowShort', () => {
  it('rejects short entries but lets a long win the conflict they would have won', () => {
    const { orders, decisions } = routeSignals([[signal('a', 'X', 1, 'entry', 'short')], [signal('b', 'X', 1, 'entry', 'long')]], { allowShort: false, priorities: { a: 1 } });
    expect(orders.map(brief)).toEqual(['1 X open-long 1 b']);
    expect(decisions.map(verdict)).toEqual(['a X 1 entry short -> rejected short-not-allowed []', 'b X 1 entry long -> accepted open [1]']);
  });
});

describe('signal router: cooldown after a loss', () => {
  it('rejects entries on the symbol for cooldownBars from the losing close, and accepts them after', () => {
    const router = new SignalRouter({ cooldownBars: 2, positionFraction: 0.5 });
    router.route([signal('a', 'X', 0, 'entry', 'long')]);
    // The stop was hit inside bar 3: the executor closed the position the router did not order closed.
    router.onPositionClosed({ symbol: 'X', strategy: 'a', pnl: -12.5, time: closeOf(2), index: 3 });
    expect(router.positions()).toEqual([]);
    const during = router.route([signal('a', 'X', 3, 'entry', 'long'), signal('b', 'Y', 3, 'entry', 'long')]);
    expect(during.orders.map(brief)).toEqual(['2 Y open-long 0.5 b']);
    expect(during.decisions.map(verdict)).toEqual(['a X 3 entry long -> rejected cooldown []', 'b Y 3 entry long -> accepted open [2]']);
    expect(during.decisions[0].reason).toBe('X is cooling down for 2 bars after a losing trade closed at bar 3');
    expect(router.route([signal('a', 'X', 4, 'entry', 'short')]).decisions.map(verdict)).toEqual(['a X 4 entry short -> rejected cooldown []']);
    expect(router.route([signal('a', 'X', 5, 'entry', 'long')]).orders.map(brief)).toEqual(['3 X open-long 0.5 a']);
  });

  it('runs cooldownMs from the reported close time to each step\'s known-at time', () => {
    const router = new SignalRouter({ cooldownMs: 3 * HOUR, timeframe: '1h' });
    router.onPositionClosed({ symbol: 'X', pnl: -1, time: closeOf(1) });
    expect(router.route([signal('a', 'X', 3, 'entry', 'long')]).decisions[0].rule).toBe('cooldown'); // known 2 h after the loss
    expect(router.route([signal('a', 'X', 4, 'entry', 'long')]).decisions[0].rule).toBe('open'); // known 3 h after
  });

  it('does not start on a profit, and never blocks exits', () => {
    const router = new SignalRouter({ conflictRule: 'books', cooldownBars: 10, maxTotalExposure: 2, maxExposurePerSymbol: 2 });
    router.route([signal('a', 'X', 0, 'entry', 'long'), signal('b', 'X', 0, 'entry', 'short')]);
    router.onPositionClosed({ symbol: 'X', strategy: 'a', pnl: 3, time: closeOf(0), index: 1 });
    expect(router.route([signal('a', 'X', 1, 'entry', 'long')]).decisions[0].rule).toBe('open');
    router.onPositionClosed({ symbol: 'X', strategy: 'a', pnl: -3, time: closeOf(1), index: 2 });
    const step = router.route([signal('b', 'X', 2, 'exit', 'short'), signal('c', 'X', 2, 'entry', 'long')]);
    expect(step.decisions.map(verdict)).toEqual(['b X 2 exit short -> accepted close [4]', 'c X 2 entry long -> rejected cooldown []']);
  });

  it('in batch form, replays reported closes before the first step known after them', () => {
    const signals = [[signal('a', 'X', 0, 'entry', 'long'), signal('a', 'X', 2, 'entry', 'long'), signal('a', 'X', 6, 'entry', 'long')]];
    // A stop hit in the middle of bar 1.
    const loss = { symbol: 'X', strategy: 'a', pnl: -1, time: barTime(1) + HOUR / 2, index: 1 };
    const { orders, decisions } = routeSignals(signals, { cooldownBars: 3, timeframe: '1h' }, [loss]);
    expect(orders.map(brief)).toEqual(['1 X open-long 1 a', '2 X open-long 1 a']);
    expect(decisions.map(verdict)).toEqual(['a X 0 entry long -> accepted open [1]', 'a X 2 entry long -> rejected cooldown []', 'a X 6 entry long -> accepted open [2]']);
    // Without the report, the batch knows no loss: the second entry adds to the position.
    expect(routeSignals(signals, { cooldownBars: 3, timeframe: '1h', maxExposurePerSymbol: 3, maxTotalExposure: 3 }).decisions.map((decision) => decision.rule)).toEqual(['open', 'add', 'add']);
  });
});
