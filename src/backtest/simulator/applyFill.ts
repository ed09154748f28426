import { cancelProtective } from './protectiveOrders.js';
import { Liquidity as LiquidityCodes } from './orderCodes.js';
import type { SimulationState } from './SimulationState.js';

// Module-local copies of the codes: where imports become getter properties (vitest, CommonJS builds),
// every use of an imported binding is a call V8 does not fold; the kernel reads these per fill.
const Liquidity = LiquidityCodes;

/** Below this (relative to the position) a remainder is rounding noise: the position is flat. */
const DUST = 1e-12;

/**
 * Liquidation price of a position margined in isolation: where its margin (entry notional /
 * leverage) less the loss equals the maintenance margin on the current notional.
 * Long: q(P - E) + qE/L = m q P  =>  P = E (1 - 1/L) / (1 - m).
 * Short: q(E - P) + qE/L = m q P  =>  P = E (1 + 1/L) / (1 + m).
 */
export function liquidationPrice(side: number, averagePrice: number, leverage: number, maintenanceMargin: number): number {
  if (Number.isNaN(maintenanceMargin)) return NaN;
  if (side > 0) return (averagePrice * (1 - 1 / leverage)) / (1 - maintenanceMargin);
  return (averagePrice * (1 + 1 / leverage)) / (1 + maintenanceMargin);
}

/**
 * Books one fill of order `o` in `slot`: `quantity` units on `side` (+1 buy, -1 sell) at
 * `price`. The fill either opens/increases the position or reduces/closes it, never both (a
 * reversal is two fills). Updates cash, the position, its round trip, the buying power and
 * the ledgers; a fill that flattens the position closes its trade and cancels its protective
 * orders. Returns the fee charged.
 */
export function applyFill(state: SimulationState, o: number, slot: number, side: number, quantity: number, price: number, reference: number, liquidity: number, reason: number, time: number, index: number): number {
  const options = state.options;
  const positions = state.positions;
  const orders = state.orders;
  const fee = quantity * price * (liquidity === Liquidity.maker ? options.makerRate : options.takerRate) + options.fixedFee;
  const slippage = Math.max(0, (price - reference) * side * quantity);
  const current = positions.quantity[slot];
  const opening = current === 0 || (current > 0) === (side > 0);
  if (current === 0) {
    positions.open(slot, state.nextTradeSequence++, side, time, index, orders.strategy.data[o], orders.tag.data[o]);
    positions.openedSegment[slot] = state.segment;
    positions.openedPrice[slot] = reference;
  }
  let after = current + side * quantity;
  if (!opening && Math.abs(after) <= DUST * Math.abs(current)) after = 0;
  const notional = quantity * price;
  let realized = 0;
  if (opening) {
    positions.averagePrice[slot] = (positions.averagePrice[slot] * Math.abs(current) + notional) / Math.abs(after);
    positions.entryQuantity[slot] += quantity;
    positions.entryNotional[slot] += notional;
    // An order that adds over several partial fills counts once; one that opens from flat always counts.
    if (current === 0 || orders.filled.data[o] === 0) positions.entries[slot]++;
    state.available -= notional / options.leverage + fee;
  } else {
    positions.exitQuantity[slot] += quantity;
    positions.exitNotional[slot] += notional;
    realized = (price - positions.averagePrice[slot]) * quantity * -side - fee;
    state.available += notional / options.leverage - fee;
  }
  positions.fees[slot] += fee;
  positions.slippage[slot] += slippage;
  positions.quantity[slot] = after;
  positions.liquidationPrice[slot] = after === 0 ? NaN : liquidationPrice(after > 0 ? 1 : -1, positions.averagePrice[slot], options.leverage, options.maintenanceMargin);
  state.cash -= side * notional + fee;
  state.cashCheckpoints.record(state.step, state.cash);
  state.totalFees += fee;
  state.totalSlippage += slippage;
  orders.filled.data[o] += quantity;
  orders.filledNotional.data[o] += notional;
  const s = positions.slotSymbol[slot];
  state.volumeUsed[s] += quantity;
  state.fills.add(o, slot, time, index, state.step, side, quantity, price, reference, fee, slippage, liquidity, reason, after, positions.tradeSequence[slot]);
  if (!opening && state.listener !== null) state.listener.positionReduced(state, slot, o, quantity / Math.abs(current), realized, time, index);
  if (after === 0) closeTrade(state, slot, reason, time, index);
  return fee;
}

/** Moves the finished round trip of `slot` to the trade ledger and cancels what protected it. */
function closeTrade(state: SimulationState, slot: number, reason: number, time: number, index: number): void {
  const positions = state.positions;
  const trades = state.trades;
  const row = trades.append();
  trades.slot.data[row] = slot;
  trades.sequence.data[row] = positions.tradeSequence[slot];
  trades.side.data[row] = positions.tradeSide[slot];
  trades.entryTime.data[row] = positions.entryTime[slot];
  trades.entryIndex.data[row] = positions.entryIndex[slot];
  trades.exitTime.data[row] = time;
  trades.exitIndex.data[row] = index;
  trades.quantity.data[row] = positions.entryQuantity[slot];
  trades.entryNotional.data[row] = positions.entryNotional[slot];
  trades.exitNotional.data[row] = positions.exitNotional[slot];
  trades.fees.data[row] = positions.fees[slot];
  trades.slippage.data[row] = positions.slippage[slot];
  trades.funding.data[row] = positions.funding[slot];
  trades.strategy.data[row] = positions.strategy[slot];
  trades.tag.data[row] = positions.tag[slot];
  trades.reason.data[row] = reason;
  positions.tradeSequence[slot] = -1;
  positions.entries[slot] = 0;
  positions.averagePrice[slot] = 0;
  cancelProtective(state, slot, time);
}
