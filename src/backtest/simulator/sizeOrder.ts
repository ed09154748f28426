import { SizingKind } from './resolveSimulationOptions.js';
import type { SimulationState } from './SimulationState.js';

/**
 * Units an opening order `o` asks for at `reference` (the fill's price before slippage): the
 * run's sizing rule times the order's size fraction (`amount`). Returns NaN, with the reason in
 * `state.rejection`, when the rule cannot size it (an ATR still warming up, a missing stop).
 */
export function sizedQuantity(state: SimulationState, o: number, reference: number): number {
  const options = state.options;
  const orders = state.orders;
  const equity = state.markEquity;
  const fraction = orders.amount.data[o];
  let units: number;
  switch (options.sizingKind) {
    case SizingKind.quantity:
      units = options.sizingValue;
      break;
    case SizingKind.cash:
      units = options.sizingValue / reference;
      break;
    case SizingKind.equityFraction:
      units = (options.sizingValue * equity) / reference;
      break;
    case SizingKind.atr: {
      const s = orders.symbol.data[o];
      const atr = state.atr[s]![orders.signalBar.data[o]];
      if (!(atr > 0)) {
        state.rejection = 'ATR sizing: no ATR at the signal bar (still warming up, or a flat market)';
        return NaN;
      }
      units = (equity * options.sizingValue) / (options.atrMultiple * atr);
      break;
    }
    default: {
      const side = orders.side.data[o];
      let stop = orders.bracketStop.data[o];
      if (Number.isNaN(stop)) stop = reference * (1 - side * orders.bracketStopFraction.data[o]);
      if (Number.isNaN(stop)) {
        state.rejection = 'stop-risk sizing needs a stop-loss on the order';
        return NaN;
      }
      const distance = (reference - stop) * side;
      if (!(distance > 0)) {
        state.rejection = 'stop-risk sizing: the stop is not on the losing side of the entry';
        return NaN;
      }
      units = (equity * options.sizingValue) / distance;
    }
  }
  if (!(units > 0) || !Number.isFinite(units)) {
    state.rejection = 'the sizing rule gave no positive quantity (equity exhausted?)';
    return NaN;
  }
  return units * fraction;
}
