import type { ExposureLimit } from './Order.js';
import type { RejectRule } from './RoutingDecision.js';
import type { ResolvedRouterOptions } from './RouterOptions.js';
import { EXPOSURE_EPSILON, type RouterState } from './RouterState.js';
import type { RoutedSignal } from './groupSteps.js';

export type Fit = { size: number; requestedSize?: number; limitedBy?: ExposureLimit } | { rule: RejectRule; reason: string };

function format(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);
}

/**
 * How much of an opening of `requested` (fraction of equity) on `symbol` the risk limits let
 * through: the whole, a shrunk part (`exposureOverflow: 'shrink'`), or a rejection naming the
 * limit. `freed` is exposure on the symbol that a close going with this open will release;
 * `newPosition` says whether the open needs a free position slot.
 */
export function fitExposure(state: RouterState, options: ResolvedRouterOptions, symbol: string, requested: number, newPosition: boolean, freed = 0): Fit {
  if (newPosition && state.positions.size >= options.maxOpenPositions) {
    return { rule: 'max-open-positions', reason: `${state.positions.size} positions are open, the most maxOpenPositions allows` };
  }
  const symbolRoom = options.maxExposurePerSymbol - (state.symbolExposure(symbol) - freed);
  const totalRoom = options.maxTotalExposure - (state.totalExposure - freed);
  const room = Math.min(symbolRoom, totalRoom);
  // A shortfall within rounding is not a limit: take what is left without calling it shrunk.
  if (room > EXPOSURE_EPSILON && requested - room <= EXPOSURE_EPSILON) return { size: Math.min(requested, room) };
  const limitedBy: ExposureLimit = symbolRoom <= totalRoom ? 'max-exposure-per-symbol' : 'max-total-exposure';
  const cap = limitedBy === 'max-exposure-per-symbol' ? `maxExposurePerSymbol ${format(options.maxExposurePerSymbol)} on ${symbol}` : `maxTotalExposure ${format(options.maxTotalExposure)}`;
  if (room <= EXPOSURE_EPSILON) return { rule: limitedBy, reason: `no exposure is left under ${cap}` };
  if (options.exposureOverflow === 'reject') return { rule: limitedBy, reason: `${format(requested)} asked, only ${format(room)} left under ${cap}` };
  return { size: room, requestedSize: requested, limitedBy };
}

export function fitDescription(fit: Fit): string {
  if ('rule' in fit) return fit.reason;
  return fit.limitedBy === undefined ? format(fit.size) : `${format(fit.size)} (shrunk from ${format(fit.requestedSize!)} by ${fit.limitedBy})`;
}

/** The filters an entry meets before any conflict: the cooldown after a loss, and shorts when they are not allowed. */
export function entryBlock(item: RoutedSignal, state: RouterState, options: ResolvedRouterOptions): { rule: RejectRule; reason: string } | undefined {
  const { signal } = item;
  const cooling = state.cooldown(signal.symbol, item.knownAt, signal.index);
  if (cooling !== undefined) return { rule: 'cooldown', reason: cooling };
  if (signal.side === 'short' && !options.allowShort) return { rule: 'short-not-allowed', reason: 'allowShort is false' };
  return undefined;
}
