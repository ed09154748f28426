import { describe, expect, it } from 'vitest';
import { marketCalendar, newYorkOffset, nyseHolidays } from './marketCalendar.js';
import { Timeframe } from './Timeframe.js';

const DAY = 86_400_000;
const iso = (text: string) => Date.parse(text);
const dates = (days: Set<number>) => [...days].sort((a, b) => a - b).map((day) => new Date(day * DAY).toISOString().slice(0, 10));
const equity = marketCalendar('us-equity');
const crypto = marketCalendar('crypto');

describe('NYSE holidays', () => {
  // Published NYSE holiday calendars (nyse.com/markets/hours-calendars) for 2023, 2024 and 2027.
  it('matches the exchange calendar for 2024', () => {
    expect(dates(nyseHolidays(2024))).toEqual([
      '2024-01-01', '2024-01-15', '2024-02-19', '2024-03-29', '2024-05-27', '2024-06-19', '2024-07-04', '2024-09-02', '2024-11-28', '2024-12-25',
    ]);
  });

  it('observes weekend holidays on the nearest weekday, but not New Year on a Saturday', () => {
    // 2023: New Year on a Sunday -> Monday Jan 2. 2027: Juneteenth, Independence Day and Christmas fall at weekends.
    expect(dates(nyseHolidays(2023))).toEqual([
      '2023-01-02', '2023-01-16', '2023-02-20', '2023-04-07', '2023-05-29', '2023-06-19', '2023-07-04', '2023-09-04', '2023-11-23', '2023-12-25',
    ]);
    expect(dates(nyseHolidays(2027))).toEqual([
      '2027-01-01', '2027-01-18', '2027-02-15', '2027-03-26', '2027-05-31', '2027-06-18', '2027-07-05', '2027-09-06', '2027-11-25', '2027-12-24',
    ]);
    // 2022: New Year on a Saturday is not observed on Friday 2021-12-31.
    expect(nyseHolidays(2021).has(Date.UTC(2021, 11, 31) / DAY)).toBe(false);
    expect(nyseHolidays(2022).has(Date.UTC(2022, 0, 1) / DAY)).toBe(false);
  });
});

describe('us-equity sessions', () => {
  it('opens 09:30 and closes 16:00 New York time across daylight saving changes', () => {
    expect(equity.sessionOn(iso('2024-01-10T12:00:00Z'))).toEqual({ open: iso('2024-01-10T14:30:00Z'), close: iso('2024-01-10T21:00:00Z') });
    expect(equity.sessionOn(iso('2024-07-10T12:00:00Z'))).toEqual({ open: iso('2024-07-10T13:30:00Z'), close: iso('2024-07-10T20:00:00Z') });
    expect(newYorkOffset(iso('2024-03-10T06:59:00Z'))).toBe(5 * 3_600_000);
    expect(newYorkOffset(iso('2024-03-10T07:00:00Z'))).toBe(4 * 3_600_000);
    expect(newYorkOffset(iso('2024-11-03T05:59:00Z'))).toBe(4 * 3_600_000);
    expect(newYorkOffset(iso('2024-11-03T06:00:00Z'))).toBe(5 * 3_600_000);
  });

  it('closes at 13:00 on early-close days and not at all on holidays and weekends', () => {
    expect(equity.sessionOn(iso('2024-11-29T12:00:00Z'))?.close).toBe(iso('2024-11-29T18:00:00Z'));
    expect(equity.sessionOn(iso('2024-12-24T12:00:00Z'))?.close).toBe(iso('2024-12-24T18:00:00Z'));
    expect(equity.sessionOn(iso('2024-07-03T12:00:00Z'))?.close).toBe(iso('2024-07-03T17:00:00Z'));
    expect(equity.sessionOn(iso('2024-12-25T15:00:00Z'))).toBeUndefined();
    expect(equity.sessionOn(iso('2024-06-15T15:00:00Z'))).toBeUndefined();
  });

  it('a daily bar cached on Friday evening stays valid until Monday\'s close, and over a holiday until the next session closes', () => {
    const day = Timeframe.of('1d');
    expect(equity.nextBarClose(iso('2024-06-14T22:00:00Z'), day)).toBe(iso('2024-06-17T20:00:00Z'));
    expect(equity.nextBarClose(iso('2024-06-15T10:00:00Z'), day)).toBe(iso('2024-06-17T20:00:00Z'));
    // Thursday 2024-07-04 is a holiday: Wednesday evening's cache lasts to Friday's close.
    expect(equity.nextBarClose(iso('2024-07-03T21:00:00Z'), day)).toBe(iso('2024-07-05T20:00:00Z'));
    // During the session the forming daily bar closes at 16:00.
    expect(equity.nextBarClose(iso('2024-06-17T15:00:00Z'), day)).toBe(iso('2024-06-17T20:00:00Z'));
  });

  it('an intraday bar closes at the next grid line, or at the session close, or after the next open', () => {
    const hour = Timeframe.of('1h');
    expect(equity.nextBarClose(iso('2024-06-17T15:10:00Z'), hour)).toBe(iso('2024-06-17T16:00:00Z'));
    expect(equity.nextBarClose(iso('2024-06-17T19:30:00Z'), hour)).toBe(iso('2024-06-17T20:00:00Z'));
    expect(equity.nextBarClose(iso('2024-06-17T23:00:00Z'), hour)).toBe(iso('2024-06-18T14:00:00Z'));
    expect(equity.nextBarClose(iso('2024-06-15T12:00:00Z'), Timeframe.of('1w'))).toBe(iso('2024-06-21T20:00:00Z'));
  });
});

describe('crypto', () => {
  it('trades around the clock: the forming bar closes at the next grid line, weekends included', () => {
    expect(crypto.nextBarClose(iso('2024-06-15T10:20:00Z'), Timeframe.of('1h'))).toBe(iso('2024-06-15T11:00:00Z'));
    expect(crypto.nextBarClose(iso('2024-06-15T10:20:00Z'), Timeframe.of('1d'))).toBe(iso('2024-06-16T00:00:00Z'));
  });
});
