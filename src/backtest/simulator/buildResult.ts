import type { RoutingDecision } from '../../strategy/router/RoutingDecision.js';
import type { Trade } from '../Trade.js';
import type { BacktestResult, Fill, OpenPosition, OrderEvent, SimulatedOrder } from './BacktestResult.js';
import { fillReasonNames, orderRoleNames, orderStatusNames, orderTypeNames, timeInForceNames } from './orderCodes.js';
import type { SimulationCurves } from './rebuildCurves.js';
import type { SimulationState } from './SimulationState.js';

function trades(state: SimulationState): { trades: Trade[]; idBySequence: Map<number, number> } {
  const ledger = state.trades;
  const positions = state.positions;
  const leverage = state.options.leverage;
  const list: Trade[] = [];
  const idBySequence = new Map<number, number>();
  for (let row = 0; row < ledger.count; row++) {
    const slot = ledger.slot.data[row];
    const side = ledger.side.data[row];
    const quantity = ledger.quantity.data[row];
    const entryNotional = ledger.entryNotional.data[row];
    const exitNotional = ledger.exitNotional.data[row];
    const fees = ledger.fees.data[row];
    const funding = ledger.funding.data[row];
    const pnl = side * (exitNotional - entryNotional) - fees - funding;
    const trade: Trade = {
      id: row + 1,
      symbol: state.symbols[positions.slotSymbol[slot]],
      strategy: state.strategies.names[ledger.strategy.data[row]],
      side: side > 0 ? 'long' : 'short',
      quantity,
      entryTime: ledger.entryTime.data[row],
      entryIndex: ledger.entryIndex.data[row],
      entryPrice: entryNotional / quantity,
      exitTime: ledger.exitTime.data[row],
      exitIndex: ledger.exitIndex.data[row],
      exitPrice: exitNotional / quantity,
      pnl,
      returnFraction: pnl / (entryNotional / leverage),
      fees,
      slippage: ledger.slippage.data[row],
      funding,
      exitReason: fillReasonNames[ledger.reason.data[row]],
    };
    const tag = state.tags.name(ledger.tag.data[row]);
    if (tag !== undefined) trade.tag = tag;
    list.push(trade);
    idBySequence.set(ledger.sequence.data[row], row + 1);
  }
  return { trades: list, idBySequence };
}

function bookOf(state: SimulationState, slot: number): { book?: string } {
  const book = state.positions.slotBook[slot];
  return book > 0 ? { book: state.books.names[book] } : {};
}

function fills(state: SimulationState, idBySequence: Map<number, number>): Fill[] {
  const ledger = state.fills;
  const orders = state.orders;
  const list: Fill[] = [];
  for (let row = 0; row < ledger.count; row++) {
    const slot = ledger.slot.data[row];
    const o = ledger.order.data[row];
    const fill: Fill = {
      id: row + 1,
      orderId: o + 1,
      symbol: state.symbols[state.positions.slotSymbol[slot]],
      ...bookOf(state, slot),
      strategy: state.strategies.names[orders.strategy.data[o]],
      time: ledger.time.data[row],
      index: ledger.index.data[row],
      step: ledger.step.data[row],
      side: ledger.side.data[row] > 0 ? 'buy' : 'sell',
      quantity: ledger.quantity.data[row],
      price: ledger.price.data[row],
      referencePrice: ledger.reference.data[row],
      fee: ledger.fee.data[row],
      slippage: ledger.slippage.data[row],
      liquidity: ledger.liquidity.data[row] === 0 ? 'maker' : 'taker',
      reason: fillReasonNames[ledger.reason.data[row]],
      positionAfter: ledger.positionAfter.data[row],
    };
    const tradeId = idBySequence.get(ledger.tradeSequence.data[row]);
    if (tradeId !== undefined) fill.tradeId = tradeId;
    list.push(fill);
  }
  return list;
}

function optional<K extends string>(key: K, value: number): Partial<Record<K, number>> {
  return Number.isNaN(value) ? {} : ({ [key]: value } as Record<K, number>);
}

function orders(state: SimulationState): SimulatedOrder[] {
  const table = state.orders;
  const list: SimulatedOrder[] = [];
  for (let o = 0; o < table.count; o++) {
    const slot = table.slot.data[o];
    const filled = table.filled.data[o];
    const order: SimulatedOrder = {
      id: o + 1,
      symbol: state.symbols[table.symbol.data[o]],
      ...bookOf(state, slot),
      strategy: state.strategies.names[table.strategy.data[o]],
      side: table.side.data[o] >= 0 ? 'buy' : 'sell',
      type: orderTypeNames[table.type.data[o]],
      role: orderRoleNames[table.role.data[o]],
      timeInForce: timeInForceNames[table.timeInForce.data[o]],
      reduceOnly: (table.flags.data[o] & 1) !== 0 || table.role.data[o] >= 4,
      ...optional('limitPrice', table.limit.data[o]),
      ...optional('stopPrice', table.stop.data[o]),
      ...optional('trailingDistance', table.trailDistance.data[o]),
      ...optional('trailingFraction', table.trailFraction.data[o]),
      quantity: table.quantity.data[o],
      filledQuantity: filled,
      averagePrice: filled > 0 ? table.filledNotional.data[o] / filled : NaN,
      status: orderStatusNames[table.status.data[o]],
      createdStep: table.createdStep.data[o],
      createdTime: table.createdTime.data[o],
      signalIndex: table.signalBar.data[o],
    };
    const tag = state.tags.name(table.tag.data[o]);
    if (tag !== undefined) order.tag = tag;
    const reason = state.reasons.name(table.statusReason.data[o]);
    if (reason !== undefined) order.statusReason = reason;
    if (table.parent.data[o] >= 0) order.parentId = table.parent.data[o] + 1;
    const group = state.ocoGroups.name(table.oco.data[o]);
    if (group !== undefined) order.ocoGroup = group.slice(group.indexOf('\u0000') + 1);
    if (table.routerOrder.data[o] >= 0) order.routerOrderId = table.routerOrder.data[o];
    list.push(order);
  }
  return list;
}

function events(state: SimulationState): OrderEvent[] {
  const table = state.orders;
  const list: OrderEvent[] = [];
  for (let e = 0; e < table.eventCount; e++) {
    const event: OrderEvent = {
      orderId: table.eventOrder.data[e] + 1,
      step: table.eventStep.data[e],
      time: table.eventTime.data[e],
      status: orderStatusNames[table.eventStatus.data[e]],
      filledQuantity: table.eventFilled.data[e],
    };
    const reason = state.reasons.name(table.eventReason.data[e]);
    if (reason !== undefined) event.reason = reason;
    list.push(event);
  }
  return list;
}

function openPositions(state: SimulationState): OpenPosition[] {
  const positions = state.positions;
  const list: OpenPosition[] = [];
  for (let slot = 0; slot < positions.slotCount; slot++) {
    const quantity = positions.quantity[slot];
    if (quantity === 0) continue;
    const lastPrice = state.last[positions.slotSymbol[slot]];
    const averagePrice = positions.averagePrice[slot];
    list.push({
      symbol: state.symbols[positions.slotSymbol[slot]],
      ...bookOf(state, slot),
      strategy: state.strategies.names[positions.strategy[slot]],
      side: quantity > 0 ? 'long' : 'short',
      quantity,
      averagePrice,
      lastPrice,
      value: quantity * lastPrice,
      unrealizedPnl: quantity * (lastPrice - averagePrice),
      entryTime: positions.entryTime[slot],
    });
  }
  return list;
}

/**
 * Defines `name` on `target` as a property computed on first read and then kept: the trades,
 * fills, orders and order events of a long run are hundreds of thousands of objects that a
 * sweep or a metrics report may never read, and building them would cost more than the
 * simulation (so would its per-step curves).
 */
export function lazy<T extends object, K extends keyof T>(target: T, name: K, build: () => T[K]): void {
  let value: T[K] | undefined;
  Object.defineProperty(target, name, {
    enumerable: true,
    configurable: true,
    get: () => (value ??= build()),
  });
}

/**
 * Turns the run's columnar ledgers into the result objects (after the run: allocation is fine
 * here). Everything that grows with the run is built on first read: `trades`, `fills`, `orders`
 * and `orderEvents` from the ledgers, `curve` and `cashCurve` by `curves` (see `rebuildCurves`).
 */
export function buildResult(state: SimulationState, clock: Float64Array, curves: () => SimulationCurves, routing: RoutingDecision[] | undefined): BacktestResult {
  const steps = clock.length;
  let built: ReturnType<typeof trades> | undefined;
  const tradeLedger = () => (built ??= trades(state));
  let rebuilt: SimulationCurves | undefined;
  const series = () => (rebuilt ??= curves());
  // Properties in the order of `BacktestResult`, as before they were lazy (JSON output keeps its shape).
  const result = {} as BacktestResult;
  lazy(result, 'curve', () => ({ time: clock, equity: series().equity, exposure: series().exposure }));
  lazy(result, 'cashCurve', () => series().cash);
  lazy(result, 'trades', () => tradeLedger().trades);
  result.positions = openPositions(state);
  result.initialCash = state.options.initialCash;
  result.cash = state.cash;
  // The mark of the last step is the last point of the equity curve.
  result.equity = steps > 0 ? state.markEquity : state.options.initialCash;
  result.totalFees = state.totalFees;
  result.totalSlippage = state.totalSlippage;
  result.totalFunding = state.totalFunding;
  result.symbols = state.symbols.slice();
  lazy(result, 'fills', () => fills(state, tradeLedger().idBySequence));
  lazy(result, 'orders', () => orders(state));
  lazy(result, 'orderEvents', () => events(state));
  if (routing !== undefined) result.routing = routing;
  return result;
}
