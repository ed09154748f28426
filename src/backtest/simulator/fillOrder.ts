import { applyFill } from './applyFill.js';
import { makerPrice, roundToLot, takerPrice } from './executionPrice.js';
import { Liquidity as LiquidityCodes, OrderFlag as OrderFlagCodes, OrderRole as OrderRoleCodes, OrderStatus as OrderStatusCodes, QuantityMode as QuantityModeCodes, reasonOfRole } from './orderCodes.js';
import { activateBracket, cancelOcoSiblings, cancelOrder } from './protectiveOrders.js';
import { sizedQuantity } from './sizeOrder.js';
import type { SimulationState } from './SimulationState.js';

// Module-local copies of the codes: where imports become getter properties (vitest, CommonJS builds),
// every use of an imported binding is a call V8 does not fold; the kernel reads these per fill.
const Liquidity = LiquidityCodes;
const OrderFlag = OrderFlagCodes;
const OrderRole = OrderRoleCodes;
const OrderStatus = OrderStatusCodes;
const QuantityMode = QuantityModeCodes;

/** Relative slack for comparisons of sums of quantities and money. */
const SLACK = 1e-9;

function refuse(state: SimulationState, o: number, status: number, reason: string, time: number, reportedFraction = NaN): number {
  cancelOrder(state, o, status, reason, time, reportedFraction);
  return 0;
}

/**
 * Fills what it can of order `o` at `reference` (the open, the close, or the order's level) on
 * bar `i` of its symbol, and returns the units filled. The order's quantity is settled at its
 * first fill (sized, a fraction of the position, a target); then come lot rounding and the
 * minimum quantity, the volume-participation cap, the price (slippage for taker fills), and
 * the margin check of the opening part. A fill that crosses zero is two fills (the close, then
 * the open). After the call the order is filled, still working (partly filled, or refused for
 * now by the participation cap with `refuse` overflow: then 0 is returned and
 * `state.rejection` says why), or ended (rejected or cancelled, with the reason).
 * `atClose` and `intrabar` say where in the bar the fill happens, for the bracket it activates.
 */
export function fillOrder(state: SimulationState, o: number, reference: number, liquidity: number, time: number, i: number, atClose: boolean, intrabar: boolean): number {
  const orders = state.orders;
  const positions = state.positions;
  const options = state.options;
  const slot = orders.slot.data[o];
  const s = positions.slotSymbol[slot];
  const role = orders.role.data[o];
  const mode = orders.quantityMode.data[o];
  const current = positions.quantity[slot];
  const held = Math.abs(current);
  const lot = state.lotSize[s];
  const minimum = state.minQuantity[s];
  let side = orders.side.data[o];
  // True when the order trades against the open position, i.e. reduces it.
  let reduces = current !== 0 && current > 0 !== side > 0;
  let closePart = 0;
  let openPart = 0;
  state.rejection = '';
  if (mode === QuantityMode.targetFraction) {
    const wanted = (orders.amount.data[o] * state.markEquity) / reference;
    const desired = Math.sign(wanted) * roundToLot(Math.abs(wanted), lot);
    const delta = desired - current;
    if (Math.abs(delta) <= SLACK * Math.max(held, Math.abs(desired)) || (lot > 0 && Math.abs(delta) < lot * (1 - SLACK))) {
      return refuse(state, o, OrderStatus.cancelled, 'the position is already at its target', time, 1);
    }
    side = delta > 0 ? 1 : -1;
    orders.side.data[o] = side;
    orders.quantity.data[o] = Math.abs(delta);
    reduces = current !== 0 && current > 0 !== side > 0;
    closePart = reduces ? Math.min(Math.abs(delta), held) : 0;
    openPart = Math.abs(delta) - closePart;
  } else if (mode === QuantityMode.wholePosition || mode === QuantityMode.positionFraction || (orders.flags.data[o] & OrderFlag.reduceOnly) !== 0) {
    // A close finding no position has nothing left to do: the router hears it done.
    if (!reduces) return refuse(state, o, OrderStatus.cancelled, 'no position to reduce', time, 1);
    if (Number.isNaN(orders.quantity.data[o])) {
      const amount = orders.amount.data[o];
      if (mode === QuantityMode.wholePosition || amount >= 1) orders.quantity.data[o] = held;
      else if (mode === QuantityMode.positionFraction) orders.quantity.data[o] = amount * held;
      else orders.quantity.data[o] = amount;
    }
    closePart = mode === QuantityMode.wholePosition ? held : Math.min(orders.quantity.data[o] - orders.filled.data[o], held);
  } else {
    if (role === OrderRole.entry && reduces) return refuse(state, o, OrderStatus.rejected, 'an opposite position is open', time);
    if (role === OrderRole.entry && current !== 0 && orders.filled.data[o] === 0 && positions.entries[slot] >= options.maxEntries) {
      return refuse(state, o, OrderStatus.rejected, 'the position has the most entries maxEntries allows', time);
    }
    if (Number.isNaN(orders.quantity.data[o])) {
      const units = mode === QuantityMode.sized ? sizedQuantity(state, o, reference) : orders.amount.data[o];
      if (Number.isNaN(units)) return refuse(state, o, OrderStatus.rejected, state.rejection, time);
      orders.quantity.data[o] = units;
    }
    const remaining = orders.quantity.data[o] - orders.filled.data[o];
    closePart = reduces ? Math.min(remaining, held) : 0;
    openPart = remaining - closePart;
  }
  if (closePart < held) closePart = roundToLot(closePart, lot);
  openPart = roundToLot(openPart, lot);
  if (openPart < minimum) openPart = 0;
  if (closePart < held && closePart < minimum) closePart = 0;
  if (closePart + openPart <= 0) return refuse(state, o, OrderStatus.rejected, 'the quantity rounds below the lot size or the minimum quantity', time);
  if (options.maxParticipation !== Infinity && role !== OrderRole.end && role !== OrderRole.liquidation) {
    const room = Math.max(0, options.maxParticipation * state.volume[s][i] - state.volumeUsed[s]);
    if (closePart + openPart > room * (1 + SLACK)) {
      state.rejection = "the order exceeds maxParticipation of the bar's volume";
      if (options.refuseOverflow) return 0;
      if (closePart > room) closePart = roundToLot(room, lot);
      openPart = roundToLot(Math.min(openPart, room - closePart), lot);
      if (openPart < minimum) openPart = 0;
      if (closePart < held && closePart < minimum) closePart = 0;
      if (closePart + openPart <= 0) return 0;
    }
  }
  const price = liquidity === Liquidity.taker ? takerPrice(state, s, i, side, reference, closePart + openPart) : makerPrice(state, s, i, side, reference, orders.limit.data[o]);
  if (openPart > 0) {
    const rate = Math.max(0, liquidity === Liquidity.maker ? options.makerRate : options.takerRate);
    const perUnit = price * (1 / options.leverage + rate);
    const free = state.available + (closePart * price) / options.leverage;
    if (openPart * perUnit + options.fixedFee > free * (1 + SLACK) + SLACK) {
      const affordable = options.shrinkOnMargin ? roundToLot(Math.max(0, free - options.fixedFee) / perUnit, lot) : 0;
      openPart = affordable >= minimum ? Math.min(openPart, affordable) : 0;
      state.rejection = 'insufficient margin';
      if (closePart + openPart <= 0) return refuse(state, o, OrderStatus.rejected, state.rejection, time);
      // A sized order asked for "this much of equity": what the margin allows is its size (an
      // all-in entry pays its fees out of the same equity), not a shortfall.
      if (mode === QuantityMode.sized && orders.filled.data[o] === 0) orders.quantity.data[o] = closePart + openPart;
    }
  }
  const reason = reasonOfRole(role);
  state.fillingOrder = o;
  if (closePart > 0) applyFill(state, o, slot, side, closePart, price, reference, liquidity, reason, time, i);
  if (openPart > 0) applyFill(state, o, slot, side, openPart, price, reference, liquidity, reason, time, i);
  state.fillingOrder = -1;
  const complete = mode === QuantityMode.wholePosition ? positions.quantity[slot] === 0 : orders.filled.data[o] >= orders.quantity.data[o] * (1 - SLACK);
  orders.event(o, state.step, time, complete ? OrderStatus.filled : OrderStatus.partiallyFilled, -1);
  if (complete && state.listener !== null && orders.routerOrder.data[o] >= 0) state.listener.orderDone(state, o, 1, time);
  if (openPart > 0 && (orders.flags.data[o] & OrderFlag.bracket) !== 0) {
    orders.flags.data[o] &= ~OrderFlag.bracket;
    activateBracket(state, o, slot, price, reference, time, i, atClose, intrabar);
  }
  if (orders.oco.data[o] >= 0) cancelOcoSiblings(state, o, time);
  return closePart + openPart;
}
