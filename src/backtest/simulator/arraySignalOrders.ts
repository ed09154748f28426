import { OrderFlag as OrderFlagCodes, OrderRole as OrderRoleCodes, QuantityMode as QuantityModeCodes } from './orderCodes.js';
import { createMarketOrder, submitOrder } from './placeOrder.js';
import type { SimulationState } from './SimulationState.js';

// Module-local copies of the codes: where imports become getter properties (vitest, CommonJS builds),
// every use of an imported binding is a call V8 does not fold; the kernel reads these per fill.
const OrderFlag = OrderFlagCodes;
const OrderRole = OrderRoleCodes;
const QuantityMode = QuantityModeCodes;

/** Gives an entry the run's protective exits (`options.stops`), as fractions of its fill price. */
export function attachRunStops(state: SimulationState, o: number): void {
  const options = state.options;
  const orders = state.orders;
  const stop = options.stopLossFraction;
  const take = options.takeProfitFraction;
  const trailFraction = options.trailingFraction;
  const trailDistance = options.trailingDistance;
  if (Number.isNaN(stop) && Number.isNaN(take) && Number.isNaN(trailFraction) && Number.isNaN(trailDistance)) return;
  orders.bracketStopFraction.data[o] = stop;
  orders.bracketTakeFraction.data[o] = take;
  orders.bracketTrailFraction.data[o] = trailFraction;
  orders.bracketTrail.data[o] = trailDistance;
  orders.flags.data[o] |= OrderFlag.bracket;
}

function enter(state: SimulationState, s: number, slot: number, side: number, i: number, atClose: boolean): void {
  const o = createMarketOrder(state, s, slot, side, OrderRole.entry, QuantityMode.sized, 1, i, atClose, 0, -1);
  attachRunStops(state, o);
  submitOrder(state, o, s, i);
}

function exit(state: SimulationState, s: number, slot: number, side: number, i: number, atClose: boolean): void {
  submitOrder(state, createMarketOrder(state, s, slot, side, OrderRole.exit, QuantityMode.positionFraction, 1, i, atClose, 0, -1), s, i);
}

/**
 * Orders from the entry/exit arrays of symbol `s` at the close of bar `i` (`code`: bit 1 long
 * entry, 2 long exit, 4 short entry, 8 short exit), with vectorbt's
 * from_signals rules: an entry and an exit of one side at one bar cancel out (ignored), as do
 * a long and a short entry; an exit closes the whole position of its side; an opposite entry
 * closes the position and opens the other side (two orders); an entry on the side already
 * held adds to it while the pyramiding limit (`maxEntries`) allows, and is ignored after.
 * Ignored signals make no order. Entries are sized by the sizing rule and carry `options.stops`.
 */
export function arraySignalOrders(state: SimulationState, s: number, i: number, code: number, atClose: boolean): void {
  let longEntry = (code & 1) !== 0;
  let longExit = (code & 2) !== 0;
  let shortEntry = (code & 4) !== 0;
  let shortExit = (code & 8) !== 0;
  if (longEntry && longExit) longEntry = longExit = false;
  if (shortEntry && shortExit) shortEntry = shortExit = false;
  if (longEntry && shortEntry) longEntry = shortEntry = false;
  const slot = s * state.positions.bookCount;
  const held = state.positions.quantity[slot];
  const room = state.positions.entries[slot] < state.options.maxEntries;
  if (held > 0) {
    if (longExit || shortEntry) exit(state, s, slot, -1, i, atClose);
    if (shortEntry) enter(state, s, slot, -1, i, atClose);
    else if (longEntry && room) enter(state, s, slot, 1, i, atClose);
  } else if (held < 0) {
    if (shortExit || longEntry) exit(state, s, slot, 1, i, atClose);
    if (longEntry) enter(state, s, slot, 1, i, atClose);
    else if (shortEntry && room) enter(state, s, slot, -1, i, atClose);
  } else if (longEntry) enter(state, s, slot, 1, i, atClose);
  else if (shortEntry) enter(state, s, slot, -1, i, atClose);
}

/**
 * An order to hold `fraction` of equity in symbol `s` (signed), placed at the close of bar
 * `i`; the quantity is settled at the fill from the equity at the last close and the fill's
 * reference price, and a change of side is two fills (the close, then the open).
 */
export function targetOrder(state: SimulationState, s: number, i: number, fraction: number, atClose: boolean): void {
  const slot = s * state.positions.bookCount;
  const held = state.positions.quantity[slot];
  const wanted = (fraction * state.markEquity) / state.close[s][i];
  const o = createMarketOrder(state, s, slot, wanted >= held ? 1 : -1, OrderRole.target, QuantityMode.targetFraction, fraction, i, atClose, 0, -1);
  attachRunStops(state, o);
  submitOrder(state, o, s, i);
}
