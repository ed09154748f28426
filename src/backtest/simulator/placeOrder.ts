import { fillOrder } from './fillOrder.js';
import { Liquidity as LiquidityCodes, OrderFlag as OrderFlagCodes, OrderStatus as OrderStatusCodes, OrderType as OrderTypeCodes, TimeInForceCode as TimeInForceCodeCodes } from './orderCodes.js';
import { endUnfilled } from './processBar.js';
import type { SimulationState } from './SimulationState.js';

// Module-local copies of the codes: where imports become getter properties (vitest, CommonJS builds),
// every use of an imported binding is a call V8 does not fold; the kernel reads these per fill.
const Liquidity = LiquidityCodes;
const OrderFlag = OrderFlagCodes;
const OrderStatus = OrderStatusCodes;
const OrderType = OrderTypeCodes;
const TimeInForceCode = TimeInForceCodeCodes;

/** Close time of bar `i` of symbol `s`: when its signals are known and its close fills happen. */
export function closeTimeOf(state: SimulationState, s: number, i: number): number {
  return state.time[s][i] + state.barMilliseconds[s];
}

/**
 * Creates a market order placed at the close of bar `i` of symbol `s`: it fills at that close
 * (`atClose`) or at the next bar's open, and only then (a market order does not wait). The
 * caller sets any further field (bracket, router id), then calls `submitOrder`.
 */
export function createMarketOrder(state: SimulationState, s: number, slot: number, side: number, role: number, mode: number, amount: number, i: number, atClose: boolean, strategy: number, tag: number): number {
  const orders = state.orders;
  const o = orders.create(s, slot, side, OrderType.market, role, mode, amount, state.step, closeTimeOf(state, s, i), i);
  orders.timeInForce.data[o] = TimeInForceCode.ioc;
  orders.strategy.data[o] = strategy;
  orders.tag.data[o] = tag;
  if (atClose) {
    orders.flags.data[o] |= OrderFlag.fillAtClose;
    orders.firstBar.data[o] = i;
    orders.lastBar.data[o] = i;
  } else {
    orders.lastBar.data[o] = i + 1;
  }
  return o;
}

/**
 * Submits order `o` placed at the close of bar `i`: an order to fill at this close fills now
 * (at the close, with taker costs; what does not fill is cancelled), any other joins its
 * symbol's working orders.
 */
export function submitOrder(state: SimulationState, o: number, s: number, i: number): void {
  const orders = state.orders;
  const time = closeTimeOf(state, s, i);
  if ((orders.flags.data[o] & OrderFlag.fillAtClose) === 0) {
    orders.submit(o, state.step, time);
    return;
  }
  orders.submit(o, state.step, time, false);
  orders.status.data[o] = OrderStatus.working;
  state.segment++;
  fillOrder(state, o, state.close[s][i], Liquidity.taker, time, i, true, false);
  if (orders.isWorking(o)) endUnfilled(state, o, time);
}
