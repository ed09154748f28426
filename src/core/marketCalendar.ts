import type { Timeframe } from './Timeframe.js';

/**
 * When a market trades, as pure date arithmetic (no clock, no time-zone database): enough to
 * tell when a cached bar can change next. Two markets: `crypto` trades every minute of every
 * day; `us-equity` is the NYSE regular session, 09:30-16:00 New York time on trading days,
 * 13:00 on early-close days, with the exchange's holidays.
 */
export type MarketName = 'us-equity' | 'crypto';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A trading session in ms since the epoch (UTC), open inclusive, close exclusive. */
export interface Session {
  open: number;
  close: number;
}

export interface MarketCalendar {
  readonly name: MarketName;
  /** The session of the UTC calendar day that contains `time`, or undefined on a closed day. */
  sessionOn(time: number): Session | undefined;
  /** The first session whose close is after `time` (the current one when the market is open). */
  nextSession(time: number): Session;
  /**
   * When the bar that is forming (or next to form) at `time` closes: the moment a cached range
   * ending now gains a bar. For a closed market it is the close of the first bar of the next
   * session, so daily bars cached on a Friday evening stay valid over the weekend.
   */
  nextBarClose(time: number, timeframe: Timeframe): number;
}

export function marketCalendar(name: MarketName): MarketCalendar {
  return name === 'crypto' ? cryptoCalendar : usEquityCalendar;
}

const cryptoCalendar: MarketCalendar = {
  name: 'crypto',
  sessionOn(time) {
    const open = Math.floor(time / DAY) * DAY;
    return { open, close: open + DAY };
  },
  nextSession(time) {
    return this.sessionOn(time)!;
  },
  nextBarClose(time, timeframe) {
    return timeframe.align(time) + timeframe.milliseconds;
  },
};

const usEquityCalendar: MarketCalendar = {
  name: 'us-equity',
  sessionOn(time) {
    const day = Math.floor(time / DAY);
    const date = new Date(day * DAY);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth();
    const dayOfMonth = date.getUTCDate();
    const weekday = date.getUTCDay();
    if (weekday === 0 || weekday === 6 || nyseHolidays(year).has(day)) return undefined;
    const offset = newYorkOffset(day * DAY + 12 * HOUR);
    const open = day * DAY + 9 * HOUR + 30 * MINUTE + offset;
    const close = day * DAY + (isEarlyClose(year, month, dayOfMonth, day) ? 13 : 16) * HOUR + offset;
    return { open, close };
  },
  nextSession(time) {
    for (let day = Math.floor(time / DAY); ; day++) {
      const session = this.sessionOn(day * DAY);
      if (session !== undefined && session.close > time) return session;
    }
  },
  nextBarClose(time, timeframe) {
    const session = this.nextSession(time);
    if (timeframe.milliseconds >= DAY) {
      // A daily (or weekly) bar closes with its session; a weekly one with the week's last session.
      if (timeframe.milliseconds === DAY) return session.close;
      const firstDay = Math.floor(session.open / DAY);
      const monday = firstDay - ((weekdayOf(firstDay) + 6) % 7);
      let last = session;
      for (let day = firstDay + 1; day < monday + 7; day++) last = this.sessionOn(day * DAY) ?? last;
      return last.close;
    }
    const start = Math.max(time, session.open);
    // Intraday bars lie on the UTC grid; the bar forming at `start` closes at the next grid line,
    // or at the session close if that comes first.
    return Math.min(timeframe.align(start) + timeframe.milliseconds, session.close);
  },
};

/**
 * New York's offset from UTC in ms at `time` (4 h in daylight time, 5 h otherwise): DST runs
 * from 02:00 local on the second Sunday of March to 02:00 local on the first Sunday of November
 * (the rule since 2007).
 */
export function newYorkOffset(time: number): number {
  const year = new Date(time).getUTCFullYear();
  const start = nthWeekdayOfMonth(year, 2, 0, 2) * DAY + 2 * HOUR + 5 * HOUR;
  const end = nthWeekdayOfMonth(year, 10, 0, 1) * DAY + 2 * HOUR + 4 * HOUR;
  return time >= start && time < end ? 4 * HOUR : 5 * HOUR;
}

const holidayCache = new Map<number, Set<number>>();

/** NYSE full-day holidays of a year, as day numbers (days since the epoch, UTC). */
export function nyseHolidays(year: number): Set<number> {
  let days = holidayCache.get(year);
  if (days !== undefined) return days;
  days = new Set<number>();
  const add = (day: number | undefined) => day !== undefined && days!.add(day);
  // New Year's Day; on a Saturday it is not observed (NYSE keeps Friday Dec 31 open).
  const newYear = dayNumber(year, 0, 1);
  if (weekdayOf(newYear) === 0) add(newYear + 1);
  else if (weekdayOf(newYear) !== 6) add(newYear);
  add(nthWeekdayOfMonth(year, 0, 1, 3)); // Martin Luther King Jr. Day
  add(nthWeekdayOfMonth(year, 1, 1, 3)); // Washington's Birthday
  add(easterSunday(year) - 2); // Good Friday
  add(lastWeekdayOfMonth(year, 4, 1)); // Memorial Day
  if (year >= 2022) add(observed(dayNumber(year, 5, 19))); // Juneteenth
  add(observed(dayNumber(year, 6, 4))); // Independence Day
  add(nthWeekdayOfMonth(year, 8, 1, 1)); // Labor Day
  add(nthWeekdayOfMonth(year, 10, 4, 4)); // Thanksgiving
  add(observed(dayNumber(year, 11, 25))); // Christmas
  holidayCache.set(year, days);
  return days;
}

/** 13:00 closes: the day before Independence Day, the day after Thanksgiving, Christmas Eve. */
function isEarlyClose(year: number, month: number, dayOfMonth: number, day: number): boolean {
  if (month === 6 && dayOfMonth === 3) return true;
  if (month === 11 && dayOfMonth === 24) return true;
  return day === nthWeekdayOfMonth(year, 10, 4, 4) + 1;
}

/** A Saturday holiday is observed on Friday, a Sunday one on Monday. */
function observed(day: number): number {
  const weekday = weekdayOf(day);
  return weekday === 6 ? day - 1 : weekday === 0 ? day + 1 : day;
}

function dayNumber(year: number, month: number, dayOfMonth: number): number {
  return Date.UTC(year, month, dayOfMonth) / DAY;
}

function weekdayOf(day: number): number {
  return (day + 4) % 7;
}

function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): number {
  const first = dayNumber(year, month, 1);
  return first + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (n - 1);
}

function lastWeekdayOfMonth(year: number, month: number, weekday: number): number {
  const last = dayNumber(year, month + 1, 1) - 1;
  return last - ((weekdayOf(last) - weekday + 7) % 7);
}

/** Gregorian Easter Sunday (the anonymous Gregorian algorithm), as a day number. */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(year, month - 1, dayOfMonth);
}
