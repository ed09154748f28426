import type { Bars } from '../../core/Bars.js';
import { BarWindow, hasMissingBar } from './BarWindow.js';
import { ColumnArena, type ColumnShape } from './ColumnArena.js';
import { resolveStructureOptions, type StructureBreakOptions } from './structureOptions.js';
import { keepShapes } from './keepShapes.js';
import { createSwingColumns, SwingDetector, swingHistory, swingKernel, type SwingPoint } from './swings.js';

/** A break of a confirmed swing level: `bos` with the prevailing trend, `choch` against it. */
export interface StructureBreak {
  readonly kind: 'bos' | 'choch';
  /** 1: a swing high broken upwards (bullish); -1: a swing low broken downwards (bearish). */
  readonly direction: 1 | -1;
  /** The swing's price, the level that was crossed. */
  readonly level: number;
  /** The swing the level belonged to (confirmed before `index`). */
  readonly swing: SwingPoint;
  /** The breaking bar. */
  readonly index: number;
  readonly time: number;
}

/** Column codes of `bullishBreak` / `bearishBreak`. */
export const breakCode = Object.freeze({ none: 0, bos: 1, choch: 2 });

/**
 * Per-bar columns: break codes (0 none, 1 BOS, 2 CHoCH) and the level broken (NaN when none)
 * per direction, since both sides can break on one wide bar, and the trend after the bar
 * (1 bullish, -1 bearish, 0 before the first break).
 */
export interface StructureBreakColumns {
  bullishBreak: Int8Array;
  bullishLevel: Float64Array;
  bearishBreak: Int8Array;
  bearishLevel: Float64Array;
  trend: Int8Array;
}

export interface StructureBreakResult extends StructureBreakColumns {
  breaks: StructureBreak[];
}

export const structureBreakColumnShape: ColumnShape = Object.freeze({ floats: 2, indexes: 0, counts: 0, codes: 3 });

export function createStructureBreakColumns(length: number, arena = new ColumnArena(length, structureBreakColumnShape)): StructureBreakColumns {
  return {
    bullishBreak: arena.code(),
    bullishLevel: arena.float(),
    bearishBreak: arena.code(),
    bearishLevel: arena.float(),
    trend: arena.code(),
  };
}

/**
 * Break of structure (BOS) and change of character (CHoCH), from a trend state, as the
 * popular LuxAlgo reading of smart money concepts does and without the smartmoneyconcepts
 * package's look-ahead (it labels a break from the four swings around it and then searches
 * the future for the breaking bar).
 *
 * Definitions:
 * - The open swing high is the most recent confirmed swing high, as long as it has not been
 *   broken; a newer swing high replaces it, broken or not. Likewise the open swing low.
 * - A bar breaks the open swing high when its close (`breakBy: 'close'`, default) or its high
 *   (`'wick'`) is strictly above the swing's price; the swing low mirrors this. Each swing
 *   breaks at most once. A swing cannot break on its own confirmation bar (its right bars are
 *   all at or below it), so every break comes strictly after the confirmation.
 * - The trend starts at 0. A bullish break is a CHoCH when the trend is bearish (-1) and a BOS
 *   otherwise (the first break of all is a BOS: there was no character to change); then the
 *   trend becomes bullish. Bearish breaks mirror this.
 * - When one bar breaks both sides (possible with wicks), the order follows the usual path
 *   assumption: an up or flat candle (close >= open) went low first, so the bearish break
 *   comes first and the trend ends bullish; a down candle the other way round.
 */
export class StructureBreakDetector {
  readonly breaks: StructureBreak[] = [];
  readonly swings: SwingDetector;
  private readonly window: BarWindow;
  private readonly tracker: BreakTracker;
  private readonly owned: boolean;
  private skipped = false;

  /** `shared`: the window and swings of an engine, which feeds them (then call `step()`). */
  constructor(options: StructureBreakOptions = {}, shared?: { window: BarWindow; swings: SwingDetector }) {
    const resolved = resolveStructureOptions(options);
    this.tracker = new BreakTracker(resolved.breakBy === 'close', this.breaks);
    this.owned = shared === undefined;
    this.window = shared?.window ?? new BarWindow(swingHistory(resolved.swingLeft, resolved.swingRight));
    this.swings = shared?.swings ?? new SwingDetector(resolved, this.window);
  }

  /** 1 bullish, -1 bearish, 0 before the first break. */
  get trend(): -1 | 0 | 1 {
    return this.tracker.trend;
  }

  /** The breaks on the latest bar, if any. */
  get newBullish(): StructureBreak | undefined {
    return this.tracker.newBullish;
  }

  get newBearish(): StructureBreak | undefined {
    return this.tracker.newBearish;
  }

  /** The swings still waiting to be broken. */
  get openHigh(): SwingPoint | undefined {
    return this.tracker.openHigh;
  }

  get openLow(): SwingPoint | undefined {
    return this.tracker.openLow;
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
    this.skipped = false;
    const swings = this.swings;
    const tracker = this.tracker;
    if (swings.newHigh !== undefined) tracker.openHigh = swings.newHigh;
    if (swings.newLow !== undefined) tracker.openLow = swings.newLow;
    const window = this.window;
    const slot = (window.count - 1) & window.mask;
    tracker.bar(window.open[slot], window.high[slot], window.low[slot], window.close[slot], window.index, window.time[slot]);
  }

  clearBar(): void {
    this.skipped = true;
    this.tracker.newBullish = undefined;
    this.tracker.newBearish = undefined;
  }

  /** A skipped bar gets trend 0, as every column of a missing bar is empty. */
  writeColumns(columns: StructureBreakColumns, index: number): void {
    if (this.skipped) return;
    this.tracker.writeColumns(columns, index);
  }

  reset(): void {
    if (this.owned) {
      this.window.reset();
      this.swings.reset();
    }
    this.breaks.length = 0;
    this.tracker.trend = 0;
    this.tracker.newBullish = this.tracker.newBearish = this.tracker.openHigh = this.tracker.openLow = undefined;
    this.skipped = false;
  }
}

/** The break rules, shared by the incremental detector and the batch kernel. */
class BreakTracker {
  trend: -1 | 0 | 1 = 0;
  newBullish: StructureBreak | undefined = undefined;
  newBearish: StructureBreak | undefined = undefined;
  openHigh: SwingPoint | undefined = undefined;
  openLow: SwingPoint | undefined = undefined;

  constructor(
    private readonly byClose: boolean,
    private readonly breaks: StructureBreak[],
  ) {}

  /** One bar, after the swings confirmed on it have been opened. */
  bar(open: number, high: number, low: number, close: number, index: number, time: number): void {
    this.newBullish = undefined;
    this.newBearish = undefined;
    const openHigh = this.openHigh;
    const openLow = this.openLow;
    const bullish = openHigh !== undefined && (this.byClose ? close : high) > openHigh.price;
    const bearish = openLow !== undefined && (this.byClose ? close : low) < openLow.price;
    if (!bullish && !bearish) return;
    if (bullish && bearish && close >= open) {
      this.breakLow(openLow!, index, time);
      this.breakHigh(openHigh!, index, time);
    } else {
      if (bullish) this.breakHigh(openHigh!, index, time);
      if (bearish) this.breakLow(openLow!, index, time);
    }
  }

  private breakHigh(swing: SwingPoint, index: number, time: number): void {
    const event: StructureBreak = { kind: this.trend === -1 ? 'choch' : 'bos', direction: 1, level: swing.price, swing, index, time };
    this.breaks.push(event);
    this.trend = 1;
    this.openHigh = undefined;
    this.newBullish = event;
  }

  private breakLow(swing: SwingPoint, index: number, time: number): void {
    const event: StructureBreak = { kind: this.trend === 1 ? 'choch' : 'bos', direction: -1, level: swing.price, swing, index, time };
    this.breaks.push(event);
    this.trend = -1;
    this.openLow = undefined;
    this.newBearish = event;
  }

  writeColumns(columns: StructureBreakColumns, index: number): void {
    columns.trend[index] = this.trend;
    const bullish = this.newBullish;
    const bearish = this.newBearish;
    if (bullish !== undefined) {
      columns.bullishBreak[index] = bullish.kind === 'bos' ? breakCode.bos : breakCode.choch;
      columns.bullishLevel[index] = bullish.level;
    }
    if (bearish !== undefined) {
      columns.bearishBreak[index] = bearish.kind === 'bos' ? breakCode.bos : breakCode.choch;
      columns.bearishLevel[index] = bearish.level;
    }
  }
}

keepShapes(new BreakTracker(true, []));

/** BOS and CHoCH of `bars` (see `StructureBreakDetector` for the definitions). */
export function structureBreaks(bars: Bars, options: StructureBreakOptions = {}): StructureBreakResult {
  const columns = createStructureBreakColumns(bars.length);
  if (hasMissingBar(bars)) {
    const detector = new StructureBreakDetector(options);
    const { open, high, low, close, volume, time } = bars;
    for (let i = 0; i < bars.length; i++) {
      detector.update(open[i], high[i], low[i], close[i], volume[i], time[i]);
      detector.writeColumns(columns, i);
    }
    return { ...columns, breaks: detector.breaks };
  }
  const resolved = resolveStructureOptions(options);
  const points = swingKernel(bars, resolved.swingLeft, resolved.swingRight, createSwingColumns(bars.length));
  return { ...columns, breaks: structureBreakKernel(bars, points, resolved.breakBy, columns) };
}

/**
 * The batch form of `StructureBreakDetector` over bars with no missing values, given their
 * swings (arguments not checked). The open swings' prices are kept in locals (NaN when there
 * is none, which no comparison passes), so the common bar, which breaks nothing, costs two
 * comparisons; the tracker's rules run on the bars that break something.
 */
export function structureBreakKernel(bars: Bars, points: readonly SwingPoint[], breakBy: 'close' | 'wick', columns: StructureBreakColumns): StructureBreak[] {
  const { open, high, low, close, time } = bars;
  const trend = columns.trend;
  const breaks: StructureBreak[] = [];
  const tracker = new BreakTracker(breakBy === 'close', breaks);
  const upward = breakBy === 'close' ? close : high;
  const downward = breakBy === 'close' ? close : low;
  let highLevel = NaN;
  let lowLevel = NaN;
  let currentTrend = 0;
  let cursor = 0;
  let nextConfirmation = points.length > 0 ? points[0].confirmedIndex : -1;
  for (let i = 0; i < open.length; i++) {
    while (nextConfirmation === i) {
      const point = points[cursor++];
      if (point.kind === 'high') {
        tracker.openHigh = point;
        highLevel = point.price;
      } else {
        tracker.openLow = point;
        lowLevel = point.price;
      }
      nextConfirmation = cursor < points.length ? points[cursor].confirmedIndex : -1;
    }
    if (upward[i] > highLevel || downward[i] < lowLevel) {
      tracker.bar(open[i], high[i], low[i], close[i], i, time[i]);
      tracker.writeColumns(columns, i);
      currentTrend = tracker.trend;
      highLevel = tracker.openHigh === undefined ? NaN : tracker.openHigh.price;
      lowLevel = tracker.openLow === undefined ? NaN : tracker.openLow.price;
    } else {
      trend[i] = currentTrend;
    }
  }
  return breaks;
}
