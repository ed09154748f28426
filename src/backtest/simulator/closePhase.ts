import { fillOrder } from './fillOrder.js';
import { Liquidity as LiquidityCodes, OrderRole as OrderRoleCodes, OrderStatus as OrderStatusCodes, OrderType as OrderTypeCodes, QuantityMode as QuantityModeCodes } from './orderCodes.js';
import { closeTimeOf } from './placeOrder.js';
import { cancelOrder } from './protectiveOrders.js';
import type { SimulationState } from './SimulationState.js';

// Module-local copies of the codes: where imports become getter properties (vitest, CommonJS builds),
// every use of an imported binding is a call V8 does not fold.
const Liquidity = LiquidityCodes;
const OrderRole = OrderRoleCodes;
const OrderStatus = OrderStatusCodes;
const OrderType = OrderTypeCodes;
const QuantityMode = QuantityModeCodes;

/** Marks the positions at the latest prices: sets the equity and buying power that sizing and margin checks read until the next mark. */
export function mark(state: SimulationState): void {
  const positions = state.positions;
  const quantity = positions.quantity;
  const slotSymbol = positions.slotSymbol;
  const last = state.last;
  let value = 0;
  let gross = 0;
  for (let slot = 0; slot < quantity.length; slot++) {
    const q = quantity[slot];
    if (q === 0) continue;
    const v = q * last[slotSymbol[slot]];
    value += v;
    gross += v < 0 ? -v : v;
  }
  state.markValue = value;
  state.markGross = gross;
  state.markEquity = state.cash + value;
  state.available = state.markEquity - gross / state.options.leverage;
}

/** Funding and borrow of the positions held through bar `i` of symbol `s`, charged at its close. */
export function chargeFunding(state: SimulationState, s: number, i: number): void {
  const positions = state.positions;
  const options = state.options;
  const close = state.close[s][i];
  const fundingColumn = state.fundingRate[s];
  const borrowColumn = state.borrowRate[s];
  const funding = fundingColumn === undefined ? options.fundingRate : fundingColumn[i];
  const borrow = borrowColumn === undefined ? options.borrowRate : borrowColumn[i];
  const first = s * positions.bookCount;
  for (let slot = first; slot < first + positions.bookCount; slot++) {
    const q = positions.quantity[slot];
    if (q === 0) continue;
    // Longs pay a positive funding rate, shorts receive it; shorts also pay the borrow rate.
    const payment = funding * q * close + (q < 0 ? -borrow * q * close : 0);
    state.cash -= payment;
    state.cashCheckpoints.record(state.step, state.cash);
    positions.funding[slot] += payment;
    state.totalFunding += payment;
  }
}

/** Closes what is open on symbol `s` at the close of its last bar `i` (reason 'end') and cancels its working orders. */
export function closeAtEnd(state: SimulationState, s: number, i: number): void {
  const positions = state.positions;
  const orders = state.orders;
  const time = closeTimeOf(state, s, i);
  const first = s * positions.bookCount;
  for (let slot = first; slot < first + positions.bookCount; slot++) {
    const q = positions.quantity[slot];
    if (q === 0) continue;
    const o = orders.create(s, slot, q > 0 ? -1 : 1, OrderType.market, OrderRole.end, QuantityMode.wholePosition, NaN, state.step, time, i);
    orders.firstBar.data[o] = i;
    orders.strategy.data[o] = positions.strategy[slot];
    orders.submit(o, state.step, time, false);
    state.segment++;
    fillOrder(state, o, state.close[s][i], Liquidity.taker, time, i, true, false);
  }
  for (let o = orders.head[s]; o >= 0; o = orders.next.data[o]) if (orders.isWorking(o)) cancelOrder(state, o, OrderStatus.cancelled, "the symbol's data ended", time);
  orders.compact(s);
}
