import type { Bars } from '../../core/Bars.js';
import { BarWindow, hasMissingBar, streamedAtr } from './BarWindow.js';
import { ColumnArena, type ColumnShape } from './ColumnArena.js';
import { resolveStructureOptions, type FairValueGapOptions } from './structureOptions.js';
import { TriggerList } from './TriggerList.js';

/**
 * A three-bar imbalance, reported at its third bar. The record is created at `index` and
 * updated in place when price later enters (`enteredIndex`) and fills (`filledIndex`) it;
 * those fields are -1 (times NaN) until it happens, and never name a bar before it happened.
 */
export interface FairValueGap {
  /** 1 bullish (gap below price), -1 bearish (gap above price). */
  readonly direction: 1 | -1;
  readonly top: number;
  readonly bottom: number;
  /** The third bar, at whose close the gap is known. */
  readonly index: number;
  readonly time: number;
  /** First bar after `index` that traded into the gap (partial mitigation); -1 until then. */
  enteredIndex: number;
  enteredTime: number;
  /** First bar after `index` that filled the gap through its far side (full mitigation); -1 until then. */
  filledIndex: number;
  filledTime: number;
}

/**
 * Per-bar columns: at a gap's third bar its direction (1/-1, else 0), top and bottom (else
 * NaN); on every bar the number of gaps first entered and the number filled on that bar.
 */
export interface FairValueGapColumns {
  gap: Int8Array;
  gapTop: Float64Array;
  gapBottom: Float64Array;
  gapsEntered: Int32Array;
  gapsFilled: Int32Array;
}

export interface FairValueGapResult extends FairValueGapColumns {
  gaps: FairValueGap[];
}

export const fairValueGapColumnShape: ColumnShape = Object.freeze({ floats: 2, indexes: 0, counts: 2, codes: 1 });

export function createFairValueGapColumns(length: number, arena = new ColumnArena(length, fairValueGapColumnShape)): FairValueGapColumns {
  return {
    gap: arena.code(),
    gapTop: arena.float(),
    gapBottom: arena.float(),
    gapsEntered: arena.count(),
    gapsFilled: arena.count(),
  };
}

/**
 * Fair value gaps (three-bar imbalances) and their mitigation.
 *
 * Definitions, with bars i-2, i-1, i the last three valid bars:
 * - bullish gap when low[i] > high[i-2]: bottom = high[i-2], top = low[i];
 *   bearish gap when high[i] < low[i-2]: top = low[i-2], bottom = high[i]. Both cannot hold
 *   at once. The gap is reported at bar i (its close), never at the middle bar as the
 *   smartmoneyconcepts package does (that needs bar i before it has happened), and the middle
 *   candle's colour is not required.
 * - `gapMinimumSize` > 0 keeps only gaps with top - bottom >= gapMinimumSize * ATR(atrPeriod)
 *   at bar i; no gap is reported while the ATR is still warming up.
 * - Entered (partial mitigation): the first later bar whose low <= top (bullish) or whose
 *   high >= bottom (bearish): touching the near edge counts, as in smartmoneyconcepts.
 * - Filled (full mitigation): the first later bar whose low <= bottom (bullish; with
 *   `gapFillBy: 'close'`, whose close <= bottom), mirrored for bearish gaps. A bar that fills a
 *   gap also enters it if it was not entered before. A filled gap is done.
 * - Several gaps changing on one bar are updated in price order (the nearest first).
 */
export class FairValueGapDetector {
  readonly gaps: FairValueGap[] = [];
  /** The gap found at the latest bar, if any. */
  newGap: FairValueGap | undefined = undefined;
  /** Gaps entered / filled at the latest bar (reused: read them before the next update). */
  readonly entered: FairValueGap[] = [];
  readonly filled: FairValueGap[] = [];
  private readonly window: BarWindow;
  private readonly owned: boolean;
  private readonly tracker: GapTracker;

  /** `window`: a window shared with other detectors (built with `atrPeriod` when a minimum size is used), fed by its owner. */
  constructor(options: FairValueGapOptions = {}, window?: BarWindow) {
    const resolved = resolveStructureOptions(options);
    this.tracker = new GapTracker(resolved.gapMinimumSize, resolved.gapFillBy === 'close', this.gaps, this.entered, this.filled);
    this.owned = window === undefined;
    this.window = window ?? new BarWindow(3, resolved.gapMinimumSize > 0 ? resolved.atrPeriod : 0);
  }

  update(open: number, high: number, low: number, close: number, _volume: number, time: number): boolean {
    if (!this.window.push(open, high, low, close, time)) {
      this.clearBar();
      return false;
    }
    this.step();
    return true;
  }

  step(): void {
    this.clearBar();
    const window = this.window;
    const latest = window.count - 1;
    const mask = window.mask;
    const slot = latest & mask;
    const high = window.high[slot];
    const low = window.low[slot];
    // Older gaps first: the new one's own bar must not mitigate it.
    this.tracker.mitigate(high, low, window.close[slot], window.index, window.time[slot]);
    if (latest < 2) return;
    const first = (latest - 2) & mask;
    this.newGap = this.tracker.detect(window.high[first], window.low[first], high, low, window.index, window.time[slot], window.atr);
  }

  clearBar(): void {
    this.newGap = undefined;
    while (this.entered.length > 0) this.entered.pop(); // cheaper than setting length
    while (this.filled.length > 0) this.filled.pop();
  }

  writeColumns(columns: FairValueGapColumns, index: number): void {
    const gap = this.newGap;
    if (gap !== undefined) writeGap(columns, index, gap);
    columns.gapsEntered[index] = this.entered.length;
    columns.gapsFilled[index] = this.filled.length;
  }

  /** The gaps not filled yet. */
  openGaps(): FairValueGap[] {
    return this.tracker.openGaps();
  }

  reset(): void {
    if (this.owned) this.window.reset();
    this.gaps.length = 0;
    this.clearBar();
    this.tracker.reset();
  }
}

function writeGap(columns: FairValueGapColumns, index: number, gap: FairValueGap): void {
  columns.gap[index] = gap.direction;
  columns.gapTop[index] = gap.top;
  columns.gapBottom[index] = gap.bottom;
}

/** The gap rules of the incremental detector (`fairValueGapKernel` writes them out over whole columns). */
class GapTracker {
  // Bullish gaps wait for price to come down: first to the top (entry), then to the bottom (fill).
  private readonly bullishUntouched = new TriggerList<FairValueGap>('falling');
  private readonly bullishEntered = new TriggerList<FairValueGap>('falling');
  private readonly bearishUntouched = new TriggerList<FairValueGap>('rising');
  private readonly bearishEntered = new TriggerList<FairValueGap>('rising');

  constructor(
    private readonly minimumSize: number,
    private readonly fillByClose: boolean,
    private readonly gaps: FairValueGap[],
    private readonly entered: FairValueGap[],
    private readonly filled: FairValueGap[],
  ) {}

  /** The gap whose third bar is this one (its first bar's high and low given), if any. */
  detect(firstHigh: number, firstLow: number, high: number, low: number, index: number, time: number, atr: number): FairValueGap | undefined {
    let direction: 1 | -1;
    let top: number;
    let bottom: number;
    if (low > firstHigh) {
      direction = 1;
      top = low;
      bottom = firstHigh;
    } else if (high < firstLow) {
      direction = -1;
      top = firstLow;
      bottom = high;
    } else {
      return undefined;
    }
    // A NaN ATR fails the comparison: no gap during warm-up when a minimum is set.
    if (this.minimumSize > 0 && !(top - bottom >= this.minimumSize * atr)) return undefined;
    const gap: FairValueGap = { direction, top, bottom, index, time, enteredIndex: -1, enteredTime: NaN, filledIndex: -1, filledTime: NaN };
    this.gaps.push(gap);
    if (direction === 1) this.bullishUntouched.insert(gap, top);
    else this.bearishUntouched.insert(gap, bottom);
    return gap;
  }

  mitigate(high: number, low: number, close: number, index: number, time: number): void {
    const bullishFill = this.fillByClose ? close : low;
    const bearishFill = this.fillByClose ? close : high;
    const bullishUntouched = this.bullishUntouched;
    while (bullishUntouched.next >= low) {
      const gap = bullishUntouched.pop();
      this.enter(gap, index, time);
      this.bullishEntered.insert(gap, gap.bottom);
    }
    const bullishEntered = this.bullishEntered;
    while (bullishEntered.next >= bullishFill) this.fill(bullishEntered.pop(), index, time);
    const bearishUntouched = this.bearishUntouched;
    while (bearishUntouched.next <= high) {
      const gap = bearishUntouched.pop();
      this.enter(gap, index, time);
      this.bearishEntered.insert(gap, gap.top);
    }
    const bearishEntered = this.bearishEntered;
    while (bearishEntered.next <= bearishFill) this.fill(bearishEntered.pop(), index, time);
  }

  private enter(gap: FairValueGap, index: number, time: number): void {
    gap.enteredIndex = index;
    gap.enteredTime = time;
    this.entered.push(gap);
  }

  private fill(gap: FairValueGap, index: number, time: number): void {
    gap.filledIndex = index;
    gap.filledTime = time;
    this.filled.push(gap);
  }

  openGaps(): FairValueGap[] {
    return [...this.bullishUntouched.values(), ...this.bullishEntered.values(), ...this.bearishUntouched.values(), ...this.bearishEntered.values()];
  }

  reset(): void {
    this.bullishUntouched.clear();
    this.bullishEntered.clear();
    this.bearishUntouched.clear();
    this.bearishEntered.clear();
  }
}

/** Fair value gaps of `bars` and their mitigation (see `FairValueGapDetector` for the definitions). */
export function fairValueGaps(bars: Bars, options: FairValueGapOptions = {}): FairValueGapResult {
  const columns = createFairValueGapColumns(bars.length);
  if (hasMissingBar(bars)) {
    const detector = new FairValueGapDetector(options);
    const { open, high, low, close, volume, time } = bars;
    for (let i = 0; i < bars.length; i++) {
      detector.update(open[i], high[i], low[i], close[i], volume[i], time[i]);
      detector.writeColumns(columns, i);
    }
    return { ...columns, gaps: detector.gaps };
  }
  const resolved = resolveStructureOptions(options);
  const atr = resolved.gapMinimumSize > 0 ? streamedAtr(bars.high, bars.low, bars.close, resolved.atrPeriod) : undefined;
  return { ...columns, gaps: fairValueGapKernel(bars, resolved.gapMinimumSize, resolved.gapFillBy, atr, columns) };
}

/**
 * The batch form of `FairValueGapDetector` over bars with no missing values; `atr` (from
 * `streamedAtr`) is needed only with a minimum size. Arguments are not checked.
 *
 * `GapTracker`'s rules written out over the columns, its lists held in locals: a gap forms on
 * about one bar in four of daily stocks and is entered and filled soon after, so the per-gap
 * path runs hundreds of times per thousand bars and the tracker's indirections (fields,
 * counters, the optional event lists the detector keeps) were most of the kernel's time. The
 * tests compare the two on every bar.
 */
export function fairValueGapKernel(bars: Bars, minimumSize: number, fillBy: 'wick' | 'close', atr: Float64Array | undefined, columns: FairValueGapColumns): FairValueGap[] {
  const { high, low, close, time } = bars;
  const { gap: codes, gapTop, gapBottom, gapsEntered, gapsFilled } = columns;
  const gaps: FairValueGap[] = [];
  const bullishUntouched = new TriggerList<FairValueGap>('falling');
  const bullishEntered = new TriggerList<FairValueGap>('falling');
  const bearishUntouched = new TriggerList<FairValueGap>('rising');
  const bearishEntered = new TriggerList<FairValueGap>('rising');
  const byClose = fillBy === 'close';
  // The lists' `next` keys, in locals between changes (NaN, which no comparison passes, when empty).
  let bullishEntry = NaN;
  let bullishFillLevel = NaN;
  let bearishEntry = NaN;
  let bearishFillLevel = NaN;
  // The high and low of the bars one and two before, carried along: every typed-array read in
  // a loop that also writes typed arrays costs V8 a reload of the array's length and data pointer.
  let firstHigh = NaN;
  let firstLow = NaN;
  let middleHigh = NaN;
  let middleLow = NaN;
  for (let i = 0; i < high.length; i++) {
    const barHigh = high[i];
    const barLow = low[i];
    const bullishFill = byClose ? close[i] : barLow;
    const bearishFill = byClose ? close[i] : barHigh;
    // Older gaps first, in `GapTracker.mitigate`'s order; the common bar reaches none.
    if (bullishEntry >= barLow || bullishFillLevel >= bullishFill || bearishEntry <= barHigh || bearishFillLevel <= bearishFill) {
      const barTime = time[i];
      let entered = 0;
      let filled = 0;
      while (bullishUntouched.next >= barLow) {
        const gap = bullishUntouched.pop();
        gap.enteredIndex = i;
        gap.enteredTime = barTime;
        entered++;
        bullishEntered.insert(gap, gap.bottom);
      }
      while (bullishEntered.next >= bullishFill) {
        const gap = bullishEntered.pop();
        gap.filledIndex = i;
        gap.filledTime = barTime;
        filled++;
      }
      while (bearishUntouched.next <= barHigh) {
        const gap = bearishUntouched.pop();
        gap.enteredIndex = i;
        gap.enteredTime = barTime;
        entered++;
        bearishEntered.insert(gap, gap.top);
      }
      while (bearishEntered.next <= bearishFill) {
        const gap = bearishEntered.pop();
        gap.filledIndex = i;
        gap.filledTime = barTime;
        filled++;
      }
      gapsEntered[i] = entered;
      gapsFilled[i] = filled;
      bullishEntry = bullishUntouched.next;
      bullishFillLevel = bullishEntered.next;
      bearishEntry = bearishUntouched.next;
      bearishFillLevel = bearishEntered.next;
    }
    // `GapTracker.detect`, with bar i - 2 first (NaN on the first two bars, which fails both tests).
    const twoBackHigh = firstHigh;
    const twoBackLow = firstLow;
    firstHigh = middleHigh;
    firstLow = middleLow;
    middleHigh = barHigh;
    middleLow = barLow;
    let direction: 1 | -1;
    let top: number;
    let bottom: number;
    if (barLow > twoBackHigh) {
      direction = 1;
      top = barLow;
      bottom = twoBackHigh;
    } else if (barHigh < twoBackLow) {
      direction = -1;
      top = twoBackLow;
      bottom = barHigh;
    } else {
      continue;
    }
    if (minimumSize > 0 && !(top - bottom >= minimumSize * (atr === undefined ? NaN : atr[i]))) continue;
    const gap: FairValueGap = { direction, top, bottom, index: i, time: time[i], enteredIndex: -1, enteredTime: NaN, filledIndex: -1, filledTime: NaN };
    gaps.push(gap);
    if (direction === 1) {
      bullishUntouched.insert(gap, top);
      bullishEntry = bullishUntouched.next;
    } else {
      bearishUntouched.insert(gap, bottom);
      bearishEntry = bearishUntouched.next;
    }
    codes[i] = direction;
    gapTop[i] = top;
    gapBottom[i] = bottom;
  }
  return gaps;
}
