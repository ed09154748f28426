import type { PointOfInterest } from './pointsOfInterest.js';

/** A zone price has touched, waiting for a close back out of it. */
export interface RetestedZone {
  zone: PointOfInterest;
  /** The bar of the first touch. */
  touchedIndex: number;
  /** Lowest low (bullish zone) or highest high (bearish zone) from the touch to the latest bar: the retest's own swing. */
  extreme: number;
}

/**
 * Step 4, the entry trigger on the base timeframe: price trades into an unmitigated zone (its
 * first touch arms it) and a bar then closes back out of it on the zone's side, above a bullish
 * zone's top or below a bearish zone's bottom: the rejection. The close may come on the touch
 * bar itself or within `retestBars` bars after it; a close through the zone's far side (below
 * a bullish zone's bottom) disarms it, and so does the end of the window. A zone triggers at
 * most once, whether or not the later steps take the trade.
 *
 * A lower-timeframe CHoCH inside the zone would be the other classic trigger; the close back
 * out of the zone is chosen because it is known at the same bar in both forms and needs no
 * further swing confirmation, which would come `swingLength` bars late.
 */
export class RetestTrigger {
  private readonly armed: RetestedZone[] = [];
  /** The zones triggered by the latest `step`, best first (reused). */
  readonly triggered: RetestedZone[] = [];

  constructor(private readonly retestBars: number) {}

  /** Arms a zone first touched at bar `index` (call before that bar's `step`). */
  arm(zone: PointOfInterest, index: number): void {
    this.armed.push({ zone, touchedIndex: index, extreme: zone.direction === 1 ? Infinity : -Infinity });
  }

  get waiting(): number {
    return this.armed.length;
  }

  /** One bar: updates each armed zone and returns those whose rejection this bar's close confirms, best first. */
  step(index: number, high: number, low: number, close: number): readonly RetestedZone[] {
    const triggered = this.triggered;
    while (triggered.length > 0) triggered.pop(); // cheaper than setting length
    const armed = this.armed;
    let kept = 0;
    for (let k = 0; k < armed.length; k++) {
      const entry = armed[k];
      const { direction, top, bottom } = entry.zone;
      if (direction === 1) {
        if (low < entry.extreme) entry.extreme = low;
        if (close > top) {
          triggered.push(entry);
          continue;
        }
        if (close < bottom) continue;
      } else {
        if (high > entry.extreme) entry.extreme = high;
        if (close < bottom) {
          triggered.push(entry);
          continue;
        }
        if (close > top) continue;
      }
      if (index - entry.touchedIndex >= this.retestBars) continue;
      armed[kept++] = entry;
    }
    while (armed.length > kept) armed.pop();
    if (triggered.length > 1) triggered.sort(preferZone);
    return triggered;
  }

  reset(): void {
    this.armed.length = 0;
    this.triggered.length = 0;
  }
}

/**
 * The order in which triggered zones are tried: bullish before bearish (only the bias's side
 * can pass), then the zone nearest to price (highest top of a bullish zone, lowest bottom of a
 * bearish one), order blocks before gaps, the older zone first. A total order, so both forms
 * pick the same zone whatever order the structure listed the touches in.
 */
export function preferZone(a: RetestedZone, b: RetestedZone): number {
  const x = a.zone;
  const y = b.zone;
  if (x.direction !== y.direction) return y.direction - x.direction;
  const nearer = x.direction === 1 ? y.top - x.top : x.bottom - y.bottom;
  if (nearer !== 0) return nearer;
  if (x.kind !== y.kind) return x.kind === 'order block' ? -1 : 1;
  if (x.index !== y.index) return x.index - y.index;
  const farther = x.direction === 1 ? x.bottom - y.bottom : y.top - x.top;
  if (farther !== 0) return farther;
  return a.touchedIndex - b.touchedIndex;
}
