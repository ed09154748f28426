import type { Timeframe } from '../../core/Timeframe.js';
import { formatTime } from '../../core/time.js';
import type { GapRecord, GapSummary } from './ValidationReport.js';

const DAY = 86_400_000;
const largestKept = 5;
/** Weekdays among the first r days counted from a Thursday (day 0 of the epoch): Thu Fri Sat Sun Mon Tue Wed. */
const weekdayPrefix = [0, 1, 2, 2, 2, 3, 4, 5];

export interface GapOptions {
  /** Default: `weekdays` for daily bars, `grid` otherwise (`sessions` when `sessions` is given). */
  basis?: 'grid' | 'weekdays' | 'sessions';
  /**
   * A sorted reference calendar of expected bar open times (ms, on the timeframe grid), e.g. the
   * union of all symbols' dates; used with basis `sessions`.
   */
  sessions?: ArrayLike<number>;
}

/**
 * Accumulates gaps between consecutive bars fed in time order. Callers only feed pairs more
 * than one step apart: with grid-aligned sessions no bar can be missing between bars one step
 * apart, so a validator can count gaps inside its main loop at no cost for contiguous data.
 */
export class GapCounter {
  readonly basis: GapSummary['basis'];
  private readonly step: number;
  private readonly sessions: ArrayLike<number> | undefined;
  private sessionIndex = 0;
  private count = 0;
  private missingBars = 0;
  private readonly largest: GapRecord[] = [];

  constructor(timeframe: Timeframe, options: GapOptions = {}) {
    const basis = options.basis ?? (options.sessions !== undefined ? 'sessions' : timeframe.code === '1d' ? 'weekdays' : 'grid');
    this.step = timeframe.milliseconds;
    // Weekly bars have no weekday structure; counting weekdays would need a fraction of a week.
    this.basis = basis === 'weekdays' && DAY % this.step !== 0 ? 'grid' : basis;
    this.sessions = options.sessions;
    if (this.basis === 'sessions' && this.sessions === undefined) {
      throw new TypeError('GapCounter: basis "sessions" needs options.sessions');
    }
  }

  /** Records the bars missing strictly between two consecutive bar times. */
  add(previous: number, current: number): void {
    let missing: number;
    if (this.basis === 'sessions') {
      // The pointer only moves forward, so a whole series costs O(bars + sessions).
      const sessions = this.sessions!;
      let index = this.sessionIndex;
      while (index < sessions.length && sessions[index] <= previous) index++;
      const start = index;
      while (index < sessions.length && sessions[index] < current) index++;
      this.sessionIndex = index;
      missing = index - start;
    } else if (this.basis === 'grid') {
      missing = Math.ceil((current - previous) / this.step) - 1;
    } else {
      missing = weekdayPointsBefore(current, this.step) - weekdayPointsBefore(previous + this.step, this.step);
    }
    if (missing <= 0) return;
    this.count++;
    this.missingBars += missing;
    const largest = this.largest;
    if (largest.length === largestKept && missing <= largest[largestKept - 1].missingBars) return;
    let position = largest.length;
    while (position > 0 && largest[position - 1].missingBars < missing) position--;
    largest.splice(position, 0, { from: formatTime(previous), to: formatTime(current), missingBars: missing });
    if (largest.length > largestKept) largest.pop();
  }

  summary(): GapSummary {
    return { basis: this.basis, count: this.count, missingBars: this.missingBars, largest: this.largest.slice() };
  }
}

/** Grid points (multiples of `step`, which divides a day) before `time` that fall Monday to Friday. */
function weekdayPointsBefore(time: number, step: number): number {
  const perDay = DAY / step;
  const point = Math.ceil(time / step);
  const day = Math.floor(point / perDay);
  const pointInDay = point - day * perDay;
  const weeks = Math.floor(day / 7);
  const dayInWeek = day - weeks * 7;
  const weekdays = weeks * 5 + weekdayPrefix[dayInWeek];
  const isWeekday = dayInWeek !== 2 && dayInWeek !== 3;
  return weekdays * perDay + (isWeekday ? pointInDay : 0);
}
