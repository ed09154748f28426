import { describe, expect, it } from 'vitest';
import type { FairValueGap } from '../../analysis/smc/fairValueGaps.js';
import type { OrderBlock } from '../../analysis/smc/orderBlocks.js';
import type { StructureBreak } from '../../analysis/smc/structureBreaks.js';
import { fairValueGapZone, liesInDiscountOrPremium, orderBlockZone, usesZone, zoneLimitPrice, type PointOfInterest } from './pointsOfInterest.js';

function zone(direction: 1 | -1, bottom: number, top: number): PointOfInterest {
  return { kind: 'order block', direction, top, bottom, index: 5, time: 0 };
}

describe('points of interest', () => {
  it('takes an order block zone from its candle range and the bar that made it known', () => {
    const block: OrderBlock = {
      direction: -1, top: 12, bottom: 11, candleIndex: 3, candleTime: 30, structureBreak: {} as StructureBreak, index: 7, time: 70,
      mitigatedIndex: 9, mitigatedTime: 90, invalidatedIndex: -1, invalidatedTime: NaN,
    };
    expect(orderBlockZone(block)).toEqual({ kind: 'order block', direction: -1, top: 12, bottom: 11, index: 7, time: 70 });
  });

  it('takes a fair value gap zone from the gap and its third bar', () => {
    const gap: FairValueGap = { direction: 1, top: 5, bottom: 4, index: 2, time: 20, enteredIndex: -1, enteredTime: NaN, filledIndex: -1, filledTime: NaN };
    expect(fairValueGapZone(gap)).toEqual({ kind: 'fair value gap', direction: 1, top: 5, bottom: 4, index: 2, time: 20 });
  });

  it('admits zone kinds by the zones parameter', () => {
    expect(usesZone('both', 'order block') && usesZone('both', 'fair value gap')).toBe(true);
    expect(usesZone('order-blocks', 'order block')).toBe(true);
    expect(usesZone('order-blocks', 'fair value gap')).toBe(false);
    expect(usesZone('fair-value-gaps', 'order block')).toBe(false);
  });

  it('puts the discount limit a fraction up from the range low, the premium limit the same fraction down from the high', () => {
    expect(zoneLimitPrice(1, 120, 100, 0.5)).toBe(110);
    expect(zoneLimitPrice(1, 120, 100, 0.25)).toBe(105);
    expect(zoneLimitPrice(-1, 120, 100, 0.25)).toBe(115);
    expect(zoneLimitPrice(1, NaN, 100, 0.5)).toBeNaN();
    expect(zoneLimitPrice(1, 100, 100, 0.5)).toBeNaN();
  });

  it('takes a bullish zone whose top lies between the range low and the equilibrium', () => {
    expect(liesInDiscountOrPremium(zone(1, 103, 110), 120, 100, 0.5)).toBe(true);
    expect(liesInDiscountOrPremium(zone(1, 103, 110.01), 120, 100, 0.5)).toBe(false);
    // A zone straddling the range low still has its top in discount.
    expect(liesInDiscountOrPremium(zone(1, 98, 101), 120, 100, 0.5)).toBe(true);
    // Below the range: price reaching it has left the range.
    expect(liesInDiscountOrPremium(zone(1, 97, 99.9), 120, 100, 0.5)).toBe(false);
    expect(liesInDiscountOrPremium(zone(1, 103, 106), NaN, NaN, 0.5)).toBe(false);
  });

  it('takes a bearish zone whose bottom lies between the equilibrium and the range high', () => {
    expect(liesInDiscountOrPremium(zone(-1, 110, 115), 120, 100, 0.5)).toBe(true);
    expect(liesInDiscountOrPremium(zone(-1, 109.99, 115), 120, 100, 0.5)).toBe(false);
    expect(liesInDiscountOrPremium(zone(-1, 119, 122), 120, 100, 0.5)).toBe(true);
    expect(liesInDiscountOrPremium(zone(-1, 120.1, 122), 120, 100, 0.5)).toBe(false);
    expect(liesInDiscountOrPremium(zone(-1, 116, 118), 120, 100, 0.25)).toBe(true);
    expect(liesInDiscountOrPremium(zone(-1, 114, 118), 120, 100, 0.25)).toBe(false);
  });
});
