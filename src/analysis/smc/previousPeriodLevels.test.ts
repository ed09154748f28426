import { describe, expect, it } from 'vitest';
import { Bars } from '../../core/Bars.js';
import { Random } from '../../core/Random.js';
import { Timeframe } from '../../core/Timeframe.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { expectNoLookAhead } from '../../../test/smc/structureFixtures.js';
import { PreviousPeriodLevels, previousPeriodLevels } from './previousPeriodLevels.js';

const HOUR = 3_600_000;

function barsAt(timeframe: Timeframe, times: number[], highs: number[], lows: number[]): Bars {
  const bars = Bars.allocate('X', timeframe, times.length);
  times.forEach((time, i) => {
    bars.time[i] = time;
    bars.high[i] = highs[i];
    bars.low[i] = lows[i];
    bars.open[i] = bars.close[i] = (highs[i] + lows[i]) / 2;
  });
  return bars;
}

/** Day and week keys by calendar arithmetic on Date (independent of the detector's division). */
function dayKey(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
function weekKey(time: number): string {
  const date = new Date(time);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return dayKey(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - sinceMonday));
}

/** For each bar: the extremes of the latest earlier period (by key) that has bars, found by walking back. */
function reference(bars: Bars, key: (time: number) => string): { high: number[]; low: number[] } {
  const keys = Array.from(bars.time, key);
  const high: number[] = [];
  const low: number[] = [];
  for (let i = 0; i < bars.length; i++) {
    let j = i - 1;
    while (j >= 0 && keys[j] === keys[i]) j--;
    let top = NaN;
    let bottom = NaN;
    for (const previous = keys[j]; j >= 0 && keys[j] === previous; j--) {
      if (!(bars.high[j] <= top)) top = bars.high[j];
      if (!(bars.low[j] >= bottom)) bottom = bars.low[j];
    }
    high.push(top);
    low.push(bottom);
  }
  return { high, low };
}

describe('previous day and week levels', () => {
  it('hand-labelled 6-hour bars over a weekend: Monday sees Friday, Tuesday sees Monday; the new week sees the old one', () => {
    const friday = Date.UTC(2024, 0, 5);
    const monday = Date.UTC(2024, 0, 8);
    const tuesday = Date.UTC(2024, 0, 9);
    const times = [0, 6, 12, 18].map((h) => friday + h * HOUR).concat([0, 6, 12, 18].map((h) => monday + h * HOUR), [0, 6].map((h) => tuesday + h * HOUR));
    const highs = [10, 12, 11, 11.5, 13, 12.5, 14, 13.5, 15, 14.5];
    const lows = [9, 10, 9.5, 10.5, 11, 11.5, 12, 12.5, 13, 13.5];
    const result = previousPeriodLevels(barsAt(Timeframe.of('6h'), times, highs, lows));
    expect(Array.from(result.previousDayHigh)).toEqual([NaN, NaN, NaN, NaN, 12, 12, 12, 12, 14, 14]);
    expect(Array.from(result.previousDayLow)).toEqual([NaN, NaN, NaN, NaN, 9, 9, 9, 9, 11, 11]);
    expect(Array.from(result.previousWeekHigh)).toEqual([NaN, NaN, NaN, NaN, 12, 12, 12, 12, 12, 12]);
    expect(Array.from(result.previousWeekLow)).toEqual([NaN, NaN, NaN, NaN, 9, 9, 9, 9, 9, 9]);
  });

  it('match calendar arithmetic on hourly bars with missing hours and days', () => {
    const random = Random.fromSeed(5, 'hours');
    const times: number[] = [];
    for (let t = Date.UTC(2023, 11, 27, 5); times.length < 700; t += HOUR) if (random.nextDouble() > 0.2 && new Date(t).getUTCDay() !== 0) times.push(t);
    const highs = times.map(() => 100 + random.nextDouble() * 10);
    const lows = highs.map((high) => high - 1 - random.nextDouble() * 5);
    const bars = barsAt(Timeframe.of('1h'), times, highs, lows);
    const result = previousPeriodLevels(bars);
    const day = reference(bars, dayKey);
    const week = reference(bars, weekKey);
    expect(Array.from(result.previousDayHigh)).toEqual(day.high);
    expect(Array.from(result.previousDayLow)).toEqual(day.low);
    expect(Array.from(result.previousWeekHigh)).toEqual(week.high);
    expect(Array.from(result.previousWeekLow)).toEqual(week.low);
  });

  it('daily input: the previous day is the previous bar; weeks are Monday-based', () => {
    const bars = randomWalkBars(300, 2);
    const result = previousPeriodLevels(bars);
    expect(Array.from(result.previousDayHigh)).toEqual([NaN, ...Array.from(bars.high.subarray(0, 299))]);
    expect(Array.from(result.previousDayLow)).toEqual([NaN, ...Array.from(bars.low.subarray(0, 299))]);
    const week = reference(bars, weekKey);
    expect(Array.from(result.previousWeekHigh)).toEqual(week.high);
    expect(Array.from(result.previousWeekLow)).toEqual(week.low);
  });

  it('weekly input: the previous week (and day) is the previous bar', () => {
    const mondays = Array.from({ length: 20 }, (_, i) => Date.UTC(2024, 0, 1) + i * 7 * 24 * HOUR);
    const highs = mondays.map((_, i) => 50 + ((i * 7) % 11));
    const lows = highs.map((high, i) => high - 1 - (i % 3));
    const result = previousPeriodLevels(barsAt(Timeframe.of('1w'), mondays, highs, lows));
    expect(Array.from(result.previousWeekHigh)).toEqual([NaN, ...highs.slice(0, 19)]);
    expect(Array.from(result.previousWeekLow)).toEqual([NaN, ...lows.slice(0, 19)]);
    expect(Array.from(result.previousDayHigh)).toEqual([NaN, ...highs.slice(0, 19)]);
  });

  it('a skipped bar gets NaN and does not count toward its day', () => {
    const start = Date.UTC(2024, 0, 2);
    const bars = barsAt(Timeframe.of('6h'), [0, 6, 12, 18, 24].map((h) => start + h * HOUR), [10, 50, 11, 12, 13], [9, 8, 9, 9, 12]);
    bars.close[1] = NaN;
    const levels = new PreviousPeriodLevels();
    const seen: number[] = [];
    for (let i = 0; i < bars.length; i++) {
      const valid = levels.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], 0, bars.time[i]);
      seen.push(valid ? levels.previousDayHigh : -1);
    }
    expect(seen).toEqual([NaN, -1, NaN, NaN, 12]);
    const columns = previousPeriodLevels(bars);
    expect(columns.previousDayHigh[1]).toBeNaN();
    expect(columns.previousDayHigh[4]).toBe(12);
    expect(columns.previousDayLow[4]).toBe(9);
  });

  it('use no bar after the one they are reported at (look-ahead)', () => {
    expectNoLookAhead((bars) => previousPeriodLevels(bars));
  });
});
