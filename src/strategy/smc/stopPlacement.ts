import type { RetestedZone } from './entryTrigger.js';

/** Where the stop goes and why. */
export interface StopPlacement {
  price: number;
  /** The structure price the stop protects, before the ATR buffer. */
  anchor: number;
  /** What the anchor is: `order block low`, `retest low`, `swing low`, ... */
  anchorLabel: string;
}

export interface StopRules {
  /** `zone`: beyond the zone's far side and the retest's extreme; `swing`: beyond the latest swing when it lies further. */
  stopAnchor: 'zone' | 'swing';
  /** Buffer beyond the anchor, in ATRs. */
  stopBuffer: number;
}

/**
 * Step 5, the stop: beyond the swing that protects the setup, plus a buffer of `stopBuffer`
 * ATRs (the structure's ATR, computed once per bar for every detector). For a long the anchor
 * is the lower of the zone's bottom and the retest's lowest low (the swing the rejection
 * printed); with `stopAnchor: 'swing'` it is the latest confirmed swing low instead when that
 * lies lower. Shorts mirror this with highs. Undefined when the stop would not be a positive
 * finite price (the ATR still warming up with a buffer, a buffer wider than the price).
 */
export function placeStop(retest: RetestedZone, swingLow: number, swingHigh: number, atr: number, rules: StopRules): StopPlacement | undefined {
  const { zone, extreme } = retest;
  const kind = zone.kind;
  const buffer = rules.stopBuffer === 0 ? 0 : rules.stopBuffer * atr;
  let anchor: number;
  let anchorLabel: string;
  if (zone.direction === 1) {
    anchor = zone.bottom;
    anchorLabel = `${kind} low`;
    if (extreme < anchor) {
      anchor = extreme;
      anchorLabel = 'retest low';
    }
    if (rules.stopAnchor === 'swing' && swingLow < anchor) {
      anchor = swingLow;
      anchorLabel = 'swing low';
    }
  } else {
    anchor = zone.top;
    anchorLabel = `${kind} high`;
    if (extreme > anchor) {
      anchor = extreme;
      anchorLabel = 'retest high';
    }
    if (rules.stopAnchor === 'swing' && swingHigh > anchor) {
      anchor = swingHigh;
      anchorLabel = 'swing high';
    }
  }
  const price = zone.direction === 1 ? anchor - buffer : anchor + buffer;
  if (!(price > 0 && price < Infinity)) return undefined;
  return { price, anchor, anchorLabel };
}
