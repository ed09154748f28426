import type { Bars } from '../../core/Bars.js';
import { BarWindow } from './BarWindow.js';
import { barsPass } from './barsPass.js';
import { ColumnArena, type ColumnShape } from './ColumnArena.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** 1970-01-01 was a Thursday: weeks start on Monday 00:00 UTC, as `Timeframe.of('1w')` aligns them. */
const MONDAY = 4 * DAY;

/** Per-bar columns: the high and low of the previous UTC day and of the previous Monday-based UTC week, NaN until one has completed. */
export interface PreviousPeriodColumns {
  previousDayHigh: Float64Array;
  previousDayLow: Float64Array;
  previousWeekHigh: Float64Array;
  previousWeekLow: Float64Array;
}

/** Every row is written (NaN until a period has completed), so the columns need no NaN fill first. */
export const previousPeriodColumnShape: ColumnShape = Object.freeze({ floats: 0, indexes: 0, counts: 0, codes: 0, denseFloats: 4 });

export function createPreviousPeriodColumns(length: number, arena = new ColumnArena(length, previousPeriodColumnShape)): PreviousPeriodColumns {
  return {
    previousDayHigh: arena.denseFloat(),
    previousDayLow: arena.denseFloat(),
    previousWeekHigh: arena.denseFloat(),
    previousWeekLow: arena.denseFloat(),
  };
}

/**
 * Previous day and previous week high and low, the liquidity levels most traders mark.
 *
 * Definitions: a bar belongs to the UTC day and the Monday-based UTC week that contain its open
 * time. On a bar of day d the previous day is the latest earlier day that had bars (Friday's on
 * a Monday, for a market closed at weekends), and its high/low are the extremes of all its
 * bars; the current day never counts, since it is not over. Weeks alike. With daily input the
 * previous day is the previous bar; with weekly input the previous week is the previous bar
 * (and so is the previous day, the only earlier "day" there is). Times are expected in order;
 * a bar whose day differs from the one before starts a new day.
 */
export class PreviousPeriodLevels {
  private readonly window: BarWindow;
  private readonly owned: boolean;
  private readonly tracker = new PeriodTracker();
  private skipped = false;

  constructor(window?: BarWindow) {
    this.owned = window === undefined;
    this.window = window ?? new BarWindow(1);
  }

  get previousDayHigh(): number {
    return this.skipped ? NaN : this.tracker.previousDayHigh;
  }

  get previousDayLow(): number {
    return this.skipped ? NaN : this.tracker.previousDayLow;
  }

  get previousWeekHigh(): number {
    return this.skipped ? NaN : this.tracker.previousWeekHigh;
  }

  get previousWeekLow(): number {
    return this.skipped ? NaN : this.tracker.previousWeekLow;
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
    this.skipped = false;
    const window = this.window;
    const slot = (window.count - 1) & window.mask;
    this.tracker.bar(window.high[slot], window.low[slot], window.time[slot]);
  }

  clearBar(): void {
    this.skipped = true;
  }

  /** Writes row `index` in full: a skipped bar gets NaN. */
  writeColumns(columns: PreviousPeriodColumns, index: number): void {
    if (!this.skipped) {
      this.tracker.writeColumns(columns, index);
      return;
    }
    columns.previousDayHigh[index] = columns.previousDayLow[index] = columns.previousWeekHigh[index] = columns.previousWeekLow[index] = NaN;
  }

  reset(): void {
    if (this.owned) this.window.reset();
    this.tracker.reset();
    this.skipped = false;
  }
}

/** The period rules of the incremental form (`barsPass` repeats them over whole columns). */
class PeriodTracker {
  previousDayHigh = NaN;
  previousDayLow = NaN;
  previousWeekHigh = NaN;
  previousWeekLow = NaN;
  private dayStart = NaN;
  private dayEnd = NaN;
  private dayHigh = NaN;
  private dayLow = NaN;
  private weekStart = NaN;
  private weekEnd = NaN;
  private weekHigh = NaN;
  private weekLow = NaN;

  bar(high: number, low: number, time: number): void {
    // A new period starts when the time leaves the current one (or on the first bar, when the
    // bounds are NaN): two comparisons on most bars, the divisions only when a period changes.
    if (!(time >= this.dayStart && time < this.dayEnd)) {
      if (this.dayStart === this.dayStart) {
        this.previousDayHigh = this.dayHigh;
        this.previousDayLow = this.dayLow;
      }
      this.dayStart = Math.floor(time / DAY) * DAY;
      this.dayEnd = this.dayStart + DAY;
      this.dayHigh = high;
      this.dayLow = low;
    } else {
      if (high > this.dayHigh) this.dayHigh = high;
      if (low < this.dayLow) this.dayLow = low;
    }
    if (!(time >= this.weekStart && time < this.weekEnd)) {
      if (this.weekStart === this.weekStart) {
        this.previousWeekHigh = this.weekHigh;
        this.previousWeekLow = this.weekLow;
      }
      this.weekStart = Math.floor((time - MONDAY) / WEEK) * WEEK + MONDAY;
      this.weekEnd = this.weekStart + WEEK;
      this.weekHigh = high;
      this.weekLow = low;
    } else {
      if (high > this.weekHigh) this.weekHigh = high;
      if (low < this.weekLow) this.weekLow = low;
    }
  }

  writeColumns(columns: PreviousPeriodColumns, index: number): void {
    columns.previousDayHigh[index] = this.previousDayHigh;
    columns.previousDayLow[index] = this.previousDayLow;
    columns.previousWeekHigh[index] = this.previousWeekHigh;
    columns.previousWeekLow[index] = this.previousWeekLow;
  }

  reset(): void {
    this.previousDayHigh = this.previousDayLow = this.previousWeekHigh = this.previousWeekLow = NaN;
    this.dayStart = this.dayEnd = this.dayHigh = this.dayLow = this.weekStart = this.weekEnd = this.weekHigh = this.weekLow = NaN;
  }
}

/** Previous day and week high/low of `bars` (see `PreviousPeriodLevels` for the definitions). */
export function previousPeriodLevels(bars: Bars): PreviousPeriodColumns {
  const columns = createPreviousPeriodColumns(bars.length, new ColumnArena(bars.length, previousPeriodColumnShape, { prefillDense: false }));
  // The batch pass writes every row; it reports a missing bar, which only the incremental form skips.
  if (barsPass(bars, columns, 0, undefined)) return columns;
  const levels = new PreviousPeriodLevels();
  const { open, high, low, close, volume, time } = bars;
  for (let i = 0; i < bars.length; i++) {
    levels.update(open[i], high[i], low[i], close[i], volume[i], time[i]);
    levels.writeColumns(columns, i);
  }
  return columns;
}
