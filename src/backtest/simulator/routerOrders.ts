import { lowerBound } from '../../core/Bars.js';
import { TickforgeError } from '../../core/errors.js';
import type { Order } from '../../strategy/router/Order.js';
import type { PositionClosed } from '../../strategy/router/RouterFeedback.js';
import type { RoutingDecision } from '../../strategy/router/RoutingDecision.js';
import { SignalRouter } from '../../strategy/router/SignalRouter.js';
import type { RouterOptions } from '../../strategy/router/RouterOptions.js';
import type { Signal } from '../../strategy/Signal.js';
import { OrderFlag as OrderFlagCodes, OrderRole as OrderRoleCodes, QuantityMode as QuantityModeCodes } from './orderCodes.js';
import type { OrderSchedule } from './OrderSchedule.js';
import { createMarketOrder, submitOrder } from './placeOrder.js';
import type { ExecutionListener, SimulationState } from './SimulationState.js';

// Module-local copies of the codes: where imports become getter properties (vitest, CommonJS builds),
// every use of an imported binding is a call V8 does not fold; the kernel reads these per fill.
const OrderFlag = OrderFlagCodes;
const OrderRole = OrderRoleCodes;
const QuantityMode = QuantityModeCodes;

function badInput(message: string, details: Record<string, unknown>): never {
  throw new TickforgeError('TF_ERR_BACKTEST_INPUT', message, { details });
}

/**
 * Places router order `order` at the close of bar `i` of symbol `s`: an open becomes a sized
 * entry (the sizing rule times `order.size`, so with the default rule a fraction of equity)
 * carrying the order's bracket; a close, an exit of `order.size` of the position. It fills at
 * the next open, or at this close for strategies `fillAtByStrategy` says fill at the close.
 */
export function placeRouterOrder(state: SimulationState, order: Order, s: number, i: number): void {
  const orders = state.orders;
  const book = order.book === undefined ? 0 : state.books.intern(order.book);
  const slot = s * state.positions.bookCount + book;
  const opens = order.intent === 'open-long' || order.intent === 'open-short';
  const side = order.side === 'buy' ? 1 : -1;
  const atClose = (state.options.fillAtByStrategy.get(order.owner) ?? state.options.fillAt) === 'close';
  const tag = order.signals[0]?.tag;
  const o = createMarketOrder(state, s, slot, side, opens ? OrderRole.entry : OrderRole.exit, opens ? QuantityMode.sized : QuantityMode.positionFraction, order.size, i, atClose, state.strategies.intern(order.owner), tag === undefined ? -1 : state.tags.intern(tag));
  orders.routerOrder.data[o] = order.id;
  if (opens && (order.stopLoss !== undefined || order.takeProfit !== undefined || order.trailingStop !== undefined || (order.targets?.length ?? 0) > 0)) {
    orders.bracketStop.data[o] = order.stopLoss ?? NaN;
    orders.bracketTake.data[o] = order.takeProfit ?? NaN;
    orders.bracketTrail.data[o] = order.trailingStop ?? NaN;
    if (order.targets !== undefined && order.targets.length > 0) orders.bracketTargets[o] = order.targets;
    orders.flags.data[o] |= OrderFlag.bracket;
  }
  submitOrder(state, o, s, i);
}

/** The bar of `signal` in its symbol's series, checked. @throws TF_ERR_BACKTEST_INPUT */
export function signalBar(signal: Signal, symbolIndex: ReadonlyMap<string, number>, times: readonly Float64Array[], where: string): { s: number; index: number } {
  const s = symbolIndex.get(signal.symbol);
  if (s === undefined) badInput(`${where}: the signal of ${signal.strategy} names symbol ${signal.symbol}, which the run has no bars for; add it to symbols.`, { symbol: signal.symbol });
  const index = signal.index;
  if (!Number.isInteger(index) || index < 0 || index >= times[s].length || times[s][index] !== signal.time) {
    badInput(
      `${where}: the signal of ${signal.strategy} on ${signal.symbol} at bar ${index} (time ${signal.time}) does not match the run's bars of ${signal.symbol} (${times[s].length} bars${Number.isInteger(index) && index >= 0 && index < times[s].length ? `, time ${times[s][index]} at that index` : ''}); run the strategy on the same bars.`,
      { symbol: signal.symbol, index, time: signal.time },
    );
  }
  return { s, index };
}

/** Schedules orders a router already made (`routeSignals`) at the close of their signals' latest bar. No feedback reaches that router. */
export function scheduleRoutedOrders(routed: readonly Order[], schedule: OrderSchedule, symbolIndex: ReadonlyMap<string, number>, times: readonly Float64Array[]): void {
  routed.forEach((order, k) => {
    if (order.signals.length === 0) badInput(`Routed order routedOrders[${k}] (id ${order.id}) carries no signals; pass the orders routeSignals returned.`, { order: k });
    let bar = -1;
    let s = -1;
    for (const signal of order.signals) {
      const at = signalBar(signal, symbolIndex, times, `routedOrders[${k}]`);
      s = at.s;
      bar = Math.max(bar, at.index);
    }
    if (order.symbol !== order.signals[0].symbol) badInput(`Routed order routedOrders[${k}] is on ${order.symbol} but its signals are on ${order.signals[0].symbol}.`, { order: k });
    schedule.add(s, bar, (state, i) => placeRouterOrder(state, order, s, i));
  });
}

/**
 * Drives a `SignalRouter` through the run (the normal path: strategy signals -> router ->
 * simulator): at each clock step's close it routes the signals of the bars closing then and
 * places the orders; it reports every router order's outcome (`onFill`, the filled fraction,
 * 1 for a close whose position was already gone) and every reduction of a position with its
 * profit or loss (`onPositionClosed`; without `orderId` for stops, take-profits, trailing
 * stops, liquidations and end closes, which the router did not order).
 *
 * Reports are held until just before the next routing step (the router wants them before it)
 * and given newest first. The order matters when a reversal half-fails: the close of the old
 * side falls short (volume cap, lot rounding), so the open of the new side is rejected (the old
 * position is still there). Told the close's shortfall first, the router would find the new
 * side it had already opened; told the open's failure first, it undoes the open, then restores
 * the old side. Reports of the last bar are never given: nothing is routed after it.
 */
export class RouterDriver implements ExecutionListener {
  readonly router: SignalRouter;
  readonly decisions: RoutingDecision[] = [];
  private readonly steps = new Map<number, Signal[]>();
  private readonly reports: (() => void)[] = [];

  constructor(signals: readonly Signal[], options: RouterOptions | undefined, symbolIndex: ReadonlyMap<string, number>, times: readonly Float64Array[], clock: Float64Array) {
    this.router = new SignalRouter(options);
    signals.forEach((signal, k) => {
      const { s, index } = signalBar(signal, symbolIndex, times, `signals[${k}]`);
      const step = lowerBound(clock, times[s][index]);
      let list = this.steps.get(step);
      if (list === undefined) this.steps.set(step, (list = []));
      list.push(signal);
    });
  }

  /** Routes the signals known at the close of clock step `t` and places their orders. */
  atStep(state: SimulationState, t: number, symbolIndex: ReadonlyMap<string, number>): void {
    const signals = this.steps.get(t);
    if (signals === undefined) return;
    for (let k = this.reports.length - 1; k >= 0; k--) this.reports[k]();
    this.reports.length = 0;
    const routed = this.router.route(signals);
    for (const decision of routed.decisions) this.decisions.push(decision);
    for (const order of routed.orders) {
      const s = symbolIndex.get(order.symbol)!;
      placeRouterOrder(state, order, s, state.barIndex[s]);
    }
  }

  orderDone(state: SimulationState, o: number, filledFraction: number, time: number): void {
    const report = { orderId: state.orders.routerOrder.data[o], time, filled: Math.min(1, Math.max(0, filledFraction)) };
    this.reports.push(() => this.router.onFill(report));
  }

  positionReduced(state: SimulationState, slot: number, o: number, fraction: number, pnl: number, time: number, index: number): void {
    const orders = state.orders;
    const positions = state.positions;
    const report: PositionClosed = {
      symbol: state.symbols[positions.slotSymbol[slot]],
      side: orders.side.data[o] > 0 ? 'short' : 'long',
      pnl,
      time,
      index,
      size: Math.min(1, fraction),
    };
    const book = positions.slotBook[slot];
    if (book > 0) report.strategy = state.books.names[book];
    const routerOrder = orders.routerOrder.data[o];
    if (routerOrder >= 0) report.orderId = routerOrder;
    this.reports.push(() => this.router.onPositionClosed(report));
  }
}

