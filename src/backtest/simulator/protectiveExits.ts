import { roundLevel } from './executionPrice.js';
import { fillOrder } from './fillOrder.js';
import { Liquidity as LiquidityCodes, OrderFlag as OrderFlagCodes, OrderRole as OrderRoleCodes, OrderType as OrderTypeCodes, QuantityMode as QuantityModeCodes } from './orderCodes.js';
import type { SimulationState } from './SimulationState.js';

// Module-local copies of the codes: where imports become getter properties (vitest, CommonJS builds),
// every use of an imported binding is a call V8 does not fold; the kernel reads these per fill.
const Liquidity = LiquidityCodes;
const OrderFlag = OrderFlagCodes;
const OrderRole = OrderRoleCodes;
const OrderType = OrderTypeCodes;
const QuantityMode = QuantityModeCodes;

/** Level of trailing order `o` from its best price: best - distance (or best x (1 - fraction)) for a sell, the mirror for a buy. */
export function trailingLevel(state: SimulationState, o: number): number {
  const orders = state.orders;
  const best = orders.trailBest.data[o];
  const distance = orders.trailDistance.data[o];
  const side = orders.side.data[o];
  const fraction = orders.trailFraction.data[o];
  const level = Number.isNaN(distance) ? best * (1 + side * fraction) : best + side * distance;
  return roundLevel(level, side, false, state.tickSize[orders.symbol.data[o]]);
}

/**
 * The price at which a stop-type exit at `level` fills in a segment that opens at `reference`:
 * the reference itself when it is already through the level (a gap fills at the open, worse
 * than the level), the level when the segment's range reaches it, NaN otherwise.
 */
function stopPrice(long: boolean, level: number, reference: number, high: number, low: number, gapOnly: boolean): number {
  if (long) return reference <= level ? reference : !gapOnly && low <= level ? level : NaN;
  return reference >= level ? reference : !gapOnly && high >= level ? level : NaN;
}

/**
 * The protective exits of the position in `slot` over one segment (a bar, or one finer bar
 * inside it) with `open`, `high` and `low`; `gapOnly` checks only the open (the opening
 * auction, before market orders fill).
 *
 * 1. Stop-type exits (stop-loss, trailing stop, liquidation): among those the segment reaches,
 *    the first the price meets on its way (the highest level under a long, the lowest above a
 *    short; ties: the stop-loss, then the trailing stop, then liquidation) fills, at the open
 *    if the open is already through it, else at its level.
 * 2. Conservative ordering: when a stop-type exit filled, the take-profits wait (OHLC cannot
 *    tell whether the high came before the low; assuming the stop came first is the
 *    pessimistic choice). Finer bars, when given, resolve this segment by segment.
 * 3. Otherwise take-profits reached fill, nearest first, at their level (or the better open).
 * 4. Trailing stops move their best price to the segment's high (long) or low (short) only
 *    after the check above used the previous level: a bar cannot raise a stop and hit it with
 *    its own extremes, since OHLC does not say which came first.
 * Orders activated by a fill inside this segment (not at its open) use that fill price as
 * their reference, take no take-profit and move no trailing stop until the next segment (the
 * high before the entry may have come earlier); their stop-loss is checked at once.
 */
export function protectiveExits(state: SimulationState, slot: number, open: number, high: number, low: number, gapOnly: boolean, time: number, i: number): void {
  const positions = state.positions;
  const orders = state.orders;
  const quantity = positions.quantity[slot];
  if (quantity === 0) return;
  const long = quantity > 0;
  const s = positions.slotSymbol[slot];
  const segment = state.segment;
  const ordersSymbol = orders.slot.data;
  let chosen = -1;
  let chosenLevel = NaN;
  let chosenPrice = NaN;
  let takeProfits = 0;
  let trailing = 0;
  for (let o = orders.head[s]; o >= 0; o = orders.next.data[o]) {
    if (ordersSymbol[o] !== slot || orders.firstBar.data[o] > i || !orders.isWorking(o)) continue;
    const role = orders.role.data[o];
    if (role === OrderRole.takeProfit) {
      takeProfits++;
      continue;
    }
    let level: number;
    if (role === OrderRole.stopLoss) level = orders.stop.data[o];
    else if (role === OrderRole.trailingStop) {
      level = trailingLevel(state, o);
      trailing++;
    } else continue;
    const reference = orders.activationSegment.data[o] === segment ? orders.activationPrice.data[o] : open;
    const price = stopPrice(long, level, reference, high, low, gapOnly);
    if (!Number.isNaN(price) && (chosen < 0 || (long ? level > chosenLevel : level < chosenLevel))) {
      chosen = o;
      chosenLevel = level;
      chosenPrice = price;
    }
  }
  const liquidation = positions.liquidationPrice[slot];
  if (!Number.isNaN(liquidation)) {
    const reference = positions.openedSegment[slot] === segment ? positions.openedPrice[slot] : open;
    const price = stopPrice(long, liquidation, reference, high, low, gapOnly);
    if (!Number.isNaN(price) && (chosen < 0 || (long ? liquidation > chosenLevel : liquidation < chosenLevel))) {
      const o = orders.create(s, slot, long ? -1 : 1, OrderType.market, OrderRole.liquidation, QuantityMode.wholePosition, NaN, state.step, time, i);
      orders.firstBar.data[o] = i;
      orders.strategy.data[o] = positions.strategy[slot];
      orders.submit(o, state.step, time, false);
      fillOrder(state, o, price, Liquidity.taker, time, i, false, false);
      return;
    }
  }
  if (chosen >= 0) {
    fillOrder(state, chosen, chosenPrice, Liquidity.taker, time, i, false, false);
    return;
  }
  if (takeProfits > 0) takeProfitExits(state, slot, long, open, high, low, gapOnly, time, i, takeProfits);
  if (trailing > 0 && !gapOnly) {
    for (let o = orders.head[s]; o >= 0; o = orders.next.data[o]) {
      if (ordersSymbol[o] !== slot || orders.role.data[o] !== OrderRole.trailingStop || orders.firstBar.data[o] > i || !orders.isWorking(o)) continue;
      if (orders.activationSegment.data[o] === segment && (orders.flags.data[o] & OrderFlag.activatedIntrabar) !== 0) continue;
      const best = orders.trailBest.data[o];
      orders.trailBest.data[o] = long ? Math.max(best, high) : Math.min(best, low);
    }
  }
}

function takeProfitExits(state: SimulationState, slot: number, long: boolean, open: number, high: number, low: number, gapOnly: boolean, time: number, i: number, count: number): void {
  const orders = state.orders;
  const s = state.positions.slotSymbol[slot];
  const segment = state.segment;
  if (state.scratch.length < count) state.scratch = new Int32Array(count * 2);
  const list = state.scratch;
  let n = 0;
  for (let o = orders.head[s]; o >= 0; o = orders.next.data[o]) {
    if (orders.slot.data[o] !== slot || orders.role.data[o] !== OrderRole.takeProfit || orders.firstBar.data[o] > i || !orders.isWorking(o)) continue;
    if (orders.activationSegment.data[o] === segment && (orders.flags.data[o] & OrderFlag.activatedIntrabar) !== 0) continue;
    // Insertion by level, nearest first: ascending under a long, descending over a short.
    const level = orders.limit.data[o];
    let k = n++;
    while (k > 0 && (long ? orders.limit.data[list[k - 1]] > level : orders.limit.data[list[k - 1]] < level)) {
      list[k] = list[k - 1];
      k--;
    }
    list[k] = o;
  }
  for (let k = 0; k < n; k++) {
    const o = list[k];
    if (!orders.isWorking(o)) continue;
    const level = orders.limit.data[o];
    const reference = orders.activationSegment.data[o] === segment ? orders.activationPrice.data[o] : open;
    const price = long ? (reference >= level ? reference : !gapOnly && high >= level ? level : NaN) : reference <= level ? reference : !gapOnly && low <= level ? level : NaN;
    if (Number.isNaN(price)) break;
    fillOrder(state, o, price, Liquidity.maker, time, i, false, false);
    if (state.positions.quantity[slot] === 0) break;
  }
}
