import { roundLevel, roundToLot } from './executionPrice.js';
import { OrderFlag as OrderFlagCodes, OrderRole as OrderRoleCodes, OrderStatus as OrderStatusCodes, OrderType as OrderTypeCodes, QuantityMode as QuantityModeCodes } from './orderCodes.js';
import type { SimulationState } from './SimulationState.js';

// Module-local copies of the codes: where imports become getter properties (vitest, CommonJS builds),
// every use of an imported binding is a call V8 does not fold; the kernel reads these per fill.
const OrderFlag = OrderFlagCodes;
const OrderRole = OrderRoleCodes;
const OrderStatus = OrderStatusCodes;
const OrderType = OrderTypeCodes;
const QuantityMode = QuantityModeCodes;

/** True for the roles that protect a position (stop-loss, take-profit, trailing stop). */
export function isProtective(role: number): boolean {
  return role === OrderRole.stopLoss || role === OrderRole.takeProfit || role === OrderRole.trailingStop;
}

/**
 * Ends order `o` with `status` (cancelled, expired, rejected) and `reason`; it stays in its
 * symbol's list until the next compaction. `reportedFraction` is what the router hears filled
 * (default: the filled part of the quantity).
 */
export function cancelOrder(state: SimulationState, o: number, status: number, reason: string, time: number, reportedFraction = NaN): void {
  const orders = state.orders;
  orders.event(o, state.step, time, status, state.reasons.intern(reason));
  if (state.listener !== null && orders.routerOrder.data[o] >= 0) {
    const quantity = orders.quantity.data[o];
    const fraction = Number.isNaN(reportedFraction) ? (quantity > 0 ? Math.min(1, orders.filled.data[o] / quantity) : 0) : reportedFraction;
    state.listener.orderDone(state, o, fraction, time);
  }
}

/** Cancels the protective orders of `slot`: its position is gone, or a new bracket replaces them. */
export function cancelProtective(state: SimulationState, slot: number, time: number, reason = 'its position closed'): void {
  const orders = state.orders;
  let o = orders.head[state.positions.slotSymbol[slot]];
  while (o >= 0) {
    if (o !== state.fillingOrder && orders.slot.data[o] === slot && isProtective(orders.role.data[o]) && orders.isWorking(o)) cancelOrder(state, o, OrderStatus.cancelled, reason, time);
    o = orders.next.data[o];
  }
}

/** One cancels the others: the first fill of an order of an OCO group cancels the rest of the group. */
export function cancelOcoSiblings(state: SimulationState, o: number, time: number): void {
  const orders = state.orders;
  const group = orders.oco.data[o];
  if (group < 0) return;
  let other = orders.head[orders.symbol.data[o]];
  while (other >= 0) {
    if (other !== o && orders.oco.data[other] === group && orders.isWorking(other)) cancelOrder(state, other, OrderStatus.cancelled, 'another order of its OCO group filled', time);
    other = orders.next.data[other];
  }
}

function child(state: SimulationState, parent: number, slot: number, side: number, type: number, role: number, mode: number, amount: number, reference: number, time: number, index: number, atClose: boolean, intrabar: boolean): number {
  const orders = state.orders;
  const o = orders.create(orders.symbol.data[parent], slot, side, type, role, mode, amount, state.step, time, index);
  // Activated at a close, it starts with the next bar; at an open or inside a bar, with this one.
  orders.firstBar.data[o] = atClose ? index + 1 : index;
  orders.parent.data[o] = parent;
  orders.strategy.data[o] = orders.strategy.data[parent];
  orders.tag.data[o] = orders.tag.data[parent];
  orders.activationSegment.data[o] = state.segment;
  orders.activationPrice.data[o] = reference;
  if (intrabar) orders.flags.data[o] |= OrderFlag.activatedIntrabar;
  if (mode === QuantityMode.units) orders.quantity.data[o] = amount;
  return o;
}

/**
 * Turns the bracket carried by entry `parent` into protective orders of `slot` after it filled
 * at `fill` (the market being at `reference`, the price before slippage): a stop-loss (stop), take-profits (limits; the position is split evenly over the
 * take-profit and the further targets, the last taking what is left) and a trailing stop.
 * Levels given as fractions are taken from the fill price. A bracket replaces the protective
 * orders the position had (the newest entry's levels protect the whole position); an entry
 * without a bracket leaves them as they are.
 */
export function activateBracket(state: SimulationState, parent: number, slot: number, fill: number, reference: number, time: number, index: number, atClose: boolean, intrabar: boolean): void {
  const orders = state.orders;
  const quantity = state.positions.quantity[slot];
  if (quantity === 0) return;
  const side = quantity > 0 ? 1 : -1;
  let stop = orders.bracketStop.data[parent];
  if (Number.isNaN(stop)) stop = fill * (1 - side * orders.bracketStopFraction.data[parent]);
  let take = orders.bracketTake.data[parent];
  if (Number.isNaN(take)) take = fill * (1 + side * orders.bracketTakeFraction.data[parent]);
  const trailDistance = orders.bracketTrail.data[parent];
  const trailFraction = orders.bracketTrailFraction.data[parent];
  const targets = orders.bracketTargets[parent];
  const takeCount = (Number.isNaN(take) ? 0 : 1) + (targets?.length ?? 0);
  if (Number.isNaN(stop) && takeCount === 0 && Number.isNaN(trailDistance) && Number.isNaN(trailFraction)) return;
  cancelProtective(state, slot, time, 'a new bracket replaced it');
  const s = orders.symbol.data[parent];
  const tick = state.tickSize[s];
  const exitSide = -side;
  if (!Number.isNaN(stop)) {
    const o = child(state, parent, slot, exitSide, OrderType.stop, OrderRole.stopLoss, QuantityMode.wholePosition, NaN, reference, time, index, atClose, intrabar);
    orders.stop.data[o] = roundLevel(stop, exitSide, false, tick);
    orders.submit(o, state.step, time);
  }
  if (takeCount > 0) {
    const share = roundToLot(Math.abs(quantity) / takeCount, state.lotSize[s]);
    let placed = 0;
    const place = (level: number) => {
      const last = ++placed === takeCount || !(share > 0);
      const o = child(state, parent, slot, exitSide, OrderType.limit, OrderRole.takeProfit, last ? QuantityMode.wholePosition : QuantityMode.units, last ? NaN : share, reference, time, index, atClose, intrabar);
      orders.limit.data[o] = roundLevel(level, exitSide, true, tick);
      orders.submit(o, state.step, time);
    };
    if (!Number.isNaN(take)) place(take);
    if (targets !== undefined) for (const level of targets) if (placed < takeCount && (share > 0 || placed === 0)) place(level);
  }
  if (!Number.isNaN(trailDistance) || !Number.isNaN(trailFraction)) {
    const o = child(state, parent, slot, exitSide, OrderType.trailingStop, OrderRole.trailingStop, QuantityMode.wholePosition, NaN, reference, time, index, atClose, intrabar);
    orders.trailDistance.data[o] = trailDistance;
    orders.trailFraction.data[o] = trailFraction;
    orders.trailBest.data[o] = fill;
    orders.submit(o, state.step, time);
  }
}
