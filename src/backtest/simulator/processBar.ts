import { lowerBound } from '../../core/Bars.js';
import { fillOrder } from './fillOrder.js';
import { Liquidity as LiquidityCodes, OrderFlag as OrderFlagCodes, OrderStatus as OrderStatusCodes, OrderType as OrderTypeCodes, TimeInForceCode as TimeInForceCodeCodes } from './orderCodes.js';
import { cancelOrder, isProtective } from './protectiveOrders.js';
import { protectiveExits, trailingLevel } from './protectiveExits.js';
import type { SimulationState } from './SimulationState.js';

// Module-local copies of the codes: where imports become getter properties (vitest, CommonJS builds),
// every use of an imported binding is a call V8 does not fold; the kernel reads these per fill.
const Liquidity = LiquidityCodes;
const OrderFlag = OrderFlagCodes;
const OrderStatus = OrderStatusCodes;
const OrderType = OrderTypeCodes;
const TimeInForceCode = TimeInForceCodeCodes;

/**
 * The price at which resting order `o` (limit, stop, stop-limit, trailing stop) fills in a
 * segment opening at `open` with range [low, high], or NaN. The open comes first: an open
 * already through the level fills at the open (a limit gets the better open, a stop the worse
 * one: the gap rule); otherwise a range that reaches the level fills at the level (a limit
 * fills when touched). With `atOpen` only the open is considered. A stop-limit becomes a limit
 * when its stop is crossed: at the open it may then fill anywhere in the segment; crossed
 * inside the segment it fills at the stop if the stop is within its limit, else it waits for
 * the next segment (whether the price came back to the limit after the trigger is unknown).
 */
function restingPrice(state: SimulationState, o: number, open: number, high: number, low: number, atOpen: boolean, time: number): number {
  const orders = state.orders;
  const buy = orders.side.data[o] > 0;
  let type = orders.type.data[o];
  let level: number;
  if (type === OrderType.stopLimit) {
    if ((orders.flags.data[o] & OrderFlag.triggered) === 0) {
      const stop = orders.stop.data[o];
      const limit = orders.limit.data[o];
      const atTheOpen = buy ? open >= stop : open <= stop;
      if (!atTheOpen && (atOpen || (buy ? high < stop : low > stop))) return NaN;
      orders.flags.data[o] |= OrderFlag.triggered;
      orders.activationSegment.data[o] = state.segment;
      orders.event(o, state.step, time, OrderStatus.triggered, -1);
      if (!atTheOpen) return (buy ? stop <= limit : stop >= limit) ? stop : NaN;
    }
    type = OrderType.limit;
  }
  if (type === OrderType.limit) {
    level = orders.limit.data[o];
    if (buy) return open <= level ? open : !atOpen && low <= level ? level : NaN;
    return open >= level ? open : !atOpen && high >= level ? level : NaN;
  }
  if (type === OrderType.trailingStop) {
    if (Number.isNaN(orders.trailBest.data[o])) orders.trailBest.data[o] = open;
    level = trailingLevel(state, o);
  } else level = orders.stop.data[o];
  if (buy) return open >= level ? open : !atOpen && high >= level ? level : NaN;
  return open <= level ? open : !atOpen && low <= level ? level : NaN;
}

/** Limit fills rest in the book (maker); stops, trailing stops and a stop-limit in the segment that triggered it take liquidity. */
function liquidityOf(state: SimulationState, o: number): number {
  const type = state.orders.type.data[o];
  if (type === OrderType.limit) return Liquidity.maker;
  if (type === OrderType.stopLimit) return state.orders.activationSegment.data[o] === state.segment ? Liquidity.taker : Liquidity.maker;
  return Liquidity.taker;
}

/** One pass over the symbol's resting orders in submission order, at the open (`atOpen`) or over the segment's range. */
function restingPass(state: SimulationState, s: number, open: number, high: number, low: number, atOpen: boolean, time: number, i: number): void {
  const orders = state.orders;
  if (orders.resting[s] === 0) return;
  for (let o = orders.head[s]; o >= 0; o = orders.next.data[o]) {
    const type = orders.type.data[o];
    if (type === OrderType.market || orders.firstBar.data[o] > i || isProtective(orders.role.data[o]) || !orders.isWorking(o)) continue;
    if (!atOpen && orders.timeInForce.data[o] === TimeInForceCode.ioc) continue;
    const price = restingPrice(state, o, open, high, low, atOpen, time);
    if (!Number.isNaN(price)) fillOrder(state, o, price, liquidityOf(state, o), time, i, false, !atOpen && price !== open);
    if (!atOpen && type === OrderType.trailingStop && orders.isWorking(o)) {
      const best = orders.trailBest.data[o];
      orders.trailBest.data[o] = orders.side.data[o] < 0 ? Math.max(best, high) : Math.min(best, low);
    }
  }
}

/** Market orders due at this bar fill at its open; what did not fill (refused, partly filled) is cancelled: a market order does not wait. */
function marketPass(state: SimulationState, s: number, open: number, time: number, i: number): void {
  const orders = state.orders;
  if (orders.working[s] === orders.resting[s] + orders.protective[s]) return;
  for (let o = orders.head[s]; o >= 0; o = orders.next.data[o]) {
    if (orders.type.data[o] !== OrderType.market || orders.firstBar.data[o] > i || !orders.isWorking(o)) continue;
    fillOrder(state, o, open, Liquidity.taker, time, i, false, false);
    if (orders.isWorking(o)) endUnfilled(state, o, time);
  }
}

/** Ends what is left of a market order that could not fill in full. */
export function endUnfilled(state: SimulationState, o: number, time: number): void {
  const filled = state.orders.filled.data[o] > 0;
  cancelOrder(state, o, filled ? OrderStatus.cancelled : OrderStatus.rejected, state.rejection || 'not filled', time);
}

function protectivePass(state: SimulationState, s: number, open: number, high: number, low: number, gapOnly: boolean, time: number, i: number): void {
  if (state.orders.protective[s] === 0 && Number.isNaN(state.options.maintenanceMargin)) return;
  const positions = state.positions;
  const first = s * positions.bookCount;
  for (let slot = first; slot < first + positions.bookCount; slot++) {
    if (positions.quantity[slot] !== 0) protectiveExits(state, slot, open, high, low, gapOnly, time, i);
  }
}

/** One segment after the opening auction: resting orders, then protective exits. */
function segmentPass(state: SimulationState, s: number, open: number, high: number, low: number, time: number, i: number, first: boolean): void {
  if (!first) {
    restingPass(state, s, open, high, low, true, time, i);
    protectivePass(state, s, open, high, low, true, time, i);
  }
  restingPass(state, s, open, high, low, false, time, i);
  protectivePass(state, s, open, high, low, false, time, i);
}

/**
 * Everything that happens to symbol `s` during its bar `i`, before the close:
 * 1. the opening auction: protective exits the open gapped through, then resting orders the
 *    open crossed, then the market orders due (all at the open);
 * 2. the bar's range: resting orders reached inside it, then the protective exits; with finer
 *    bars the coarse bar is walked finer bar by finer bar (each finer open is a gap point), which
 *    replaces the conservative both-hit rule with the order the finer bars show;
 * 3. expiry of orders whose time in force ends with this bar.
 * The caller runs it only for symbols with working orders or a position that can be liquidated;
 * orders that ended stay in the list until the next bar's compaction.
 */
export function processBar(state: SimulationState, s: number, i: number): void {
  const orders = state.orders;
  orders.compact(s);
  const open = state.open[s][i];
  const time = state.time[s][i];
  state.volumeUsed[s] = 0;
  state.segment++;
  protectivePass(state, s, open, open, open, true, time, i);
  restingPass(state, s, open, open, open, true, time, i);
  marketPass(state, s, open, time, i);
  const fine = state.fine[s];
  let start = 0;
  let end = 0;
  if (fine !== undefined) {
    start = lowerBound(fine.time, time);
    end = lowerBound(fine.time, time + state.barMilliseconds[s]);
  }
  if (end > start) {
    for (let k = start; k < end; k++) {
      if (k > start) state.segment++;
      segmentPass(state, s, fine!.open[k], fine!.high[k], fine!.low[k], fine!.time[k], i, k === start);
    }
  } else {
    segmentPass(state, s, open, state.high[s][i], state.low[s][i], time, i, true);
  }
  if (orders.resting[s] === 0) return;
  for (let o = orders.head[s]; o >= 0; o = orders.next.data[o]) {
    if (orders.lastBar.data[o] <= i && orders.firstBar.data[o] <= i && orders.isWorking(o) && orders.type.data[o] !== OrderType.market) {
      cancelOrder(state, o, OrderStatus.expired, 'its time in force ended', time);
    }
  }
}
