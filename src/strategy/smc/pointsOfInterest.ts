import type { FairValueGap } from '../../analysis/smc/fairValueGaps.js';
import type { OrderBlock } from '../../analysis/smc/orderBlocks.js';
import type { ZoneChoice } from './smcSettings.js';

/**
 * Step 3: a point of interest, a zone where price is expected to react: an order block or a
 * fair value gap of the base timeframe. Bullish zones (demand, below price) are for longs,
 * bearish ones (supply, above price) for shorts. A zone is taken only while unmitigated, i.e.
 * at its first touch: the bar that mitigates an order block (`mitigatedIndex`) or first enters
 * a gap (`enteredIndex`), which both structure forms report.
 */
export interface PointOfInterest {
  kind: 'order block' | 'fair value gap';
  direction: 1 | -1;
  top: number;
  bottom: number;
  /** The bar at whose close the zone became known (the breaking bar of an order block, the third bar of a gap). */
  index: number;
  time: number;
}

export function orderBlockZone(block: OrderBlock): PointOfInterest {
  return { kind: 'order block', direction: block.direction, top: block.top, bottom: block.bottom, index: block.index, time: block.time };
}

export function fairValueGapZone(gap: FairValueGap): PointOfInterest {
  return { kind: 'fair value gap', direction: gap.direction, top: gap.top, bottom: gap.bottom, index: gap.index, time: gap.time };
}

/** Whether the `zones` parameter admits zones of this kind. */
export function usesZone(choice: ZoneChoice, kind: PointOfInterest['kind']): boolean {
  return choice === 'both' || (kind === 'order block' ? choice === 'order-blocks' : choice === 'fair-value-gaps');
}

/**
 * The price a zone must not cross to lie in discount (bullish zone) or premium (bearish zone)
 * of the dealing range `rangeLow`-`rangeHigh`: `limit` of the way up from the low (0.5, the
 * equilibrium), or down from the high. NaN when there is no range.
 */
export function zoneLimitPrice(direction: 1 | -1, rangeHigh: number, rangeLow: number, limit: number): number {
  if (!(rangeHigh > rangeLow)) return NaN;
  return direction === 1 ? rangeLow + limit * (rangeHigh - rangeLow) : rangeHigh - limit * (rangeHigh - rangeLow);
}

/**
 * Whether a bullish zone lies in the discount part of the dealing range, its near side (top)
 * between the range's low and the limit price; a bearish zone in premium mirrors this (its
 * bottom between the limit price and the range's high). A zone beyond the range (below its
 * low) is not taken: price reaching it has left the range, whose structure no longer holds.
 * False when there is no range.
 */
export function liesInDiscountOrPremium(zone: PointOfInterest, rangeHigh: number, rangeLow: number, limit: number): boolean {
  const price = zoneLimitPrice(zone.direction, rangeHigh, rangeLow, limit);
  return zone.direction === 1 ? zone.top <= price && zone.top >= rangeLow : zone.bottom >= price && zone.bottom <= rangeHigh;
}
