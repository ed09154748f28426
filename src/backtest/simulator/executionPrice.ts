import type { SimulationState } from './SimulationState.js';

// Ticks like 0.01 or 0.25 are reciprocals of whole numbers: dividing by that whole number gives
// the correctly rounded decimal (100.1, not 100.10000000000001), which keeps ledgers clean.
function ticksToPrice(ticks: number, tick: number): number {
  const inverse = 1 / tick;
  const whole = Math.round(inverse);
  return Math.abs(inverse - whole) < 1e-9 * inverse ? ticks / whole : ticks * tick;
}

/** `price` rounded to a tick against the trader: up for a buy (side +1), down for a sell. */
export function roundToTick(price: number, side: number, tick: number): number {
  if (!(tick > 0)) return price;
  // The epsilon keeps a price already on the grid (up to representation error) where it is.
  const ticks = price / tick;
  return ticksToPrice(side > 0 ? Math.ceil(ticks - 1e-9) : Math.floor(ticks + 1e-9), tick);
}

/** A level of a resting order rounded so that it fills no better than asked: buy limits and sell stops down, sell limits and buy stops up. */
export function roundLevel(level: number, side: number, isLimit: boolean, tick: number): number {
  const direction = isLimit ? -side : side;
  return roundToTick(level, direction, tick);
}

/** `quantity` rounded down to a multiple of the lot. */
export function roundToLot(quantity: number, lot: number): number {
  if (!(lot > 0)) return quantity;
  return ticksToPrice(Math.floor(quantity / lot + 1e-9), lot);
}

/**
 * The price of a taker fill of `quantity` on symbol `s`, bar `i`, side +1 buy / -1 sell, from
 * its reference price: moved against the trader by the slippage terms, capped at the bar's
 * high (buys) or low (sells) so that no fill lies outside the bar's range, then rounded to a
 * tick against the trader unless that would cross the cap.
 */
export function takerPrice(state: SimulationState, s: number, i: number, side: number, reference: number, quantity: number): number {
  const options = state.options;
  const high = state.high[s][i];
  const low = state.low[s][i];
  let slip = reference * options.slippageBps * 1e-4 + options.slippageRange * (high - low);
  if (options.impactCoefficient > 0) {
    const volume = state.volume[s][i];
    // No volume: any quantity moves the price to the bar's extreme.
    slip += volume > 0 ? options.impactCoefficient * Math.pow(quantity / volume, options.impactExponent) * reference : Infinity;
  }
  const tick = state.tickSize[s];
  if (side > 0) {
    const rounded = roundToTick(reference + slip, 1, tick);
    return rounded > high ? Math.max(high, reference) : rounded;
  }
  const rounded = roundToTick(reference - slip, -1, tick);
  return rounded < low ? Math.min(low, reference) : rounded;
}

/**
 * The price of a maker fill on bar `i` (a limit's level, or a better open): rounded to a tick
 * against the trader unless that would leave the bar's range (then the traded price itself),
 * and never beyond the limit.
 */
export function makerPrice(state: SimulationState, s: number, i: number, side: number, reference: number, limit: number): number {
  let rounded = roundToTick(reference, side, state.tickSize[s]);
  if (side > 0 ? rounded > state.high[s][i] : rounded < state.low[s][i]) rounded = reference;
  if (Number.isNaN(limit)) return rounded;
  return side > 0 ? Math.min(rounded, Math.max(limit, reference)) : Math.max(rounded, Math.min(limit, reference));
}
