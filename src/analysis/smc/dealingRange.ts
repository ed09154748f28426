import type { Bars } from '../../core/Bars.js';
import { BarWindow, hasMissingBar } from './BarWindow.js';
import { ColumnArena, type ColumnShape } from './ColumnArena.js';
import { resolveStructureOptions, type DealingRangeOptions } from './structureOptions.js';
import { createSwingColumns, SwingDetector, swingHistory, swingKernel, type SwingPoint } from './swings.js';

/** Column codes of `zone`. */
export const zoneCode = Object.freeze({ discount: -1, equilibrium: 0, premium: 1 });

/**
 * Per-bar columns of the dealing range: its high, low and 50% equilibrium, where the close lies
 * in it (0 at the low, 1 at the high, beyond outside), NaN while there is no range; and the zone
 * of the close: 1 premium (above equilibrium), -1 discount (below), 0 at it or with no range.
 */
export interface DealingRangeColumns {
  rangeHigh: Float64Array;
  rangeLow: Float64Array;
  equilibrium: Float64Array;
  rangePosition: Float64Array;
  zone: Int8Array;
}

/** Every row is written (NaN while there is no range), so the columns need no NaN fill first. */
export const dealingRangeColumnShape: ColumnShape = Object.freeze({ floats: 0, indexes: 0, counts: 0, codes: 1, denseFloats: 4 });

export function createDealingRangeColumns(length: number, arena = new ColumnArena(length, dealingRangeColumnShape)): DealingRangeColumns {
  return {
    rangeHigh: arena.denseFloat(),
    rangeLow: arena.denseFloat(),
    equilibrium: arena.denseFloat(),
    rangePosition: arena.denseFloat(),
    zone: arena.code(),
  };
}

/**
 * Premium and discount zones of the current dealing range.
 *
 * Definitions: on each bar the range runs from the latest confirmed swing low to the latest
 * confirmed swing high (swings confirmed on the bar included), whether broken or not; the
 * equilibrium is their midpoint. A close above it is in premium, below it in discount. While
 * either swing is missing, or the latest swing high is not above the latest swing low (price
 * ran through the older swing and the new range has no opposite swing yet), there is no range.
 */
export class DealingRange {
  rangeHigh = NaN;
  rangeLow = NaN;
  equilibrium = NaN;
  rangePosition = NaN;
  zone: -1 | 0 | 1 = 0;
  readonly swings: SwingDetector;
  private readonly window: BarWindow;
  private readonly owned: boolean;

  constructor(options: DealingRangeOptions = {}, shared?: { window: BarWindow; swings: SwingDetector }) {
    const resolved = resolveStructureOptions(options);
    this.owned = shared === undefined;
    this.window = shared?.window ?? new BarWindow(swingHistory(resolved.swingLeft, resolved.swingRight));
    this.swings = shared?.swings ?? new SwingDetector(resolved, this.window);
  }

  update(open: number, high: number, low: number, close: number, _volume: number, time: number): boolean {
    if (!this.window.push(open, high, low, close, time)) {
      this.swings.clearBar();
      this.clearBar();
      return false;
    }
    this.swings.step();
    this.step();
    return true;
  }

  step(): void {
    const high = this.swings.latestHigh;
    const low = this.swings.latestLow;
    if (high === undefined || low === undefined || !(high.price > low.price)) {
      this.clearBar();
      return;
    }
    const window = this.window;
    const close = window.close[(window.count - 1) & window.mask];
    const top = high.price;
    const bottom = low.price;
    const middle = (top + bottom) / 2;
    this.rangeHigh = top;
    this.rangeLow = bottom;
    this.equilibrium = middle;
    this.rangePosition = (close - bottom) / (top - bottom);
    this.zone = close > middle ? 1 : close < middle ? -1 : 0;
  }

  clearBar(): void {
    this.rangeHigh = this.rangeLow = this.equilibrium = this.rangePosition = NaN;
    this.zone = 0;
  }

  writeColumns(columns: DealingRangeColumns, index: number): void {
    columns.rangeHigh[index] = this.rangeHigh;
    columns.rangeLow[index] = this.rangeLow;
    columns.equilibrium[index] = this.equilibrium;
    columns.rangePosition[index] = this.rangePosition;
    columns.zone[index] = this.zone;
  }

  reset(): void {
    if (this.owned) {
      this.window.reset();
      this.swings.reset();
    }
    this.clearBar();
  }
}

/** Premium/discount columns of `bars` (see `DealingRange` for the definitions). */
export function dealingRange(bars: Bars, options: DealingRangeOptions = {}): DealingRangeColumns {
  const columns = createDealingRangeColumns(bars.length, new ColumnArena(bars.length, dealingRangeColumnShape, { prefillDense: false }));
  if (hasMissingBar(bars)) {
    const range = new DealingRange(options);
    const { open, high, low, close, volume, time } = bars;
    for (let i = 0; i < bars.length; i++) {
      range.update(open[i], high[i], low[i], close[i], volume[i], time[i]);
      range.writeColumns(columns, i);
    }
    return columns;
  }
  const resolved = resolveStructureOptions(options);
  const points = swingKernel(bars, resolved.swingLeft, resolved.swingRight, createSwingColumns(bars.length));
  dealingRangeKernel(bars, points, columns);
  return columns;
}

/**
 * The batch form of `DealingRange` over bars with no missing values, given their swings (in
 * order of confirmation, as `swingKernel` returns them). Every row is written, NaN while there
 * is no range. The range changes only where a swing is confirmed, so it is worked out once per
 * run of bars between confirmations rather than read back from the swing columns on every bar.
 */
export function dealingRangeKernel(bars: Bars, points: readonly SwingPoint[], columns: DealingRangeColumns): void {
  const { close } = bars;
  const { rangeHigh, rangeLow, equilibrium, rangePosition, zone } = columns;
  const n = close.length;
  let top = NaN;
  let bottom = NaN;
  let cursor = 0;
  let i = 0;
  while (i < n) {
    while (cursor < points.length && points[cursor].confirmedIndex === i) {
      const point = points[cursor++];
      if (point.kind === 'high') top = point.price;
      else bottom = point.price;
    }
    // NaN fails the test: no range until both swings exist, nor while it is inverted.
    const valid = top > bottom;
    const middle = valid ? (top + bottom) / 2 : NaN;
    const width = valid ? top - bottom : NaN;
    const shownHigh = valid ? top : NaN;
    const shownLow = valid ? bottom : NaN;
    const end = cursor < points.length ? points[cursor].confirmedIndex : n;
    for (; i < end; i++) {
      rangeHigh[i] = shownHigh;
      rangeLow[i] = shownLow;
      equilibrium[i] = middle;
      const price = close[i];
      rangePosition[i] = (price - bottom) / width;
      // Without a jump (see barsPass): which side of the midpoint a close falls is a coin toss for the branch predictor. NaN gives 0.
      zone[i] = Number(price > middle) - Number(price < middle);
    }
  }
}
