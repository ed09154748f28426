import { describe, expect, it } from 'vitest';
import { brief, closeOf, signal, verdict } from '../../../test/router/routerFixtures.js';
import { SignalRouter } from './SignalRouter.js';

describe('signal router feedback: fills', () => {
  it('frees the exposure and the slot of an open that did not fill', () => {
    const router = new SignalRouter({ maxOpenPositions: 1 });
    const first = router.route([signal('a', 'X', 0, 'entry', 'long')]);
    router.onFill({ orderId: first.orders[0].id, time: closeOf(0), filled: 0 });
    expect(router.positions()).toEqual([]);
    expect(router.totalExposure).toBe(0);
    expect(router.route([signal('a', 'Y', 1, 'entry', 'long')]).orders.map(brief)).toEqual(['2 Y open-long 1 a']);
  });

  it('keeps the filled part of a partly filled open', () => {
    const router = new SignalRouter();
    const { orders } = router.route([signal('a', 'X', 0, 'entry', 'long', { size: 0.8 })]);
    router.onFill({ orderId: orders[0].id, time: closeOf(0), filled: 0.25 });
    expect(router.positions()).toEqual([{ symbol: 'X', owner: 'a', side: 'long', exposure: expect.closeTo(0.2, 12) }]);
    expect(router.exposure('X')).toBeCloseTo(0.2, 12);
  });

  it('keeps a position open when its close did not fill', () => {
    const router = new SignalRouter({ conflictRule: 'books' });
    router.route([signal('a', 'X', 0, 'entry', 'long', { size: 0.5 })]);
    const close = router.route([signal('a', 'X', 1, 'exit', 'long')]).orders[0];
    expect(router.positions()).toEqual([]);
    router.onFill({ orderId: close.id, time: closeOf(1), filled: 0 });
    expect(router.positions()).toEqual([{ symbol: 'X', book: 'a', owner: 'a', side: 'long', exposure: 0.5 }]);
    expect(router.route([signal('a', 'X', 2, 'exit', 'long')]).orders.map(brief)).toEqual(['3 X/a close-long 1 a']);
  });

  it('changes nothing on a full fill, and refuses an unknown or repeated order id', () => {
    const router = new SignalRouter();
    const { orders } = router.route([signal('a', 'X', 0, 'entry', 'long', { size: 0.5 })]);
    router.onFill({ orderId: orders[0].id, time: closeOf(0) });
    expect(router.positions()).toEqual([{ symbol: 'X', owner: 'a', side: 'long', exposure: 0.5 }]);
    expect(() => router.onFill({ orderId: orders[0].id, time: closeOf(0) })).toThrow(/no unreported order 1; report each order's fill once/);
    expect(() => router.onFill({ orderId: 99, time: closeOf(0) })).toThrow(expect.objectContaining({ code: 'TF_ERR_STRATEGY_ROUTER' }));
  });

  it('refuses a fill earlier than the step that routed the order (look-ahead)', () => {
    const router = new SignalRouter({ timeframe: '1h' });
    const { orders } = router.route([signal('a', 'X', 5, 'entry', 'long')]);
    expect(() => router.onFill({ orderId: orders[0].id, time: closeOf(4) })).toThrow(/is before the order was routed at .*: an order fills no earlier than the next open/);
    router.onFill({ orderId: orders[0].id, time: closeOf(5) });
  });

  it('refuses a filled fraction outside [0, 1]', () => {
    const router = new SignalRouter();
    const { orders } = router.route([signal('a', 'X', 0, 'entry', 'long')]);
    expect(() => router.onFill({ orderId: orders[0].id, time: closeOf(0), filled: 1.5 })).toThrow(/filled must be a fraction in \[0, 1\], got 1.5/);
  });
});

describe('signal router feedback: closed positions', () => {
  it('closes a position the router did not order closed, so the next entry opens instead of adding', () => {
    const router = new SignalRouter();
    router.route([signal('a', 'X', 0, 'entry', 'long', { size: 0.5, stopLoss: 90 })]);
    router.onPositionClosed({ symbol: 'X', strategy: 'a', side: 'long', pnl: 4, time: closeOf(2) });
    expect(router.positions()).toEqual([]);
    expect(router.route([signal('a', 'X', 3, 'entry', 'long', { size: 0.5 })]).decisions.map(verdict)).toEqual(['a X 3 entry long -> accepted open [2]']);
  });

  it('closes only the reported fraction (a first target hit)', () => {
    const router = new SignalRouter();
    router.route([signal('a', 'X', 0, 'entry', 'long', { size: 0.8 })]);
    router.onPositionClosed({ symbol: 'X', pnl: 1, time: closeOf(1), size: 0.5 });
    expect(router.positions()).toEqual([{ symbol: 'X', owner: 'a', side: 'long', exposure: 0.4 }]);
  });

  it('does not close twice what a router order closed, and ignores a report for the other side', () => {
    const router = new SignalRouter({ positionFraction: 0.5 });
    router.route([signal('a', 'X', 0, 'entry', 'long')]);
    const close = router.route([signal('a', 'X', 1, 'exit', 'long', { size: 0.5 })]).orders[0];
    router.onPositionClosed({ symbol: 'X', pnl: -2, time: closeOf(1), size: 0.5, orderId: close.id });
    router.onPositionClosed({ symbol: 'X', side: 'short', pnl: 2, time: closeOf(1) });
    expect(router.positions()).toEqual([{ symbol: 'X', owner: 'a', side: 'long', exposure: 0.25 }]);
  });

  it('closes the named book only in books mode, and needs the strategy there', () => {
    const router = new SignalRouter({ conflictRule: 'books', positionFraction: 0.5 });
    router.route([signal('a', 'X', 0, 'entry', 'long'), signal('b', 'X', 0, 'entry', 'long')]);
    router.onPositionClosed({ symbol: 'X', strategy: 'b', pnl: -1, time: closeOf(1) });
    expect(router.positions()).toEqual([{ symbol: 'X', book: 'a', owner: 'a', side: 'long', exposure: 0.5 }]);
    expect(() => router.onPositionClosed({ symbol: 'X', pnl: -1, time: closeOf(1) })).toThrow(/needs strategy: in books mode it names the book/);
  });

  it('needs the bar index of a loss when cooldownBars is set, and a finite pnl and time', () => {
    const router = new SignalRouter({ cooldownBars: 2 });
    expect(() => router.onPositionClosed({ symbol: 'X', pnl: -1, time: closeOf(1) })).toThrow(/needs index \(its bar index\) because cooldownBars is set/);
    expect(() => router.onPositionClosed({ symbol: 'X', pnl: Number.NaN, time: closeOf(1), index: 1 })).toThrow(expect.objectContaining({ code: 'TF_ERR_STRATEGY_ROUTER' }));
    expect(() => router.onPositionClosed({ symbol: 'X', pnl: 1, time: closeOf(1), size: 0 })).toThrow(/size must be a fraction in \(0, 1\]/);
  });
});
