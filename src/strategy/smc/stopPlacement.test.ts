import { describe, expect, it } from 'vitest';
import type { RetestedZone } from './entryTrigger.js';
import type { PointOfInterest } from './pointsOfInterest.js';
import { placeStop } from './stopPlacement.js';

function retest(direction: 1 | -1, bottom: number, top: number, extreme: number, kind: PointOfInterest['kind'] = 'order block'): RetestedZone {
  return { zone: { kind, direction, top, bottom, index: 0, time: 0 }, touchedIndex: 1, extreme };
}

describe('stop placement', () => {
  it('puts a long stop below the zone low minus the ATR buffer', () => {
    expect(placeStop(retest(1, 100, 102, 100.5), 95, NaN, 2, { stopAnchor: 'zone', stopBuffer: 0.5 })).toEqual({ price: 99, anchor: 100, anchorLabel: 'order block low' });
  });

  it('anchors below the retest low when the retest wicked through the zone', () => {
    expect(placeStop(retest(1, 100, 102, 99.5, 'fair value gap'), 95, NaN, 2, { stopAnchor: 'zone', stopBuffer: 0.25 })).toEqual({ price: 99, anchor: 99.5, anchorLabel: 'retest low' });
  });

  it("with stopAnchor 'swing', anchors below the latest swing low when it lies lower, else keeps the zone", () => {
    expect(placeStop(retest(1, 100, 102, 100.5), 97, NaN, 2, { stopAnchor: 'swing', stopBuffer: 0.5 })).toEqual({ price: 96, anchor: 97, anchorLabel: 'swing low' });
    expect(placeStop(retest(1, 100, 102, 100.5), 101, NaN, 2, { stopAnchor: 'swing', stopBuffer: 0.5 })).toEqual({ price: 99, anchor: 100, anchorLabel: 'order block low' });
    expect(placeStop(retest(1, 100, 102, 100.5), NaN, NaN, 2, { stopAnchor: 'swing', stopBuffer: 0.5 })?.anchorLabel).toBe('order block low');
  });

  it('mirrors everything for a short: above the zone high, the retest high or the swing high', () => {
    expect(placeStop(retest(-1, 100, 102, 101.5), NaN, 110, 2, { stopAnchor: 'zone', stopBuffer: 0.5 })).toEqual({ price: 103, anchor: 102, anchorLabel: 'order block high' });
    expect(placeStop(retest(-1, 100, 102, 102.5), NaN, 110, 2, { stopAnchor: 'zone', stopBuffer: 0 })).toEqual({ price: 102.5, anchor: 102.5, anchorLabel: 'retest high' });
    expect(placeStop(retest(-1, 100, 102, 102.5), NaN, 110, 2, { stopAnchor: 'swing', stopBuffer: 1 })).toEqual({ price: 112, anchor: 110, anchorLabel: 'swing high' });
  });

  it('gives no stop while the ATR warms up, unless the buffer is zero', () => {
    expect(placeStop(retest(1, 100, 102, 100.5), NaN, NaN, NaN, { stopAnchor: 'zone', stopBuffer: 0.5 })).toBeUndefined();
    expect(placeStop(retest(1, 100, 102, 100.5), NaN, NaN, NaN, { stopAnchor: 'zone', stopBuffer: 0 })?.price).toBe(100);
  });

  it('gives no stop when the buffer would take a long stop to zero or below', () => {
    expect(placeStop(retest(1, 1, 1.2, 1.1), NaN, NaN, 0.5, { stopAnchor: 'zone', stopBuffer: 2 })).toBeUndefined();
  });
});
