import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barTime, closeOf, HOUR, signal } from '../../../test/router/routerFixtures.js';
import type { Signal } from '../Signal.js';
import type { Order } from './Order.js';
import type { PositionClosed } from './RouterFeedback.js';
import type { RouterOptions } from './RouterOptions.js';
import type { RoutingResult } from './RoutingDecision.js';
import { routeSignals } from './routeSignals.js';
import { SignalRouter } from './SignalRouter.js';

const signalArbitrary: fc.Arbitrary<Signal> = fc
  .record({
    strategy: fc.constantFrom('a', 'b', 'c'),
    symbol: fc.constantFrom('X', 'Y', 'Z'),
    index: fc.integer({ min: 0, max: 9 }),
    kind: fc.constantFrom('entry' as const, 'exit' as const),
    side: fc.constantFrom('long' as const, 'short' as const),
    size: fc.option(fc.constantFrom(0.25, 0.5, 0.75, 1), { nil: undefined }),
    stopLoss: fc.option(fc.constantFrom(90, 110), { nil: undefined }),
  })
  .map(({ strategy, symbol, index, kind, side, size, stopLoss }) =>
    signal(strategy, symbol, index, kind, side, { ...(size === undefined ? {} : { size }), ...(stopLoss === undefined ? {} : { stopLoss }) }),
  );

const optionsArbitrary: fc.Arbitrary<RouterOptions> = fc.record({
  conflictRule: fc.constantFrom('priority' as const, 'netting' as const, 'books' as const),
  priorities: fc.record({ a: fc.integer({ min: 0, max: 2 }), b: fc.integer({ min: 0, max: 2 }) }, { requiredKeys: [] }),
  positionFraction: fc.constantFrom(0.25, 0.5, 1),
  maxOpenPositions: fc.constantFrom(1, 2, Infinity),
  maxExposurePerSymbol: fc.constantFrom(0.5, 1, 2),
  maxTotalExposure: fc.constantFrom(0.75, 1, 3),
  exposureOverflow: fc.constantFrom('shrink' as const, 'reject' as const),
  cooldownBars: fc.constantFrom(0, 2, 3),
  cooldownMs: fc.constantFrom(0, 2 * HOUR),
  allowShort: fc.boolean(),
  timeframe: fc.constant('1h'),
});

/** Trades the executor closed (stops, targets) in the middle of a bar: one per bar at most, so their order is their time. */
const reportsArbitrary: fc.Arbitrary<PositionClosed[]> = fc.uniqueArray(
  fc.record({
    symbol: fc.constantFrom('X', 'Y', 'Z'),
    strategy: fc.constantFrom('a', 'b', 'c'),
    index: fc.integer({ min: 0, max: 9 }),
    pnl: fc.constantFrom(-5, -1, 2),
    size: fc.constantFrom(0.5, 1),
  }).map((report) => ({ ...report, time: barTime(report.index) + HOUR / 2 })),
  { selector: (report) => report.index, maxLength: 4 },
);

const scenario = fc.record({ signals: fc.array(signalArbitrary, { maxLength: 30 }), options: optionsArbitrary, reports: reportsArbitrary });

/** Splits a list at the given cut points into several lists, as if they came from several strategies. */
function split(signals: readonly Signal[], cuts: readonly number[]): Signal[][] {
  const points = [...new Set(cuts.map((cut) => cut % (signals.length + 1)))].sort((x, y) => x - y);
  const lists: Signal[][] = [];
  let from = 0;
  for (const point of [...points, signals.length]) {
    lists.push(signals.slice(from, point));
    from = point;
  }
  return lists;
}

/**
 * Replays the orders on positions of its own (adding opens, closing fractions, applying the
 * reported closes before the first step after them) and checks at every order that closes match
 * an open position on their side within (0, 1], and that the limits hold.
 */
function checkReplay(result: RoutingResult, options: RouterOptions, reports: readonly PositionClosed[]): void {
  const books = options.conflictRule === 'books';
  const positions = new Map<string, { symbol: string; side: string; exposure: number }>();
  const keyOf = (symbol: string, book: string | undefined): string => (books ? `${symbol}/${book}` : symbol);
  const close = (key: string, fraction: number): number => {
    const position = positions.get(key)!;
    const freed = fraction >= 1 || position.exposure * (1 - fraction) <= 1e-9 ? position.exposure : position.exposure * fraction;
    position.exposure -= freed;
    if (fraction >= 1 || position.exposure <= 1e-9) positions.delete(key);
    return freed;
  };
  const pending = [...reports].sort((x, y) => x.time - y.time);
  for (const order of result.orders) {
    while (pending.length > 0 && pending[0].time < order.time) {
      const report = pending.shift()!;
      const key = keyOf(report.symbol, report.strategy);
      if (positions.has(key)) close(key, report.size ?? 1);
    }
    const key = keyOf(order.symbol, order.book);
    const side = order.intent.endsWith('long') ? 'long' : 'short';
    const position = positions.get(key);
    if (order.intent.startsWith('open')) {
      expect(order.size).toBeGreaterThan(0);
      if (position === undefined) positions.set(key, { symbol: order.symbol, side, exposure: order.size });
      else {
        expect(position.side, `order ${order.id} adds to the other side`).toBe(side);
        position.exposure += order.size;
      }
    } else {
      expect(position?.side, `order ${order.id} closes a ${side} position that is not open`).toBe(side);
      expect(order.size).toBeGreaterThan(0);
      expect(order.size).toBeLessThanOrEqual(1);
      expect(-order.exposureChange).toBeCloseTo(close(key, order.size), 9);
    }
    const exposures = [...positions.values()];
    const total = exposures.reduce((sum, p) => sum + p.exposure, 0);
    expect(total, `total exposure after order ${order.id}`).toBeLessThanOrEqual((options.maxTotalExposure ?? 1) + 1e-9);
    const onSymbol = exposures.filter((p) => p.symbol === order.symbol).reduce((sum, p) => sum + p.exposure, 0);
    expect(onSymbol, `exposure on ${order.symbol} after order ${order.id}`).toBeLessThanOrEqual((options.maxExposurePerSymbol ?? 1) + 1e-9);
    expect(positions.size).toBeLessThanOrEqual(options.maxOpenPositions ?? Infinity);
  }
}

describe('signal router properties', () => {
  it('gives the same orders and decisions whatever the order of the signals and of their lists', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.nat(), { maxLength: 4 }), fc.array(fc.nat(), { maxLength: 4 }), fc.integer(), ({ signals, options, reports }, cuts, otherCuts, seed) => {
        const shuffled = fc.sample(fc.shuffledSubarray(signals, { minLength: signals.length, maxLength: signals.length }), { numRuns: 1, seed })[0];
        const expected = routeSignals(split(signals, cuts), options, reports);
        expect(routeSignals(split(shuffled, otherCuts), options, [...reports].reverse())).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('decides every signal once and numbers the orders 1, 2, 3, ...', () => {
    fc.assert(
      fc.property(scenario, ({ signals, options, reports }) => {
        const { orders, decisions } = routeSignals([signals], options, reports);
        expect(decisions).toHaveLength(signals.length);
        expect(new Set(decisions.map((decision) => decision.signal)).size).toBe(new Set(signals).size);
        expect(orders.map((order) => order.id)).toEqual(orders.map((_, k) => k + 1));
        const referenced = new Set(decisions.flatMap((decision) => decision.orderIds));
        for (const order of orders) expect(referenced.has(order.id), `order ${order.id} has a deciding signal`).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never passes the exposure limits or the position count, and never closes more than is open', () => {
    fc.assert(
      fc.property(scenario, ({ signals, options, reports }) => checkReplay(routeSignals([signals], options, reports), options, reports)),
      { numRuns: 500 },
    );
  });

  it('makes no order from an entry on a symbol during its cooldown after a loss', () => {
    fc.assert(
      fc.property(scenario, ({ signals, options, reports }) => {
        const { orders, decisions } = routeSignals([signals], options, reports);
        const losses = reports.filter((report) => report.pnl < 0);
        const cooling = (entry: Signal): boolean => {
          const knownAt = closeOf(entry.index);
          return losses.some(
            (loss) =>
              loss.symbol === entry.symbol &&
              loss.time < knownAt &&
              (((options.cooldownBars ?? 0) > 0 && loss.index! <= entry.index && entry.index < loss.index! + options.cooldownBars!) ||
                ((options.cooldownMs ?? 0) > 0 && knownAt < loss.time + options.cooldownMs!)),
          );
        };
        const sources = new Set(orders.flatMap((order: Order) => order.signals));
        for (const decision of decisions) {
          if (decision.signal.kind !== 'entry' || !cooling(decision.signal)) continue;
          expect(decision.status).toBe('rejected');
          expect(sources.has(decision.signal)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('decides a step without looking ahead: other signals after bar t change nothing up to t', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 9 }), fc.array(signalArbitrary, { maxLength: 20 }), ({ signals, options, reports }, t, noise) => {
        const upTo = (result: RoutingResult) => ({
          orders: result.orders.filter((order) => order.time <= closeOf(t)),
          decisions: result.decisions.filter((decision) => decision.time <= closeOf(t)),
        });
        const replaced = [...signals.filter((s) => s.index <= t), ...noise.filter((s) => s.index > t)];
        const earlierReports = reports.filter((report) => report.index! <= t);
        expect(upTo(routeSignals([replaced], options, earlierReports))).toEqual(upTo(routeSignals([signals], options, reports)));
      }),
      { numRuns: 300 },
    );
  });

  it('routes a batch exactly as an incremental router fed step by step, with the same reports in between', () => {
    fc.assert(
      fc.property(scenario, ({ signals, options, reports }) => {
        const batch = routeSignals([signals], options, reports);
        const router = new SignalRouter(options);
        const incremental: RoutingResult = { orders: [], decisions: [] };
        const pending = [...reports].sort((x, y) => x.time - y.time);
        for (const time of [...new Set(signals.map((s) => closeOf(s.index)))].sort((x, y) => x - y)) {
          while (pending.length > 0 && pending[0].time < time) router.onPositionClosed(pending.shift()!);
          const step = router.route(signals.filter((s) => closeOf(s.index) === time));
          incremental.orders.push(...step.orders);
          incremental.decisions.push(...step.decisions);
        }
        expect(incremental).toEqual(batch);
      }),
      { numRuns: 300 },
    );
  });
});
